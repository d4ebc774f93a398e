/**
 * The error for a space key Confluence does not know (or does not show to these credentials).
 */
import { ConfluenceError } from './errors.js';

export function spaceNotFound(key: string, method: string, path: string, cause?: unknown): ConfluenceError {
  return new ConfluenceError({
    status: 404,
    method,
    path,
    cause,
    message:
      `Confluence space "${key}" was not found: check \`space\` (the space key, e.g. DOCS, is case-sensitive) ` +
      'and that the account behind the token can view that space',
  });
}
