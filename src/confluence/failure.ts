/**
 * Turning a failed exchange into a `ConfluenceError`: reading Confluence's two error envelopes
 * and wording the failures a user can fix (credentials, unreachable host) so they can act on them.
 */
import { ConfluenceError } from './errors.js';
import { pathOf } from './url.js';

/** v2: `{"errors":[{"status":409,"code":"CONFLICT","title":"…","detail":null}]}`. */
interface V2ErrorEnvelope {
  errors?: Array<{ status?: number; code?: string; title?: string | null; detail?: string | null }>;
}
/** v1 (Cloud v1, Data Center) and the API gateway: `{"statusCode":400,"message":"…","reason":"…"}`. */
interface V1ErrorEnvelope {
  message?: string;
  reason?: string;
}

const MAX_TEXT_MESSAGE = 300;

/**
 * The message Confluence put in an error body: v2 `errors[0].title` (with `detail` when it adds
 * something), v1 `message`, or a short plain-text body. HTML error pages give `undefined`.
 */
export function confluenceMessageOf(body: string, contentType: string | null): string | undefined {
  const text = body.trim();
  if (!text) return undefined;
  if (/json/i.test(contentType ?? '') || text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (parsed && typeof parsed === 'object')
      return fromEnvelope(parsed as V2ErrorEnvelope & V1ErrorEnvelope);
  }
  if (/^text\/plain/i.test(contentType ?? '') && text.length <= MAX_TEXT_MESSAGE) return text;
  return undefined;
}

function fromEnvelope(envelope: V2ErrorEnvelope & V1ErrorEnvelope): string | undefined {
  const first = Array.isArray(envelope.errors) ? envelope.errors[0] : undefined;
  if (first) {
    const title = nonEmpty(first.title);
    const detail = nonEmpty(first.detail);
    if (title && detail && !title.includes(detail)) return `${title}: ${detail}`;
    if (title ?? detail) return title ?? detail;
  }
  return nonEmpty(envelope.message) ?? nonEmpty(envelope.reason);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export const CREDENTIALS_REJECTED =
  'Confluence rejected the credentials (HTTP 401): check `username` (Cloud: the account e-mail) and ' +
  '`token` (an API token for Cloud, a personal access token for Data Center)';

export interface ResponseFailure {
  status: number;
  method: string;
  url: string;
  body: string;
  contentType: string | null;
  /** `Location` of a redirect. */
  location?: string | null;
  file?: string;
  /** Retries already spent on this request. */
  retries: number;
  /** Why the client stopped early, appended to the message. */
  note?: string;
}

/** The error for an HTTP answer that was not a success. */
export function responseError(failure: ResponseFailure): ConfluenceError {
  const path = pathOf(failure.url);
  const confluenceMessage = confluenceMessageOf(failure.body, failure.contentType);
  const base = {
    status: failure.status,
    method: failure.method,
    path,
    confluenceMessage,
    file: failure.file,
  };
  if (failure.status === 401) return new ConfluenceError({ ...base, message: CREDENTIALS_REJECTED });
  if (failure.status >= 300 && failure.status < 400) {
    const to = failure.location ? ` to ${safeLocation(failure.location, failure.url)}` : '';
    return new ConfluenceError({
      ...base,
      message: `Confluence redirected ${failure.method} ${path} (HTTP ${failure.status})${to}: check confluence-url (scheme, host and context path)`,
    });
  }
  const notes = [
    failure.retries > 0
      ? `gave up after ${failure.retries} ${plural(failure.retries, 'retry', 'retries')}`
      : '',
    failure.note ?? '',
  ].filter(Boolean);
  if (notes.length > 0) {
    const what = confluenceMessage ?? `HTTP ${failure.status}`;
    return new ConfluenceError({
      ...base,
      message: `${failure.method} ${path} failed (${failure.status}): ${what} (${notes.join('; ')})`,
    });
  }
  return new ConfluenceError(base);
}

/** The error for an attempt that got no HTTP answer; names the origin and the error code. */
export function networkError(input: {
  method: string;
  url: string;
  cause: unknown;
  file?: string;
  retries: number;
}): ConfluenceError {
  const code = networkCode(input.cause);
  const origin = new URL(input.url).origin;
  const path = pathOf(input.url);
  const gaveUp =
    input.retries > 0 ? `, gave up after ${input.retries} ${plural(input.retries, 'retry', 'retries')}` : '';
  return new ConfluenceError({
    status: 0,
    method: input.method,
    path,
    file: input.file,
    cause: input.cause,
    code,
    message: `Cannot reach Confluence at ${origin}: ${code} (${input.method} ${path}${gaveUp})`,
  });
}

/**
 * The error code of a failed `fetch`: undici wraps the socket error as `TypeError('fetch failed',
 * { cause })`; an aborted attempt (our timeout) is a `TimeoutError`.
 */
export function networkCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && candidate.code) return candidate.code;
    if (candidate.name === 'TimeoutError' || candidate.name === 'AbortError') return 'ETIMEDOUT';
    current = candidate.cause;
  }
  return 'ENETWORK';
}

function safeLocation(location: string, requestUrl: string): string {
  try {
    const to = new URL(location, requestUrl);
    return `${to.origin}${to.pathname}`;
  } catch {
    return 'another address';
  }
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
