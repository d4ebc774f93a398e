/**
 * Building CQL queries safely: quoting values, and splitting long title lists into batches whose
 * URLs stay well under the ~8 KB that proxies and Tomcat accept.
 */

/** A CQL string literal: double quotes, with `"` and `\` escaped. */
export function cqlString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A content id in CQL: bare when numeric (as Confluence's are), quoted otherwise. */
export function cqlId(id: string): string {
  return /^\d+$/.test(id) ? id : cqlString(id);
}

/** `ancestor=<id> and type=page`: every page below `rootId`, at any depth. */
export function subtreeCql(rootId: string): string {
  return `ancestor=${cqlId(rootId)} and type=page`;
}

/** `space="KEY" and type=page and title in ("a","b")`. */
export function titlesCql(spaceKey: string, titles: string[]): string {
  return `space=${cqlString(spaceKey)} and type=page and title in (${titles.map(cqlString).join(',')})`;
}

/** Encoded length budget for the `cql` parameter; the rest of the URL is short. */
export const MAX_CQL_QUERY_LENGTH = 6000;
/** At most this many titles per query, so one batch's results fit in one 250-result page. */
export const MAX_TITLES_PER_QUERY = 100;

/**
 * Split `titles` (deduplicated case-insensitively) into batches whose encoded CQL stays under
 * `maxEncodedLength` and `maxTitles`. A single title longer than the budget gets a batch alone.
 */
export function titleBatches(
  spaceKey: string,
  titles: string[],
  limits: { maxEncodedLength?: number; maxTitles?: number } = {},
): string[][] {
  const maxLength = limits.maxEncodedLength ?? MAX_CQL_QUERY_LENGTH;
  const maxTitles = limits.maxTitles ?? MAX_TITLES_PER_QUERY;
  const seen = new Set<string>();
  const unique = titles.filter((title) => {
    const key = title.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const batches: string[][] = [];
  let current: string[] = [];
  for (const title of unique) {
    const candidate = [...current, title];
    const fits = candidate.length <= maxTitles && encodedLength(titlesCql(spaceKey, candidate)) <= maxLength;
    if (fits || current.length === 0) {
      current = candidate;
    } else {
      batches.push(current);
      current = [title];
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function encodedLength(cql: string): number {
  return new URLSearchParams({ cql }).toString().length;
}
