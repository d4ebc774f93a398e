/**
 * Which known page each local page is. Mostly by key; when a key is new and an owned page's key
 * is gone, the page was probably renamed or moved: git's renames say so, else the same content
 * hash or the same title (unique on both sides) does. Keeping the page keeps its history,
 * comments and incoming links — recreating it would lose them.
 */
import posix from 'node:path/posix';
import type { KnownPage, LocalPage, PageKey } from './types.js';
import { dirKey } from './paths.js';
import { titleKey } from './titles.js';

/** A rename in docs-relative page keys. */
export interface KeyRename {
  from: PageKey;
  to: PageKey;
}

export interface Identity {
  known: KnownPage;
  /** Set when the page had another key before (a rename). */
  renamedFrom?: PageKey;
}

/** Local key → the known page it continues. Container pages and new pages have none. */
export function matchIdentities(
  pages: readonly LocalPage[],
  known: ReadonlyMap<PageKey, KnownPage>,
  renames: readonly KeyRename[] = [],
): Map<PageKey, Identity> {
  const local = new Map(pages.map((p) => [p.key, p]));
  const result = new Map<PageKey, Identity>();
  for (const page of pages) {
    const k = known.get(page.key);
    if (k && !page.container) result.set(page.key, { known: k });
  }
  const gone = new Map([...known].filter(([key]) => key !== '' && !local.has(key)));
  const unmatched = (key: PageKey): boolean => {
    const p = local.get(key);
    return p !== undefined && !p.container && p.key !== '' && !result.has(key);
  };
  const claim = (from: PageKey, to: PageKey): void => {
    const k = gone.get(from);
    if (!k || !unmatched(to)) return;
    result.set(to, { known: k, renamedFrom: from });
    gone.delete(from);
  };

  for (const r of renames) claim(r.from, r.to);
  const candidates = (): LocalPage[] => pages.filter((p) => unmatched(p.key) && !p.invalid);
  for (const [from, to] of uniquePairs(
    [...gone.values()].filter((k) => k.hash).map((k) => [k.hash ?? '', k.key]),
    candidates().map((p) => [p.hash, p.key]),
  ))
    claim(from, to);
  for (const [from, to] of uniquePairs(
    [...gone.values()].map((k) => [titleKey(k.title), k.key]),
    candidates().map((p) => [titleKey(p.title), p.key]),
  ))
    claim(from, to);
  return result;
}

/** Pairs (left key, right key) whose match value occurs exactly once on each side. */
function uniquePairs(left: [string, PageKey][], right: [string, PageKey][]): [PageKey, PageKey][] {
  const once = (entries: [string, PageKey][]): Map<string, PageKey> => {
    const counts = new Map<string, number>();
    for (const [v] of entries) counts.set(v, (counts.get(v) ?? 0) + 1);
    return new Map(entries.filter(([v]) => counts.get(v) === 1));
  };
  const l = once(left);
  const r = once(right);
  return [...l].flatMap(([v, from]) => {
    const to = r.get(v);
    return to === undefined ? [] : [[from, to] as [PageKey, PageKey]];
  });
}

/**
 * Git renames (workspace-relative paths) → key renames. A renamed index file renames its folder
 * page, and files moving from one folder to another with the same name imply the folder moved.
 */
export function renamesToKeys(
  renames: readonly { from: string; to: string }[],
  docsDir: string,
  /** Workspace-relative source file → key, for the current tree. */
  keyOfFile: ReadonlyMap<string, PageKey>,
): KeyRename[] {
  const prefix = docsDir ? `${docsDir}/` : '';
  const inDocs = (p: string): string | undefined =>
    p.startsWith(prefix) ? p.slice(prefix.length) : undefined;
  const result: KeyRename[] = [];
  const seen = new Set<string>();
  const add = (from: PageKey, to: PageKey): void => {
    if (from === to || seen.has(from)) return;
    seen.add(from);
    result.push({ from, to });
  };
  for (const r of renames) {
    const from = inDocs(r.from);
    const to = inDocs(r.to);
    if (from === undefined || to === undefined) continue;
    const toKey = keyOfFile.get(r.to) ?? to;
    const fromKey = /^(index|readme)\.md$/i.test(posix.basename(from)) ? dirKey(from) : from;
    if (fromKey !== '') add(fromKey, toKey);
    // `a/b/x.md` → `c/b/x.md`: walking up while the names agree, each pair of folders moved.
    for (let f = from, t = to; posix.basename(f) === posix.basename(t);) {
      f = posix.dirname(f);
      t = posix.dirname(t);
      if (f === '.' || t === '.' || f === t) break;
      add(`${f}/`, `${t}/`);
    }
  }
  return result;
}
