/**
 * `commit`: the git commit the manifest's state was published from. Optional (older manifests
 * have none), a full sha when present (it becomes a git argument), and advanced only when the
 * run left every page in that commit's state.
 */
import { parseManifest, serializeManifest } from '../../src/manifest/manifest.js';
import { commitToRecord } from '../../src/manifest/state.js';
import type { KnownPage, PageResult } from '../../src/sync/types.js';
import { sampleManifest, target } from './helpers.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('the manifest field', () => {
  test('round-trips, and a manifest without it stays valid', () => {
    const manifest = { ...sampleManifest(), commit: SHA };
    expect(parseManifest(serializeManifest(manifest), target)).toEqual({ manifest });
    const older = sampleManifest();
    expect('commit' in older).toBe(false);
    expect(parseManifest(serializeManifest(older), target)).toEqual({ manifest: older });
  });

  test('a SHA-256 repository’s 64-digit sha is accepted', () => {
    const manifest = { ...sampleManifest(), commit: 'a'.repeat(64) };
    expect(parseManifest(serializeManifest(manifest), target)).toEqual({ manifest });
  });

  test.each([
    ['a short sha', SHA.slice(0, 12)],
    ['upper case', SHA.toUpperCase()],
    ['an option', '--upload-pack=touch /tmp/x'],
    ['a branch name', 'main'],
    ['a number', 42],
    ['empty', ''],
  ])('%s is refused as a whole manifest', (_name, commit) => {
    const json = { ...JSON.parse(serializeManifest(sampleManifest())), commit } as unknown;
    expect(parseManifest(JSON.stringify(json), target)).toEqual({
      problem: 'corrupt',
      detail: expect.stringMatching(/commit must be a full git commit sha/),
    });
    expect(() => serializeManifest({ ...sampleManifest(), commit: String(commit) })).toThrow(
      /commit must be/,
    );
  });
});

describe('which commit a run records', () => {
  const previous = 'a'.repeat(40);
  const head = 'b'.repeat(40);
  const known: KnownPage[] = [
    { key: '', pageId: '1', version: 1, title: 'Docs' },
    { key: 'new.md', pageId: '2', version: 2, title: 'New' },
    { key: 'kept.md', pageId: '3', version: 1, title: 'Kept' },
  ];
  const result = (key: string, outcome: PageResult['outcome'], id?: string): PageResult => ({
    key,
    path: `docs/${key}`,
    title: key,
    outcome,
    ...(id ? { id } : {}),
  });
  const ok: PageResult[] = [
    result('', 'unchanged', '1'),
    result('new.md', 'updated', '2'),
    result('kept.md', 'skipped', '3'), // on-delete: keep, or a conflict skipped in place
    result('gone.md', 'deleted', '4'),
    result('off.md', 'skipped'), // `confluence: false`
  ];

  test('HEAD when every page is in its current state', () => {
    expect(commitToRecord({ failed: false, pages: ok, known }, { previous, head })).toBe(head);
    expect(commitToRecord({ failed: false, pages: ok, known }, { head })).toBe(head);
  });

  test('the previous commit when the run failed or a page failed or conflicted', () => {
    expect(commitToRecord({ failed: true, pages: ok, known }, { previous, head })).toBe(previous);
    for (const outcome of ['failed', 'conflict'] as const)
      expect(
        commitToRecord(
          { failed: false, pages: [...ok, result('x.md', outcome, '9')], known },
          { previous, head },
        ),
      ).toBe(previous);
    expect(commitToRecord({ failed: true, pages: [], known }, { head })).toBeUndefined();
  });

  test('the previous commit when a page is still known under its old path (a skipped rename)', () => {
    const behind = known.map((k) => (k.pageId === '2' ? { ...k, key: 'old.md' } : k));
    expect(commitToRecord({ failed: false, pages: ok, known: behind }, { previous, head })).toBe(previous);
  });

  test('nothing when git does not know HEAD, even after a success', () => {
    expect(commitToRecord({ failed: false, pages: ok, known }, { previous })).toBeUndefined();
  });
});
