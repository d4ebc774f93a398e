/**
 * Following `_links.next` (v2 cursors and v1 start/limit alike) until the listing ends.
 */
import type { HttpClient, RequestSpec } from './http.js';
import { resolveNextLink } from './url.js';

interface Paged<T> {
  results?: T[];
  _links?: { next?: string };
}

/**
 * All results of a paginated listing, in order. Stops at the first page without `next`, on an
 * empty page, or if Confluence repeats a `next` link (which would otherwise loop forever).
 */
export async function collectPages<T>(http: HttpClient, first: RequestSpec): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let spec: RequestSpec = first;
  for (;;) {
    const page = await http.json<Paged<T>>(spec);
    const results = page?.results ?? [];
    all.push(...results);
    const next = page?._links?.next;
    if (!next || results.length === 0) return all;
    const url = resolveNextLink(http.baseUrl, next);
    if (seen.has(url)) return all;
    seen.add(url);
    spec = { method: 'GET', kind: first.kind, url, file: first.file };
  }
}
