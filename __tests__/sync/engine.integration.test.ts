/**
 * `runSync` end to end: the real converter, the real client and the embedded Confluence server
 * over loopback. Request counts are read from the server's own request log.
 */
import { ConfluenceError } from '../../src/confluence/errors.js';
import type { ConfluenceApi } from '../../src/confluence/types.js';
import { startServer } from '../../src/server/index.js';
import type { EmbeddedConfluence, StoredPage } from '../../src/server/types.js';
import { planSync, runSync } from '../../src/sync/engine.js';
import type { SyncReport } from '../../src/sync/types.js';
import { deps, makeWorkspace, removeFile, serverConfig, writeFiles, type Files } from './fixtures.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

const TREE: Files = {
  'docs/intro.md':
    '---\nlabels: [Getting-Started, docs]\n---\n# Introduction\n\nSee [installing](guide/install.md) and the [guide](guide/).\n\n![logo](img/logo.png)\n',
  'docs/img/logo.png': PNG,
  'docs/guide/index.md': '---\ntitle: User guide\norder: 1\n---\nEverything about using it.\n',
  'docs/guide/install.md':
    '---\norder: 2\n---\n# Install\n\nRun the installer. See [usage](usage.md#options).\n',
  'docs/guide/usage.md': '---\norder: 1\n---\n# Usage\n\n## Options\n\nUse it.\n',
  'docs/reference/api.md': '# API\n\nThe API.\n',
  'docs/reference/cli-flags.md': 'No heading here.\n',
  'docs/.hidden/secret.md': '# Not published\n',
  'docs/node_modules/pkg/readme.md': '# Not published either\n',
};

let server: EmbeddedConfluence;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

const writes = () => server.requests().filter((r) => r.write);
const byTitle = (title: string): StoredPage => {
  const page = server.pages({ spaceKey: 'DOCS' }).find((p) => p.title === title);
  if (!page)
    throw new Error(
      `no page "${title}" in: ${server
        .pages({ spaceKey: 'DOCS' })
        .map((p) => p.title)
        .join(', ')}`,
    );
  return page;
};
const childTitles = (id: string): string[] => server.children(id).map((p) => p.title);

async function publish(files: Files = TREE) {
  const ws = await makeWorkspace(files);
  const config = serverConfig(server, ws);
  const report = await runSync(config, deps(config));
  return { ws, config, report };
}

function expectClean(report: SyncReport): void {
  expect(report.pages.filter((p) => p.outcome === 'failed')).toEqual([]);
  expect(report.failed).toBe(false);
}

describe('first publish', () => {
  test('publishes the nested tree with titles, parents, order, attachments and labels', async () => {
    const { config, report } = await publish();
    expectClean(report);
    expect(report.counts.created).toBe(7);

    const home = config.parentPageId;
    expect(childTitles(home)).toEqual(['User guide', 'Introduction', 'Reference']);
    expect(childTitles(byTitle('User guide').id)).toEqual(['Usage', 'Install']);
    expect(childTitles(byTitle('Reference').id)).toEqual(['API', 'Cli flags']);

    const intro = byTitle('Introduction');
    expect(intro.labels.sort()).toEqual(['docs', 'getting-started']);
    expect(server.attachments(intro.id).map((a) => [a.title, a.size])).toEqual([['logo.png', PNG.length]]);
    expect(intro.body).toContain('ri:content-title="Install"');
    expect(intro.body).toContain('ri:content-title="User guide"');
    expect(intro.body).toContain('ri:filename="logo.png"');
    expect(intro.body).not.toContain('<h1>');
    expect(byTitle('Reference').body).toContain('ac:name="children"');
    // A create has no version message on Cloud v2: the mark records hash and version instead.
    const introResult = report.known.find((k) => k.key === 'intro.md');
    expect(intro.properties.cmsync.value).toEqual({
      v: 1,
      path: 'intro.md',
      hash: introResult?.hash,
      version: 1,
    });
    expect(server.pages({ spaceKey: 'DOCS' }).some((p) => /Not published/.test(p.title))).toBe(false);

    const counts = {
      total: server.countRequests(),
      writes: writes().length,
      reads: server.countRequests() - writes().length,
    };
    console.info(
      `first publish (7 pages, 1 attachment): ${JSON.stringify(counts)} ${JSON.stringify(report.requests.byKind)}`,
    );
    expect(report.known.map((k) => k.key).sort()).toEqual(
      [
        'guide/',
        'guide/install.md',
        'guide/usage.md',
        'intro.md',
        'reference/',
        'reference/api.md',
        'reference/cli-flags.md',
      ].sort(),
    );
  });

  test('works the same against Data Center', async () => {
    await server.close();
    server = await startServer({ flavor: 'datacenter' });
    const { config, report } = await publish();
    expectClean(report);
    expect(childTitles(config.parentPageId)).toEqual(['User guide', 'Introduction', 'Reference']);
    expect(childTitles(byTitle('User guide').id)).toEqual(['Usage', 'Install']);
    server.resetRequests();
    const again = await runSync(config, deps(config));
    expect(again.counts.unchanged).toBe(7);
    expect(writes()).toEqual([]);
  });
});

