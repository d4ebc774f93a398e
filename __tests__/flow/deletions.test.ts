/**
 * Removed files under each `on-delete` policy: kept by default, archived or trashed (never
 * purged) when asked, only for pages cmsync owns, never when the run failed, never beyond
 * `max-delete-ratio`.
 */
import { startServer } from '../../src/server/index.js';
import type { EmbeddedConfluence } from '../../src/server/types.js';
import {
  DOCS_PAGES,
  DocsRepo,
  byTitle,
  expectClean,
  expectSound,
  kindsOf,
  publish,
  removeAll,
  resultOf,
} from './harness.js';

let server: EmbeddedConfluence;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});
afterAll(removeAll);

async function publishedWithout(...removed: string[]) {
  const docs = DocsRepo.create();
  expectClean((await publish(server, docs)).report);
  const pages = removed.map((f) => byTitle(server, f === 'docs/reference/cli.md' ? 'CLI flags' : 'API'));
  docs.remove(...removed).commit('remove');
  return { docs, pages };
}

test('on-delete: keep (default) reports the page and touches nothing', async () => {
  const { docs, pages } = await publishedWithout('docs/reference/cli.md');
  const run = await publish(server, docs);
  expectClean(run.report);
  expect(resultOf(run.report, 'reference/cli.md')).toMatchObject({
    outcome: 'skipped',
    detail: expect.stringMatching(/on-delete: keep/),
  });
  expect(run.requests).toEqual([]);
  expect(server.page(pages[0].id)).toMatchObject({ status: 'current', version: { number: 1 } });
});

test.each([
  ['archive', 'archived', 'POST archive'],
  ['trash', 'trashed', 'DELETE page'],
] as const)(
  'on-delete: %s moves the owned page to the %s, never purging it',
  async (policy, status, kind) => {
    const { docs, pages } = await publishedWithout('docs/reference/cli.md');
    const run = await publish(server, docs, { config: { onDelete: policy } });
    expectClean(run.report);
    expect(run.report.counts.deleted).toBe(1);
    expect(server.page(pages[0].id)?.status).toBe(status);
    expect(kindsOf(run.requests.filter((r) => r.write))).toEqual([kind]);
    // The listing that proves the page is still cmsync's comes first.
    expect(run.requests.some((r) => r.kind === 'GET search')).toBe(true);
    expect(run.report.stats).toMatchObject({ changed: 1, written: 1 });
    console.info(
      `flow delete (${policy}): ${run.requests.length} requests: ${kindsOf(run.requests).join(', ')}`,
    );

    // Forgotten by the manifest: the next push is free.
    docs.write({ 'README.md': 'x\n' }).commit('readme');
    expect((await publish(server, docs, { config: { onDelete: policy } })).requests).toEqual([]);
  },
);

test("a removed file's page a person edited meets on-conflict: kept on fail and skip, deleted on overwrite", async () => {
  const { docs, pages } = await publishedWithout('docs/reference/cli.md');
  server.editAsPerson(pages[0].id, { body: '<p>Notes only Ann has.</p>', authorName: 'Ann' });

  const fail = await publish(server, docs, { config: { onDelete: 'trash' } });
  expect(fail.report.failed).toBe(true);
  expect(resultOf(fail.report, 'reference/cli.md')).toMatchObject({
    outcome: 'conflict',
    detail: expect.stringMatching(/Ann.*not deleted \(on-conflict: fail\)/),
  });
  expect(fail.requests.filter((r) => r.write)).toEqual([]);
  expect(server.page(pages[0].id)).toMatchObject({ status: 'current', body: '<p>Notes only Ann has.</p>' });

  const skip = await publish(server, docs, { config: { onDelete: 'trash', onConflict: 'skip' } });
  expect(skip.report.failed).toBe(false);
  expect(resultOf(skip.report, 'reference/cli.md')?.outcome).toBe('skipped');
  expect(server.page(pages[0].id)?.status).toBe('current');

  const overwrite = await publish(server, docs, { config: { onDelete: 'trash', onConflict: 'overwrite' } });
  expectClean(overwrite.report);
  expect(resultOf(overwrite.report, 'reference/cli.md')?.outcome).toBe('deleted');
  expect(server.page(pages[0].id)?.status).toBe('trashed');
});

