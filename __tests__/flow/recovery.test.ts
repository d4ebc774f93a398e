/**
 * The manifest is a shortcut, never the truth: restored from the Actions cache by prefix (the
 * REAL @actions/cache client against a loopback cache service), and when it is lost, stale,
 * corrupt or from another schema, the state is rebuilt from one listing of the managed subtree —
 * never answered with a duplicate page or a "title already exists".
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { manifestPathIn } from '../../src/manifest/location.js';
import { startServer } from '../../src/server/index.js';
import type { EmbeddedConfluence } from '../../src/server/types.js';
import { startActionsCacheServer, type ActionsCacheServer } from '../support/actions-cache-server.js';
import { captureStdout, removeDir, tempDir, withRunnerEnv } from '../manifest/helpers.js';
import { page } from '../git/git-fixtures.js';
import {
  DOCS_PAGES,
  DocsRepo,
  byTitle,
  expectClean,
  expectSound,
  filesOf,
  cleanTree,
  homeOf,
  kindsOf,
  publish,
  removeAll,
  resultOf,
  treeOf,
  type Run,
  type RunOptions,
} from './harness.js';

let server: EmbeddedConfluence;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});
afterAll(removeAll);

const edit = (docs: DocsRepo): void => {
  docs.write({ 'docs/reference/api.md': `${page('API')}\nVersion two.\n` }).commit('edit api');
};

/** The run rebuilt its state from Confluence: one listing, one write (the edit), nothing else written. */
function expectRebuiltWithOneWrite(run: Run): void {
  expectClean(run.report);
  expect(run.requests.filter((r) => r.kind === 'GET search')).toHaveLength(1);
  expect(kindsOf(run.requests.filter((r) => r.write))).toEqual(['PUT page']);
  expect(run.report.counts).toMatchObject({ updated: 1, unchanged: DOCS_PAGES - 1, created: 0 });
  expect(server.pages({ spaceKey: 'DOCS', includeTrashed: true })).toHaveLength(DOCS_PAGES + 1);
  expect(run.report.pages.some((p) => /already exists/i.test(p.detail ?? ''))).toBe(false);
  expectSound(server);
}

describe('a damaged manifest in the workspace is rebuilt from one listing', () => {
  const damaged: [string, string][] = [
    ['not JSON', '{"schema": 1, "pages": {'],
    ['an older schema', JSON.stringify({ schema: 0, tool: 'cmsync', pages: {} })],
    ['another shape', JSON.stringify({ version: 1, pages: [{ path: 'intro.md', id: '1' }] })],
    [
      'a page entry with an unknown field',
      JSON.stringify({
        schema: 1,
        tool: 'cmsync',
        confluenceUrl: 'http://x/wiki',
        space: 'DOCS',
        parentPageId: '1',
        docsDir: 'docs',
        converterVersion: '1',
        updatedAt: '2025-01-01T00:00:00Z',
        pages: { 'intro.md': { pageId: '7', version: 1, title: 'Introduction', colour: 'red' } },
      }),
    ],
  ];
  test.each(damaged)('%s', async (_name, text) => {
    const docs = DocsRepo.create();
    expectClean((await publish(server, docs)).report);
    writeFileSync(manifestPathIn(docs.dir), text);
    edit(docs);
    const run = await publish(server, docs);
    expect(run.lines.some((l) => l.startsWith('warning:') && l.includes('rebuilds the state'))).toBe(true);
    expectRebuiltWithOneWrite(run);
    console.info(
      `flow ${_name} manifest: ${run.requests.length} requests: ${kindsOf(run.requests).join(', ')}`,
    );
  });
});

test('a manifest whose page URL is not a web link is not trusted (it would be a link in the summary)', async () => {
  const docs = DocsRepo.create();
  expectClean((await publish(server, docs)).report);
  const manifest = JSON.parse(readText(manifestPathIn(docs.dir))) as {
    pages: Record<string, { url?: string }>;
  };
  expect(manifest.pages['intro.md'].url).toMatch(/^http:/);
  manifest.pages['intro.md'].url = 'javascript:alert(1)';
  writeFileSync(manifestPathIn(docs.dir), JSON.stringify(manifest));
  edit(docs);
  const run = await publish(server, docs);
  expect(run.lines).toContainEqual(expect.stringMatching(/url must be an http\(s\) URL/));
  expectRebuiltWithOneWrite(run);
});