describe('runs with nothing changed', () => {
  test('with the known state: no client, no request at all', async () => {
    const { config, report } = await publish();
    server.resetRequests();
    const d = deps(config, { known: report.known });
    const again = await runSync(config, d);
    expect(again.counts.unchanged).toBe(7);
    expect(server.countRequests()).toBe(0);
    expect(d.clientsCreated()).toBe(0);
    expect(again.requests.requests).toBe(0);
    expect(again.pages.every((p) => p.url?.startsWith(server.url))).toBe(true);
    console.info(`no-op with known state: ${server.countRequests()} requests`);
  });

  test('without the known state: a few reads, no write, no new version', async () => {
    const { config } = await publish();
    const versions = server.pages({ spaceKey: 'DOCS' }).map((p) => [p.id, p.version.number]);
    server.resetRequests();
    const again = await runSync(config, deps(config));
    expectClean(again);
    expect(again.counts.unchanged).toBe(7);
    expect(writes()).toEqual([]);
    expect(server.pages({ spaceKey: 'DOCS' }).map((p) => [p.id, p.version.number])).toEqual(versions);
    expect(server.countRequests()).toBeLessThanOrEqual(4);
    console.info(
      `no-op rebuilding state: ${server.countRequests()} requests ${JSON.stringify(again.requests.byKind)}`,
    );
  });
});

describe('edits', () => {
  test('one edited page (known state) costs exactly one write and no read', async () => {
    const { ws, config, report } = await publish();
    await writeFiles(ws, {
      'docs/guide/install.md': '---\norder: 2\n---\n# Install\n\nRun the new installer.\n',
    });
    server.resetRequests();
    const again = await runSync(config, deps(config, { known: report.known }));
    expectClean(again);
    expect(again.counts).toMatchObject({ updated: 1, unchanged: 6 });
    expect(server.requests().map((r) => `${r.method} ${r.kind}`)).toEqual(['PUT PUT page']);
    const install = byTitle('Install');
    expect(install.version.number).toBe(2);
    expect(install.version.minorEdit).toBe(true); // notify-watchers: false
    expect(install.version.message).toBe(
      `cmsync ${again.known.find((k) => k.key === 'guide/install.md')?.hash}`,
    );
    expect(install.body).toContain('new installer');
    console.info(`one edit with known state: ${server.countRequests()} requests`);

    // The state it returns is exact: a third run is free again.
    server.resetRequests();
    await runSync(config, deps(config, { known: again.known }));
    expect(server.countRequests()).toBe(0);
  });

  test('one edited page without known state writes that page only', async () => {
    const { ws, config } = await publish();
    await writeFiles(ws, { 'docs/reference/api.md': '# API\n\nThe API, version 2.\n' });
    server.resetRequests();
    const again = await runSync(config, deps(config));
    expectClean(again);
    expect(writes().map((r) => r.kind)).toEqual(['PUT page']);
    console.info(
      `one edit rebuilding state: ${server.countRequests()} requests ${JSON.stringify(again.requests.byKind)}`,
    );
  });

  test('a changed image is uploaded again; the page body is rewritten once', async () => {
    const { ws, config, report } = await publish();
    await writeFiles(ws, { 'docs/img/logo.png': new Uint8Array([...PNG, 9]) });
    server.resetRequests();
    const again = await runSync(config, deps(config, { known: report.known }));
    expect(again.counts.updated).toBe(1);
    expect(
      writes()
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['PUT attachment', 'PUT page']);
    expect(server.attachments(byTitle('Introduction').id)[0].size).toBe(PNG.length + 1);
  });

  test('without the known state, attachments are compared by the hash in their comment', async () => {
    const { ws, config } = await publish();
    await writeFiles(ws, {
      'docs/img/logo.png': new Uint8Array([...PNG, 7]),
      'docs/intro.md': TREE['docs/intro.md'] + '\n![again](img/logo.png) ![other](img/other.png)\n',
      'docs/img/other.png': PNG,
    });
    server.resetRequests();
    const again = await runSync(config, deps(config));
    expectClean(again);
    expect(again.counts).toMatchObject({ updated: 1, unchanged: 6 });
    const uploads = server.requests().filter((r) => r.kind.endsWith('attachment') && r.write);
    expect(uploads).toHaveLength(2); // logo.png changed, other.png is new
    expect(server.countRequests({ kind: 'GET attachment' })).toBe(1);
  });

  test('changing the order moves the page among its siblings without rewriting it', async () => {
    const { ws, config, report } = await publish();
    await writeFiles(ws, { 'docs/guide/usage.md': '---\norder: 3\n---\n# Usage\n\n## Options\n\nUse it.\n' });
    server.resetRequests();
    const again = await runSync(config, deps(config, { known: report.known }));
    expect(again.counts).toMatchObject({ moved: 1, unchanged: 6 });
    expect(childTitles(byTitle('User guide').id)).toEqual(['Install', 'Usage']);
    expect(writes().map((r) => r.kind)).toEqual(['PUT move']);
  });
});

