/**
 * A whole publish as users run it: restore the known state, ask git what changed, run the
 * engine, store the state again (also after a partly failed run). Shared by the Action and the
 * CLI so that tests drive exactly what users get.
 */
import type { Config } from '../config/types.js';
import type { ConfluenceApi, Flavor } from '../confluence/types.js';
import { detectChanges } from '../git/changes.js';
import type { DetectOptions } from '../git/types.js';
import { loadState, saveState, type StateStore } from '../manifest/state.js';
import type { Logger } from '../util/log.js';
import { runSync } from './engine.js';
import type { SyncReport } from './types.js';

/** The GitHub event, as `eventFromEnvironment` reads it; absent for the CLI. */
export type EventFields = Pick<
  DetectOptions,
  'eventName' | 'before' | 'after' | 'baseSha' | 'headSha' | 'forced'
>;

export interface PublishFlowOptions {
  config: Config;
  /** Creates the client on first use; `flavor` is what the manifest remembers of the server. */
  client: (hint?: { flavor?: Flavor }) => Promise<ConfluenceApi>;
  log: Logger;
  store: StateStore;
  event?: EventFields;
  onProgress?: (done: number, total: number) => void;
}

export interface PublishFlowResult {
  report: SyncReport;
  /** Lines for the log and the summary: where the state came from, what git said, where it went. */
  notes: string[];
}

export async function publishFlow(options: PublishFlowOptions): Promise<PublishFlowResult> {
  const { config, log } = options;
  const notes: string[] = [];
  const state = await log.group('Restore the manifest', () => loadState(config, options.store, log));
  notes.push(state.note);
  log.info(state.note);

  const known = state.known;
  let fullScan = false;
  let renames: { from: string; to: string }[] | undefined;
  if (options.event) {
    const event = options.event;
    const changes = await log.group('Detect changes in git', () =>
      detectChanges({ workspace: config.workspace, ...event, force: config.force, log }),
    );
    if (changes.kind === 'incremental') {
      renames = changes.renamed.map(({ from, to }) => ({ from, to }));
      notes.push(
        `git ${changes.from.slice(0, 7)}..${changes.to.slice(0, 7)}: ${changes.changed.length} changed, ${changes.renamed.length} renamed, ${changes.deleted.length} deleted file(s)`,
      );
    } else {
      // A full scan (schedule, dispatch, force push, new branch) re-reads Confluence so that
      // edits made there since the last publish are found and reported, not just trusted away.
      // The manifest still says what cmsync wrote (labels it may remove, attachments, order).
      fullScan = true;
      notes.push(`full scan: ${changes.reason}`);
    }
    log.info(notes[notes.length - 1]);
  }

  const report = await runSync(config, {
    client: () => options.client({ flavor: state.flavor }),
    log,
    known,
    fullScan,
    renames,
    onProgress: options.onProgress,
  });
  const saved = await log.group('Save the manifest', () =>
    saveState(config, report, options.store, log, { flavor: report.flavor ?? state.flavor }),
  );
  notes.push(saved);
  log.info(saved);
  return { report, notes };
}