test('a run with a failure deletes nothing', async () => {
  const docs = DocsRepo.create();
  expectClean((await publish(server, docs)).report);
  const cli = byTitle(server, 'CLI flags');
  docs.remove('docs/reference/cli.md');
  docs
    .write({ 'docs/reference/api.md': '---\ntitle: [unclosed\n---\n# API\n' })
    .commit('remove one, break one');
  const run = await publish(server, docs, { config: { onDelete: 'trash' } });
  expect(run.report.failed).toBe(true);
  expect(resultOf(run.report, 'reference/cli.md')).toMatchObject({
    outcome: 'skipped',
    detail: expect.stringMatching(/refused/),
  });
  expect(server.page(cli.id)?.status).toBe('current');
  expect(run.requests.filter((r) => r.write)).toEqual([]);
});

test('deleting more than max-delete-ratio of the tree at once is refused', async () => {
  const docs = DocsRepo.create();
  expectClean((await publish(server, docs)).report);
  docs.remove('docs/reference/cli.md', 'docs/reference/api.md', 'docs/guide/usage.md').commit('remove three');
  const run = await publish(server, docs, { config: { onDelete: 'trash', maxDeleteRatio: 0.25 } });
  const refused = run.report.pages.filter((p) => /max-delete-ratio/.test(p.detail ?? ''));
  // The generated reference/ folder page goes too: 4 of 7 owned pages.
  expect(refused.map((p) => p.key).sort()).toEqual([
    'guide/usage.md',
    'reference/',
    'reference/api.md',
    'reference/cli.md',
  ]);
  expect(run.requests.filter((r) => r.write)).toEqual([]);
  expect(server.pages({ spaceKey: 'DOCS' }).filter((p) => p.status === 'current')).toHaveLength(
    DOCS_PAGES + 1,
  );

  // Raised for one run, the same deletion goes through.
  const allowed = await publish(server, docs, { config: { onDelete: 'trash', maxDeleteRatio: 1 } });
  expectClean(allowed.report);
  expect(allowed.report.counts.deleted).toBe(4);
  expectSound(server);
});

test('a page a person created in the tree is never deleted, even when its parent goes', async () => {
  const docs = DocsRepo.create();
  expectClean((await publish(server, docs)).report);
  const reference = byTitle(server, 'Reference');
  const notes = server.seedPage({
    spaceKey: 'DOCS',
    title: 'Team notes',
    parentId: reference.id,
    body: '<p>ours</p>',
  });
  const aside = server.seedPage({
    spaceKey: 'DOCS',
    title: 'Aside',
    parentId: reference.parentId,
    body: '<p>x</p>',
  });
  docs.remove('docs/reference/cli.md', 'docs/reference/api.md').commit('drop the reference');
  const run = await publish(server, docs, { config: { onDelete: 'trash', maxDeleteRatio: 1 } });
  expectClean(run.report);
  // The two files' pages go; the folder page stays, since trashing it would move the person's page.
  expect(run.report.counts.deleted).toBe(2);
  expect(resultOf(run.report, 'reference/')).toMatchObject({
    outcome: 'skipped',
    detail: expect.stringMatching(/kept because pages made in Confluence hang under it \("Team notes"\)/),
  });
  expect(server.page(reference.id)?.status).toBe('current');
  for (const person of [notes, aside]) {
    expect(server.page(person.id)).toMatchObject({ status: 'current', version: { number: 1 } });
  }
  expect(server.page(notes.id)?.parentId).toBe(reference.id);
  expect(run.report.pages.some((p) => p.id === notes.id || p.id === aside.id)).toBe(false);
  expectSound(server);
});

test('a new file titled like an archived page fails with what holds the title, not a bare 400', async () => {
  const { docs } = await publishedWithout('docs/reference/cli.md');
  expectClean((await publish(server, docs, { config: { onDelete: 'archive' } })).report);
  docs.write({ 'docs/reference/flags.md': '---\ntitle: CLI flags\n---\nBack again.\n' }).commit('re-add');
  const run = await publish(server, docs, { config: { onDelete: 'archive' } });
  expect(run.report.failed).toBe(true);
  expect(resultOf(run.report, 'reference/flags.md')).toMatchObject({
    outcome: 'failed',
    detail: expect.stringMatching(/an archived page \(archived pages keep their titles\)/),
  });
  expect(run.report.diagnostics).toContainEqual(
    expect.objectContaining({ severity: 'error', file: 'docs/reference/flags.md' }),
  );
});
