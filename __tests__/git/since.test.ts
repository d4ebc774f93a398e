/**
 * `sincePublished`: the range from the commit the manifest was published from to HEAD. It spans
 * pushes whose runs never published and exists for full scans; it fetches a commit a shallow
 * clone lacks, compares trees whatever the history between them, and never throws.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sincePublished } from '../../src/git/since.js';
import { memoryLogger } from '../../src/util/log.js';
import { Repo, page, removeAll, tempDir } from './git-fixtures.js';

afterAll(removeAll);

const since = (workspace: string, published?: string) =>
  sincePublished({ workspace, log: memoryLogger(), ...(published ? { published } : {}) });

test('spans every commit since the published one, with renames paired, and names HEAD', async () => {
  const repo = Repo.init();
  repo.write('docs/a.md', page('A')).write('docs/b.md', page('B')).write('docs/c.md', page('C'));
  const published = repo.commit('first');
  repo.git('mv', 'docs/a.md', 'docs/renamed a.md');
  repo.write('docs/renamed a.md', `---\ntitle: Other\n---\n${page('A')}One more line.\n`).commit('rename');
  repo.remove('docs/b.md').commit('drop b');
  const head = repo.write('docs/c.md', `${page('C')}\nEdited.\n`).commit('edit c');
  const snapshot = repo.snapshot();

  await expect(since(repo.dir, published)).resolves.toEqual({
    head,
    changes: {
      kind: 'incremental',
      from: published,
      to: head,
      changed: ['docs/c.md'],
      deleted: ['docs/b.md'],
      renamed: [{ from: 'docs/a.md', to: 'docs/renamed a.md', similarity: expect.any(Number) }],
    },
  });
  expect(repo.snapshot()).toEqual(snapshot);
});

test('a workspace below the repository root gets paths relative to itself', async () => {
  const repo = Repo.init();
  const published = repo.write('site/docs/a.md', page('A')).commit('first');
  repo.git('mv', 'site/docs/a.md', 'site/docs/b.md');
  const head = repo.commit('rename');
  const result = await since(path.join(repo.dir, 'site'), published);
  expect(result).toMatchObject({ head, changes: { renamed: [{ from: 'docs/a.md', to: 'docs/b.md' }] } });
});

test('without a recorded commit: just HEAD, and why there is no range', async () => {
  const repo = Repo.init();
  const head = repo.write('a.md', page('A')).commit('first');
  await expect(since(repo.dir)).resolves.toEqual({
    head,
    changes: { kind: 'full', reason: 'no published commit is recorded' },
  });
});

test('a shallow clone fetches the published commit (depth 1, no history walk)', async () => {
  const origin = Repo.init(undefined, { bare: true });
  const author = Repo.clone(origin);
  const published = author.write('docs/a.md', page('A')).commit('first');
  author.git('mv', 'docs/a.md', 'docs/b.md');
  author.commit('rename');
  const head = author.write('docs/c.md', page('C')).commit('add c');
  author.git('push', '--quiet', 'origin', 'main');
  const runner = Repo.clone(origin, ['--depth', '1']);
  expect(runner.has(published)).toBe(false);
  const log = memoryLogger();

  const result = await sincePublished({ workspace: runner.dir, published, log });
  expect(result).toMatchObject({
    head,
    changes: {
      kind: 'incremental',
      from: published,
      changed: ['docs/c.md'],
      renamed: [{ from: 'docs/a.md' }],
    },
  });
  expect(log.lines).toContainEqual(expect.stringMatching(`--depth=1 origin ${published} → ok`));
  expect(log.lines.some((line) => line.includes('--deepen'))).toBe(false);
});

test('a published commit on rewritten history is still compared, tree to tree', async () => {
  const repo = Repo.init();
  const first = repo.write('docs/a.md', page('A')).commit('first');
  const lost = repo.write('docs/b.md', page('B')).commit('lost');
  repo.git('reset', '--quiet', '--hard', first);
  repo.git('mv', 'docs/a.md', 'docs/z.md');
  const head = repo.commit('rewritten');
  await expect(since(repo.dir, lost)).resolves.toMatchObject({
    head,
    changes: {
      kind: 'incremental',
      deleted: ['docs/b.md'],
      renamed: [{ from: 'docs/a.md', to: 'docs/z.md' }],
    },
  });
});

test('a published commit that neither the clone nor origin has: no range, HEAD still known', async () => {
  const origin = Repo.init(undefined, { bare: true });
  const author = Repo.clone(origin);
  const head = author.write('a.md', page('A')).commit('first');
  author.git('push', '--quiet', 'origin', 'main');
  const gone = 'abcdef0123456789abcdef0123456789abcdef01';
  await expect(since(author.dir, gone)).resolves.toEqual({
    head,
    changes: {
      kind: 'full',
      reason: expect.stringMatching(
        new RegExp(
          `^the last published commit ${gone} is not in this clone and fetching it from origin failed`,
        ),
      ),
    },
  });
});

test('no git, or no commit yet: no HEAD, no range, no throw', async () => {
  const plain = tempDir();
  mkdirSync(path.join(plain, 'docs'));
  await expect(since(plain, 'a'.repeat(40))).resolves.toEqual({
    changes: { kind: 'full', reason: expect.stringMatching(/^not a git repository/) },
  });
  await expect(since(path.join(plain, 'missing'), 'a'.repeat(40))).resolves.toMatchObject({
    changes: { kind: 'full' },
  });
  const empty = Repo.init();
  await expect(since(empty.dir, 'a'.repeat(40))).resolves.toEqual({
    changes: { kind: 'full', reason: 'the repository has no commits' },
  });
});
