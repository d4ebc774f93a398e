/**
 * A page a person edited in Confluence since cmsync last wrote it, under each `on-conflict`
 * policy. With a warm manifest the write itself finds the edit (its stale version gets 409):
 * no read comes before it.
 */
import { startServer } from '../../src/server/index.js';
import type { EmbeddedConfluence } from '../../src/server/types.js';
import { page } from '../git/git-fixtures.js';
import { DocsRepo, byTitle, expectClean, kindsOf, publish, removeAll, resultOf } from './harness.js';

let server: EmbeddedConfluence;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});
afterAll(removeAll);

/** Published, then Ann edits "Usage" in Confluence and the file changes in git. */
async function conflicted() {
  const docs = DocsRepo.create();
  expectClean((await publish(server, docs)).report);
  const usage = byTitle(server, 'Usage');
  server.editAsPerson(usage.id, { body: '<p>Fixed a typo by hand.</p>', authorName: 'Ann' });
  docs
    .write({ 'docs/guide/usage.md': `---\norder: 1\n---\n${page('Usage')}\nNew text from git.\n` })
    .commit('edit');
  return { docs, usage };
}

test('on-conflict: fail (default) overwrites nothing, fails the run, and names the page and Ann', async () => {
  const { docs, usage } = await conflicted();
  const run = await publish(server, docs);
  expect(run.report.failed).toBe(true);
  expect(run.report.counts).toMatchObject({ conflict: 1, unchanged: 6 });
  const result = resultOf(run.report, 'guide/usage.md');
  expect(result).toMatchObject({ outcome: 'conflict', id: usage.id, url: expect.stringContaining(usage.id) });
  expect(result?.detail).toContain('Ann');
  expect(result?.detail).toContain(result?.url);
  expect(server.page(usage.id)).toMatchObject({
    body: '<p>Fixed a typo by hand.</p>',
    version: { number: 2 },
  });
  // Found by the write itself: the PUT with the stale version is the first request, answered 409.
  expect(run.requests[0]).toMatchObject({ kind: 'PUT page', status: 409 });
  expect(run.requests.filter((r) => r.write && r.status < 400)).toEqual([]);
  console.info(`flow conflict (fail): ${run.requests.length} requests: ${kindsOf(run.requests).join(', ')}`);

  // Nothing was recorded as written: the next run meets the same conflict, it does not skip it.
  docs.write({ 'README.md': 'x\n' }).commit('readme');
  const again = await publish(server, docs);
  expect(resultOf(again.report, 'guide/usage.md')?.outcome).toBe('conflict');
});

test('on-conflict: skip leaves the edit, reports the page as skipped, and does not fail', async () => {
  const { docs, usage } = await conflicted();
  const run = await publish(server, docs, { config: { onConflict: 'skip' } });
  expect(run.report.failed).toBe(false);
  expect(resultOf(run.report, 'guide/usage.md')).toMatchObject({
    outcome: 'skipped',
    detail: expect.stringMatching(/Ann.*on-conflict: skip/),
  });
  expect(server.page(usage.id)?.body).toBe('<p>Fixed a typo by hand.</p>');
  expect(run.requests[0]).toMatchObject({ kind: 'PUT page', status: 409 });
});

test('on-conflict: overwrite writes over the edit, keeping the history', async () => {
  const { docs, usage } = await conflicted();
  const run = await publish(server, docs, { config: { onConflict: 'overwrite' } });
  expectClean(run.report);
  expect(resultOf(run.report, 'guide/usage.md')).toMatchObject({
    outcome: 'updated',
    detail: expect.stringMatching(/overwrote/),
  });
  expect(server.page(usage.id)?.body).toContain('New text from git.');
  expect(server.page(usage.id)?.version.number).toBe(3);
  console.info(
    `flow conflict (overwrite): ${run.requests.length} requests: ${kindsOf(run.requests).join(', ')}`,
  );

  docs.write({ 'README.md': 'x\n' }).commit('readme');
  expect((await publish(server, docs)).requests).toEqual([]);
});

test('a full scan finds the edit in the listing, before any write', async () => {
  const { docs, usage } = await conflicted();
  const run = await publish(server, docs, { event: { eventName: 'schedule' } });
  expect(resultOf(run.report, 'guide/usage.md')).toMatchObject({
    outcome: 'conflict',
    detail: expect.stringContaining('Ann'),
  });
  expect(run.requests.filter((r) => r.write)).toEqual([]);
  expect(server.page(usage.id)?.body).toBe('<p>Fixed a typo by hand.</p>');
});