test('a manifest that missed a rename is corrected from the marks, not stuck on the old title', async () => {
  const docs = DocsRepo.create();
  expectClean((await publish(server, docs)).report);
  const api = byTitle(server, 'API');
  const before = readText(manifestPathIn(docs.dir));
  docs.move('docs/reference/api.md', 'docs/reference/http-api.md');
  docs
    .write({ 'docs/reference/http-api.md': `---\ntitle: HTTP API\n---\n${page('API')}\nOne more line.\n` })
    .commit('rename and retitle');
  expectClean((await publish(server, docs)).report);
  // That run's manifest never reached the next one (cancelled, killed, cache save failed). Without
  // git's help (the CLI), the new title is found on the renamed page itself.
  writeFileSync(manifestPathIn(docs.dir), before);
  docs.write({ 'docs/guide/usage.md': `---\norder: 1\n---\n${page('Usage')}\nx\n` }).commit('edit usage');
  for (const attempt of [1, 2]) {
    const run = await publish(server, docs, { event: null, config: { onDelete: 'trash' } });
    expectClean(run.report);
    expect(resultOf(run.report, 'reference/http-api.md')).toMatchObject({
      id: api.id,
      outcome: 'unchanged',
    });
    expect(run.report.counts).toMatchObject({ created: 0, deleted: 0 });
    expect(kindsOf(run.requests.filter((r) => r.write))).toEqual(attempt === 1 ? ['PUT page'] : []);
  }
  expect(server.page(api.id)).toMatchObject({ status: 'current', title: 'HTTP API' });
  expectSound(server);
});

test('a stale manifest (older than the last run) continues the pages it does not know', async () => {
  const docs = DocsRepo.create();
  expectClean((await publish(server, docs)).report);
  const stale = path.join(docs.dir, '..', `${path.basename(docs.dir)}.manifest.json`);
  writeFileSync(stale, readText(manifestPathIn(docs.dir)));
  docs.write({ 'docs/reference/new.md': page('Brand new') }).commit('add a page');
  const added = await publish(server, docs);
  expectClean(added.report);
  // That run's manifest is lost: the next one starts from the one before.
  writeFileSync(manifestPathIn(docs.dir), readText(stale));
  docs.write({ 'README.md': 'x\n' }).commit('readme');
  const run = await publish(server, docs);
  expectClean(run.report);
  expect(run.report.counts).toMatchObject({ created: 0, unchanged: DOCS_PAGES + 1 });
  expect(run.requests.filter((r) => r.write)).toEqual([]);
  expect(run.report.pages.find((p) => p.key === 'reference/new.md')?.id).toBe(
    byTitle(server, 'Brand new').id,
  );
  expectSound(server);
});

test.each([
  ['the stale write gets 409', false],
  ['the listing a removal needs shows it first', true],
])(
  'a version an earlier run wrote after its manifest was lost is no conflict (%s)',
  async (_name, removal) => {
    const docs = DocsRepo.create();
    expectClean((await publish(server, docs)).report);
    const stale = readText(manifestPathIn(docs.dir));
    edit(docs);
    expectClean((await publish(server, docs)).report);
    writeFileSync(manifestPathIn(docs.dir), stale); // that run's save was lost
    docs.write({ 'docs/reference/api.md': `${page('API')}\nVersion three.\n` });
    if (removal) docs.remove('docs/reference/cli.md');
    docs.commit('edit again');
    const run = await publish(server, docs, { config: { onDelete: 'trash', maxDeleteRatio: 1 } });
    expectClean(run.report);
    const api = byTitle(server, 'API');
    expect(api.version.number).toBe(3);
    expect(api.body).toContain('Version three.');
    expect(run.report.pages.find((p) => p.key === 'reference/api.md')?.outcome).toBe('updated');
    expect(run.requests.filter((r) => r.status === 409)).toHaveLength(removal ? 0 : 1);
    console.info(`flow lost save, then edit (${_name}): ${kindsOf(run.requests).join(', ')}`);
  },
);

