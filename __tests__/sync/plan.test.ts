import { pageHash } from '../../src/sync/hash.js';
import { plan } from '../../src/sync/plan.js';
import type { Operation } from '../../src/sync/types.js';
import {
  PARENT,
  defaultOptions,
  input,
  kinds,
  localTree,
  opOf,
  publishedState,
  remoteFromKnown,
  remotePage,
} from './helpers.js';

const guide = () =>
  localTree(
    { key: 'guide/', title: 'Guide', generated: true },
    { key: 'guide/install.md', title: 'Install' },
    { key: 'guide/usage.md', title: 'Usage' },
    { key: 'intro.md', title: 'Intro' },
  );

type OpOfKind<K extends Operation['kind']> =
  Extract<Operation, { kind: K }> | (Extract<Operation, { kind: 'update' | 'move' }> & { kind: K });

function expectKind<K extends Operation['kind']>(op: Operation, kind: K): OpOfKind<K> {
  expect(op.kind).toBe(kind);
  return op as OpOfKind<K>;
}

describe('plan: new and unchanged pages', () => {
  test('a first run creates every page, parents first, and nothing for the root container', () => {
    const p = plan(input(guide()));
    expect(p.operations.map((o) => [o.kind, o.key])).toEqual([
      ['create', 'guide/'],
      ['create', 'guide/install.md'],
      ['create', 'guide/usage.md'],
      ['create', 'intro.md'],
    ]);
    expect(expectKind(opOf(p.operations, 'guide/install.md'), 'create').parentKey).toBe('guide/');
    expect(p.diagnostics).toEqual([]);
  });

  test('nothing changed: every page is unchanged', () => {
    const pages = guide();
    const p = plan(input(pages, publishedState(pages)));
    expect(new Set(p.operations.map((o) => o.kind))).toEqual(new Set(['unchanged']));
  });

  test('force rewrites unchanged pages', () => {
    const pages = guide();
    const p = plan(input(pages, publishedState(pages), { options: { ...defaultOptions, force: true } }));
    expect(new Set(p.operations.map((o) => o.kind))).toEqual(new Set(['update']));
  });

  test('a new converter version rewrites every page once, then nothing', () => {
    const pages = guide();
    // What an older converter wrote: same files, hashes taken under another converter version.
    const older = publishedState(
      pages,
      Object.fromEntries(
        pages.map((pg) => [
          pg.key,
          {
            hash: pageHash({
              converterVersion: 'old',
              title: pg.title,
              storage: pg.storage,
              labels: [],
              attachments: [],
            }),
          },
        ]),
      ),
    );
    const upgrade = plan(input(pages, older));
    expect(
      new Set(upgrade.operations.map((o) => [o.kind, ...('changes' in o ? o.changes : [])].join(':'))),
    ).toEqual(new Set(['update:content']));
    expect(new Set(plan(input(pages, publishedState(pages))).operations.map((o) => o.kind))).toEqual(
      new Set(['unchanged']),
    );
  });

  test('a content change is an update from the known version', () => {
    const before = guide();
    const after = guide().map((pg) =>
      pg.key === 'intro.md' ? localTree({ key: 'intro.md', title: 'Intro', storage: '<p>new</p>' })[1] : pg,
    );
    const op = expectKind(opOf(plan(input(after, publishedState(before))).operations, 'intro.md'), 'update');
    expect(op).toMatchObject({
      pageId: '2004',
      fromVersion: 3,
      changes: ['content'],
      previousTitle: 'Intro',
    });
  });

  test('a retitle alone is a move that keeps the page id', () => {
    const before = guide();
    const after = localTree(
      { key: 'guide/', title: 'Guide', generated: true },
      { key: 'guide/install.md', title: 'Installing' },
      { key: 'guide/usage.md', title: 'Usage' },
      { key: 'intro.md', title: 'Intro' },
    );
    const op = expectKind(
      opOf(plan(input(after, publishedState(before))).operations, 'guide/install.md'),
      'move',
    );
    expect(op).toMatchObject({
      pageId: '2002',
      changes: ['title'],
      previousTitle: 'Install',
      title: 'Installing',
    });
  });

  test('labels and attachments that differ from what was written are listed as changes', () => {
    const before = guide();
    const after = guide().map((pg) =>
      pg.key === 'intro.md'
        ? localTree({
            key: 'intro.md',
            title: 'Intro',
            labels: ['new'],
            attachments: [
              { path: 'docs/a.png', filename: 'a.png', hash: 'h', size: 1, mediaType: 'image/png' },
            ],
          })[1]
        : pg,
    );
    const op = expectKind(opOf(plan(input(after, publishedState(before))).operations, 'intro.md'), 'update');
    expect(op.changes).toEqual(['content', 'labels', 'attachments']);
  });
});

