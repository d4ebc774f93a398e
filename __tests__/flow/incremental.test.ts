/**
 * Pushes after the first publish: what git and the manifest say changed is all that is written,
 * a run with nothing to do makes no request, and renamed or moved files keep their pages.
 */
import { startServer } from '../../src/server/index.js';
import type { EmbeddedConfluence } from '../../src/server/types.js';
import {
  DOCS,
  DOCS_PAGES,
  DocsRepo,
  PNG,
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
} from './harness.js';
import { page } from '../git/git-fixtures.js';

let server: EmbeddedConfluence;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});
afterAll(removeAll);

/** A repository published once (a push that created the branch: a full scan). */
async function published(): Promise<DocsRepo> {
  const docs = DocsRepo.create();
  const first = await publish(server, docs);
  expectClean(first.report);
  expect(first.notes.some((n) => n.startsWith('full scan'))).toBe(true);
  expect(first.report.counts.created).toBe(DOCS_PAGES);
  return docs;
}

test('the first publish creates the tree, labels normalised one per list item', async () => {
  await published();
  const intro = byTitle(server, 'Introduction');
  expect([...intro.labels].sort()).toEqual(['docs', 'getting-started']);
  expect(server.attachments(intro.id).map((a) => a.title)).toEqual(['logo.png']);
  expect(treeOf(server, homeOf(server)).map((n) => n.title)).toEqual([
    'User guide',
    'Introduction',
    'Reference',
  ]);
  expectSound(server);
});

test('a push that changes nothing under docs makes zero requests and creates no client', async () => {
  const docs = await published();
  docs.write({ 'README.md': '# The repository, edited\n' }).commit('readme');
  const run = await publish(server, docs);
  expectClean(run.report);
  expect(run.requests).toEqual([]);
  expect(run.clientsCreated).toBe(0);
  expect(run.report.counts.unchanged).toBe(DOCS_PAGES);
  expect(run.notes.some((n) => /1 changed, 0 renamed, 0 deleted/.test(n))).toBe(true);
  // Unchanged pages are still linked with their real URLs, from the manifest alone.
  const usage = byTitle(server, 'Usage');
  expect(resultOf(run.report, 'guide/usage.md')?.url).toBe(`${server.url}/spaces/DOCS/pages/${usage.id}`);
  expect(run.report.stats).toEqual({
    scanned: DOCS_PAGES,
    changed: 0,
    written: 0,
    unchanged: DOCS_PAGES,
    requests: 0,
    // 3 setup reads + 1 listing + 7 page writes + 1 upload + 1 label request.
    fullPublishRequests: 13,
    requestsSaved: 13,
  });
  console.info(`flow no-op: ${run.requests.length} requests`);
});

test('one edited page costs exactly one request: the PUT of that page, as a minor edit', async () => {
  const docs = await published();
  const usage = byTitle(server, 'Usage');
  docs
    .write({ 'docs/guide/usage.md': `---\norder: 1\n---\n${page('Usage')}\nOne more line.\n` })
    .commit('edit');
  const run = await publish(server, docs);
  expectClean(run.report);
  expect(kindsOf(run.requests)).toEqual(['PUT page']);
  expect(run.report.counts).toMatchObject({ updated: 1, unchanged: DOCS_PAGES - 1 });
  const after = server.page(usage.id);
  expect(after?.version).toMatchObject({ number: 2, minorEdit: true });
  expect(after?.body).toContain('One more line.');
  expect(run.report.stats).toMatchObject({ scanned: 7, changed: 1, written: 1, unchanged: 6, requests: 1 });
  expect(run.report.stats?.requestsSaved).toBe((run.report.stats?.fullPublishRequests ?? 0) - 1);
  console.info(`flow one edit: ${run.requests.length} request(s): ${kindsOf(run.requests).join(', ')}`);

  // The state it saved is exact: the next push is free again.
  docs.write({ 'README.md': 'again\n' }).commit('readme');
  expect((await publish(server, docs)).requests).toEqual([]);
});

test("deployment auto on a host that is not Atlassian's: the flavour probe is paid once, then remembered", async () => {
  const docs = DocsRepo.create();
  const auto = { config: { deployment: 'auto' as const } };
  const first = await publish(server, docs, auto);
  expectClean(first.report);
  // The probe is the v2 spaces listing with limit=1 that the first run makes before anything else.
  expect(first.requests[0]).toMatchObject({ method: 'GET', kind: 'GET space' });
  expect(first.report.flavor).toBe(server.flavor);

  docs.write({ 'docs/reference/api.md': `${page('API')}\nVersion two.\n` }).commit('edit api');
  const run = await publish(server, docs, auto);
  expectClean(run.report);
  expect(kindsOf(run.requests)).toEqual(['PUT page']);
});

