/**
 * Renames made in pushes that were never published. The README's workflow cancels pending runs
 * (a `concurrency` group) and a run can fail before it saves: the next push's `before..after`
 * then misses renames made in between, and full scans (dispatch, schedule, force push) have no
 * range at all. The manifest records the commit its state was published from, and every run
 * diffs from there, so a renamed file keeps its page (history, comments, watchers) instead of a
 * new page being created and the old one trashed.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  publish,
  removeAll,
  resultOf,
  treeOf,
  writeInto,
  type Run,
} from './harness.js';

let server: EmbeddedConfluence;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});
afterAll(removeAll);

type ManifestJson = Record<string, unknown> & { commit?: string; pages: Record<string, { pageId: string }> };

function manifestOf(docs: DocsRepo): ManifestJson {
  return JSON.parse(readFileSync(manifestPathIn(docs.dir), 'utf8')) as ManifestJson;
}

/** `git mv` of the API page, with a new title and one more line: too different for title or hash. */
function renameApi(docs: DocsRepo): string {
  docs.move('docs/reference/api.md', 'docs/reference/http-api.md');
  docs.write({ 'docs/reference/http-api.md': `---\ntitle: HTTP API\n---\n${page('API')}One more line.\n` });
  return docs.commit('rename the API page');
}

function editUsage(docs: DocsRepo, text: string): string {
  docs.write({ 'docs/guide/usage.md': `---\norder: 1\n---\n${page('Usage')}\n${text}\n` });
  return docs.commit('edit usage');
}

/** The API page kept its id and history: retitled in place, nothing created or trashed. */
function expectApiKept(run: Run, apiId: string): void {
  expect(resultOf(run.report, 'reference/http-api.md')).toMatchObject({ id: apiId, outcome: 'updated' });
  expect(run.report.counts).toMatchObject({ created: 0, deleted: 0 });
  expect(server.page(apiId)).toMatchObject({ title: 'HTTP API', status: 'current' });
  expect(server.page(apiId)?.properties.cmsync.value).toMatchObject({ path: 'reference/http-api.md' });
  expect(
    server.pages({ spaceKey: 'DOCS', includeTrashed: true }).filter((p) => p.status !== 'current'),
  ).toEqual([]);
}

async function expectCleanTree(docs: DocsRepo): Promise<void> {
  expect(treeOf(server, homeOf(server))).toEqual(await cleanTree(filesOf(docs)));
  expectSound(server);
}