describe('failures while publishing', () => {
  test('a page that cannot be created fails with its children; the others publish, and a re-run completes the tree', async () => {
    const ws = await makeWorkspace(TREE);
    const config = serverConfig(server, ws);
    // Every create fails: top-level pages fail on their own, their children because the parent did.
    server.setFaults({ rate500: 1, match: /^POST \/wiki\/api\/v2\/pages$/ });
    const progress: number[] = [];
    const broken = await runSync(
      config,
      deps(config, { onProgress: (done, total) => progress.push(total - done) }),
    );
    expect(broken.failed).toBe(true);
    expect(broken.counts.failed).toBe(7);
    expect(broken.pages.find((p) => p.key === 'guide/usage.md')?.detail).toMatch(
      /parent page docs\/guide\/ failed/,
    );
    expect(broken.pages.find((p) => p.key === 'guide/')?.detail).toMatch(/POST/);
    expect(progress.at(-1)).toBe(0);

    server.clearFaults();
    const again = await runSync(config, deps(config, { known: broken.known }));
    expectClean(again);
    expect(again.counts.created).toBe(7);
    expect(server.pages({ spaceKey: 'DOCS' })).toHaveLength(8);
  });

  test('a page created by a run whose state was lost is continued, not duplicated', async () => {
    const { config, report } = await publish();
    const api = byTitle('API');
    const stale = report.known.filter((k) => k.key !== 'reference/api.md');
    server.resetRequests();
    const again = await runSync(config, deps(config, { known: stale }));
    expectClean(again);
    expect(again.pages.find((p) => p.key === 'reference/api.md')).toMatchObject({
      id: api.id,
      outcome: 'unchanged',
    });
    expect(writes()).toEqual([]);
    expect(server.pages({ spaceKey: 'DOCS' })).toHaveLength(8);
    expect(again.known.find((k) => k.key === 'reference/api.md')?.pageId).toBe(api.id);
  });

  test('an update whose state was lost is recognised as ours, not as a conflict', async () => {
    const { ws, config, report } = await publish();
    await writeFiles(ws, { 'docs/reference/api.md': '# API\n\nVersion two.\n' });
    const updated = await runSync(config, deps(config, { known: report.known }));
    expect(updated.counts.updated).toBe(1);
    // The next run starts from the state before that update (its save was lost).
    const again = await runSync(config, deps(config, { known: report.known }));
    expectClean(again);
    expect(again.pages.find((p) => p.key === 'reference/api.md')?.outcome).toBe('updated');
    expect(byTitle('API').version.number).toBe(2);
    expect(again.known.find((k) => k.key === 'reference/api.md')?.version).toBe(2);
  });

  test('a page trashed in Confluence since the last run comes back (restored with the update, or created again)', async () => {
    const { ws, config, report } = await publish();
    const api = byTitle('API');
    const client = await deps(config).client();
    await client.trashPage(api.id);
    await writeFiles(ws, { 'docs/reference/api.md': '# API\n\nChanged.\n' });

    // With the known state, the update itself restores the page (v2 PUT with status current).
    const warm = await runSync(config, deps(config, { known: report.known }));
    expectClean(warm);
    expect(server.page(api.id)).toMatchObject({ status: 'current', parentId: byTitle('Reference').id });
    expect(server.page(api.id)?.body).toContain('Changed.');

    // Without it, the page is not in the tree any more: it is created again.
    await client.trashPage(api.id);
    await writeFiles(ws, { 'docs/reference/api.md': '# API\n\nChanged twice.\n' });
    const cold = await runSync(config, deps(config));
    expectClean(cold);
    const result = cold.pages.find((p) => p.key === 'reference/api.md');
    expect(result?.outcome).toBe('created');
    expect(server.pages({ spaceKey: 'DOCS' }).filter((p) => p.title === 'API')).toHaveLength(1);
  });

  test('an order change is found without the known state too', async () => {
    const { ws, config } = await publish();
    await writeFiles(ws, { 'docs/guide/usage.md': '---\norder: 3\n---\n# Usage\n\n## Options\n\nUse it.\n' });
    const again = await runSync(config, deps(config));
    expect(again.counts).toMatchObject({ moved: 1, unchanged: 6 });
    expect(childTitles(byTitle('User guide').id)).toEqual(['Install', 'Usage']);
  });
});