describe('plan: moves and order', () => {
  test('a page whose parent changed is moved under the new parent', () => {
    const before = guide();
    const after = localTree(
      { key: 'guide/', title: 'Guide', generated: true },
      { key: 'guide/install.md', title: 'Install' },
      { key: 'guide/usage.md', title: 'Usage' },
      { key: 'intro.md', title: 'Intro' },
    );
    // Same keys, but the manifest says intro.md hung under the guide page.
    const known = publishedState(before, { 'intro.md': { parentId: '2001' } });
    const op = expectKind(opOf(plan(input(after, known)).operations, 'intro.md'), 'move');
    expect(op.changes).toEqual(['parent']);
    expect(op.parentKey).toBe('');
  });

  test('swapping two siblings moves one of them, not both', () => {
    const before = localTree(
      { key: 'a.md', title: 'A' },
      { key: 'b.md', title: 'B' },
      { key: 'c.md', title: 'C' },
    );
    const after = localTree(
      { key: 'a.md', title: 'A', order: 3 },
      { key: 'b.md', title: 'B', order: 1 },
      { key: 'c.md', title: 'C', order: 2 },
    );
    // children order of the root is the spec order: make it b, c, a
    after[0].children = ['b.md', 'c.md', 'a.md'];
    const ops = plan(input(after, publishedState(before))).operations;
    expect(kinds(ops)).toEqual({ 'a.md': 'move', 'b.md': 'unchanged', 'c.md': 'unchanged' });
    expect(expectKind(opOf(ops, 'a.md'), 'move').changes).toEqual(['order']);
  });

  test('inserting a new first sibling does not mark the others as moved', () => {
    const before = localTree({ key: 'b.md', title: 'B' }, { key: 'c.md', title: 'C' });
    const after = localTree(
      { key: 'a.md', title: 'A' },
      { key: 'b.md', title: 'B' },
      { key: 'c.md', title: 'C' },
    );
    const ops = plan(input(after, publishedState(before))).operations;
    expect(kinds(ops)).toEqual({ 'a.md': 'create', 'b.md': 'unchanged', 'c.md': 'unchanged' });
  });
});

