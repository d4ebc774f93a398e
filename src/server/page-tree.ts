/**
 * The child index of the page tree: which pages hang under which parent (space-root pages under
 * the space), and their sibling positions. Keeps tree walks proportional to the subtree walked.
 */
import type { PageRecord } from './model.js';

export class PageTree {
  /** Child ids per parent id; space-root pages under `root:<KEY>`. Includes every status. */
  private readonly childIds = new Map<string, string[]>();

  constructor(private readonly lookup: (id: string) => PageRecord | undefined) {}

  /** Children of a page (or space-root pages when `parentId` is undefined) in position order. */
  children(parentId: string | undefined, spaceKey: string, statuses?: ReadonlySet<string>): PageRecord[] {
    const ids = this.childIds.get(parentId ?? `root:${spaceKey}`) ?? [];
    const pages: PageRecord[] = [];
    for (const id of ids) {
      const page = this.lookup(id);
      if (page && (!statuses || statuses.has(page.status))) pages.push(page);
    }
    return pages.sort((a, b) => a.position - b.position);
  }

  /** Position after the last sibling under `parentId`. */
  nextPosition(parentId: string | undefined, spaceKey: string): number {
    let max = -1;
    for (const id of this.childIds.get(parentId ?? `root:${spaceKey}`) ?? []) {
      max = Math.max(max, this.lookup(id)?.position ?? -1);
    }
    return max + 1;
  }

  link(page: PageRecord): void {
    const key = keyOf(page);
    const list = this.childIds.get(key);
    if (list) list.push(page.id);
    else this.childIds.set(key, [page.id]);
  }

  unlink(page: PageRecord): void {
    const list = this.childIds.get(keyOf(page));
    const at = list ? list.indexOf(page.id) : -1;
    if (list && at >= 0) list.splice(at, 1);
  }

  /** Moves a page under another parent (or to the space root) at the given position. */
  reparent(page: PageRecord, parentId: string | undefined, position: number): void {
    this.unlink(page);
    if (parentId === undefined) delete page.parentId;
    else page.parentId = parentId;
    page.position = position;
    this.link(page);
  }

  /** Places `page` before or after `target` among the target's siblings and renumbers them. */
  placeBeside(page: PageRecord, target: PageRecord, side: 'before' | 'after'): void {
    if (target.parentId !== page.parentId) this.reparent(page, target.parentId, 0);
    const siblings = this.children(target.parentId, target.spaceKey).filter((p) => p.id !== page.id);
    const at = siblings.findIndex((p) => p.id === target.id) + (side === 'after' ? 1 : 0);
    siblings.splice(at, 0, page);
    siblings.forEach((p, i) => (p.position = i));
  }
}

function keyOf(page: PageRecord): string {
  return page.parentId ?? `root:${page.spaceKey}`;
}