describe('problems in the Markdown', () => {
  test('a missing image is an error at its line that fails the run; the page still publishes', async () => {
    const { report } = await publish({
      ...TREE,
      'docs/intro.md': '# Introduction\n\n![gone](img/missing.png)\n',
    });
    expect(report.failed).toBe(true);
    expect(report.pages.filter((p) => p.outcome === 'failed')).toEqual([]);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        file: 'docs/intro.md',
        line: 3,
        message: expect.stringMatching(/missing\.png does not exist \(add the file or fix the path\)/),
      }),
    );
    expect(byTitle('Introduction').version.number).toBe(1);
  });

  test('a broken file fails alone: the others publish and the run fails', async () => {
    const { report, ws, config } = await publish({
      ...TREE,
      'docs/reference/api.md': '---\ntitle: [unclosed\n---\n# API\n',
    });
    expect(report.failed).toBe(true);
    expect(report.counts).toMatchObject({ created: 6, failed: 1 });
    expect(report.pages.find((p) => p.path === 'docs/reference/api.md')).toMatchObject({ outcome: 'failed' });
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', file: 'docs/reference/api.md' }),
    );

    // Fixed, the next run publishes just that page.
    await writeFiles(ws, { 'docs/reference/api.md': '# API\n\nFixed.\n' });
    server.resetRequests();
    const again = await runSync(config, deps(config, { known: report.known }));
    expectClean(again);
    expect(again.counts).toMatchObject({ created: 1, unchanged: 6 });
  });

  test('links to a file that is not published are plain text with a warning, never a dead page link', async () => {
    const { report, ws, config } = await publish({
      ...TREE,
      'docs/reference/api.md': '---\ntitle: [unclosed\n---\n# API\n',
      'docs/reference/draft.md': '---\nconfluence: false\n---\n# Draft\n',
      'docs/reference/cli-flags.md': 'See the [API](api.md) and the [draft](draft.md).\n',
    });
    expect(report.counts).toMatchObject({ failed: 1 });
    const flags = byTitle('Cli flags');
    expect(flags.body).not.toContain('ri:page');
    expect(flags.body).toContain('the API');
    for (const target of ['api.md', 'draft.md'])
      expect(report.diagnostics).toContainEqual(
        expect.objectContaining({
          severity: 'warning',
          file: 'docs/reference/cli-flags.md',
          line: 1,
          message: expect.stringContaining(target),
        }),
      );

    // Once the broken file is fixed, the page that links to it is rewritten with the link.
    await writeFiles(ws, { 'docs/reference/api.md': '# API\n\nFixed.\n' });
    const again = await runSync(config, deps(config, { known: report.known }));
    expectClean(again);
    expect(again.counts).toMatchObject({ created: 1, updated: 1 });
    expect(byTitle('Cli flags').body).toContain('ri:content-title="API"');
  });

  test('two files with one title: nothing is written for either, the rest publishes', async () => {
    const { report } = await publish({ ...TREE, 'docs/reference/install.md': '# INSTALL\n\nAnother one.\n' });
    expect(report.failed).toBe(true);
    const failed = report.pages
      .filter((p) => p.outcome === 'failed')
      .map((p) => p.path)
      .sort();
    expect(failed).toEqual(['docs/guide/install.md', 'docs/reference/install.md']);
    expect(
      report.diagnostics
        .filter((d) => /also the title of/.test(d.message))
        .map((d) => d.file)
        .sort(),
    ).toEqual(failed);
    expect(server.pages({ spaceKey: 'DOCS' }).some((p) => /^install$/i.test(p.title))).toBe(false);
    expect(report.counts.created).toBe(6);
  });

  test('a title used by a page outside the tree: refused before any write for that file', async () => {
    const outside = server.seedPage({ spaceKey: 'DOCS', title: 'API' });
    const ws = await makeWorkspace(TREE);
    const elsewhere = server.seedPage({ spaceKey: 'DOCS', title: 'Docs root' });
    const config = serverConfig(server, ws, { parentPageId: elsewhere.id });
    const report = await runSync(config, deps(config));
    expect(report.failed).toBe(true);
    const api = report.pages.find((p) => p.path === 'docs/reference/api.md');
    expect(api).toMatchObject({ outcome: 'failed', detail: expect.stringContaining(`pages/${outside.id}`) });
    expect(server.page(outside.id)?.version.number).toBe(1);
    expect(report.counts.created).toBe(6);
  });

  test("an unmarked first version by cmsync's account (a create whose run died) is adopted, not duplicated", async () => {
    const home = server.space('DOCS')?.homepageId ?? '';
    const existing = server.seedPage({
      spaceKey: 'DOCS',
      title: 'Introduction',
      parentId: home,
      body: '<p>old</p>',
      by: 'api',
    });
    server.resetRequests();
    const { report } = await publish();
    expectClean(report);
    expect(report.pages.find((p) => p.path === 'docs/intro.md')).toMatchObject({
      id: existing.id,
      outcome: 'updated',
    });
    expect(server.page(existing.id)?.properties.cmsync.value).toMatchObject({ path: 'intro.md' });
    expect(server.requests().filter((r) => r.kind === 'GET user')).toHaveLength(1);
  });

  test("on a first run, a page a person made in the tree with a file's title is a conflict, not taken over", async () => {
    const home = server.space('DOCS')?.homepageId ?? '';
    const existing = server.seedPage({
      spaceKey: 'DOCS',
      title: 'Introduction',
      parentId: home,
      body: '<p>made by hand</p>',
    });
    const { report, config } = await publish();
    expect(report.failed).toBe(true);
    expect(report.pages.find((p) => p.path === 'docs/intro.md')).toMatchObject({
      id: existing.id,
      outcome: 'conflict',
    });
    expect(server.page(existing.id)?.body).toBe('<p>made by hand</p>');
    // Taken over on purpose: the same page, history kept.
    const taken = await runSync(
      { ...config, onConflict: 'overwrite' },
      deps({ ...config, onConflict: 'overwrite' }),
    );
    expect(taken.pages.find((p) => p.path === 'docs/intro.md')).toMatchObject({
      id: existing.id,
      outcome: 'updated',
    });
    expect(server.pages({ spaceKey: 'DOCS' }).filter((p) => p.title === 'Introduction')).toHaveLength(1);
  });

  test.each([
    ['fail', 'conflict'],
    ['skip', 'skipped'],
    ['overwrite', 'updated'],
  ] as const)(
    'a person editing the page cmsync is about to adopt (409 on its write) meets on-conflict: %s',
    async (onConflict, outcome) => {
      const home = server.space('DOCS')?.homepageId ?? '';
      const existing = server.seedPage({
        spaceKey: 'DOCS',
        title: 'Introduction',
        parentId: home,
        body: '<p>old</p>',
        by: 'api',
      });
      const ws = await makeWorkspace(TREE);
      const config = serverConfig(server, ws, { onConflict });
      const base = deps(config);
      // Ann saves the page between the listing and cmsync's write.
      const client = async (): Promise<ConfluenceApi> => {
        const real = await base.client();
        return new Proxy(real, {
          get(target, prop) {
            if (prop !== 'updatePage') {
              const value = Reflect.get(target, prop, target) as unknown;
              return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
            }
            return (input: Parameters<ConfluenceApi['updatePage']>[0]) => {
              if (input.id === existing.id && server.page(existing.id)?.version.number === 1)
                server.editAsPerson(existing.id, { body: '<p>Ann was here.</p>', authorName: 'Ann' });
              return target.updatePage(input);
            };
          },
        });
      };
      const report = await runSync(config, { ...base, client });
      const intro = report.pages.find((p) => p.path === 'docs/intro.md');
      expect(intro).toMatchObject({ outcome, id: existing.id });
      if (onConflict === 'overwrite') {
        expect(server.page(existing.id)?.body).not.toContain('Ann was here.');
        expect(server.page(existing.id)?.properties.cmsync.value).toMatchObject({ path: 'intro.md' });
      } else {
        expect(intro?.detail).toMatch(new RegExp(`Ann.*on-conflict: ${onConflict}`));
        expect(server.page(existing.id)).toMatchObject({
          body: '<p>Ann was here.</p>',
          version: { number: 2 },
        });
        expect(server.page(existing.id)?.properties.cmsync).toBeUndefined();
      }
      expect(report.failed).toBe(onConflict === 'fail');
    },
  );
});

