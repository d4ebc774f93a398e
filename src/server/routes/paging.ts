/**
 * Pagination as Confluence does it: `limit` 1–250, opaque cursors, `_links.next` plus a `Link`
 * header. v2 `next` links carry the full path (with `/wiki`), v1 `next` links are relative to
 * `_links.base` (no context path), as Confluence sends them; the `Link` header always carries the
 * full path so it resolves against the origin.
 */
import { badRequest } from '../errors.js';
import type { ApiRequest } from '../router.js';
import type { Site } from '../site.js';

export const MAX_LIMIT = 250;

/** `limit` from the query (400 outside 1–`max`). */
export function readLimit(query: URLSearchParams, fallback = 25, max = MAX_LIMIT): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw badRequest(`The limit parameter must be an integer between 1 and ${max}; got '${raw}'`);
  }
  return n;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, k: 'cmsync' })).toString('base64url');
}

/** Offset encoded in `cursor` (0 without one; 400 when it is not one of ours). */
export function readCursor(query: URLSearchParams): number {
  const raw = query.get('cursor');
  if (raw === null || raw === '') return 0;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    const o = (decoded as { o?: unknown }).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through
  }
  throw badRequest(`Invalid cursor: ${raw}`);
}

/** `start` from the query (v1 offset pagination). */
export function readStart(query: URLSearchParams): number {
  const raw = query.get('start');
  if (raw === null || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw badRequest(`The start parameter must be a non-negative integer; got '${raw}'`);
  return n;
}

/** The request's own path and query with some parameters replaced. */
function withParams(req: ApiRequest, replace: Record<string, string>): { path: string; search: string } {
  const query = new URLSearchParams(req.query);
  for (const [k, v] of Object.entries(replace)) query.set(k, v);
  return { path: req.path, search: query.toString() };
}

export interface PageOfResults<T> {
  items: T[];
  /** Body fields to merge into the list response. */
  links: Record<string, string>;
  headers: Record<string, string>;
}

/** v2 cursor pagination over an already filtered and sorted list. */
export function cursorPageV2<T>(site: Site, req: ApiRequest, all: T[], fallbackLimit = 25): PageOfResults<T> {
  const limit = readLimit(req.query, fallbackLimit);
  const offset = readCursor(req.query);
  const items = all.slice(offset, offset + limit);
  const links: Record<string, string> = { base: site.baseUrl };
  const headers: Record<string, string> = {};
  if (offset + limit < all.length) {
    const { path, search } = withParams(req, { cursor: encodeCursor(offset + limit), limit: String(limit) });
    links.next = `${path}?${search}`;
    headers.Link = `<${links.next}>; rel="next", <${site.baseUrl}>; rel="base"`;
  }
  return { items, links, headers };
}

export interface V1Page<T> extends PageOfResults<T> {
  start: number;
  limit: number;
}

/**
 * v1 pagination: `start`/`limit`, or an opaque `cursor` (the search endpoint). `_links.next` is
 * relative to `_links.base`.
 */
export function pageV1<T>(
  site: Site,
  req: ApiRequest,
  all: T[],
  options: { fallbackLimit?: number; cursor?: boolean } = {},
): V1Page<T> {
  const limit = readLimit(req.query, options.fallbackLimit ?? 25);
  const start = options.cursor && req.query.get('cursor') ? readCursor(req.query) : readStart(req.query);
  const items = all.slice(start, start + limit);
  const links: Record<string, string> = {
    base: site.baseUrl,
    context: site.contextPath,
    self: site.origin + req.path,
  };
  const headers: Record<string, string> = {};
  if (start + limit < all.length) {
    const replace: Record<string, string> = options.cursor
      ? { cursor: encodeCursor(start + limit), next: 'true', limit: String(limit) }
      : { start: String(start + limit), limit: String(limit) };
    const { path, search } = withParams(req, replace);
    if (options.cursor) {
      // Mixing start and cursor would be ambiguous: the cursor wins, so drop start.
      const q = new URLSearchParams(search);
      q.delete('start');
      links.next = `${path.slice(site.contextPath.length)}?${q.toString()}`;
    } else {
      links.next = `${path.slice(site.contextPath.length)}?${search}`;
    }
    headers.Link = `<${site.contextPath}${links.next}>; rel="next"`;
  }
  return { items, links, headers, start, limit };
}
