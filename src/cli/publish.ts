/** `cmsync publish` and `cmsync plan`: the Action's engine, reported to a terminal. */
import { buildConfig, ConfigError } from '../config/settings.js';
import { createClientFactory } from '../config/client.js';
import { loadState, saveState } from '../manifest/state.js';
import { renderReportText } from '../report/text.js';
import { planSync, runSync } from '../sync/engine.js';
import type { CliArgs } from './args.js';
import { terminalLogger } from './logger.js';

export async function publishCommand(args: CliArgs, preview: boolean): Promise<number> {
  let config;
  try {
    config = buildConfig(
      { ...args.settings, mode: preview ? 'preview' : 'publish' },
      { workspace: process.cwd() },
    );
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `error: ${error.message}\n(flag --${error.setting} or environment variable CMSYNC_${error.setting.toUpperCase().replace(/-/g, '_')})\n`,
      );
      return 2;
    }
    throw error;
  }
  const log = terminalLogger({ verbose: args.verbose, quiet: args.json });
  const client = createClientFactory(config, { log });
  if (preview) {
    const { plan } = await planSync(config, { client, log });
    if (args.json) process.stdout.write(JSON.stringify(plan, null, 2) + '\n');
    else
      for (const op of plan.operations)
        process.stdout.write(`${op.kind.padEnd(9)} ${op.title}  (${op.key || 'docs root'}) — ${op.reason}\n`);
    return plan.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  }
  // The CLI keeps its manifest in the workspace (.cmsync/, git-ignored): no Actions cache here.
  const state = await loadState(config, 'workspace', log);
  log.info(state.note);
  const report = await runSync(config, { client, log, known: state.known });
  log.info(await saveState(config, report, 'workspace', log));
  process.stdout.write((args.json ? JSON.stringify(report, null, 2) : renderReportText(report)) + '\n');
  return report.failed ? 1 : 0;
}