test("a person's edit to a page whose file did not change is left alone, without a request", async () => {
  const docs = DocsRepo.create();
  expectClean((await publish(server, docs)).report);
  const api = byTitle(server, 'API');
  server.editAsPerson(api.id, { body: '<p>hand made</p>', authorName: 'Ann' });
  docs.write({ 'README.md': 'x\n' }).commit('readme');
  const run = await publish(server, docs);
  expectClean(run.report);
  expect(run.requests).toEqual([]);
  expect(server.page(api.id)?.body).toBe('<p>hand made</p>');
});

test('Data Center: the conflict names the person too (v1 says who wrote each version)', async () => {
  await server.close();
  server = await startServer({ flavor: 'datacenter' });
  const { docs, usage } = await conflicted();
  const run = await publish(server, docs);
  expect(run.report.failed).toBe(true);
  expect(resultOf(run.report, 'guide/usage.md')).toMatchObject({
    outcome: 'conflict',
    detail: expect.stringContaining('Ann'),
  });
  expect(run.requests[0]).toMatchObject({ kind: 'PUT page', status: 409 });
  expect(server.page(usage.id)?.body).toBe('<p>Fixed a typo by hand.</p>');
});

describe('a page a person made in the tree, then a file with its title', () => {
  /** Published; Ann makes "Roadmap" under "Guide" and edits it; docs/guide/roadmap.md arrives. */
  async function handMade() {
    const docs = DocsRepo.create();
    expectClean((await publish(server, docs)).report);
    const guide = byTitle(server, 'User guide');
    const roadmap = server.seedPage({
      spaceKey: 'DOCS',
      title: 'Roadmap',
      parentId: guide.id,
      body: '<p>v1</p>',
    });
    server.editAsPerson(roadmap.id, { body: '<p>Ann plans.</p>', authorName: 'Ann' });
    docs.write({ 'docs/guide/roadmap.md': `${page('Roadmap')}\nFrom git.\n` }).commit('roadmap');
    return { docs, roadmap };
  }

  test('on-conflict: fail writes nothing to it and fails, naming the page', async () => {
    const { docs, roadmap } = await handMade();
    const run = await publish(server, docs);
    expect(run.report.failed).toBe(true);
    const result = resultOf(run.report, 'guide/roadmap.md');
    expect(result).toMatchObject({
      outcome: 'conflict',
      detail: expect.stringContaining(`pages/${roadmap.id}`),
    });
    expect(result?.detail).toMatch(/on-conflict: fail/);
    expect(server.page(roadmap.id)).toMatchObject({ body: '<p>Ann plans.</p>', version: { number: 2 } });
    expect(run.requests.filter((r) => r.write)).toEqual([]);
  });

  test('on-conflict: skip leaves it; overwrite adopts it', async () => {
    const { docs, roadmap } = await handMade();
    const skip = await publish(server, docs, { config: { onConflict: 'skip' } });
    expect(skip.report.failed).toBe(false);
    expect(resultOf(skip.report, 'guide/roadmap.md')?.outcome).toBe('skipped');
    expect(server.page(roadmap.id)?.body).toBe('<p>Ann plans.</p>');

    const overwrite = await publish(server, docs, { config: { onConflict: 'overwrite' } });
    expectClean(overwrite.report);
    expect(resultOf(overwrite.report, 'guide/roadmap.md')).toMatchObject({
      outcome: 'updated',
      id: roadmap.id,
    });
    expect(server.page(roadmap.id)?.body).toContain('From git.');
    expect(server.page(roadmap.id)?.properties.cmsync.value).toMatchObject({ path: 'guide/roadmap.md' });
  });

  test('a page a person made at version 1 in a published tree is theirs too', async () => {
    const docs = DocsRepo.create();
    expectClean((await publish(server, docs)).report);
    const guide = byTitle(server, 'User guide');
    const roadmap = server.seedPage({
      spaceKey: 'DOCS',
      title: 'Roadmap',
      parentId: guide.id,
      body: '<p>Mine.</p>',
    });
    docs.write({ 'docs/guide/roadmap.md': `${page('Roadmap')}\nFrom git.\n` }).commit('roadmap');
    const run = await publish(server, docs);
    expect(resultOf(run.report, 'guide/roadmap.md')?.outcome).toBe('conflict');
    expect(server.page(roadmap.id)?.body).toBe('<p>Mine.</p>');
  });
});
