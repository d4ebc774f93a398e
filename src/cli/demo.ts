/**
 * `npm run demo`: the whole product without a Confluence instance. Starts the embedded server,
 * publishes examples/docs into it, prints the resulting tree and the URL to browse, and keeps
 * serving until Ctrl-C (`--once` exits after printing).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConfig } from '../config/settings.js';
import { createClientFactory } from '../config/client.js';
import { renderReportText } from '../report/text.js';
import { startServer } from '../server/index.js';
import { runSync } from '../sync/engine.js';
import type { CliArgs } from './args.js';
import { terminalLogger } from './logger.js';
import { withColumns } from './locations.js';

/** The repository root: where examples/docs lives, whether run from src (tsx) or dist (bundle). */
export function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'examples', 'docs'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export async function demoCommand(args: CliArgs): Promise<number> {
  const server = await startServer({ port: args.port ?? 0 });
  const root = findRepoRoot();
  const space = server.space('DOCS');
  if (!space) throw new Error('the embedded server has no DOCS space');
  const config = buildConfig(
    {
      'confluence-url': server.url,
      username: 'demo@example.com',
      token: 'demo-token',
      space: 'DOCS',
      'parent-page-id': space.homepageId,
      'docs-dir': args.settings['docs-dir'] ?? 'examples/docs',
      'allow-html': args.settings['allow-html'] ?? 'br,sub,sup,kbd,details,summary,img,a',
      mode: 'publish',
    },
    { workspace: root },
  );
  const log = terminalLogger({ verbose: args.verbose });
  const report = await runSync(config, { client: createClientFactory(config, { log }), log });
  process.stdout.write(withColumns(renderReportText(report), report.diagnostics) + '\n\n');
  process.stdout.write(server.renderTree(space.homepageId) + '\n\n');
  process.stdout.write(`Browse the published tree: ${server.origin}/\n`);
  process.stdout.write(
    `Confluence URL for other tools: ${server.url} (user demo@example.com, token demo-token, space DOCS, parent page ${space.homepageId})\n`,
  );
  if (args.once) {
    await server.close();
    return report.failed ? 1 : 0;
  }
  process.stdout.write('Serving until Ctrl-C.\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
  return 0;
}