describe('plan: renames keep the page', () => {
  const before = () => localTree({ key: 'old.md', title: 'Old', storage: '<p>same body</p>' });

  test('a rename reported by git moves the known page to the new key', () => {
    const after = localTree({ key: 'new.md', title: 'New', storage: '<p>other body</p>' });
    const p = plan(input(after, publishedState(before()), { renames: [{ from: 'old.md', to: 'new.md' }] }));
    expect(p.operations).toHaveLength(1);
    const op = expectKind(p.operations[0], 'update');
    expect(op).toMatchObject({
      key: 'new.md',
      pageId: '2001',
      renamedFrom: 'old.md',
      setOwner: true,
      previousTitle: 'Old',
    });
  });

  test('without git, an identical content hash finds the rename', () => {
    const after = localTree(
      { key: 'moved/', title: 'Moved', generated: true },
      { key: 'moved/old.md', title: 'Old', storage: '<p>same body</p>' },
    );
    const ops = plan(input(after, publishedState(before()))).operations;
    expect(kinds(ops)).toEqual({ 'moved/': 'create', 'moved/old.md': 'move' });
    const op = expectKind(opOf(ops, 'moved/old.md'), 'move');
    expect(op).toMatchObject({ pageId: '2001', renamedFrom: 'old.md', changes: ['parent'] });
  });

  test('without git, the same title finds a renamed and edited file', () => {
    const after = localTree({ key: 'renamed.md', title: 'Old', storage: '<p>edited</p>' });
    const op = expectKind(plan(input(after, publishedState(before()))).operations[0], 'update');
    expect(op).toMatchObject({ key: 'renamed.md', pageId: '2001', renamedFrom: 'old.md' });
  });

  test('an ambiguous hash match is not guessed: create and delete instead', () => {
    const two = localTree(
      { key: 'x.md', title: 'X', storage: '<p>s</p>' },
      { key: 'y.md', title: 'Y', storage: '<p>s</p>' },
    );
    const known = publishedState(two, { 'x.md': { hash: 'same' }, 'y.md': { hash: 'same' } });
    const after = localTree({ key: 'z.md', title: 'Z', storage: '<p>s</p>' });
    const after2 = after.map((pg) => (pg.key === 'z.md' ? { ...pg, hash: 'same' } : pg));
    const ops = plan(input(after2, known)).operations;
    expect(kinds(ops)).toEqual({ 'z.md': 'create', 'x.md': 'delete', 'y.md': 'delete' });
  });
});

describe('plan: conflicts', () => {
  const pages = () => localTree({ key: 'a.md', title: 'A', storage: '<p>v2</p>' });
  const before = () => localTree({ key: 'a.md', title: 'A', storage: '<p>v1</p>' });
  const edited = (known: ReturnType<typeof publishedState>) => {
    const remote = remoteFromKnown(known);
    remote.set(
      '2001',
      remotePage('2001', {
        title: 'A',
        parentId: PARENT,
        version: 5,
        author: 'Ada',
        owner: { v: 1, path: 'a.md' },
      }),
    );
    return remote;
  };

  test('on-conflict fail: a conflict naming the page and who edited it, nothing written', () => {
    const known = publishedState(before());
    const op = expectKind(
      plan(input(pages(), known, { remote: { pages: edited(known) } })).operations[0],
      'conflict',
    );
    expect(op).toMatchObject({ pageId: '2001', expectedVersion: 3, actualVersion: 5, editedBy: 'Ada' });
    expect(op.reason).toContain('http://confluence.test/wiki/pages/2001');
    expect(op.reason).toContain('Ada');
  });

  test('on-conflict skip: the page is skipped', () => {
    const known = publishedState(before());
    const opts = { ...defaultOptions, onConflict: 'skip' as const };
    const op = expectKind(
      plan(input(pages(), known, { remote: { pages: edited(known) }, options: opts })).operations[0],
      'skip',
    );
    expect(op.reason).toMatch(/on-conflict: skip/);
  });

  test('on-conflict overwrite: an update from the current version, marked as overwrite', () => {
    const known = publishedState(before());
    const opts = { ...defaultOptions, onConflict: 'overwrite' as const };
    const op = expectKind(
      plan(input(pages(), known, { remote: { pages: edited(known) }, options: opts })).operations[0],
      'update',
    );
    expect(op).toMatchObject({ fromVersion: 5, overwrite: true });
  });

  test("a person's edit is not a conflict while the Markdown did not change", () => {
    const known = publishedState(before());
    const op = plan(input(before(), known, { remote: { pages: edited(known) } })).operations[0];
    expect(op.kind).toBe('unchanged');
  });

  test('a rebuilt state with an unknown version (not written by cmsync) is a conflict', () => {
    const known = publishedState(before(), { 'a.md': { version: 0, hash: undefined } });
    const remote = remoteFromKnown(known);
    remote.set(
      '2001',
      remotePage('2001', { title: 'A', parentId: PARENT, version: 4, owner: { v: 1, path: 'a.md' } }),
    );
    const op = expectKind(
      plan(input(before(), known, { remote: { pages: remote } })).operations[0],
      'conflict',
    );
    expect(op.reason).toMatch(/not written by cmsync/);
  });

  test('a known page deleted in Confluence is created again, saying so', () => {
    const known = publishedState(before());
    const op = expectKind(
      plan(input(pages(), known, { remote: { pages: new Map() } })).operations[0],
      'create',
    );
    expect(op.reason).toMatch(/deleted in Confluence/);
  });
});