test('notify-watchers: true publishes a major edit', async () => {
  const docs = await published();
  docs.write({ 'docs/reference/api.md': `${page('API')}\nMore.\n` }).commit('edit');
  const run = await publish(server, docs, { config: { notifyWatchers: true } });
  expectClean(run.report);
  expect(byTitle(server, 'API').version).toMatchObject({ number: 2, minorEdit: false });
});

test('a renamed and retitled file keeps its page: same id, next version, new title and mark', async () => {
  const docs = await published();
  const install = byTitle(server, 'Install');
  docs.move('docs/guide/install.md', 'docs/guide/setup.md');
  docs.write({
    'docs/guide/setup.md': `---\norder: 2\n---\n${page('Install').replace('# Install', '# Setup')}`,
  });
  docs.write({
    'docs/intro.md': String(DOCS['docs/intro.md']).replace('guide/install.md', 'guide/setup.md'),
  });
  docs.commit('rename install to setup');
  const run = await publish(server, docs);
  expectClean(run.report);
  expect(run.notes.some((n) => /1 renamed/.test(n))).toBe(true);
  // Only the title changed (the H1 became the title): a retitle, reported as a move.
  expect(resultOf(run.report, 'guide/setup.md')).toMatchObject({ id: install.id, outcome: 'moved' });
  const after = server.page(install.id);
  expect(after).toMatchObject({ title: 'Setup', status: 'current', parentId: install.parentId });
  expect(after?.version.number).toBe(2);
  expect(after?.properties.cmsync.value).toMatchObject({ path: 'guide/setup.md' });
  expect(server.pages({ spaceKey: 'DOCS', includeTrashed: true }).some((p) => p.title === 'Install')).toBe(
    false,
  );
  expect(run.report.counts.deleted).toBe(0);
  expectSound(server);
  expect(treeOf(server, homeOf(server))).toEqual(await cleanTree(filesOf(docs)));
  console.info(`flow rename: ${run.requests.length} requests: ${kindsOf(run.requests).join(', ')}`);
});

test('a file moved to another folder keeps its page: same id, moved under the new parent', async () => {
  const docs = await published();
  const api = byTitle(server, 'API');
  docs.move('docs/reference/api.md', 'docs/guide/api.md').commit('move api');
  const run = await publish(server, docs);
  expectClean(run.report);
  expect(resultOf(run.report, 'guide/api.md')).toMatchObject({ id: api.id });
  const after = server.page(api.id);
  expect(after).toMatchObject({ title: 'API', parentId: byTitle(server, 'User guide').id });
  expect(after?.version.number).toBe(2);
  expect(after?.properties.cmsync.value).toMatchObject({ path: 'guide/api.md' });
  expectSound(server);
  expect(treeOf(server, homeOf(server))).toEqual(await cleanTree(filesOf(docs)));
  console.info(`flow move: ${run.requests.length} requests: ${kindsOf(run.requests).join(', ')}`);
});

test('a changed order moves the page among its siblings without rewriting it (warm manifest)', async () => {
  const docs = await published();
  const usage = byTitle(server, 'Usage');
  docs.write({ 'docs/guide/usage.md': `---\norder: 3\n---\n${page('Usage')}` }).commit('reorder');
  const run = await publish(server, docs);
  expectClean(run.report);
  expect(run.report.counts).toMatchObject({ moved: 1, unchanged: DOCS_PAGES - 1 });
  expect(server.children(byTitle(server, 'User guide').id).map((p) => p.title)).toEqual(['Install', 'Usage']);
  expect(server.page(usage.id)?.version.number).toBe(1);
  expect(kindsOf(run.requests.filter((r) => r.write))).toEqual(['PUT move']);
  console.info(`flow order change: ${run.requests.length} requests: ${kindsOf(run.requests).join(', ')}`);
});

test('changed labels and a changed image are written; the page body once', async () => {
  const docs = await published();
  const intro = byTitle(server, 'Introduction');
  docs
    .write({
      'docs/intro.md': String(DOCS['docs/intro.md']).replace(
        '[Getting Started, docs]',
        '[Getting Started, Howto]',
      ),
      'docs/img/logo.png': new Uint8Array([...PNG, 5]),
    })
    .commit('labels and image');
  const run = await publish(server, docs);
  expectClean(run.report);
  expect([...(server.page(intro.id)?.labels ?? [])].sort()).toEqual(['getting-started', 'howto']);
  expect(server.attachments(intro.id)[0].size).toBe(PNG.length + 1);
  // One read first: the page's version, so that a person's edit stops the label and attachment
  // writes too (they come before the page write and have no version to fail on).
  expect(kindsOf(run.requests).sort()).toEqual([
    'DELETE label',
    'GET page',
    'POST label',
    'PUT attachment',
    'PUT page',
  ]);
  expect(server.page(intro.id)?.version.number).toBe(2);
});

