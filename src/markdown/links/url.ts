/**
 * Classify a link or image URL written by an author. Decisions only; rendering is elsewhere.
 */

export type UrlTarget =
  /** `#fragment`: an anchor on this page. */
  | { kind: 'anchor'; fragment: string }
  /**
   * A URL with a scheme we pass through (`https:`, `mailto:` …). A protocol-relative `//host/x`
   * is made `https://host/x`: the scheme Confluence pages are served with.
   */
  | { kind: 'external'; href: string; scheme: string }
  /** A scheme that runs code or smuggles content (`javascript:`, `vbscript:`, `data:`). */
  | { kind: 'blocked'; scheme: string }
  /** A path in the workspace (relative, or absolute from the workspace root), percent-decoded. */
  | { kind: 'local'; path: string; fragment: string | undefined }
  /** Nothing to point at (`[x]()`, `[x](?q)`). */
  | { kind: 'empty' };

/**
 * Schemes that execute or embed content when clicked. Browsers ignore ASCII whitespace and
 * control characters inside a scheme (`java\tscript:`), so those are removed before comparing.
 */
const BLOCKED_SCHEMES = new Set(['javascript', 'vbscript', 'data', 'livescript']);

/**
 * Schemes a link may use: the web, e-mail and phone numbers. Anything else (`file:`, `ftp:`,
 * `ac:`, `ri:`, an app's own scheme) is not a link a Confluence reader can follow, or is markup
 * in disguise; it is shown as plain text.
 */
export const LINK_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'tel']);

// eslint-disable-next-line no-control-regex -- browsers drop these characters from URLs
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Decode `%20`-style escapes; a malformed escape leaves the text as written. */
export function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function classifyUrl(url: string): UrlTarget {
  const trimmed = url.trim();
  const squeezed = trimmed.replace(IGNORED_IN_SCHEME, '');
  const scheme = SCHEME.exec(squeezed)?.[1]?.toLowerCase();
  // A one-letter "scheme" is a Windows drive (`C:\docs`), not a URL: treat it as a path.
  if (scheme !== undefined && scheme.length > 1) {
    if (BLOCKED_SCHEMES.has(scheme)) return { kind: 'blocked', scheme };
    return { kind: 'external', href: trimmed, scheme };
  }
  if (trimmed.startsWith('//')) return { kind: 'external', href: `https:${trimmed}`, scheme: 'https' };
  if (trimmed.startsWith('#')) return { kind: 'anchor', fragment: percentDecode(trimmed.slice(1)) };

  const hash = trimmed.indexOf('#');
  const fragment = hash === -1 ? undefined : percentDecode(trimmed.slice(hash + 1));
  const beforeHash = hash === -1 ? trimmed : trimmed.slice(0, hash);
  const query = beforeHash.indexOf('?');
  const path = percentDecode(query === -1 ? beforeHash : beforeHash.slice(0, query));
  if (path === '') return fragment === undefined ? { kind: 'empty' } : { kind: 'anchor', fragment };
  return { kind: 'local', path, fragment: fragment === '' ? undefined : fragment };
}