describe('plan: titles', () => {
  test('a title used twice in the tree (ignoring case) is an error at both files, and nothing is written for them', () => {
    const pages = localTree(
      { key: 'a.md', title: 'Setup' },
      { key: 'b/', title: 'SETUP' },
      { key: 'b/c.md', title: 'C' },
      { key: 'd.md', title: 'D' },
    );
    const p = plan(input(pages));
    expect(kinds(p.operations)).toEqual({
      'a.md': 'error',
      'b/': 'error',
      'b/c.md': 'error',
      'd.md': 'create',
    });
    const files = p.diagnostics.filter((d) => /Setup|SETUP/.test(d.message)).map((d) => d.file);
    expect(files).toEqual(['docs/a.md', 'docs/b/']);
    expect(opOf(p.operations, 'b/c.md').reason).toMatch(/parent page docs\/b\/ could not be published/);
  });

  test('a title taken by an unowned page inside the tree at version 1 (an interrupted create) adopts that page', () => {
    const pages = localTree({ key: 'a.md', title: 'Existing' });
    const existing = remotePage('3000', { title: 'Existing', parentId: PARENT, version: 1 });
    const remote = { pages: new Map([['3000', existing]]), titlesInSpace: new Map([['existing', existing]]) };
    const op = expectKind(plan(input(pages, new Map(), { remote })).operations[0], 'create');
    expect(op.adoptPageId).toBe('3000');
  });

  describe("an unowned page in the tree that cmsync did not leave (a person's page)", () => {
    const pages = () => localTree({ key: 'a.md', title: 'Existing' }, { key: 'b.md', title: 'B' });
    /** b.md was published by cmsync (account `cmsync`); "Existing" is someone's page. */
    const setup = (existing: ReturnType<typeof remotePage>, onConflict: 'fail' | 'skip' | 'overwrite') => {
      const known = publishedState(localTree({ key: 'b.md', title: 'B' }));
      const listed = remoteFromKnown(known);
      const b = listed.get('2001') ?? remotePage('2001');
      listed.set('2001', {
        ...b,
        version: { ...b.version, message: `cmsync ${known.get('b.md')?.hash ?? ''}`, authorId: 'cmsync' },
      });
      listed.set('3000', existing);
      const remote = { pages: listed, titlesInSpace: new Map([['existing', existing]]) };
      return plan(input(pages(), known, { remote, options: { ...defaultOptions, onConflict } }));
    };
    const edited = () =>
      remotePage('3000', { title: 'Existing', parentId: PARENT, version: 2, author: 'Ann' });

    test('on-conflict: fail is a conflict naming the page and nothing is adopted', () => {
      const op = expectKind(opOf(setup(edited(), 'fail').operations, 'a.md'), 'conflict');
      expect(op).toMatchObject({ pageId: '3000', actualVersion: 2, editedBy: 'Ann' });
      expect(op.reason).toMatch(
        /pages\/3000 in the tree, which cmsync did not write.*Ann.*on-conflict: fail/,
      );
    });

    test('on-conflict: skip skips it', () => {
      expect(opOf(setup(edited(), 'skip').operations, 'a.md')).toMatchObject({
        kind: 'skip',
        reason: expect.stringMatching(/on-conflict: skip/),
      });
    });

    test('on-conflict: skip also skips the new pages under it (not an error)', () => {
      const known = publishedState(localTree({ key: 'b.md', title: 'B' }));
      const listed = remoteFromKnown(known);
      const existing = edited();
      listed.set('3000', existing);
      const remote = { pages: listed, titlesInSpace: new Map([['existing', existing]]) };
      const tree = localTree(
        { key: 'b.md', title: 'B' },
        { key: 'x/', title: 'Existing' },
        { key: 'x/y.md', title: 'Y' },
      );
      const p = plan(input(tree, known, { remote, options: { ...defaultOptions, onConflict: 'skip' } }));
      expect(kinds(p.operations)).toMatchObject({ 'x/': 'skip', 'x/y.md': 'skip' });
      expect(opOf(p.operations, 'x/y.md').reason).toMatch(/parent page docs\/x\/ was skipped/);
      expect(p.diagnostics).toEqual([]);
    });

    test('on-conflict: overwrite adopts it, saying whose content goes', () => {
      const op = expectKind(opOf(setup(edited(), 'overwrite').operations, 'a.md'), 'create');
      expect(op).toMatchObject({ adoptPageId: '3000', reason: expect.stringMatching(/Ann.*overwrite/) });
    });

    test("version 1 by another account than cmsync's is a person's page too; by cmsync's, ours", () => {
      const byAnn = remotePage('3000', { title: 'Existing', parentId: PARENT, version: 1 });
      byAnn.version.authorId = 'ann';
      expect(opOf(setup(byAnn, 'fail').operations, 'a.md').kind).toBe('conflict');
      const byUs = { ...byAnn, version: { ...byAnn.version, authorId: 'cmsync' } };
      expect(opOf(setup(byUs, 'fail').operations, 'a.md')).toMatchObject({
        kind: 'create',
        adoptPageId: '3000',
      });
    });

    test("a later version with cmsync's message (an adoption stopped before the mark) is adopted", () => {
      const adopted = remotePage('3000', { title: 'Existing', parentId: PARENT, version: 4 });
      adopted.version.message = `cmsync ${'a'.repeat(64)}`;
      expect(opOf(setup(adopted, 'fail').operations, 'a.md')).toMatchObject({
        kind: 'create',
        adoptPageId: '3000',
      });
    });
  });

  test('a title taken outside the tree is an error naming that page, and is never adopted', () => {
    const pages = localTree({ key: 'a.md', title: 'Existing' });
    const outside = remotePage('3000', { title: 'existing', parentId: '9' });
    const remote = { pages: new Map(), titlesInSpace: new Map([['existing', outside]]) };
    const p = plan(input(pages, new Map(), { remote }));
    const op = expectKind(p.operations[0], 'error');
    expect(op.reason).toMatch(
      /already used by page http:\/\/confluence.test\/wiki\/pages\/3000 outside the tree/,
    );
    expect(p.diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: 'docs/a.md' })]);
  });

  test('a title used by a page cmsync published from another file is not adopted', () => {
    const pages = localTree({ key: 'a.md', title: 'Mine' });
    const mine = remotePage('3000', { title: 'Mine', parentId: PARENT, owner: { v: 1, path: 'other.md' } });
    const remote = { pages: new Map([['3000', mine]]), titlesInSpace: new Map([['mine', mine]]) };
    const op = expectKind(plan(input(pages, new Map(), { remote })).operations[0], 'error');
    expect(op.reason).toMatch(/published from docs\/other.md/);
  });

  test('two files swapping titles are told how to get there (two pushes), not just that the title is taken', () => {
    const before = localTree({ key: 'a.md', title: 'A' }, { key: 'b.md', title: 'B' });
    const known = publishedState(before);
    const after = localTree({ key: 'a.md', title: 'B' }, { key: 'b.md', title: 'A' });
    const a = remotePage('2001', { title: 'A', parentId: PARENT });
    const b = remotePage('2002', { title: 'B', parentId: PARENT });
    const remote = {
      titlesInSpace: new Map([
        ['a', a],
        ['b', b],
      ]),
    };
    const p = plan(input(after, known, { remote }));
    expect(opOf(p.operations, 'a.md').reason).toMatch(
      /page of docs\/b.md, which wants this page's title "A": Confluence cannot swap titles in one run; give one of the two files a temporary title/,
    );
    expect(opOf(p.operations, 'b.md').reason).toMatch(
      /page of docs\/a.md, which wants this page's title "B"/,
    );
  });

  test("retitling onto the title of a removed file's page names that file and what to do", () => {
    const before = guide();
    const known = publishedState(before);
    const after = localTree(
      { key: 'guide/', title: 'Guide', generated: true },
      { key: 'guide/install.md', title: 'Usage' },
      { key: 'intro.md', title: 'Intro' },
    );
    const usage = known.get('guide/usage.md');
    const holder = remotePage(usage?.pageId ?? '', { title: 'Usage', parentId: usage?.parentId });
    const remote = { titlesInSpace: new Map([['usage', holder]]) };
    const keep = plan(input(after, known, { remote }));
    expect(expectKind(opOf(keep.operations, 'guide/install.md'), 'error').reason).toMatch(
      /the page of the removed file docs\/guide\/usage.md, kept because on-delete is keep/,
    );
    const trash = plan(input(after, known, { remote, options: { ...defaultOptions, onDelete: 'trash' } }));
    expect(expectKind(opOf(trash.operations, 'guide/install.md'), 'error').reason).toMatch(
      /publish the removal first, then the new title/,
    );
  });

  test('without a title lookup (no remote view) a create is planned unchecked', () => {
    const pages = localTree({ key: 'new.md', title: 'Taken' });
    expect(plan(input(pages)).operations[0].kind).toBe('create');
  });
});