test('workflow_dispatch is a full scan: Confluence is read, nothing unchanged is written', async () => {
  const docs = await published();
  const run = await publish(server, docs, { event: { eventName: 'workflow_dispatch' } });
  expectClean(run.report);
  expect(run.notes.some((n) => /full scan: the workflow_dispatch event/.test(n))).toBe(true);
  expect(run.requests.filter((r) => r.write)).toEqual([]);
  expect(run.requests.filter((r) => r.kind === 'GET search')).toHaveLength(1);
  console.info(
    `flow full scan, nothing changed: ${run.requests.length} requests: ${kindsOf(run.requests).join(', ')}`,
  );
});

test('a full scan removes a label the file dropped (what cmsync wrote is not forgotten)', async () => {
  const docs = await published();
  const intro = byTitle(server, 'Introduction');
  docs
    .write({ 'docs/intro.md': String(DOCS['docs/intro.md']).replace('[Getting Started, docs]', '[docs]') })
    .commit('drop a label');
  const run = await publish(server, docs, { event: { eventName: 'workflow_dispatch' } });
  expectClean(run.report);
  expect(server.page(intro.id)?.labels).toEqual(['docs']);
});

describe('a page a person moved in Confluence goes back where its file says', () => {
  /** A person's move (v1 move endpoint: no new version, as in the Confluence UI). */
  async function moveAsPerson(pageId: string, parentId: string): Promise<void> {
    const auth = Buffer.from('demo@example.com:demo-token').toString('base64');
    const answer = await fetch(`${server.url}/rest/api/content/${pageId}/move/append/${parentId}`, {
      method: 'PUT',
      headers: { Authorization: `Basic ${auth}` },
    });
    expect(answer.status).toBeLessThan(300);
  }

  test('moved out of the tree: the next edit puts it back, in the same single write', async () => {
    const root = server.seedPage({ spaceKey: 'DOCS', title: 'Docs root', parentId: homeOf(server) });
    const docs = DocsRepo.create();
    expectClean((await publish(server, docs, { config: { parentPageId: root.id } })).report);
    const usage = byTitle(server, 'Usage');
    const guide = byTitle(server, 'User guide');
    await moveAsPerson(usage.id, homeOf(server));
    expect(server.page(usage.id)?.parentId).toBe(homeOf(server));

    docs.write({ 'docs/guide/usage.md': `---\norder: 1\n---\n${page('Usage')}\nMore.\n` }).commit('edit');
    const run = await publish(server, docs, { config: { parentPageId: root.id } });
    expectClean(run.report);
    expect(kindsOf(run.requests)).toEqual(['PUT page']);
    expect(server.page(usage.id)).toMatchObject({
      parentId: guide.id,
      body: expect.stringContaining('More.'),
    });
  });

  test('moved inside the tree: a full scan moves it back although the manifest says it is in place', async () => {
    const docs = await published();
    const usage = byTitle(server, 'Usage');
    const guide = byTitle(server, 'User guide');
    await moveAsPerson(usage.id, byTitle(server, 'Reference').id);

    const run = await publish(server, docs, { event: { eventName: 'schedule' } });
    expectClean(run.report);
    expect(resultOf(run.report, 'guide/usage.md')?.outcome).toBe('moved');
    expect(server.page(usage.id)?.parentId).toBe(guide.id);
    expect(server.children(guide.id).map((p) => p.title)).toEqual(['Usage', 'Install']);
  });
});

test('a page a person moved out of the tree: a full scan moves it back instead of failing on its title', async () => {
  const root = server.seedPage({ spaceKey: 'DOCS', title: 'Docs root', parentId: homeOf(server) });
  const docs = DocsRepo.create();
  const config = { parentPageId: root.id };
  expectClean((await publish(server, docs, { config })).report);
  const usage = byTitle(server, 'Usage');
  const guide = byTitle(server, 'User guide');
  const auth = Buffer.from('demo@example.com:demo-token').toString('base64');
  const moved = await fetch(`${server.url}/rest/api/content/${usage.id}/move/append/${homeOf(server)}`, {
    method: 'PUT',
    headers: { Authorization: `Basic ${auth}` },
  });
  expect(moved.status).toBeLessThan(300);

  const run = await publish(server, docs, { config, event: { eventName: 'schedule' } });
  expectClean(run.report);
  expect(resultOf(run.report, 'guide/usage.md')).toMatchObject({ outcome: 'moved', id: usage.id });
  expect(server.page(usage.id)?.parentId).toBe(guide.id);
  expect(server.pages({ spaceKey: 'DOCS' }).filter((p) => p.title === 'Usage')).toHaveLength(1);
});