describe('settings', () => {
  test('a wrong parent page id is one error naming parent-page-id, and nothing is written', async () => {
    const ws = await makeWorkspace(TREE);
    const config = serverConfig(server, ws, { parentPageId: '999999' });
    const report = await runSync(config, deps(config));
    expect(report.failed).toBe(true);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ setting: 'parent-page-id', message: expect.stringContaining('999999') }),
    ]);
    expect(writes()).toEqual([]);
  });

  test('a wrong space and a wrong token name their settings', async () => {
    const ws = await makeWorkspace(TREE);
    const wrongSpace = serverConfig(server, ws, { space: 'NOPE' });
    const r1 = await runSync(wrongSpace, deps(wrongSpace));
    expect(r1.diagnostics).toContainEqual(expect.objectContaining({ setting: 'space' }));
    const wrongToken = serverConfig(server, ws, { token: 'not-the-token' });
    const r2 = await runSync(wrongToken, deps(wrongToken));
    expect(r2.failed).toBe(true);
    const tokenProblem = r2.diagnostics.find((d) => d.setting === 'token');
    expect(tokenProblem?.message).not.toContain('not-the-token');
    expect(writes()).toEqual([]);
  });

  test.each([
    ['a wrong token', 'token'],
    ['an unreachable Confluence', 'confluence-url'],
  ] as const)(
    'with saved state, %s is one error naming %s; the other edited pages are not tried',
    async (_what, setting) => {
      const { ws, config, report } = await publish();
      await writeFiles(ws, {
        'docs/intro.md': '# Introduction\n\nEdited.\n',
        'docs/reference/api.md': '# API\n\nEdited.\n',
        'docs/reference/cli-flags.md': 'Edited.\n',
        'docs/guide/usage.md': '---\norder: 1\n---\n# Usage\n\n## Options\n\nEdited.\n',
        'docs/guide/install.md': '---\norder: 2\n---\n# Install\n\nEdited.\n',
      });
      // One request at a time, so that the pages after the first are visibly not tried.
      const broken =
        setting === 'token'
          ? { ...config, concurrency: 1, token: 'not-the-token' }
          : { ...config, concurrency: 1, confluenceUrl: 'http://127.0.0.1:9/wiki' };
      server.resetRequests();
      const failed = await runSync(broken, deps(broken, { known: report.known }));
      expect(failed.failed).toBe(true);
      // The setting once; writes that failed before the stop are each reported at their file.
      const errors = failed.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.filter((d) => d.setting)).toEqual([expect.objectContaining({ setting })]);
      expect(errors.filter((d) => !d.setting)).toHaveLength(setting === 'token' ? 0 : 2);
      expect(failed.counts).toMatchObject({ failed: 5, unchanged: 2 });
      // A refused token stops at once; no answer at all stops after three writes in a row.
      expect(failed.pages.filter((p) => /^not tried/.test(p.detail ?? ''))).toHaveLength(
        setting === 'token' ? 4 : 2,
      );
      expect(server.requests().length).toBeLessThanOrEqual(setting === 'token' ? 1 : 0);
      expect(failed.diagnostics.map((d) => d.message).join('\n')).not.toContain('not-the-token');
    },
  );

  test('an unreachable Confluence names confluence-url', async () => {
    const ws = await makeWorkspace(TREE);
    const config = serverConfig(server, ws);
    await server.close();
    server = await startServer();
    const dead = { ...config, confluenceUrl: 'http://127.0.0.1:9/wiki' };
    const report = await runSync(dead, deps(dead));
    expect(report.failed).toBe(true);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ setting: 'confluence-url' }));
  });

  test('a docs-dir that does not exist names docs-dir and makes no request', async () => {
    const ws = await makeWorkspace(TREE);
    const config = serverConfig(server, ws, { docsDir: 'documentation' });
    const d = deps(config);
    const report = await runSync(config, d);
    expect(report.failed).toBe(true);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ setting: 'docs-dir' }));
    expect(d.clientsCreated()).toBe(0);
  });
});