describe('plan: invalid files and parents', () => {
  test('an invalid file is an error; its siblings still publish', () => {
    const bad = { severity: 'error' as const, message: 'invalid YAML', file: 'docs/bad.md' };
    const pages = localTree(
      { key: 'bad.md', title: 'Bad', invalid: [bad] },
      { key: 'good.md', title: 'Good' },
    );
    const p = plan(input(pages));
    expect(kinds(p.operations)).toEqual({ 'bad.md': 'error', 'good.md': 'create' });
    expect(p.diagnostics).toContain(bad);
  });

  test('children of an existing page in error still get updated (their parent exists)', () => {
    const before = localTree({ key: 'f/', title: 'F' }, { key: 'f/x.md', title: 'X' });
    const bad = { severity: 'error' as const, message: 'broken', file: 'docs/f/index.md' };
    const after = localTree(
      { key: 'f/', title: 'F', invalid: [bad] },
      { key: 'f/x.md', title: 'X', storage: '<p>2</p>' },
    );
    const ops = plan(input(after, publishedState(before))).operations;
    expect(kinds(ops)).toEqual({ 'f/': 'error', 'f/x.md': 'update' });
    expect(expectKind(opOf(ops, 'f/'), 'error').pageId).toBe('2001');
  });
});

describe('plan: the docs root', () => {
  test('a root index claims the parent page from its current version', () => {
    const pages = localTree({ key: '', title: 'Home', storage: '<p>home</p>' }, { key: 'a.md', title: 'A' });
    const root = remotePage(PARENT, { title: 'Space home', version: 7 });
    const op = expectKind(opOf(plan(input(pages, new Map(), { remote: { root } })).operations, ''), 'update');
    expect(op).toMatchObject({
      pageId: PARENT,
      fromVersion: 7,
      setOwner: true,
      changes: ['content', 'title'],
    });
  });

  test('a root index without a title keeps the title the parent page has', () => {
    const pages = localTree({ key: '', title: 'Docs', keepRemoteTitle: true, storage: '<p>home</p>' });
    const known = publishedState(pages, { '': { title: 'Team space' } });
    const op = opOf(plan(input(pages, known)).operations, '');
    expect(op).toMatchObject({ kind: 'unchanged', title: 'Team space' });
  });
});

