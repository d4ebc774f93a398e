/** `cmsync publish` and `cmsync plan`: the Action's engine, reported to a terminal. */
import { buildConfig, ConfigError } from '../config/settings.js';
import { createClientFactory } from '../config/client.js';
import { renderReportText } from '../report/text.js';
import { loadState } from '../manifest/state.js';
import { blockingProblems, renderPreviewText } from '../report/preview.js';
import { buildPreview } from '../sync/preview.js';
import { publishFlow } from '../sync/flow.js';
import type { CliArgs } from './args.js';
import { terminalLogger } from './logger.js';
import { withColumns } from './locations.js';

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
    const state = await loadState(config, 'workspace', log);
    const model = await buildPreview({ config, client, log, known: state.known });
    process.stdout.write(
      (args.json
        ? JSON.stringify(model, null, 2)
        : withColumns(renderPreviewText(model), model.diagnostics)) + '\n',
    );
    // The rule that fails the Action's preview: problems (errors and warnings) and conflicts.
    return blockingProblems(model).length > 0 ? 1 : 0;
  }
  // The CLI keeps its manifest in the workspace (.cmsync/, git-ignored): no Actions cache here.
  const { report } = await publishFlow({ config, client, log, store: 'workspace' });
  process.stdout.write(
    (args.json
      ? JSON.stringify(report, null, 2)
      : withColumns(renderReportText(report), report.diagnostics)) + '\n',
  );
  return report.failed ? 1 : 0;
}
