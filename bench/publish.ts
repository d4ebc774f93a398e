/**
 * Publish benchmark: 1,000 generated pages into the embedded server with 20 ms latency per
 * request. The limit is what perfect pipelining would take: requests × latency ÷ concurrency.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildConfig } from '../src/config/settings.js';
import { createClientFactory } from '../src/config/client.js';
import { startServer } from '../src/server/index.js';
import { runSync } from '../src/sync/engine.js';
import { memoryLogger } from '../src/util/log.js';
import { writeCorpus } from './corpus.js';

export interface PublishBenchOptions {
  pages?: number;
  latencyMs?: number;
  concurrency?: number;
}

export async function benchPublish(options: PublishBenchOptions = {}): Promise<string[]> {
  const pages = options.pages ?? 1000;
  const latencyMs = options.latencyMs ?? 20;
  const concurrency = options.concurrency ?? 4;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cmsync-bench-'));
  const lines: string[] = [];
  const server = await startServer({ faults: { latencyMs } });
  try {
    writeCorpus(dir, { pages });
    const space = server.space('DOCS')!;
    const config = buildConfig(
      {
        'confluence-url': server.url,
        username: 'demo@example.com',
        token: 'demo-token',
        space: 'DOCS',
        'parent-page-id': space.homepageId,
        'docs-dir': 'docs',
        concurrency: String(concurrency),
      },
      { workspace: dir },
    );

    const runOnce = async (label: string): Promise<void> => {
      server.resetRequests();
      const log = memoryLogger();
      const started = performance.now();
      const report = await runSync(config, { client: createClientFactory(config, { log }), log });
      const wall = performance.now() - started;
      const requests = server.countRequests();
      const writes = server.countRequests({ write: true });
      const limit = (requests * latencyMs) / concurrency;
      const byKind = new Map<string, number>();
      for (const r of server.requests()) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
      lines.push(
        `${label}: ${report.pages.length} pages, ${(wall / 1000).toFixed(2)} s wall, ${requests} requests (${writes} writes), ` +
          `limit ${(limit / 1000).toFixed(2)} s → ratio ${limit > 0 ? (wall / limit).toFixed(2) : 'n/a'} (1.00 = perfect pipelining)` +
          (report.failed ? ' — RUN FAILED' : ''),
      );
      lines.push(
        `  by kind: ${[...byKind.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
      if (label.startsWith('re-run'))
        lines.push(`  re-run writes: ${writes} (target 0) ${writes === 0 ? 'OK' : 'FAIL'}`);
    };

    await runOnce(`initial publish (${pages} pages, ${latencyMs} ms latency, concurrency ${concurrency})`);
    await runOnce('re-run, nothing changed');
    return lines;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
