/**
 * Helpers for the one hard case of a remote write: the request went out, the answer did not come
 * back, and the write may or may not have happened.
 */
import { ConfluenceError } from './errors.js';
import type { RequestTrace } from './http.js';
import { isAmbiguous } from './retry.js';

/** True when `error` says the request may have been processed although it failed. */
export function isLostAnswer(error: unknown): error is ConfluenceError {
  return error instanceof ConfluenceError && isAmbiguous({ status: error.status, code: error.code });
}

export function newTrace(): RequestTrace {
  return { ambiguousRetries: 0 };
}

/** True when the request was repeated after an answer that may have come after the work was done. */
export function repeatedAfterLostAnswer(trace: RequestTrace): boolean {
  return trace.ambiguousRetries > 0;
}

/** The same error with a message that adds context; status, kind and Confluence's message are kept. */
export function withContext(error: ConfluenceError, message: string): ConfluenceError {
  return new ConfluenceError({
    status: error.status,
    method: error.method,
    path: error.path,
    confluenceMessage: error.confluenceMessage,
    file: error.file,
    cause: error,
    kind: error.kind,
    code: error.code,
    message: `${message}: ${error.message}`,
  });
}
