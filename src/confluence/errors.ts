/**
 * Typed errors for everything that talks to Confluence. Callers branch on `status`/`kind`,
 * never on message text. Messages never contain credentials: the request is described by
 * method and path only (no headers, no query secrets).
 */
export type ConfluenceErrorKind =
  | 'auth' // 401/403: wrong token, wrong user, no permission
  | 'not-found' // 404
  | 'conflict' // 409: stale version
  | 'title-exists' // 400 "A page with this title already exists"
  | 'invalid-storage' // 400 "Error parsing xhtml"
  | 'bad-request' // other 400s
  | 'too-large' // 413
  | 'rate-limited' // 429 after retries ran out
  | 'server' // 5xx after retries ran out
  | 'network' // connection refused/reset/timeout after retries ran out
  | 'unexpected'; // anything else

export interface ConfluenceErrorInit {
  status: number; // 0 for network failures
  method: string;
  /** Path and query of the request, without origin or credentials. */
  path: string;
  /** The message Confluence returned (v1 `message` or v2 `errors[0].title`), if any. */
  confluenceMessage?: string;
  /** Workspace-relative file the request was made for, when known. */
  file?: string;
  cause?: unknown;
  /**
   * Message to show instead of the generated `METHOD path failed (status): …`, for failures a
   * user can act on (bad credentials, unknown space, unreachable host). Must not contain secrets.
   */
  message?: string;
  /** Kind to use instead of the one derived from `status` (e.g. `bad-request` for an unsupported feature). */
  kind?: ConfluenceErrorKind;
  /** Network error code (`ECONNREFUSED`, `ECONNRESET`, `ETIMEDOUT`…) when `status` is 0. */
  code?: string;
}

export class ConfluenceError extends Error {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly confluenceMessage: string | undefined;
  readonly kind: ConfluenceErrorKind;
  /** Network error code when `status` is 0 (`ECONNREFUSED`, `ECONNRESET`…). */
  readonly code: string | undefined;
  file: string | undefined;

  constructor(init: ConfluenceErrorInit) {
    const what = init.confluenceMessage ?? (init.status === 0 ? 'no response' : `HTTP ${init.status}`);
    super(init.message ?? `${init.method} ${init.path} failed (${init.status || 'network'}): ${what}`, {
      cause: init.cause,
    });
    this.name = 'ConfluenceError';
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.confluenceMessage = init.confluenceMessage;
    this.file = init.file;
    this.code = init.code;
    this.kind = init.kind ?? classify(init.status, init.confluenceMessage);
  }
}

function classify(status: number, message: string | undefined): ConfluenceErrorKind {
  const m = message ?? '';
  if (status === 0) return 'network';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too-large';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  if (status === 400 && /title already exists|already exists with the same TITLE|same name/i.test(m))
    return 'title-exists';
  if (status === 400 && /Error parsing xhtml/i.test(m)) return 'invalid-storage';
  if (status === 400) return 'bad-request';
  return 'unexpected';
}

export const isNotFound = (e: unknown): e is ConfluenceError =>
  e instanceof ConfluenceError && e.kind === 'not-found';
export const isVersionConflict = (e: unknown): e is ConfluenceError =>
  e instanceof ConfluenceError && e.kind === 'conflict';
export const isTitleExists = (e: unknown): e is ConfluenceError =>
  e instanceof ConfluenceError && e.kind === 'title-exists';
