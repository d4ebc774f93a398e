/**
 * Which parts of the plan a pull request is responsible for (src/sync/preview.ts): the rule that
 * decides what the preview shows as the PR's changes and what may block its merge.
 */
import { attributeToPullRequest, touchedPaths, type AttributionInput } from '../../src/sync/preview.js';
import type { LocalPage, Operation } from '../../src/sync/types.js';
import type { Diagnostic } from '../../src/util/diagnostics.js';

function page(key: string, extra: Partial<LocalPage> = {}): LocalPage {
  return {
    key,
    parentKey: '',
    sourceFile: `docs/${key}`,
    title: key,
    order: undefined,
    name: key,
    labels: [],
    storage: '',
    attachments: [],
    hash: 'h',
    children: [],
    ...extra,
  };
}

type Write = Operation & { kind: 'update' | 'move' };
const update = (
  key: string,
  changes: Write['changes'] = ['content'],
  kind: Write['kind'] = 'update',
): Write => ({
  kind,
  key,
  title: key,
  sourceFile: `docs/${key}`,
  pageId: '1',
  fromVersion: 1,
  changes,
  parentKey: '',
  previousTitle: key,
  reason: 'x',
});

function attribute(
  touched: string[],
  operations: Operation[],
  diagnostics: Diagnostic[] = [],
  pages: LocalPage[] = [],
): { operations: boolean[]; diagnostics: boolean[] } {
  const input: AttributionInput = {
    operations,
    pages,
    diagnostics,
    docsDir: 'docs',
    touched: new Set(touched),
  };
  return attributeToPullRequest(input);
}

describe('what a pull request is responsible for', () => {
  test('touched paths: changed, deleted and both names of a rename', () => {
    expect(
      touchedPaths({
        kind: 'incremental',
        from: 'a',
        to: 'b',
        changed: ['docs/a.md'],
        deleted: ['docs/gone.md'],
        renamed: [{ from: 'docs/old.md', to: 'docs/new.md', similarity: 90 }],
      }),
    ).toEqual(new Set(['docs/a.md', 'docs/gone.md', 'docs/old.md', 'docs/new.md']));
  });

  test('pages of touched files are the PR’s; drift on other pages is not', () => {
    const conflict: Operation = {
      kind: 'conflict',
      key: 'b.md',
      title: 'B',
      sourceFile: 'docs/b.md',
      pageId: '2',
      expectedVersion: 1,
      actualVersion: 2,
      reason: 'edited',
    };
    const kept: Operation = {
      kind: 'delete',
      key: 'c.md',
      title: 'C',
      pageId: '3',
      policy: 'keep',
      reason: 'x',
    };
    const removed: Operation = { ...kept, key: 'gone.md' };
    expect(
      attribute(['docs/a.md', 'docs/gone.md'], [update('a.md'), conflict, kept, removed]).operations,
    ).toEqual([true, false, false, true]);
  });

  test('a problem in an untouched file counts when it names a touched file or the PR removed its target', () => {
    const collision: Diagnostic = {
      severity: 'error',
      file: 'docs/b.md',
      message: 'title "B" is also the title of docs/d.md; Confluence titles are unique per space',
    };
    const brokenByPr: Diagnostic = {
      severity: 'warning',
      file: 'docs/guide/b.md',
      line: 3,
      message: 'Link target ../e.md does not exist; shown as plain text',
    };
    const oldBreakage: Diagnostic = {
      severity: 'warning',
      file: 'docs/x.md',
      message: 'Link target nowhere.md does not exist; shown as plain text',
    };
    const lookalike: Diagnostic = {
      severity: 'error',
      file: 'docs/y.md',
      message: 'title "Y" is also the title of docs/d.md.bak; Confluence titles are unique per space',
    };
    const { diagnostics, operations } = attribute(
      ['docs/d.md', 'docs/e.md'],
      [
        {
          kind: 'error',
          key: 'b.md',
          title: 'B',
          sourceFile: 'docs/b.md',
          diagnostics: [collision],
          reason: 'x',
        },
        update('guide/b.md'),
        update('x.md'),
      ],
      [collision, brokenByPr, oldBreakage, lookalike],
    );
    expect(diagnostics).toEqual([true, true, false, false]);
    // The pages carrying those problems are the PR's too (their content changes because of it).
    expect(operations).toEqual([true, true, false]);
  });

  test('folder pages, attachments and sibling order follow the files the PR touches inside', () => {
    const folderCreate: Operation = {
      kind: 'create',
      key: 'new/',
      title: 'New',
      parentKey: '',
      reason: 'new',
    };
    const folderUpdate: Operation = { ...update('guide/'), sourceFile: undefined };
    const otherFolder: Operation = { ...update('other/'), sourceFile: undefined };
    const reordered = update('z.md', ['order'], 'move');
    const withImage = update('img.md');
    const pages = [
      page('img.md', {
        attachments: [
          { path: 'assets/pic.png', filename: 'pic.png', hash: 'x', size: 1, mediaType: 'image/png' },
        ],
      }),
    ];
    expect(
      attribute(
        ['docs/new/x.md', 'docs/guide/index.md', 'assets/pic.png', 'docs/other/child.md'],
        [folderCreate, folderUpdate, otherFolder, reordered, withImage],
        [],
        pages,
      ).operations,
    ).toEqual([true, true, false, true, true]);
  });

  test('a problem without a file (a setting) is always in view', () => {
    expect(
      attribute([], [], [{ severity: 'error', message: 'docs-dir does not exist' }]).diagnostics,
    ).toEqual([true]);
  });
});
