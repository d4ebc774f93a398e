/**
 * The embedded server's error type and the two JSON envelopes Confluence answers errors with:
 * v2 `{"errors":[{status,code,title,detail}]}` and v1 `{statusCode,data,message,reason}`
 * (confluence-api.md §4.1–4.2). Handlers throw `ApiError`; the HTTP layer picks the envelope.
 */

/** Which envelope an error is answered in: the API family of the route that failed. */
export type Envelope = 'v1' | 'v2';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const V2_CODES: Record<number, string> = {
  400: 'INVALID_REQUEST_PARAMETER',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'REQUEST_ENTITY_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

/** An error a handler answers with: HTTP status plus Confluence's message text. */
export class ApiError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The request kind to log when it differs from the route's (see `ApiResponse.kind`). */
  kind?: string;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.headers = headers;
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, message);
export const notFound = (message: string): ApiError => new ApiError(404, message);
export const conflict = (message: string): ApiError => new ApiError(409, message);

/** Reason phrase for a status, as Confluence's v1 envelope `reason` carries it. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error';
}

/** The JSON body of an error in the requested envelope. */
export function errorBody(envelope: Envelope, status: number, message: string): unknown {
  if (envelope === 'v2') {
    return { errors: [{ status, code: V2_CODES[status] ?? 'ERROR', title: message, detail: null }] };
  }
  return {
    statusCode: status,
    data: {
      authorized: status !== 401,
      valid: true,
      allowedInReadOnlyMode: true,
      errors: [],
      successful: false,
    },
    message,
    reason: reasonPhrase(status),
  };
}
