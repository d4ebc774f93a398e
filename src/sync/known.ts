/**
 * Rebuilding what cmsync knows from Confluence alone (no manifest): a page is cmsync's when it
 * carries a valid `cmsync` property, whose `path` is its key. Its hash is trusted only when the
 * current version is provably ours — its message is `cmsync <hash>`, or the property recorded
 * this very version — otherwise someone else wrote the latest version, and the known version is
 * left unknown (0) so that the planner treats the page as edited by a person.
 */
import { VERSION_MESSAGE_PREFIX, type OwnerProperty, type RemotePage } from '../confluence/types.js';
import type { Diagnostic } from '../util/diagnostics.js';
import type { KnownPage, PageKey } from './types.js';

const HASH = /^[0-9a-f]{64}$/;

/** A well-formed owner property (anything else on a page is treated as no mark at all). */
export function validOwner(owner: OwnerProperty | undefined): owner is OwnerProperty {
  return (
    owner !== undefined &&
    owner.v === 1 &&
    typeof owner.path === 'string' &&
    !owner.path.startsWith('/') &&
    !owner.path.split('/').includes('..')
  );
}

/** The content hash of the page's current version, when cmsync wrote that version. */
export function hashOfCurrentVersion(page: RemotePage): string | undefined {
  const message = page.version.message ?? '';
  if (message.startsWith(VERSION_MESSAGE_PREFIX)) {
    const hash = message.slice(VERSION_MESSAGE_PREFIX.length).trim();
    if (HASH.test(hash)) return hash;
  }
  const owner = page.owner;
  if (owner?.hash && HASH.test(owner.hash) && owner.version === page.version.number) return owner.hash;
  return undefined;
}

/**
 * Known pages from a listing of the managed subtree plus the parent page (which is owned when the
 * docs root's index was published into it, with key `''`).
 */
export function rebuildKnown(
  subtree: readonly RemotePage[],
  root: RemotePage | undefined,
): { known: KnownPage[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const byKey = new Map<PageKey, RemotePage>();
  const candidates = [
    ...(root && root.owner?.path === '' ? [root] : []),
    ...subtree.filter((p) => p.owner?.path !== ''),
  ];
  for (const page of candidates) {
    if (!validOwner(page.owner)) continue;
    const key = page.owner.path;
    const other = byKey.get(key);
    if (other) {
      const [keep, drop] = preferred(other, page);
      byKey.set(key, keep);
      diagnostics.push({
        severity: 'warning',
        message: `pages ${keep.url} and ${drop.url} both say they are published from "${key}"; using ${keep.url}, leaving ${drop.url} alone`,
      });
    } else byKey.set(key, page);
  }

  const known = [...byKey].map(([key, page]): KnownPage => {
    const hash = hashOfCurrentVersion(page);
    return {
      key,
      pageId: page.id,
      version: hash ? page.version.number : 0,
      hash,
      title: page.title,
      parentId: page.parentId,
      url: page.url,
    };
  });
  addSiblingIndexes(known, byKey);
  return { known, diagnostics };
}

/** Keep the page whose hash we can trust, then the older (lower id) one. */
function preferred(a: RemotePage, b: RemotePage): [RemotePage, RemotePage] {
  const ha = hashOfCurrentVersion(a) !== undefined;
  const hb = hashOfCurrentVersion(b) !== undefined;
  if (ha !== hb) return ha ? [a, b] : [b, a];
  return idOrder(a.id, b.id) <= 0 ? [a, b] : [b, a];
}

function idOrder(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Index among owned siblings, from the listing's positions (left unknown when it has none). */
function addSiblingIndexes(known: KnownPage[], pages: ReadonlyMap<PageKey, RemotePage>): void {
  const byParent = new Map<string, KnownPage[]>();
  for (const k of known) {
    if (k.key === '' || k.parentId === undefined) continue;
    const list = byParent.get(k.parentId) ?? [];
    list.push(k);
    byParent.set(k.parentId, list);
  }
  for (const siblings of byParent.values()) {
    const positions = siblings.map((k) => pages.get(k.key)?.position);
    if (positions.some((p) => p === undefined)) continue;
    siblings
      .map((k, i) => ({ k, position: positions[i] ?? 0 }))
      .sort((a, b) => a.position - b.position || idOrder(a.k.pageId, b.k.pageId))
      .forEach(({ k }, i) => {
        k.index = i;
      });
  }
}