describe('plan: deletions', () => {
  const before = () =>
    localTree(
      { key: 'a.md', title: 'A' },
      { key: 'b.md', title: 'B' },
      { key: 'c.md', title: 'C' },
      { key: 'd.md', title: 'D' },
    );
  const after = () =>
    localTree({ key: 'a.md', title: 'A' }, { key: 'b.md', title: 'B' }, { key: 'c.md', title: 'C' });

  test('on-delete keep reports the page and deletes nothing', () => {
    const op = expectKind(opOf(plan(input(after(), publishedState(before()))).operations, 'd.md'), 'delete');
    expect(op).toMatchObject({ policy: 'keep', pageId: '2004' });
  });

  test.each(['archive', 'trash'] as const)('on-delete %s deletes the owned page', (policy) => {
    const known = publishedState(before());
    const p = plan(
      input(after(), known, {
        remote: { pages: remoteFromKnown(known) },
        options: { ...defaultOptions, onDelete: policy },
      }),
    );
    expect(expectKind(opOf(p.operations, 'd.md'), 'delete').policy).toBe(policy);
  });

  test('deletions beyond max-delete-ratio are all refused', () => {
    const known = publishedState(before());
    const few = localTree({ key: 'a.md', title: 'A' });
    const p = plan(
      input(few, known, { options: { ...defaultOptions, onDelete: 'trash', maxDeleteRatio: 0.5 } }),
    );
    const refused = p.operations.filter((o) => o.kind === 'skip');
    expect(refused.map((o) => o.key).sort()).toEqual(['b.md', 'c.md', 'd.md']);
    expect(refused[0].reason).toMatch(/3 of 4 owned pages .*max-delete-ratio \(50%\)/);
    expect(p.operations.some((o) => o.kind === 'delete')).toBe(false);
  });

  test('deletions are refused when planning found errors', () => {
    const bad = { severity: 'error' as const, message: 'broken', file: 'docs/a.md' };
    const pages = localTree(
      { key: 'a.md', title: 'A', invalid: [bad] },
      { key: 'b.md', title: 'B' },
      { key: 'c.md', title: 'C' },
    );
    const p = plan(
      input(pages, publishedState(before()), { options: { ...defaultOptions, onDelete: 'trash' } }),
    );
    expect(opOf(p.operations, 'd.md')).toMatchObject({
      kind: 'skip',
      reason: expect.stringMatching(/has errors/),
    });
  });

  test('only pages still owned and still in the tree are deleted', () => {
    const known = publishedState(before());
    const remote = remoteFromKnown(known);
    remote.delete('2004'); // d.md: gone from the tree
    const opts = { ...defaultOptions, onDelete: 'trash' as const, maxDeleteRatio: 1 };
    const gone = plan(input(after(), known, { remote: { pages: remote }, options: opts }));
    expect(opOf(gone.operations, 'd.md')).toMatchObject({ kind: 'skip', dropKnown: true });

    const unmarked = remoteFromKnown(known);
    unmarked.set('2004', { ...(unmarked.get('2004') ?? remotePage('2004')), owner: undefined });
    const p2 = plan(input(after(), known, { remote: { pages: unmarked }, options: opts }));
    expect(opOf(p2.operations, 'd.md')).toMatchObject({
      kind: 'skip',
      reason: expect.stringMatching(/no cmsync mark/),
    });
  });

  test('a file set to publish: false is skipped, or deleted by policy when it was published', () => {
    const skipped = [
      { key: 'd.md', file: 'docs/d.md', title: 'D', reason: 'front matter says `publish: false`' },
    ];
    const fresh = plan(input(after(), new Map(), { skipped }));
    expect(opOf(fresh.operations, 'd.md')).toMatchObject({ kind: 'skip', sourceFile: 'docs/d.md' });
    const known = plan(input(after(), publishedState(before()), { skipped }));
    expect(opOf(known.operations, 'd.md')).toMatchObject({
      kind: 'delete',
      policy: 'keep',
      reason: expect.stringMatching(/publish: false/),
    });
  });

  test('a small tree can still delete one page; a ratio of 0 deletes none', () => {
    const two = localTree({ key: 'a.md', title: 'A' }, { key: 'b.md', title: 'B' });
    const known = publishedState(two);
    const remote = { pages: remoteFromKnown(known) };
    const opts = { ...defaultOptions, onDelete: 'trash' as const, maxDeleteRatio: 0.25 };
    const one = localTree({ key: 'a.md', title: 'A' });
    const p = plan(input(one, known, { remote, options: opts }));
    expect(opOf(p.operations, 'b.md')).toMatchObject({ kind: 'delete', policy: 'trash' });
    const none = plan(input(one, known, { remote, options: { ...opts, maxDeleteRatio: 0 } }));
    expect(opOf(none.operations, 'b.md')).toMatchObject({ kind: 'skip' });
  });

  describe("a page a person edited since cmsync's last write", () => {
    const edited = () => {
      const known = publishedState(before());
      const pages = remoteFromKnown(known);
      const d = pages.get('2004') ?? remotePage('2004');
      pages.set('2004', { ...d, version: { number: 4, message: '', authorName: 'Ann' } });
      return { known, pages };
    };
    const deletion = (onConflict: 'fail' | 'skip' | 'overwrite') => {
      const { known, pages } = edited();
      const options = { ...defaultOptions, onDelete: 'archive' as const, onConflict };
      return plan(input(after(), known, { remote: { pages }, options }));
    };

    test('on-conflict: fail keeps it and reports a conflict naming the person', () => {
      const op = expectKind(opOf(deletion('fail').operations, 'd.md'), 'conflict');
      expect(op).toMatchObject({ pageId: '2004', expectedVersion: 3, actualVersion: 4, editedBy: 'Ann' });
      expect(op.reason).toMatch(
        /pages\/2004 was edited in Confluence by Ann.*not deleted \(on-conflict: fail\)/,
      );
    });

    test('on-conflict: skip keeps it and says so', () => {
      expect(opOf(deletion('skip').operations, 'd.md')).toMatchObject({
        kind: 'skip',
        pageId: '2004',
        reason: expect.stringMatching(/Ann.*not deleted \(on-conflict: skip\)/),
      });
    });

    test('on-conflict: overwrite deletes it', () => {
      expect(opOf(deletion('overwrite').operations, 'd.md')).toMatchObject({
        kind: 'delete',
        policy: 'archive',
        reason: expect.stringMatching(/deleted anyway \(on-conflict: overwrite\)/),
      });
    });

    test('a newer version cmsync wrote itself (state not saved) is not an edit', () => {
      const { known, pages } = edited();
      const d = pages.get('2004') ?? remotePage('2004');
      const message = `cmsync ${known.get('d.md')?.hash ?? ''}`;
      pages.set('2004', { ...d, version: { number: 4, message } });
      const options = { ...defaultOptions, onDelete: 'archive' as const };
      const p = plan(input(after(), known, { remote: { pages }, options }));
      expect(opOf(p.operations, 'd.md')).toMatchObject({ kind: 'delete', policy: 'archive' });
    });
  });

  test('the parent page is never deleted', () => {
    const withRoot = localTree({ key: '', title: 'Home' }, { key: 'a.md', title: 'A' });
    const known = publishedState(withRoot);
    const p = plan(
      input(localTree({ key: 'a.md', title: 'A' }), known, {
        options: { ...defaultOptions, onDelete: 'trash', maxDeleteRatio: 1 },
      }),
    );
    expect(p.operations.map((o) => o.key)).toEqual(['a.md']);
  });
});
