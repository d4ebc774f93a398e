/**
 * The `actions/checkout` situation: a `--depth 1` clone of origin, where `before` (push) or the base
 * and merge base (pull_request) are not in the clone until change detection fetches them.
 */
import { detectChanges, type ChangeSet, type DetectOptions } from '../../src/git/changes.js';
import { memoryLogger } from '../../src/util/log.js';
import { Repo, page, removeAll } from './git-fixtures.js';

afterAll(removeAll);

/** An author repository that pushes to a bare origin, as developers push to GitHub. */
function setUp(): { origin: Repo; author: Repo } {
  const origin = Repo.init(undefined, { bare: true });
  const author = Repo.clone(origin);
  return { origin, author };
}

function detect(runner: Repo, options: Partial<DetectOptions>): Promise<ChangeSet> {
  return detectChanges({
    workspace: runner.dir,
    eventName: 'push',
    force: false,
    log: memoryLogger(),
    ...options,
  });
}

describe('push on a shallow clone', () => {
  test('fetches the missing before commit and diffs before..after', async () => {
    const { origin, author } = setUp();
    author.write('docs/a.md', page('A')).write('docs/b.md', page('B')).write('docs/c.md', page('C'));
    const before = author.commit('first');
    author.write('docs/a.md', page('A2')).commit('edit a');
    author.remove('docs/b.md').commit('drop b');
    author.git('mv', 'docs/c.md', 'docs/see.md');
    const after = author.write('docs/d.md', page('D')).commit('add d, rename c');
    author.git('push', '--quiet', 'origin', 'main');
    const runner = Repo.clone(origin, ['--depth', '1']);
    expect(runner.has(before)).toBe(false);
    const snapshot = runner.snapshot();
    const log = memoryLogger();

    const changes = await detect(runner, { before, after, log });

    expect(changes).toEqual({
      kind: 'incremental',
      from: before,
      to: after,
      changed: ['docs/a.md', 'docs/d.md'],
      deleted: ['docs/b.md'],
      renamed: [{ from: 'docs/c.md', to: 'docs/see.md', similarity: 100 }],
    });
    expect(log.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`fetch --no-tags --no-recurse-submodules --progress --depth=1 origin ${before} → ok`),
      ),
    );
    expect(runner.snapshot()).toEqual(snapshot);
  });

  test('trusts forced: false from the event and fetches no history beyond before', async () => {
    const { origin, author } = setUp();
    const before = author.write('a.md', page('A')).commit('first');
    author.write('b.md', page('B')).commit('second');
    const after = author.write('c.md', page('C')).commit('third');
    author.git('push', '--quiet', 'origin', 'main');
    const runner = Repo.clone(origin, ['--depth', '1']);
    const log = memoryLogger();

    const changes = await detect(runner, { before, after, forced: false, log });

    expect(changes).toMatchObject({ kind: 'incremental', changed: ['b.md', 'c.md'] });
    expect(log.lines.filter((line) => line.includes('--deepen'))).toEqual([]);
  });

  test('a force push is a full run even though origin still serves the lost commit', async () => {
    const { origin, author } = setUp();
    author.write('a.md', page('A')).commit('first');
    const before = author.write('b.md', page('B')).commit('second');
    author.git('push', '--quiet', 'origin', 'main');
    author.git('reset', '--quiet', '--hard', 'HEAD~1');
    const after = author.write('c.md', page('C')).commit('rewritten');
    author.git('push', '--quiet', '--force', 'origin', 'main');
    const runner = Repo.clone(origin, ['--depth', '1']);

    const changes = await detect(runner, { before, after });

    expect(changes).toEqual({
      kind: 'full',
      reason: expect.stringMatching(/^force push: .* is not an ancestor of/),
    });
  });

  test('a before commit that origin does not have is a full run that says the fetch failed', async () => {
    const { origin, author } = setUp();
    const after = author.write('a.md', page('A')).commit('first');
    author.git('push', '--quiet', 'origin', 'main');
    const runner = Repo.clone(origin, ['--depth', '1']);
    const missing = 'fedcba9876543210fedcba9876543210fedcba98';

    const changes = await detect(runner, { before: missing, after });

    expect(changes).toEqual({
      kind: 'full',
      reason: expect.stringMatching(
        new RegExp(`^the before commit ${missing} .* fetching it from origin failed: .+`),
      ),
    });
  });
});

describe('pull_request on a shallow clone', () => {
  test('diffs merge-base(base, head)..head, not base..head', async () => {
    const { origin, author } = setUp();
    author.write('docs/shared.md', page('Shared')).write('docs/old.md', page('Old'));
    const forkPoint = author.commit('base');
    author.git('push', '--quiet', 'origin', 'main');
    author.git('switch', '--quiet', '--create', 'feature');
    author.write('docs/feature.md', page('Feature')).commit('feature 1');
    const head = author
      .write('docs/shared.md', page('Shared, edited'))
      .remove('docs/old.md')
      .commit('feature 2');
    author.git('push', '--quiet', 'origin', 'feature');
    author.git('switch', '--quiet', 'main');
    // Enough commits on main that the merge base lies beyond the first deepening step.
    for (let i = 0; i < 12; i++) author.write(`docs/main-${i}.md`, page(`Main ${i}`)).commit(`main ${i}`);
    const base = author.head();
    author.git('push', '--quiet', 'origin', 'main');
    const runner = Repo.clone(origin, ['--depth', '1', '--branch', 'main']);
    expect(runner.has(head)).toBe(false);
    const snapshot = runner.snapshot();

    const changes = await detect(runner, { eventName: 'pull_request', baseSha: base, headSha: head });

    expect(changes).toEqual({
      kind: 'incremental',
      from: forkPoint,
      to: head,
      changed: ['docs/feature.md', 'docs/shared.md'],
      deleted: ['docs/old.md'],
      renamed: [],
    });
    expect(runner.snapshot()).toEqual(snapshot);
  });

  test('branches without common history are a full run', async () => {
    const { origin, author } = setUp();
    const base = author.write('a.md', page('A')).commit('main');
    author.git('push', '--quiet', 'origin', 'main');
    author.git('switch', '--quiet', '--orphan', 'unrelated');
    const head = author.write('b.md', page('B')).commit('unrelated');
    author.git('push', '--quiet', 'origin', 'unrelated');
    const runner = Repo.clone(origin, ['--depth', '1', '--branch', 'main']);

    const changes = await detect(runner, { eventName: 'pull_request', baseSha: base, headSha: head });

    expect(changes).toEqual({ kind: 'full', reason: expect.stringMatching(/have no common history/) });
  });

  test('a pull_request without a base sha is a full run', async () => {
    const { origin, author } = setUp();
    author.write('a.md', page('A')).commit('first');
    author.git('push', '--quiet', 'origin', 'main');
    const runner = Repo.clone(origin, ['--depth', '1']);

    const changes = await detect(runner, { eventName: 'pull_request' });

    expect(changes).toEqual({ kind: 'full', reason: expect.stringMatching(/no base commit/) });
  });
});
