/**
 * What `actions/checkout` hands the Action: a `--depth 1` clone of origin. The push's `before`
 * commit is fetched when missing; when it cannot be had, or the push rewrote history, the run is
 * a full scan — and every path ends in the tree a clean publish of the same commit produces.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { manifestPathIn } from '../../src/manifest/location.js';
import { startServer } from '../../src/server/index.js';
import type { EmbeddedConfluence } from '../../src/server/types.js';
import { page } from '../git/git-fixtures.js';
import {
  DOCS,
  DocsRepo,
  Repo,
  byTitle,
  cleanTree,
  expectClean,
  expectSound,
  filesOf,
  homeOf,
  kindsOf,
  publish,
  removeAll,
  resultOf,
  treeOf,
  writeInto,
} from './harness.js';

let server: EmbeddedConfluence;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});
afterAll(removeAll);

/** Developers push to a bare origin; each workflow run checks out a fresh shallow clone of it. */
class Origin {
  readonly bare = Repo.init(undefined, { bare: true });
  readonly author = Repo.clone(this.bare);
  private lastRunner?: DocsRepo;

  push(files: Record<string, string | Uint8Array>, message: string, ...removed: string[]): string {
    writeInto(this.author.dir, files);
    for (const f of removed) this.author.remove(f);
    const sha = this.author.commit(message);
    this.author.git('push', '--quiet', '--force', 'origin', 'main');
    return sha;
  }

  /** A fresh `--depth 1` checkout holding the manifest the previous run left (what the cache restores). */
  checkout(published: string): DocsRepo {
    const runner = new DocsRepo(Repo.clone(this.bare, ['--depth', '1']));
    runner.published = published;
    if (this.lastRunner) {
      mkdirSync(path.dirname(manifestPathIn(runner.dir)), { recursive: true });
      copyFileSync(manifestPathIn(this.lastRunner.dir), manifestPathIn(runner.dir));
    }
    this.lastRunner = runner;
    return runner;
  }
}

test('shallow clone: the missing before commit is fetched, the rename is seen, the page is kept', async () => {
  const origin = new Origin();
  const c1 = origin.push(DOCS, 'docs');
  const first = origin.checkout('0'.repeat(40));
  expectClean((await publish(server, first)).report);
  const install = byTitle(server, 'Install');

  origin.author.git('mv', 'docs/guide/install.md', 'docs/guide/setup.md');
  origin.push(
    { 'docs/guide/setup.md': `---\norder: 2\n---\n${page('Install').replace('# Install', '# Setup')}` },
    'rename',
  );
  origin.push({ 'docs/guide/usage.md': `---\norder: 1\n---\n${page('Usage')}\nEdited.\n` }, 'edit usage');
  const runner = origin.checkout(c1);
  expect(runner.repo.has(c1)).toBe(false);

  const run = await publish(server, runner);
  expectClean(run.report);
  expect(runner.repo.has(c1)).toBe(true);
  expect(run.notes).toContainEqual(
    expect.stringMatching(/^git [0-9a-f]{7}\.\.[0-9a-f]{7}: 1 changed, 1 renamed, 0 deleted/),
  );
  expect(resultOf(run.report, 'guide/setup.md')).toMatchObject({ id: install.id });
  expect(server.page(install.id)).toMatchObject({ title: 'Setup', version: { number: 2 } });
  // Usage changed; Introduction's link to install.md no longer resolves, so its body changed too.
  expect(run.report.counts).toMatchObject({ created: 0, updated: 2, moved: 1, unchanged: 4 });
  expect(treeOf(server, homeOf(server))).toEqual(await cleanTree(filesOf(runner)));
  expectSound(server);
  console.info(`flow shallow clone: ${run.requests.length} requests: ${kindsOf(run.requests).join(', ')}`);
});

test('shallow clone whose before commit origin never had: a full scan, same final tree', async () => {
  const origin = new Origin();
  origin.push(DOCS, 'docs');
  const first = origin.checkout('0'.repeat(40));
  expectClean((await publish(server, first)).report);
  origin.push({ 'docs/reference/api.md': `${page('API')}\nEdited.\n` }, 'edit api');
  const runner = origin.checkout('1234567890abcdef1234567890abcdef12345678');

  const run = await publish(server, runner);
  expectClean(run.report);
  expect(run.notes).toContainEqual(
    expect.stringMatching(/^full scan: the before commit .* fetching it from origin failed/),
  );
  expect(run.requests.filter((r) => r.kind === 'GET search')).toHaveLength(1);
  expect(kindsOf(run.requests.filter((r) => r.write))).toEqual(['PUT page']);
  expect(treeOf(server, homeOf(server))).toEqual(await cleanTree(filesOf(runner)));
  expectSound(server);
});

