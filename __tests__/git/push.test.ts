/** Push events on a clone with complete history: what changed between `before` and `after`. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { detectChanges, type ChangeSet, type DetectOptions } from '../../src/git/changes.js';
import { memoryLogger } from '../../src/util/log.js';
import { Repo, page, removeAll } from './git-fixtures.js';

afterAll(removeAll);

function push(
  repo: Repo,
  before: string,
  after: string | undefined,
  extra: Partial<DetectOptions> = {},
): Promise<ChangeSet> {
  return detectChanges({
    workspace: repo.dir,
    eventName: 'push',
    before,
    after,
    force: false,
    log: memoryLogger(),
    ...extra,
  });
}

function incremental(changes: ChangeSet): Extract<ChangeSet, { kind: 'incremental' }> {
  if (changes.kind !== 'incremental')
    throw new Error(`expected an incremental change set, got: ${changes.reason}`);
  return changes;
}

describe('push with complete history', () => {
  test('lists added, modified and deleted files between before and after', async () => {
    const repo = Repo.init();
    repo
      .write('docs/keep.md', page('Keep'))
      .write('docs/edit.md', page('Edit'))
      .write('docs/gone.md', page('Gone'));
    const before = repo.commit('first');
    repo.write('docs/new.md', page('New')).write('docs/edit.md', page('Edited')).remove('docs/gone.md');
    repo.commit('second');
    repo.write('README.md', 'outside docs\n');
    const after = repo.commit('third');

    const changes = incremental(await push(repo, before, after));

    expect(changes).toEqual({
      kind: 'incremental',
      from: before,
      to: after,
      changed: ['README.md', 'docs/edit.md', 'docs/new.md'],
      deleted: ['docs/gone.md'],
      renamed: [],
    });
  });

  test('defaults after to HEAD', async () => {
    const repo = Repo.init();
    const before = repo.write('a.md', page('A')).commit('first');
    const after = repo.write('b.md', page('B')).commit('second');

    const changes = incremental(await push(repo, before, undefined));

    expect(changes.to).toBe(after);
    expect(changes.changed).toEqual(['b.md']);
  });

  test('a moved file with a small edit is one rename entry with its similarity', async () => {
    const repo = Repo.init();
    const before = repo.write('docs/guide/setup.md', page('Setup')).commit('first');
    mkdirSync(path.join(repo.dir, 'docs/start'));
    repo.git('mv', 'docs/guide/setup.md', 'docs/start/installation.md');
    repo.write('docs/start/installation.md', page('Setup').replace('Paragraph 3', 'Section 3'));
    const after = repo.commit('move');

    const changes = incremental(await push(repo, before, after));

    expect(changes.changed).toEqual([]);
    expect(changes.deleted).toEqual([]);
    expect(changes.renamed).toHaveLength(1);
    expect(changes.renamed[0]).toMatchObject({
      from: 'docs/guide/setup.md',
      to: 'docs/start/installation.md',
    });
    expect(changes.renamed[0].similarity).toBeGreaterThanOrEqual(50);
    expect(changes.renamed[0].similarity).toBeLessThan(100);
  });

  test('a pure rename reports similarity 100', async () => {
    const repo = Repo.init();
    const before = repo.write('old.md', page('Same')).commit('first');
    repo.git('mv', 'old.md', 'new.md');
    const after = repo.commit('rename');

    expect(incremental(await push(repo, before, after)).renamed).toEqual([
      { from: 'old.md', to: 'new.md', similarity: 100 },
    ]);
  });

  test('paths with spaces, unicode and quotes come back verbatim', async () => {
    const repo = Repo.init();
    const spaced = 'docs/getting started/first steps.md';
    const accented = 'docs/café/résumé.md';
    const japanese = 'docs/日本/ガイド.md';
    const quoted = 'docs/say "hello" & it\'s.md';
    repo
      .write(accented, page('Résumé'))
      .write(quoted, page('Quoted'))
      .write('docs/tab\there.md', page('Tab'));
    const before = repo.commit('first');
    repo.write(spaced, page('Spaced')).write(japanese, page('日本'));
    repo.write(accented, page('Résumé v2'));
    repo.remove('docs/tab\there.md');
    repo.git('mv', quoted, 'docs/"quoted" moved.md');
    const after = repo.commit('second');

    const changes = incremental(await push(repo, before, after));

    expect([...changes.changed].sort()).toEqual([accented, spaced, japanese].sort());
    expect(changes.deleted).toEqual(['docs/tab\there.md']);
    expect(changes.renamed).toEqual([{ from: quoted, to: 'docs/"quoted" moved.md', similarity: 100 }]);
  });

  test('a workspace below the repository root gets paths relative to itself', async () => {
    const repo = Repo.init();
    const before = repo.write('site/docs/a.md', page('A')).write('other/x.md', page('X')).commit('first');
    repo.write('site/docs/a.md', page('A2')).write('other/x.md', page('X2'));
    const after = repo.commit('second');

    const changes = incremental(await push(repo, before, after, { workspace: path.join(repo.dir, 'site') }));

    expect(changes.changed).toEqual(['docs/a.md']);
  });

  test('an all-zero before (a new branch) is a full run', async () => {
    const repo = Repo.init();
    const after = repo.write('a.md', page('A')).commit('first');

    const changes = await push(repo, '0000000000000000000000000000000000000000', after);

    expect(changes).toEqual({ kind: 'full', reason: expect.stringMatching(/new branch/) });
  });

  test('a push without before is a full run', async () => {
    const repo = Repo.init();
    repo.write('a.md', page('A')).commit('first');

    const changes = await push(repo, '', 'HEAD');

    expect(changes).toEqual({ kind: 'full', reason: expect.stringMatching(/no "before" commit/) });
  });

  test('a force push (before not an ancestor of after) is a full run', async () => {
    const repo = Repo.init();
    repo.write('a.md', page('A')).commit('first');
    const before = repo.write('b.md', page('B')).commit('second');
    repo.git('reset', '--quiet', '--hard', 'HEAD~1');
    const after = repo.write('c.md', page('C')).commit('rewritten');

    const changes = await push(repo, before, after);

    expect(changes).toEqual({
      kind: 'full',
      reason: expect.stringMatching(/^force push: .* is not an ancestor of/),
    });
  });

  test('an event that says forced is a full run without asking git', async () => {
    const repo = Repo.init();
    const before = repo.write('a.md', page('A')).commit('first');
    const after = repo.write('b.md', page('B')).commit('second');
    const log = memoryLogger();

    const changes = await push(repo, before, after, { forced: true, log });

    expect(changes).toEqual({ kind: 'full', reason: expect.stringMatching(/force push/) });
    expect(log.lines.filter((line) => line.includes('merge-base'))).toEqual([]);
  });

  test('a before commit that exists nowhere is a full run that names it', async () => {
    const repo = Repo.init();
    const after = repo.write('a.md', page('A')).commit('first');
    const missing = '1234567890abcdef1234567890abcdef12345678';

    const changes = await push(repo, missing, after);

    expect(changes).toEqual({
      kind: 'full',
      reason: expect.stringContaining(
        `the before commit ${missing} is not in this clone and fetching it from origin failed`,
      ),
    });
  });

  test('a revision that looks like an option never reaches git', async () => {
    const repo = Repo.init();
    const after = repo.write('a.md', page('A')).commit('first');
    const log = memoryLogger();

    const changes = await push(repo, '--upload-pack=touch /tmp/pwned', after, { log });

    expect(changes).toEqual({ kind: 'full', reason: expect.stringMatching(/not a commit name/) });
    expect(log.lines.filter((line) => line.includes('upload-pack'))).toEqual([
      expect.stringMatching(/^debug: change detection: full run/),
    ]);
  });

  test('logs every git command at debug and leaves the work tree, index and refs alone', async () => {
    const repo = Repo.init();
    const before = repo.write('a.md', page('A')).commit('first');
    const after = repo.write('a.md', page('A2')).commit('second');
    repo.write('untracked.md', 'draft\n');
    const snapshot = repo.snapshot();
    const log = memoryLogger();

    await push(repo, before, after, { log });

    expect(repo.snapshot()).toEqual(snapshot);
    expect(log.lines).toContainEqual(
      expect.stringMatching(/^debug: git -c core.quotepath=off diff-tree .* → ok$/),
    );
    expect(log.lines.every((line) => line.startsWith('debug: '))).toBe(true);
  });
});
