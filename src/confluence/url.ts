/**
 * Pure URL handling: normalising what the user typed, building API URLs under the base, and
 * following pagination links. No request is made here.
 */
import type { Flavor } from './types.js';

/** The two API roots under a base URL. Cloud has both; Data Center only `v1`. */
export type ApiVersion = 'v1' | 'v2';

const API_ROOT: Record<ApiVersion, string> = { v1: '/rest/api', v2: '/api/v2' };

export interface NormalisedBaseUrl {
  /** Without trailing slash: `https://acme.atlassian.net/wiki`, `http://host:8090/confluence`. */
  url: string;
  /** Things worth a warning (e.g. `/wiki` added). */
  warnings: string[];
}

/** True for hosts that are certainly Confluence Cloud. */
export function isCloudHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host.endsWith('.atlassian.net') || host === 'api.atlassian.com';
}

/**
 * Validate and tidy the configured base URL: http(s) only, no credentials, no query or fragment,
 * no trailing slash. A `*.atlassian.net` URL without `/wiki` gets it added (the API lives there),
 * and a pasted page URL (`…/wiki/spaces/DOCS/pages/1`) is cut back to `…/wiki`.
 */
export function normaliseBaseUrl(input: string): NormalisedBaseUrl {
  const warnings: string[] = [];
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error('confluence-url is not a valid URL (expected e.g. https://acme.atlassian.net/wiki)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`confluence-url must start with https:// or http:// (got ${url.protocol})`);
  }
  if (url.username || url.password) {
    // Never echo the URL: the part before @ is a credential.
    throw new Error('confluence-url must not contain credentials; pass them as username and token');
  }
  if (url.search || url.hash)
    warnings.push(`Ignoring the query/fragment of confluence-url ${url.origin}${url.pathname}`);
  let path = url.pathname.replace(/\/+$/, '');
  if (url.hostname.toLowerCase().endsWith('.atlassian.net')) {
    const wiki = path.match(/^\/wiki(?=\/|$)/);
    if (!wiki) {
      warnings.push(
        `confluence-url ${url.origin}${path} has no /wiki; using ${url.origin}/wiki (where Cloud's API lives)`,
      );
      path = '/wiki';
    } else if (path !== '/wiki') {
      warnings.push(`confluence-url points inside the site; using ${url.origin}/wiki`);
      path = '/wiki';
    }
  }
  return { url: `${url.origin}${path}`, warnings };
}

export type QueryValue = string | number | boolean | undefined;

/** `{base}{/rest/api|/api/v2}{path}?{query}`; undefined query values are left out. */
export function apiUrl(
  base: string,
  api: ApiVersion,
  path: string,
  query?: Record<string, QueryValue>,
): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) search.append(name, String(value));
  }
  const qs = search.toString();
  return `${base}${API_ROOT[api]}${path}${qs ? `?${qs}` : ''}`;
}

/**
 * Absolute URL of a `_links.next` value. v2 links are host-relative and include the base path
 * (`/wiki/api/v2/…`); v1 links are relative to the base (`/rest/api/…`). Through the API gateway
 * (`api.atlassian.com/ex/confluence/<cloudId>`) Cloud still answers `/wiki/…`, which is dropped.
 * An absolute link is re-rooted on our base's origin so a misreported host never gets our token.
 */
export function resolveNextLink(base: string, next: string): string {
  const baseUrl = new URL(base);
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  let rest = next;
  if (/^https?:\/\//i.test(next)) {
    const parsed = new URL(next);
    rest = `${parsed.pathname}${parsed.search}`;
  }
  if (!rest.startsWith('/')) rest = `/${rest}`;
  if (basePath && (rest === basePath || rest.startsWith(`${basePath}/`))) return `${baseUrl.origin}${rest}`;
  if (rest.startsWith('/wiki/')) rest = rest.slice('/wiki'.length);
  return `${baseUrl.origin}${basePath}${rest}`;
}

/** Path and query of a URL, for error messages and logs (never the origin or credentials). */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * The page's address in the UI. Cloud: `{base}/spaces/{KEY}/pages/{id}` (or the `webui` link
 * Confluence gave when the key is unknown); Data Center: `viewpage.action`, which survives renames.
 */
export function pageUrl(input: {
  flavor: Flavor;
  base: string;
  id: string;
  spaceKey?: string;
  webui?: string;
}): string {
  const { base, id } = input;
  if (input.flavor === 'datacenter') return `${base}/pages/viewpage.action?pageId=${encodeURIComponent(id)}`;
  if (input.spaceKey)
    return `${base}/spaces/${encodeURIComponent(input.spaceKey)}/pages/${encodeURIComponent(id)}`;
  if (input.webui) return resolveNextLink(base, input.webui);
  return `${base}/pages/viewpage.action?pageId=${encodeURIComponent(id)}`;
}
