/**
 * Bulk reads through v1 CQL search (`/rest/api/content/search`), which Cloud and Data Center
 * share: the whole managed subtree with versions and owner properties in one request per 250
 * pages (v2 `descendants` stops at depth 5 and carries no properties), and title collisions.
 */
import { cqlId, subtreeCql, titleBatches, titlesCql } from './cql.js';
import type { HttpClient } from './http.js';
import { collectPages } from './paginate.js';
import { fromV1Content, type PageContext } from './parse.js';
import { OWNER_PROPERTY_KEY, type RemotePage, type SpaceInfo } from './types.js';
import type { V1Content } from './wire.js';

/** Results per search request: the v1 maximum. */
export const SEARCH_LIMIT = 250;
const SEARCH_EXPAND = `version,ancestors,metadata.properties.${OWNER_PROPERTY_KEY}`;

async function search(http: HttpClient, cql: string, context: PageContext): Promise<RemotePage[]> {
  const contents = await collectPages<V1Content>(http, {
    method: 'GET',
    kind: 'GET search',
    api: 'v1',
    path: '/content/search',
    query: { cql, expand: SEARCH_EXPAND, limit: SEARCH_LIMIT },
  });
  return contents.map((content) => fromV1Content(content, context));
}

/** Every current page below `rootId` (not the root itself), with parent, version and owner. */
export async function listSubtree(
  http: HttpClient,
  rootId: string,
  context: PageContext,
): Promise<RemotePage[]> {
  const pages = await search(http, subtreeCql(rootId), context);
  return pages.filter((page) => page.id !== rootId && page.status === 'current');
}

/** One page through the search (which, unlike v2, names the author of each version). */
export async function findById(
  http: HttpClient,
  id: string,
  context: PageContext,
): Promise<RemotePage | undefined> {
  const pages = await search(http, `id=${cqlId(id)} and type=page`, context);
  return pages.find((page) => page.id === id);
}

/**
 * Pages in `space` whose title equals one of `titles` ignoring case (Confluence's uniqueness
 * rule). The filter is repeated here because CQL's own title matching is not guaranteed to be
 * case-insensitive, nor exact.
 */
export async function findByTitles(
  http: HttpClient,
  space: SpaceInfo,
  titles: string[],
  context: PageContext,
): Promise<RemotePage[]> {
  const wanted = new Set(titles.map((title) => title.toLowerCase()));
  const found = new Map<string, RemotePage>();
  const batches = titleBatches(space.key, titles);
  const results = await Promise.all(
    batches.map((batch) => search(http, titlesCql(space.key, batch), context)),
  );
  for (const page of results.flat()) {
    if (wanted.has(page.title.toLowerCase())) found.set(page.id, page);
  }
  return [...found.values()];
}
