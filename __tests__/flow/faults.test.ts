/**
 * A publish of a few hundred pages while Confluence answers 20% of requests with 429, 5% with
 * 503 and drops 3% of connections (before or after doing the work). Retries are real, their
 * waiting is not. A request can still exhaust its retries, so the run may report failures; a
 * re-run with the faults still on must converge, and end in exactly the tree a clean publish
 * makes on a server without faults: same titles, parents, order, bodies, attachments, labels,
 * and no duplicate.
 */
import type { RetryOptions } from '../../src/confluence/options.js';
import { startServer } from '../../src/server/index.js';
import {
  DocsRepo,
  cleanTree,
  expectSound,
  homeOf,
  publish,
  removeAll,
  treeOf,
  type Files,
} from './harness.js';
import { bigTree } from './generate.js';

afterAll(removeAll);

const files: Files = bigTree({ folders: 10, pagesPerFolder: 29, imageEvery: 7 });
let reference: ReturnType<typeof cleanTree> | undefined;
/** The clean publish of the same files, made once for both tests. */
const cleanReference = (): ReturnType<typeof cleanTree> => (reference ??= cleanTree(files));

test.each<[string, RetryOptions, number]>([
  ['the default retry limits', {}, 20240601],
  // Few retries, so requests do run out of them: the runs fail and re-runs must converge.
  ['one retry per request (three after a 429)', { maxRetries: 1, maxRateLimitRetries: 3 }, 7],
])(
  '300 pages under 429/503/dropped connections converge to the clean tree (%s)',
  async (_name, retry, seed) => {
    const server = await startServer({ seed });
    try {
      const docs = DocsRepo.create(files);
      server.setFaults({ rate429: 0.2, rate503: 0.05, rateDrop: 0.03, retryAfter: 0 });
      const runs: string[] = [];
      let failed = true;
      for (let attempt = 1; attempt <= 10 && failed; attempt++) {
        const run = await publish(server, docs, { event: null, retry });
        const injected = run.requests.filter((r) => r.injected).length;
        runs.push(
          `run ${attempt}: ${run.requests.length} requests (${injected} faults injected), ` +
            `${JSON.stringify(run.report.counts)}, retries ${run.report.requests.retries}`,
        );
        failed = run.report.failed;
        if (failed) {
          // Only transient failures are acceptable here, never a duplicate or a title clash.
          const problems = run.report.pages.filter((p) => p.outcome === 'failed' || p.outcome === 'conflict');
          expect(
            problems.filter((p) => /already exists|title .* is already used/i.test(p.detail ?? '')),
          ).toEqual([]);
        }
        expectSound(server);
      }
      console.info(`flow faults (300 pages, ${_name}):\n${runs.join('\n')}`);
      expect(failed).toBe(false);
      server.clearFaults();

      const all = server.pages({ spaceKey: 'DOCS', includeTrashed: true });
      expect(all.filter((p) => p.status !== 'current')).toEqual([]);
      const tree = treeOf(server, homeOf(server));
      expect(tree).toEqual(await cleanReference());

      // Converged for real: a run without faults finds nothing to do.
      expect((await publish(server, docs, { event: null })).requests).toEqual([]);
    } finally {
      await server.close();
    }
  },
);