describe('through the Actions cache', () => {
  let cache: ActionsCacheServer;
  let runnerTemp: string;
  beforeEach(async () => {
    cache = await startActionsCacheServer();
    runnerTemp = await tempDir('runner-temp');
  });
  afterEach(async () => {
    await cache.close();
    await removeDir(runnerTemp);
  });

  /** A workflow run: a fresh runner (no `.cmsync` left over), the cache reachable, run id `runId`. */
  async function inRun(docs: DocsRepo, runId: string, options: RunOptions = {}): Promise<Run> {
    rmSync(path.join(docs.dir, '.cmsync'), { recursive: true, force: true });
    const env = {
      ...cache.env,
      RUNNER_TEMP: runnerTemp,
      GITHUB_WORKSPACE: docs.dir,
      GITHUB_RUN_ID: runId,
      GITHUB_RUN_ATTEMPT: '1',
    };
    const { result } = await withRunnerEnv(env, docs.dir, () =>
      captureStdout(() => publish(server, docs, { ...options, store: 'actions-cache' })),
    );
    return result;
  }

  test('the manifest goes round the cache: the next run restores it by prefix and makes zero requests', async () => {
    const docs = DocsRepo.create();
    const first = await inRun(docs, '101');
    expectClean(first.report);
    expect(first.notes).toContainEqual(
      expect.stringMatching(/saved to the Actions cache as cmsync-manifest-101-1/),
    );

    docs.write({ 'README.md': 'x\n' }).commit('readme');
    const second = await inRun(docs, '102');
    expectClean(second.report);
    expect(second.notes[0]).toMatch(/manifest restored \(7 pages/);
    expect(second.requests).toEqual([]);
    expect(second.clientsCreated).toBe(0);
    expect(cache.entries().map((e) => e.key)).toEqual(['cmsync-manifest-101-1', 'cmsync-manifest-102-1']);

    edit(docs);
    const third = await inRun(docs, '103');
    expect(kindsOf(third.requests)).toEqual(['PUT page']);
  });

  test('a lost cache is rebuilt from one listing: no duplicate, only the edit written', async () => {
    const docs = DocsRepo.create();
    expectClean((await inRun(docs, '201')).report);
    await cache.close();
    cache = await startActionsCacheServer(); // the entry expired: an empty cache
    edit(docs);
    const run = await inRun(docs, '202');
    expect(run.notes[0]).toMatch(/no manifest in the Actions cache \(not-found\)/);
    expectRebuiltWithOneWrite(run);
    console.info(
      `flow lost cache + one edit: ${run.requests.length} requests: ${kindsOf(run.requests).join(', ')}`,
    );
  });

  test('a partly failed run still saves what succeeded; the next run continues from there', async () => {
    const docs = DocsRepo.create();
    docs.write({ 'docs/reference/api.md': '---\ntitle: [unclosed\n---\n# API\n' }).commit('break api');
    const broken = await inRun(docs, '301');
    expect(broken.report.failed).toBe(true);
    expect(broken.report.counts).toMatchObject({ created: DOCS_PAGES - 1, failed: 1 });
    expect(broken.notes).toContainEqual(expect.stringMatching(/saved to the Actions cache .*\(6 pages\)/));

    edit(docs);
    const fixed = await inRun(docs, '302');
    expectClean(fixed.report);
    expect(fixed.report.counts).toMatchObject({ created: 1, unchanged: DOCS_PAGES - 1 });
    expect(
      fixed.requests.filter(
        (r) => r.write && r.kind !== 'POST page' && r.kind !== 'POST property' && r.kind !== 'PUT move',
      ),
    ).toEqual([]);
    expect(treeOf(server, homeOf(server))).toEqual(await cleanTree(filesOf(docs)));
  });
});

const readText = (file: string): string => readFileSync(file, 'utf8');

test('a lost manifest of 600 pages is rebuilt with one listing request per 250 pages and no write', async () => {
  const { bigTree } = await import('./generate.js');
  const docs = DocsRepo.create(bigTree({ folders: 6, pagesPerFolder: 99, imageEvery: 50 }));
  const first = await publish(server, docs);
  expectClean(first.report);
  const managed = first.report.pages.length;
  expect(managed).toBeGreaterThan(500);

  rmSync(manifestPathIn(docs.dir));
  const again = await publish(server, docs, { event: null });
  expectClean(again.report);
  expect(again.requests.filter((r) => r.kind === 'GET search')).toHaveLength(Math.ceil(managed / 250));
  expect(again.requests.filter((r) => r.write)).toEqual([]);
  expect(again.report.counts).toMatchObject({ unchanged: managed, created: 0, updated: 0 });
  console.info(
    `flow rebuild of ${managed} pages: ${again.requests.length} requests: ${kindsOf(again.requests).join(', ')}`,
  );
});
