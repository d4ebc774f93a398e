/**
 * Crash safety: `cmsync publish` in a child process, SIGKILLed after the k-th request the server
 * answered (k drawn from a seeded generator), then run again until a run completes. Whatever
 * the moment, the end is the tree a clean run produces: no duplicate, no orphan, nothing
 * missing (attachments and labels included).
 */
import { rmSync } from 'node:fs';
import { createPrng } from '../../src/server/faults.js';
import { startServer } from '../../src/server/index.js';
import type { EmbeddedConfluence } from '../../src/server/types.js';
import { buildCli, runCli, type CliRun } from './cli-process.js';
import { bigTree } from './generate.js';
import {
  DocsRepo,
  cleanTree,
  expectSound,
  homeOf,
  removeAll,
  treeOf,
  type Files,
  type TreeNode,
} from './harness.js';

/** 3 folders of 8 pages: 27 pages, 8 with an image, 9 with labels; about 90 requests to publish. */
const FILES: Files = bigTree({ folders: 3, pagesPerFolder: 8, imageEvery: 3 });

/** The same docs a push later: edits, a page moved to another folder, one removed, two added. */
const CHANGED: Files = (() => {
  const files: Files = { ...FILES };
  for (const f of ['docs/section-01/page-02.md', 'docs/section-02/page-05.md', 'docs/section-03/page-03.md'])
    files[f] = `${String(files[f])}\nEdited after the first publish.\n`;
  files['docs/section-03/page-10.md'] = files['docs/section-01/page-07.md'];
  delete files['docs/section-01/page-07.md'];
  delete files['docs/section-02/page-08.md'];
  files['docs/section-02/page-09.md'] = '---\nlabels: [late]\n---\n# Topic 02.09\n\n![late](img/late.png)\n';
  files['docs/section-02/img/late.png'] = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 9]);
  files['docs/section-01/page-09.md'] = '# Topic 01.09\n\nNew.\n';
  return files;
})();

/** Removing a page needs on-delete, and one run may remove more than the default share here. */
const SETTINGS = { 'on-delete': 'trash', 'max-delete-ratio': '1' };

let cli: string;
let reference: TreeNode[];
let changedReference: TreeNode[];
beforeAll(async () => {
  cli = buildCli();
  reference = await cleanTree(FILES);
  changedReference = await cleanTree(CHANGED);
});
afterAll(() => {
  rmSync(cli, { force: true });
  removeAll();
});

let server: EmbeddedConfluence;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

/** The pages a run could not publish, for failure messages. */
function problems(r: CliRun): string {
  try {
    const pages = (JSON.parse(r.stdout) as { pages: { key: string; outcome: string; detail?: string }[] })
      .pages;
    return pages
      .filter((p) => p.outcome === 'failed' || p.outcome === 'conflict')
      .map((p) => `${p.key}: ${p.outcome}: ${p.detail}`)
      .join('\n');
  } catch {
    return r.stdout;
  }
}

/** Runs until a run exits 0 (at most 3 runs); returns the runs made. */
async function runToCompletion(docs: DocsRepo): Promise<CliRun[]> {
  const runs: CliRun[] = [];
  for (let i = 0; i < 3; i++) {
    const run = await runCli(cli, server, docs.dir, { settings: SETTINGS });
    runs.push(run);
    if (run.code === 0) return runs;
    console.info(`re-run failed: ${problems(run)}`);
  }
  throw new Error(
    `no run completed:\n${runs.map((r) => `exit ${r.code} ${r.stderr}\n${problems(r)}`).join('\n---\n')}`,
  );
}

function report(run: CliRun): { counts: Record<string, number>; failed: boolean } {
  return JSON.parse(run.stdout) as { counts: Record<string, number>; failed: boolean };
}

/** The tree is the clean one, and the space holds exactly its pages (nothing orphaned, nothing trashed twice). */
function expectTree(expected: TreeNode[], trashed = 0): void {
  expect(treeOf(server, homeOf(server))).toEqual(expected);
  expectSound(server);
  const count = (nodes: TreeNode[]): number => nodes.reduce((n, node) => n + 1 + count(node.children), 0);
  const all = server.pages({ spaceKey: 'DOCS', includeTrashed: true });
  expect(all.filter((p) => p.status === 'current')).toHaveLength(count(expected) + 1);
  expect(all.filter((p) => p.status === 'trashed')).toHaveLength(trashed);
}

const random = createPrng(424242);
const draw = (below: number): number => 1 + Math.floor(random() * (below - 1));
/** Kill points for the first publish (about 90 requests): single kills, and two kills in a row. */
const FIRST: number[][] = [[1], [draw(30)], [draw(90)], [draw(90), draw(60)]];

test.each(FIRST.map((kills) => [kills]))(
  'a first publish killed after requests %j ends in the clean tree',
  async (kills) => {
    const docs = DocsRepo.create(FILES);
    const killed: string[] = [];
    for (const k of kills) {
      const run = await runCli(cli, server, docs.dir, { killAfterRequests: k, settings: SETTINGS });
      killed.push(
        `k=${k}: ${run.signal ?? `exit ${run.code}`} after ${server.countRequests()} requests in total`,
      );
      expectSound(server);
    }
    const runs = await runToCompletion(docs);
    expect(report(runs[runs.length - 1]).failed).toBe(false);
    expectTree(reference);
    console.info(`kill loop, first publish: ${killed.join('; ')}; ${runs.length} re-run(s) to complete`);

    // The completed run's manifest is exact: the next run has nothing to do.
    const before = server.countRequests();
    const idle = await runCli(cli, server, docs.dir, { settings: SETTINGS });
    expect(report(idle).counts.unchanged).toBe(27);
    expect(server.countRequests() - before).toBe(0);
  },
);

test.each([[draw(22)], [draw(22)], [draw(22)]])(
  'an incremental publish (edits, a move, a removal, additions) killed after request %i ends in the clean tree',
  async (k) => {
    const docs = DocsRepo.create(FILES);
    expect((await runToCompletion(docs)).length).toBe(1);
    rmSync(`${docs.dir}/docs`, { recursive: true, force: true });
    docs.write(CHANGED);
    const start = server.countRequests();
    const run = await runCli(cli, server, docs.dir, { killAfterRequests: k, settings: SETTINGS });
    const runs = await runToCompletion(docs);
    expectTree(changedReference, 1);
    console.info(
      `kill loop, incremental: k=${k}: ${run.signal ?? `exit ${run.code}`}; ${runs.length} re-run(s); ` +
        `${server.countRequests() - start} requests in all`,
    );
  },
);