test('a push whose run never published: the next push still sees its rename and keeps the page', async () => {
  const docs = DocsRepo.create();
  const first = await publish(server, docs);
  expectClean(first.report);
  expect(manifestOf(docs).commit).toBe(docs.head());
  const api = byTitle(server, 'API');

  renameApi(docs);
  const skipped = docs.head(); // its run was cancelled while pending (concurrency group)
  const third = editUsage(docs, 'Unrelated edit.');

  const run = await publish(server, docs, {
    config: { onDelete: 'trash' },
    event: { eventName: 'push', before: skipped, after: third },
  });
  expectClean(run.report);
  expectApiKept(run, api.id);
  expect(run.notes).toContainEqual(
    expect.stringMatching(
      /^git [0-9a-f]{7}\.\.[0-9a-f]{7}: 1 changed, 1 renamed, 0 deleted file\(s\) since the last published commit \(the push itself: /,
    ),
  );
  expect(manifestOf(docs).commit).toBe(third);
  await expectCleanTree(docs);
});

test('a workflow_dispatch full scan after an unpublished rename keeps the page', async () => {
  const docs = DocsRepo.create();
  expectClean((await publish(server, docs)).report);
  const api = byTitle(server, 'API');
  const renamed = renameApi(docs);

  const run = await publish(server, docs, {
    config: { onDelete: 'trash' },
    event: { eventName: 'workflow_dispatch' },
  });
  expectClean(run.report);
  expectApiKept(run, api.id);
  expect(run.notes).toContainEqual(
    expect.stringMatching(
      /^full scan: the workflow_dispatch event .*; renames from git [0-9a-f]{7}\.\.[0-9a-f]{7}: 0 changed, 1 renamed, 0 deleted file\(s\) since the last published commit$/,
    ),
  );
  // Still a full scan: Confluence was read.
  expect(run.requests.some((r) => r.kind === 'GET search')).toBe(true);
  expect(manifestOf(docs).commit).toBe(renamed);
  await expectCleanTree(docs);
});

test('a run that failed keeps the older commit, so the page it could not rename is found later', async () => {
  const docs = DocsRepo.create();
  const published = docs.head();
  expectClean((await publish(server, docs)).report);
  const api = byTitle(server, 'API');
  // Ann edits the page in Confluence; the rename then conflicts and the run fails.
  server.editAsPerson(api.id, { body: '<p>Edited by hand.</p>', authorName: 'Ann' });
  renameApi(docs);
  const failed = await publish(server, docs, { config: { onDelete: 'trash' } });
  expect(failed.report.failed).toBe(true);
  expect(resultOf(failed.report, 'reference/http-api.md')).toMatchObject({ outcome: 'conflict', id: api.id });
  expect(manifestOf(docs).commit).toBe(published);
  expect(manifestOf(docs).pages['reference/api.md']).toMatchObject({ pageId: api.id });

  // The next push only edits another page; its range does not hold the rename.
  editUsage(docs, 'Unrelated edit.');
  const run = await publish(server, docs, { config: { onDelete: 'trash', onConflict: 'overwrite' } });
  expectClean(run.report);
  expectApiKept(run, api.id);
  expect(manifestOf(docs).commit).toBe(docs.head());
  await expectCleanTree(docs);
});

test('a renamed page skipped for a conflict (a run that did not fail) keeps the older commit too', async () => {
  const docs = DocsRepo.create();
  const published = docs.head();
  expectClean((await publish(server, docs)).report);
  const api = byTitle(server, 'API');
  server.editAsPerson(api.id, { body: '<p>Edited by hand.</p>', authorName: 'Ann' });
  renameApi(docs);
  const skipped = await publish(server, docs, { config: { onConflict: 'skip' } });
  expect(skipped.report.failed).toBe(false);
  expect(resultOf(skipped.report, 'reference/http-api.md')).toMatchObject({ outcome: 'skipped', id: api.id });
  expect(manifestOf(docs).commit).toBe(published);

  editUsage(docs, 'Unrelated edit.');
  const run = await publish(server, docs, { config: { onDelete: 'trash', onConflict: 'overwrite' } });
  expectClean(run.report);
  expectApiKept(run, api.id);
  await expectCleanTree(docs);
});

test('a manifest without a commit (an older release wrote it) still works and gets one', async () => {
  const docs = DocsRepo.create();
  expectClean((await publish(server, docs)).report);
  const api = byTitle(server, 'API');
  const { commit, ...older } = manifestOf(docs);
  expect(commit).toBe(docs.head());
  writeFileSync(manifestPathIn(docs.dir), JSON.stringify(older));

  // The push's own range has the rename, as before.
  renameApi(docs);
  const run = await publish(server, docs, { config: { onDelete: 'trash' } });
  expectClean(run.report);
  expect(run.notes[0]).toMatch(/^manifest restored \(7 pages/);
  expect(run.notes).toContainEqual(
    expect.stringMatching(/^git [0-9a-f]{7}\.\.[0-9a-f]{7}: 0 changed, 1 renamed, 0 deleted file\(s\)$/),
  );
  expectApiKept(run, api.id);
  expect(manifestOf(docs).commit).toBe(docs.head());
  await expectCleanTree(docs);
});

test('a force push keeps the page even though the published commit is no ancestor: the trees are compared', async () => {
  const docs = DocsRepo.create();
  const c1 = docs.head();
  expectClean((await publish(server, docs)).report);
  const lost = editUsage(docs, 'Only in the lost commit.');
  expectClean((await publish(server, docs)).report);
  const api = byTitle(server, 'API');

  docs.repo.git('reset', '--quiet', '--hard', c1);
  const rewritten = renameApi(docs);
  const run = await publish(server, docs, {
    config: { onDelete: 'trash' },
    event: { eventName: 'push', before: lost, after: rewritten, forced: true },
  });
  expectClean(run.report);
  expectApiKept(run, api.id);
  expect(byTitle(server, 'Usage').body).not.toContain('Only in the lost commit');
  expect(run.notes).toContainEqual(
    expect.stringMatching(
      /^full scan: force push .*; renames from git [0-9a-f]{7}\.\.[0-9a-f]{7}: 1 changed, 1 renamed/,
    ),
  );
  await expectCleanTree(docs);
});

test('a force push whose published commit is gone from origin falls back to a plain full scan', async () => {
  const bare = Repo.init(undefined, { bare: true });
  const author = Repo.clone(bare);
  const push = (files: Record<string, string | Uint8Array>, message: string): string => {
    writeInto(author.dir, files);
    const sha = author.commit(message);
    author.git('push', '--quiet', '--force', 'origin', 'main');
    return sha;
  };
  /** A fresh `--depth 1` checkout holding the manifest the previous run left (the cache restores it). */
  let last: DocsRepo | undefined;
  const checkout = (): DocsRepo => {
    const runner = new DocsRepo(Repo.clone(bare, ['--depth', '1']));
    if (last) {
      mkdirSync(path.dirname(manifestPathIn(runner.dir)), { recursive: true });
      copyFileSync(manifestPathIn(last.dir), manifestPathIn(runner.dir));
    }
    last = runner;
    return runner;
  };

  const c1 = push(DOCS, 'docs');
  expectClean((await publish(server, checkout())).report);
  const c2 = push({ 'docs/reference/api.md': `${page('API')}\nOnly in the lost commit.\n` }, 'edit api');
  const second = checkout();
  expectClean(
    (await publish(server, second, { event: { eventName: 'push', before: c1, after: c2 } })).report,
  );
  expect(manifestOf(second).commit).toBe(c2);
  const cli = byTitle(server, 'CLI flags');

  // History rewritten and the lost commit pruned from origin: it cannot be fetched any more.
  author.git('reset', '--quiet', '--hard', c1);
  author.git('mv', 'docs/reference/cli.md', 'docs/reference/flags.md');
  const rewritten = push(
    { 'docs/guide/usage.md': `---\norder: 1\n---\n${page('Usage')}\nRewritten.\n` },
    'rewrite',
  );
  bare.git('reflog', 'expire', '--expire=now', '--all');
  bare.git('gc', '--quiet', '--prune=now');
  expect(bare.has(c2)).toBe(false);

  const runner = checkout();
  const run = await publish(server, runner, {
    event: { eventName: 'push', before: c2, after: rewritten, forced: true },
  });
  expectClean(run.report);
  expect(run.notes).toContainEqual('full scan: force push (the push event says "forced")');
  expect(run.notes).toContainEqual(
    expect.stringMatching(
      /^renames since the last published commit [0-9a-f]{12} are unknown \(the last published commit [0-9a-f]{40} is not in this clone and fetching it from origin failed: .*\); pages are matched by content and title$/,
    ),
  );
  // A pure rename is still matched by content; the lost edit is undone.
  expect(resultOf(run.report, 'reference/flags.md')).toMatchObject({ id: cli.id });
  expect(byTitle(server, 'API').body).not.toContain('Only in the lost commit');
  expect(manifestOf(runner).commit).toBe(rewritten);
  await expectCleanTree(runner);
});

test('the CLI (no event) diffs from the published commit too', async () => {
  const docs = DocsRepo.create();
  expectClean((await publish(server, docs, { event: null })).report);
  expect(manifestOf(docs).commit).toBe(docs.head());
  const api = byTitle(server, 'API');
  renameApi(docs);
  editUsage(docs, 'Unrelated edit.');

  const run = await publish(server, docs, { event: null, config: { onDelete: 'trash' } });
  expectClean(run.report);
  expectApiKept(run, api.id);
  expect(run.notes).toContainEqual(
    expect.stringMatching(
      /^git [0-9a-f]{7}\.\.[0-9a-f]{7}: 1 changed, 1 renamed, 0 deleted file\(s\) since the last published commit$/,
    ),
  );
  await expectCleanTree(docs);
});

test('outside git nothing is recorded and nothing changes', async () => {
  const docs = DocsRepo.create();
  rmSync(path.join(docs.dir, '.git'), { recursive: true, force: true });
  const run = await publish(server, docs, { event: null });
  expectClean(run.report);
  expect(manifestOf(docs).commit).toBeUndefined();
  expect(run.notes).toHaveLength(2);
});
