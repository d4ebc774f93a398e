/**
 * The Action: inputs → engine → report. Everything GitHub-specific (inputs, annotations, summary,
 * outputs, exit status) happens here; the engine knows nothing about @actions/core.
 */
import * as core from '@actions/core';
import { parseInputs } from '../config/inputs.js';
import { ConfigError } from '../config/settings.js';
import type { Config } from '../config/types.js';
import { createClientFactory } from '../config/client.js';
import { eventFromEnvironment } from '../git/changes.js';
import { emitAnnotations } from '../report/annotations.js';
import { computeOutputs } from '../report/outputs.js';
import { renderSummary, statsLine } from '../report/summary.js';
import { failureLine } from '../report/text.js';
import { publishFlow } from '../sync/flow.js';
import type { SyncReport } from '../sync/types.js';
import { getErrorMessage } from '../util/diagnostics.js';
import { actionsLogger, progressReporter } from './logger.js';
import { runPreview } from './preview.js';

export async function run(): Promise<void> {
  let config: Config;
  try {
    config = parseInputs();
  } catch (error) {
    if (error instanceof ConfigError) {
      core.error(error.message, { title: `cmsync: input ${error.setting}` });
      core.setFailed(`Invalid input ${error.message}`);
      return;
    }
    throw error;
  }

  if (config.mode === 'pull') {
    core.setFailed('mode: pull is not available yet in this version of cmsync; use publish or preview.');
    return;
  }

  const log = actionsLogger();
  if (config.mode === 'preview') {
    await runPreview(config, log);
    return;
  }
  const client = createClientFactory(config, { log, onSecret: (s) => core.setSecret(s) });
  const { report, notes } = await publishFlow({
    config,
    client,
    log,
    store: 'actions-cache',
    event: eventFromEnvironment(process.env),
    onProgress: progressReporter(log),
  });
  await publishReport(report, config, notes);
}

export async function publishReport(report: SyncReport, config: Config, notes: string[] = []): Promise<void> {
  const stats = statsLine(report);
  if (stats) core.info(`cmsync: ${stats}`);
  const overflow = emitAnnotations(report.diagnostics, {
    error: (m, p) => core.error(m, p),
    warning: (m, p) => core.warning(m, p),
    notice: (m, p) => core.notice(m, p),
  });
  for (const [name, value] of Object.entries(computeOutputs(report))) core.setOutput(name, value);
  try {
    const title = config.mode === 'preview' ? 'cmsync preview' : 'cmsync publish';
    await core.summary.addRaw(renderSummary({ report, overflow, title, notes }), true).write();
  } catch (error) {
    // Outside a runner there is no GITHUB_STEP_SUMMARY: the log already has everything.
    core.debug(`job summary not written: ${getErrorMessage(error)}`);
  }
  if (report.failed) core.setFailed(failureLine(report));
}
