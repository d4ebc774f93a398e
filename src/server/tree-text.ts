/**
 * Plain-text rendering of a page tree (`Title (id, vN)`, two spaces per level), used by
 * `npm run demo` and by tests that compare whole trees.
 */
import type { PageRecord } from './model.js';
import type { Store } from './store.js';

const SHOWN = new Set(['current', 'archived', 'draft']);

export function renderTree(store: Store, rootId: string): string {
  const root = store.requirePage(rootId);
  const lines: string[] = [];
  const walk = (page: PageRecord, depth: number): void => {
    const status = page.status === 'current' ? '' : `, ${page.status}`;
    lines.push(`${'  '.repeat(depth)}${page.title} (${page.id}, v${page.version.number}${status})`);
    for (const child of store.childrenOf(page.id, page.spaceKey, SHOWN)) walk(child, depth + 1);
  };
  walk(root, 0);
  return lines.join('\n');
}
