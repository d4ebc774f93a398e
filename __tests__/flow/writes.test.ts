/**
 * What an update writes besides the page — attachments and labels — when the page meets a
 * person's edit, a label already gone, a rename whose answer was lost, or an image the file no
 * longer uses. Whole publishes through `publishFlow` against the embedded server over HTTP.
 */
import { readFileSync, rmSync } from 'node:fs';
import { manifestPathIn } from '../../src/manifest/location.js';
import { startServer } from '../../src/server/index.js';
import type { EmbeddedConfluence } from '../../src/server/types.js';
import { page } from '../git/git-fixtures.js';
import { client, upload } from '../server/helpers.js';
import {
  DocsRepo,
  PNG,
  byTitle,
  cleanTree,
  expectClean,
  expectSound,
  filesOf,
  homeOf,
  kindsOf,
  ownerPath,
  publish,
  removeAll,
  resultOf,
  treeOf,
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

const NEW_PNG = new Uint8Array([...PNG, 5, 5, 5]);
const introFile = (docs: DocsRepo): string => readFileSync(`${docs.dir}/docs/intro.md`, 'utf8');
const writes = (run: Run): string[] =>
  run.requests.filter((r) => r.write).map((r) => `${r.kind} ${r.status}`);
const attachmentsOf = (id: string): string[] =>
  server
    .attachments(id)
    .map((a) => `${a.title} v${a.version}`)
    .sort();

/** A person working in Confluence, through its REST API. */
function person() {
  const call = client(server);
  const api = `${new URL(server.url).pathname}/rest/api`;
  return {
    removeLabel: async (pageId: string, label: string) =>
      expect(
        (await call('DELETE', `${api}/content/${pageId}/label?name=${encodeURIComponent(label)}`)).status,
      ).toBe(204),
    attach: async (pageId: string, filename: string) =>
      expect(
        (
          await call('PUT', `${api}/content/${pageId}/child/attachment`, upload(filename, 'by hand'), {
            'X-Atlassian-Token': 'no-check',
          })
        ).status,
      ).toBe(200),
  };
}

describe('removing a label that is already gone is success', () => {
  test('the label removal landed, the page write failed: the re-run completes', async () => {
    const docs = DocsRepo.create();
    expectClean((await publish(server, docs)).report);
    docs
      .write({
        'docs/intro.md': introFile(docs).replace('labels: [Getting Started, docs]', 'labels: [docs]'),
      })
      .commit('drop a label');
    server.queueFault({ status: 500, match: /^PUT .*pages\/\d+$/, times: 20 });
    const failed = await publish(server, docs, { retry: { maxRetries: 1 } });
    expect(resultOf(failed.report, 'intro.md')?.outcome).toBe('failed');
    expect(writes(failed)).toEqual(['DELETE label 204']);
    server.clearFaults();

    const rerun = await publish(server, docs);
    expectClean(rerun.report);
    expect(resultOf(rerun.report, 'intro.md')?.outcome).toBe('updated');
    expect(writes(rerun)).toEqual(['DELETE label 404', 'PUT page 200']);
    expect(byTitle(server, 'Introduction').labels).toEqual(['docs']);
    expect((await publish(server, docs)).requests).toEqual([]);
    expect(treeOf(server, homeOf(server))).toEqual(await cleanTree(filesOf(docs)));
  });

  test('a person removed the label in Confluence before the file dropped it', async () => {
    const docs = DocsRepo.create();
    expectClean((await publish(server, docs)).report);
    const intro = byTitle(server, 'Introduction');
    await person().removeLabel(intro.id, 'getting-started');
    docs
      .write({
        'docs/intro.md': introFile(docs).replace('labels: [Getting Started, docs]', 'labels: [docs]'),
      })
      .commit('drop a label');
    const run = await publish(server, docs);
    expectClean(run.report);
    expect(writes(run)).toEqual(['DELETE label 404', 'PUT page 200']);
    expect(server.page(intro.id)?.labels).toEqual(['docs']);
  });
});

describe('a person edited the page: on-conflict decides before any attachment or label is written', () => {
  /** Ann edits "Introduction"; in git its text, labels and image change. */
  async function conflicted(flavor: 'cloud' | 'datacenter' = 'cloud') {
    if (flavor !== server.flavor) {
      await server.close();
      server = await startServer({ flavor });
    }
    const docs = DocsRepo.create();
    expectClean((await publish(server, docs)).report);
    const intro = byTitle(server, 'Introduction');
    server.editAsPerson(intro.id, { body: '<p>Ann wrote this.</p>', authorName: 'Ann' });
    docs
      .write({
        'docs/intro.md': `${introFile(docs).replace('labels: [Getting Started, docs]', 'labels: [docs, new-label]')}\nMore from git.\n`,
        'docs/img/logo.png': NEW_PNG,
      })
      .commit('edit');
    return { docs, intro };
  }

  const untouched = (id: string): void => {
    expect(server.page(id)).toMatchObject({ body: '<p>Ann wrote this.</p>', version: { number: 2 } });
    expect([...(server.page(id)?.labels ?? [])].sort()).toEqual(['docs', 'getting-started']);
    expect(attachmentsOf(id)).toEqual(['logo.png v1']);
  };

  test.each(['cloud', 'datacenter'] as const)(
    'on-conflict: fail (%s) writes nothing at all, and a re-run does not either',
    async (flavor) => {
      const { docs, intro } = await conflicted(flavor);
      const run = await publish(server, docs);
      expect(run.report.failed).toBe(true);
      expect(resultOf(run.report, 'intro.md')).toMatchObject({
        outcome: 'conflict',
        detail: expect.stringMatching(/Ann.*nothing written \(on-conflict: fail\)/),
      });
      expect(writes(run)).toEqual([]);
      // One read of the page's version decided it (plus, on Cloud, the name of the person).
      expect(run.requests[0]).toMatchObject({ kind: 'GET page', status: 200 });
      untouched(intro.id);

      const again = await publish(server, docs);
      expect(resultOf(again.report, 'intro.md')?.outcome).toBe('conflict');
      expect(writes(again)).toEqual([]);
      untouched(intro.id);
    },
  );

  test('on-conflict: skip writes nothing and does not fail the run', async () => {
    const { docs, intro } = await conflicted();
    const run = await publish(server, docs, { config: { onConflict: 'skip' } });
    expect(run.report.failed).toBe(false);
    expect(resultOf(run.report, 'intro.md')).toMatchObject({
      outcome: 'skipped',
      detail: expect.stringMatching(/Ann.*on-conflict: skip/),
    });
    expect(writes(run)).toEqual([]);
    untouched(intro.id);
  });

  test('on-conflict: overwrite writes attachment, labels and page over the edit', async () => {
    const { docs, intro } = await conflicted();
    const run = await publish(server, docs, { config: { onConflict: 'overwrite' } });
    expectClean(run.report);
    expect(resultOf(run.report, 'intro.md')).toMatchObject({
      outcome: 'updated',
      detail: expect.stringMatching(/overwrote/),
    });
    expect(writes(run).sort()).toEqual([
      'DELETE label 204',
      'POST label 200',
      'PUT attachment 200',
      'PUT page 200',
    ]);
    expect(server.page(intro.id)?.body).toContain('More from git.');
    expect(server.page(intro.id)?.version.number).toBe(3);
    expect([...(server.page(intro.id)?.labels ?? [])].sort()).toEqual(['docs', 'new-label']);
    expect(attachmentsOf(intro.id)).toEqual(['logo.png v2']);
    expect((await publish(server, docs)).requests).toEqual([]);
  });

  test('a version cmsync itself wrote (its answer lost) is no conflict, and nothing is uploaded twice', async () => {
    const docs = DocsRepo.create();
    expectClean((await publish(server, docs)).report);
    const intro = byTitle(server, 'Introduction');
    const before = docs.published;
    docs
      .write({
        'docs/intro.md': `${introFile(docs).replace('labels: [Getting Started, docs]', 'labels: [docs, new-label]')}\nMore from git.\n`,
        'docs/img/logo.png': NEW_PNG,
      })
      .commit('edit');
    const event = { eventName: 'push', before, after: docs.head() };
    server.queueFault({ drop: 'drop-after', match: /^PUT .*pages\/\d+$/ });
    const lost = await publish(server, docs, { retry: { maxRetries: 0 }, event });
    expect(resultOf(lost.report, 'intro.md')?.outcome).toBe('failed');
    expect(server.page(intro.id)?.version.number).toBe(2);

    const rerun = await publish(server, docs, { event });
    expectClean(rerun.report);
    expect(resultOf(rerun.report, 'intro.md')?.detail).toMatch(/already had this version/);
    expect(writes(rerun)).toEqual([]);
    expect(attachmentsOf(intro.id)).toEqual(['logo.png v2']);
    expect(treeOf(server, homeOf(server))).toEqual(await cleanTree(filesOf(docs)));
  });

  test('a changed page with unchanged attachments and labels still costs one write and no read', async () => {
    const docs = DocsRepo.create();
    expectClean((await publish(server, docs)).report);
    docs.write({ 'docs/intro.md': `${introFile(docs)}\nOne more line.\n` }).commit('edit');
    const run = await publish(server, docs);
    expectClean(run.report);
    expect(kindsOf(run.requests)).toEqual(['PUT page']);
  });
});

test('a rename whose page write landed but whose answer was lost: the re-run rewrites the mark', async () => {
  const docs = DocsRepo.create();
  expectClean((await publish(server, docs)).report);
  const api = byTitle(server, 'API');
  const before = docs.published;
  // Same title: no title lookup, so the re-run meets its own earlier version through a 409.
  docs.move('docs/reference/api.md', 'docs/reference/http-api.md');
  docs.write({ 'docs/reference/http-api.md': `${page('API')}One more line.\n` });
  const event = { eventName: 'push', before, after: docs.commit('rename') };
  server.queueFault({ drop: 'drop-after', match: /^PUT .*pages\/\d+$/ });
  const lost = await publish(server, docs, { retry: { maxRetries: 0 }, event });
  expect(resultOf(lost.report, 'reference/http-api.md')?.outcome).toBe('failed');
  expect(ownerPath(server.page(api.id)!)).toBe('reference/api.md');

  const rerun = await publish(server, docs, { event });
  expectClean(rerun.report);
  expect(writes(rerun)).toEqual(['PUT page 409', 'PUT property 200']);
  expect(ownerPath(server.page(api.id)!)).toBe('reference/http-api.md');

  // Later the manifest is lost and a new file takes the old path: it gets a page of its own.
  docs.write({ 'docs/reference/api.md': page('REST endpoints') }).commit('new api.md');
  rmSync(manifestPathIn(docs.dir), { force: true });
  const later = await publish(server, docs);
  expectClean(later.report);
  expect(resultOf(later.report, 'reference/api.md')?.outcome).toBe('created');
  expect(server.page(api.id)).toMatchObject({ title: 'API', status: 'current' });
  expect(ownerPath(server.page(api.id)!)).toBe('reference/http-api.md');
  expect(ownerPath(byTitle(server, 'REST endpoints'))).toBe('reference/api.md');
  expectSound(server);
});

describe('attachments the page no longer uses are removed; a person’s stay', () => {
  /** Published, with a file a person attached to "Introduction" by hand. */
  async function published(flavor: 'cloud' | 'datacenter' = 'cloud') {
    if (flavor !== server.flavor) {
      await server.close();
      server = await startServer({ flavor });
    }
    const docs = DocsRepo.create();
    expectClean((await publish(server, docs)).report);
    const intro = byTitle(server, 'Introduction');
    await person().attach(intro.id, 'minutes.txt');
    return { docs, intro };
  }

  const removeImage = (docs: DocsRepo): void => {
    docs.remove('docs/img/logo.png');
    docs.write({ 'docs/intro.md': introFile(docs).replace('![logo](img/logo.png)', '') }).commit('no image');
  };
  const renameImage = (docs: DocsRepo): void => {
    docs.move('docs/img/logo.png', 'docs/img/brand.png');
    docs
      .write({ 'docs/intro.md': introFile(docs).replace('img/logo.png', 'img/brand.png') })
      .commit('renamed image');
  };

  /** The tree of a clean run, plus the person's file on "Introduction". */
  async function expectCleanTreeWithMinutes(docs: DocsRepo): Promise<void> {
    const clean = await cleanTree(filesOf(docs));
    const withMinutes = clean.map((n) =>
      n.title === 'Introduction'
        ? {
            ...n,
            attachments: [...n.attachments, ['minutes.txt', expect.any(String)]].sort(([a], [b]) =>
              String(a) < String(b) ? -1 : 1,
            ),
          }
        : n,
    );
    expect(treeOf(server, homeOf(server))).toEqual(withMinutes);
  }

  test('an image removed from the page is removed from Confluence', async () => {
    const { docs, intro } = await published();
    removeImage(docs);
    const run = await publish(server, docs);
    expectClean(run.report);
    expect(resultOf(run.report, 'intro.md')?.detail).toMatch(/attachments changed/);
    expect(writes(run)).toEqual(['DELETE attachment 204', 'PUT page 200']);
    expect(attachmentsOf(intro.id)).toEqual(['minutes.txt v1']);
    await expectCleanTreeWithMinutes(docs);
    expect((await publish(server, docs)).requests).toEqual([]);
  });

  test.each(['cloud', 'datacenter'] as const)(
    'a renamed image (%s) leaves only the new name',
    async (flavor) => {
      const { docs, intro } = await published(flavor);
      renameImage(docs);
      const run = await publish(server, docs);
      expectClean(run.report);
      expect(writes(run)).toEqual(['PUT attachment 200', 'DELETE attachment 204', 'PUT page 200']);
      expect(attachmentsOf(intro.id)).toEqual(['brand.png v1', 'minutes.txt v1']);
      await expectCleanTreeWithMinutes(docs);
    },
  );

  test('without the manifest, cmsync’s attachments are known by their comment', async () => {
    const { docs, intro } = await published();
    removeImage(docs);
    rmSync(manifestPathIn(docs.dir), { force: true });
    const run = await publish(server, docs);
    expectClean(run.report);
    expect(writes(run)).toEqual(['DELETE attachment 204', 'PUT page 200']);
    expect(attachmentsOf(intro.id)).toEqual(['minutes.txt v1']);
    await expectCleanTreeWithMinutes(docs);
  });

  test('removed before the page write: a run that stops between them is completed by the next', async () => {
    const { docs, intro } = await published();
    renameImage(docs);
    server.queueFault({ status: 500, match: /^PUT .*pages\/\d+$/, times: 20 });
    const failed = await publish(server, docs, { retry: { maxRetries: 1 } });
    expect(resultOf(failed.report, 'intro.md')?.outcome).toBe('failed');
    server.clearFaults();
    expect(server.attachments(intro.id).map((a) => a.title)).toEqual(['minutes.txt', 'brand.png']);
    const rerun = await publish(server, docs);
    expectClean(rerun.report);
    expect(server.attachments(intro.id).map((a) => a.title)).toEqual(['minutes.txt', 'brand.png']);
    await expectCleanTreeWithMinutes(docs);
  });
});
