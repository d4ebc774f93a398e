import { renamesToKeys } from '../../src/sync/identity.js';
import { hashOfCurrentVersion, rebuildKnown } from '../../src/sync/known.js';
import { remotePage } from './helpers.js';

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);

describe('rebuilding the known state from Confluence', () => {
  test('the hash of the current version: from our version message, else from a mark written at that version', () => {
    expect(
      hashOfCurrentVersion({ ...remotePage('1'), version: { number: 4, message: `cmsync ${H1}` } }),
    ).toBe(H1);
    const marked = {
      ...remotePage('1', { version: 1 }),
      owner: { v: 1 as const, path: 'a.md', hash: H2, version: 1 },
    };
    expect(hashOfCurrentVersion(marked)).toBe(H2);
    expect(hashOfCurrentVersion({ ...marked, version: { number: 2, message: '' } })).toBeUndefined();
    expect(
      hashOfCurrentVersion({ ...remotePage('1'), version: { number: 2, message: 'cmsync not-a-hash' } }),
    ).toBeUndefined();
  });

  test('owned pages become known; a page last written by someone else has an unknown version', () => {
    const pages = [
      {
        ...remotePage('10', { parentId: '1', position: 2, owner: { v: 1, path: 'a.md' } }),
        version: { number: 3, message: `cmsync ${H1}` },
      },
      remotePage('11', {
        parentId: '1',
        position: 1,
        version: 5,
        owner: { v: 1, path: 'b.md', hash: H2, version: 4 },
      }),
      remotePage('12', { parentId: '1', position: 0 }),
      remotePage('13', { parentId: '1', position: 3, owner: { v: 1, path: '../escape.md' } }),
    ];
    const { known, diagnostics } = rebuildKnown(pages, remotePage('1'));
    expect(diagnostics).toEqual([]);
    expect(known).toEqual([
      expect.objectContaining({ key: 'a.md', pageId: '10', version: 3, hash: H1, parentId: '1', index: 1 }),
      expect.objectContaining({ key: 'b.md', pageId: '11', version: 0, hash: undefined, index: 0 }),
    ]);
  });

  test('the parent page is known as the root only when it carries the root mark', () => {
    const root = remotePage('1', { owner: { v: 1, path: '' } });
    expect(rebuildKnown([], root).known.map((k) => k.key)).toEqual(['']);
    expect(rebuildKnown([], remotePage('1')).known).toEqual([]);
  });

  test('two pages claiming one path: the one with a trusted hash wins, with a warning', () => {
    const a = remotePage('20', { owner: { v: 1, path: 'x.md' }, version: 2 });
    const b = {
      ...remotePage('30', { owner: { v: 1, path: 'x.md' } }),
      version: { number: 2, message: `cmsync ${H1}` },
    };
    const { known, diagnostics } = rebuildKnown([a, b], undefined);
    expect(known.map((k) => k.pageId)).toEqual(['30']);
    expect(diagnostics[0].message).toMatch(/both say they are published from "x.md"/);
  });
});

describe('git renames as page keys', () => {
  test('files, index files (folder pages) and the folders that moved', () => {
    const keyOfFile = new Map([
      ['docs/manual/index.md', 'manual/'],
      ['docs/manual/a.md', 'manual/a.md'],
    ]);
    const keys = renamesToKeys(
      [
        { from: 'docs/guide/index.md', to: 'docs/manual/index.md' },
        { from: 'docs/guide/a.md', to: 'docs/manual/a.md' },
        { from: 'docs/x/y/z.md', to: 'docs/w/y/z.md' },
        { from: 'elsewhere/a.md', to: 'docs/b.md' },
      ],
      'docs',
      keyOfFile,
    );
    expect(keys).toEqual([
      { from: 'guide/', to: 'manual/' },
      { from: 'guide/a.md', to: 'manual/a.md' },
      { from: 'x/y/z.md', to: 'w/y/z.md' },
      { from: 'x/y/', to: 'w/y/' },
      { from: 'x/', to: 'w/' },
    ]);
  });
});