describe('identity and safety', () => {
  test("a person's edit is a conflict: nothing is overwritten, the run fails, a re-run with overwrite wins", async () => {
    const { ws, config, report } = await publish();
    const usage = byTitle('Usage');
    server.editAsPerson(usage.id, { body: '<p>edited by hand</p>', authorName: 'Ada' });
    await writeFiles(ws, { 'docs/guide/usage.md': '---\norder: 1\n---\n# Usage\n\nNew text.\n' });

    const warm = await runSync(config, deps(config, { known: report.known }));
    expect(warm.failed).toBe(true);
    expect(warm.pages.find((p) => p.title === 'Usage')).toMatchObject({
      outcome: 'conflict',
      detail: expect.stringMatching(/ada/i),
    });
    expect(server.page(usage.id)?.body).toContain('edited by hand');

    const cold = await runSync(config, deps(config));
    expect(cold.pages.find((p) => p.title === 'Usage')?.outcome).toBe('conflict');
    expect(server.page(usage.id)?.body).toContain('edited by hand');

    const skip = { ...config, onConflict: 'skip' as const };
    const skipped = await runSync(skip, deps(skip, { known: warm.known }));
    expect(skipped.failed).toBe(false);
    expect(skipped.pages.find((p) => p.title === 'Usage')?.outcome).toBe('skipped');

    const overwrite = { ...config, onConflict: 'overwrite' as const };
    const forced = await runSync(overwrite, deps(overwrite, { known: warm.known }));
    expectClean(forced);
    expect(server.page(usage.id)?.body).toContain('New text');
  });

  test('a renamed file keeps its page: retitled and moved, same id, no delete', async () => {
    const { ws, config, report } = await publish();
    const install = byTitle('Install');
    await removeFile(ws, 'docs/guide/install.md');
    await writeFiles(ws, { 'docs/reference/installing.md': '# Installing\n\nRun the installer.\n' });
    const renames = [{ from: 'docs/guide/install.md', to: 'docs/reference/installing.md' }];
    const again = await runSync(config, deps(config, { known: report.known, renames }));
    expectClean(again);
    expect(again.pages.find((p) => p.key === 'reference/installing.md')).toMatchObject({
      id: install.id,
      outcome: 'updated',
    });
    const page = server.page(install.id);
    expect(page).toMatchObject({ title: 'Installing', parentId: byTitle('Reference').id, status: 'current' });
    expect(page?.properties.cmsync.value).toMatchObject({ path: 'reference/installing.md' });
    expect(childTitles(byTitle('Reference').id)).toEqual(['API', 'Cli flags', 'Installing']);

    // The mark on the page carries the new path: a rebuild from Confluence agrees.
    server.resetRequests();
    const rebuilt = await runSync(config, deps(config));
    expect(rebuilt.counts.unchanged).toBe(7);
    expect(writes()).toEqual([]);
  });

  test('a removed file is trashed under on-delete: trash, and kept by default', async () => {
    const { ws, config, report } = await publish();
    const api = byTitle('API');
    await removeFile(ws, 'docs/reference/api.md');
    const kept = await runSync(config, deps(config, { known: report.known }));
    expect(kept.pages.find((p) => p.key === 'reference/api.md')).toMatchObject({ outcome: 'skipped' });
    expect(server.page(api.id)?.status).toBe('current');

    const trash = { ...config, onDelete: 'trash' as const };
    const trashed = await runSync(trash, deps(trash, { known: kept.known }));
    expectClean(trashed);
    expect(trashed.counts.deleted).toBe(1);
    expect(server.page(api.id)?.status).toBe('trashed');
    expect(trashed.known.some((k) => k.pageId === api.id)).toBe(false);
  });

  test('the docs root index becomes the content of the parent page', async () => {
    const { config, report } = await publish({ ...TREE, 'docs/index.md': 'Welcome to the docs.\n' });
    expectClean(report);
    const home = server.page(config.parentPageId);
    expect(home?.title).toBe('DOCS Home');
    expect(home?.body).toContain('Welcome to the docs.');
    expect(home?.properties.cmsync.value).toMatchObject({ path: '' });
    server.resetRequests();
    const again = await runSync(config, deps(config));
    expect(again.counts.unchanged).toBe(8);
    expect(writes()).toEqual([]);
  });

  test('a Confluence that cannot reorder pages gets one warning, not a failure', async () => {
    const { ws, config, report } = await publish();
    await writeFiles(ws, { 'docs/guide/usage.md': '---\norder: 3\n---\n# Usage\n\n## Options\n\nUse it.\n' });
    const d = deps(config, { known: report.known });
    const real = d.client;
    const noMove = async (): Promise<ConfluenceApi> => {
      const client = await real();
      return new Proxy(client, {
        get: (target, name) => {
          if (name === 'movePage')
            return () =>
              Promise.reject(
                new ConfluenceError({ status: 404, method: 'PUT', path: '/rest/api/content/1/move/after/2' }),
              );
          const value: unknown = Reflect.get(target, name, target);
          // Methods run on the real client (its private fields are not on the proxy).
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };
    const again = await runSync(config, { ...d, client: noMove });
    expect(again.failed).toBe(false);
    expect(d.lines.filter((l) => l.startsWith('warning:'))).toEqual([
      expect.stringMatching(/does not support ordering pages/),
    ]);
  });

  test('a preview without a token plans from the known state alone, without any request', async () => {
    const { config, report } = await publish();
    server.resetRequests();
    const noToken = { ...config, token: '', mode: 'preview' as const };
    const d = deps(noToken);
    const fresh = await planSync(noToken, d);
    expect(fresh.plan.operations.filter((o) => o.kind === 'create')).toHaveLength(7);
    expect(fresh.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'notice', setting: 'token' }),
    );
    const warm = await planSync(noToken, { ...d, known: report.known });
    expect(new Set(warm.plan.operations.map((o) => o.kind))).toEqual(new Set(['unchanged']));
    expect(server.countRequests()).toBe(0);
    expect(d.clientsCreated()).toBe(0);
  });

  test('planSync shows the plan and writes nothing', async () => {
    const ws = await makeWorkspace(TREE);
    const config = serverConfig(server, ws);
    const { plan, pages } = await planSync(config, deps(config));
    expect(plan.operations.filter((o) => o.kind === 'create')).toHaveLength(7);
    expect(pages.map((p) => p.key)).toContain('guide/usage.md');
    expect(writes()).toEqual([]);
  });
});