test.each([
  ['the event says forced', true],
  ['git finds before is no ancestor', undefined],
] as const)(
  'a force push is a full scan (%s): the lost commit is undone, renames keep pages',
  async (_why, forced) => {
    const origin = new Origin();
    const c1 = origin.push(DOCS, 'docs');
    expectClean((await publish(server, origin.checkout('0'.repeat(40)))).report);
    const c2 = origin.push(
      { 'docs/reference/api.md': `${page('API')}\nOnly in the lost commit.\n` },
      'edit api',
    );
    expectClean((await publish(server, origin.checkout(c1))).report);
    const cli = byTitle(server, 'CLI flags');

    // History rewritten: c2 is gone; instead the usage page changed and cli.md was renamed.
    origin.author.git('reset', '--quiet', '--hard', c1);
    origin.author.git('mv', 'docs/reference/cli.md', 'docs/reference/flags.md');
    const rewritten = origin.push(
      { 'docs/guide/usage.md': `---\norder: 1\n---\n${page('Usage')}\nRewritten.\n` },
      'rewrite',
    );
    const runner = origin.checkout(c2);
    const run = await publish(server, runner, {
      event: { eventName: 'push', before: c2, after: rewritten, forced },
    });
    expectClean(run.report);
    expect(run.notes).toContainEqual(expect.stringMatching(/^full scan: force push/));
    expect(byTitle(server, 'API').body).not.toContain('Only in the lost commit');
    expect(resultOf(run.report, 'reference/flags.md')).toMatchObject({ id: cli.id });
    expect(server.page(cli.id)?.properties.cmsync.value).toMatchObject({ path: 'reference/flags.md' });
    expect(treeOf(server, homeOf(server))).toEqual(await cleanTree(filesOf(runner)));
    expectSound(server);
    console.info(
      `flow force push (${_why}): ${run.requests.length} requests: ${kindsOf(run.requests).join(', ')}`,
    );
  },
);

test('a re-run of an older workflow run writes nothing: older docs are not put back unless forced', async () => {
  const origin = new Origin();
  const c1 = origin.push(DOCS, 'docs');
  expectClean((await publish(server, origin.checkout('0'.repeat(40)))).report);
  const c2 = origin.push(
    { 'docs/reference/api.md': `${page('API')}\nNewer text.\n`, 'docs/new.md': page('New page') },
    'edit api, add a page',
  );
  expectClean((await publish(server, origin.checkout(c1))).report);

  // "Re-run all jobs" on the first run: a fresh shallow clone checked out at c1.
  const rerun = origin.checkout(c2);
  rerun.repo.git('fetch', '--quiet', '--depth=1', 'origin', c1);
  rerun.repo.git('checkout', '--quiet', c1);
  const refused = await publish(server, rerun, {
    event: { eventName: 'push', before: '0'.repeat(40), after: c1 },
  });
  expect(refused.report.failed).toBe(true);
  expect(refused.report.diagnostics).toContainEqual(
    expect.objectContaining({
      severity: 'error',
      setting: 'force',
      message: expect.stringMatching(/is older than/),
    }),
  );
  expect(refused.requests).toEqual([]);
  expect(byTitle(server, 'API').body).toContain('Newer text.');
  expect(byTitle(server, 'New page').status).toBe('current');

  const forced = await publish(server, rerun, {
    config: { force: true, onDelete: 'trash' },
    event: { eventName: 'push', before: '0'.repeat(40), after: c1 },
  });
  expectClean(forced.report);
  expect(byTitle(server, 'API').body).not.toContain('Newer text.');
  expect(treeOf(server, homeOf(server))).toEqual(await cleanTree(filesOf(rerun)));
});

test('a force push that moves the branch back to an older commit is a rollback: it publishes', async () => {
  const origin = new Origin();
  const c1 = origin.push(DOCS, 'docs');
  expectClean((await publish(server, origin.checkout('0'.repeat(40)))).report);
  const c2 = origin.push({ 'docs/reference/api.md': `${page('API')}\nTo be rolled back.\n` }, 'edit api');
  expectClean((await publish(server, origin.checkout(c1))).report);

  origin.author.git('reset', '--quiet', '--hard', c1);
  origin.author.git('push', '--quiet', '--force', 'origin', 'main');
  const runner = origin.checkout(c2);
  const run = await publish(server, runner, {
    event: { eventName: 'push', before: c2, after: c1, forced: true },
  });
  expectClean(run.report);
  expect(byTitle(server, 'API').body).not.toContain('To be rolled back.');
});
