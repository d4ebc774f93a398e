/** Plain-data builders for planner tests: local pages, known pages, remote pages. */
import type { RemotePage } from '../../src/confluence/types.js';
import { pageHash } from '../../src/sync/hash.js';
import type { PlanInput, PlanOptions } from '../../src/sync/plan.js';
import type { KnownPage, LocalPage, Operation, PageKey } from '../../src/sync/types.js';

export const CV = 'test-converter-1';
export const PARENT = '1000';

export type PageSpec = Partial<Omit<LocalPage, 'hash' | 'children'>> & { key: PageKey };

/** Local pages with hashes and children filled in; the root container is added when missing. */
export function localTree(...specs: PageSpec[]): LocalPage[] {
  const all = specs.some((s) => s.key === '')
    ? specs
    : [{ key: '', container: true, title: 'Docs' }, ...specs];
  const pages = all.map((s): LocalPage => {
    const parentKey = s.parentKey !== undefined ? s.parentKey : s.key === '' ? null : parentOf(s.key);
    const title = s.title ?? s.key.replace(/\/$/, '').split('/').pop()?.replace(/\.md$/, '') ?? s.key;
    const p: Omit<LocalPage, 'hash'> = {
      parentKey,
      sourceFile: s.generated || s.container ? undefined : `docs/${s.key || 'index.md'}`,
      title,
      order: undefined,
      name: title,
      labels: [],
      storage: `<p>${s.key}</p>`,
      attachments: [],
      children: [],
      ...s,
    };
    return { ...p, hash: hashOf(p) };
  });
  for (const p of pages)
    if (p.parentKey !== null) pages.find((q) => q.key === p.parentKey)?.children.push(p.key);
  return pages;
}

export function hashOf(
  p: Pick<LocalPage, 'title' | 'storage' | 'labels' | 'attachments' | 'keepRemoteTitle'>,
): string {
  return pageHash({
    converterVersion: CV,
    title: p.keepRemoteTitle ? '' : p.title,
    storage: p.storage,
    labels: p.labels,
    attachments: p.attachments,
  });
}

function parentOf(key: PageKey): PageKey {
  const parts = key.replace(/\/$/, '').split('/');
  parts.pop();
  return parts.length ? `${parts.join('/')}/` : '';
}

/** The known state a clean publish of `pages` would leave, ids `2000`, `2001`, … in order. */
export function publishedState(
  pages: LocalPage[],
  overrides: Record<PageKey, Partial<KnownPage>> = {},
): Map<PageKey, KnownPage> {
  const ids = new Map<PageKey, string>([['', PARENT]]);
  pages.forEach((p, i) => {
    if (p.key !== '') ids.set(p.key, String(2000 + i));
  });
  const known = new Map<PageKey, KnownPage>();
  for (const p of pages) {
    if (p.container) continue;
    const siblings = p.parentKey === null ? [] : (pages.find((q) => q.key === p.parentKey)?.children ?? []);
    known.set(p.key, {
      key: p.key,
      pageId: ids.get(p.key) ?? '',
      version: 3,
      hash: p.hash,
      title: p.title,
      parentId: p.parentKey === null ? undefined : ids.get(p.parentKey),
      attachments: Object.fromEntries(p.attachments.map((a) => [a.filename, a.hash])),
      labels: [...p.labels],
      index: siblings.indexOf(p.key),
      ...overrides[p.key],
    });
  }
  return known;
}

export function remotePage(
  id: string,
  init: Partial<Omit<RemotePage, 'version'>> & { version?: number; author?: string } = {},
): RemotePage {
  const { version, author, ...rest } = init;
  return {
    id,
    title: `Page ${id}`,
    status: 'current',
    version: { number: version ?? 3, message: '', authorName: author },
    url: `http://confluence.test/wiki/pages/${id}`,
    ...rest,
  };
}

/** The remote subtree as a clean publish left it: every known page at its known version, owned. */
export function remoteFromKnown(known: Map<PageKey, KnownPage>): Map<string, RemotePage> {
  return new Map(
    [...known.values()]
      .filter((k) => k.key !== '')
      .map((k) => [
        k.pageId,
        remotePage(k.pageId, {
          title: k.title,
          parentId: k.parentId,
          version: k.version,
          owner: { v: 1, path: k.key },
        }),
      ]),
  );
}

export const defaultOptions: PlanOptions = {
  force: false,
  onConflict: 'fail',
  onDelete: 'keep',
  maxDeleteRatio: 0.5,
};

export function input(
  pages: LocalPage[],
  known: Map<PageKey, KnownPage> = new Map(),
  extra: Partial<PlanInput> = {},
): PlanInput {
  return {
    pages,
    known,
    parentPageId: PARENT,
    converterVersion: CV,
    docsDir: 'docs',
    options: defaultOptions,
    ...extra,
  };
}

export function opOf(ops: Operation[], key: PageKey): Operation {
  const op = ops.find((o) => o.key === key);
  if (!op) throw new Error(`no operation for ${JSON.stringify(key)}: ${ops.map((o) => o.key).join(', ')}`);
  return op;
}

export function kinds(ops: Operation[]): Record<string, string> {
  return Object.fromEntries(ops.map((o) => [o.key, o.kind]));
}
