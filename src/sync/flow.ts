/**
 * A whole publish as users run it: restore the known state, ask git what changed, run the
 * engine, store the state again (also after a partly failed run). Shared by the Action and the
 * CLI so that tests drive exactly what users get.
 */
import type { Config } from '../config/types.js';
import type { ConfluenceApi, Flavor } from '../confluence/types.js';
import { detectChanges } from '../git/changes.js';
import { short } from '../git/history.js';
import { sincePublished } from '../git/since.js';
import type { ChangeSet, DetectOptions } from '../git/types.js';
import { commitToRecord, loadState, saveState, type StateStore } from '../manifest/state.js';
import type { Diagnostic } from '../util/diagnostics.js';
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
  const fields = options.event;
  const { event, since } = await log.group('Detect changes in git', async () => ({
    event: fields
      ? await detectChanges({ workspace: config.workspace, ...fields, force: config.force, log })
      : undefined,
    // The push only knows its own range; the manifest knows the commit its state was published
    // from, so pushes whose runs never published (cancelled, failed) and full scans still see
    // renames. It also names the commit this run publishes, recorded when the run succeeds.
    since: await sincePublished({ workspace: config.workspace, published: state.commit, log }),
  }));
  // A full scan (schedule, dispatch, force push, new branch) re-reads Confluence so that
  // edits made there since the last publish are found and reported, not just trusted away.
  // The manifest still says what cmsync wrote (labels it may remove, attachments, order).
  const fullScan = event?.kind === 'full';
  const ranges = renameRanges(event, since.changes, state.commit);
  const renames = ranges.renames;
  for (const note of ranges.notes) {
    notes.push(note);
    log.info(note);
  }

  // A force push that moved the branch back is a deliberate rollback: publish it.
  const rollback = fields?.eventName === 'push' && fields.forced === true;
  const refuse = since.behind && !config.force && !rollback ? behindProblem(since.behind) : undefined;
  const report = await runSync(config, {
    ...(refuse ? { refuse } : {}),
    flavor: state.flavor,
    client: () => options.client({ flavor: state.flavor }),
    log,
    known,
    fullScan,
    renames,
    onProgress: options.onProgress,
  });
  const saved = await log.group('Save the manifest', () =>
    saveState(config, report, options.store, log, {
      flavor: report.flavor ?? state.flavor,
      commit: commitToRecord(report, { previous: state.commit, head: since.head }),
    }),
  );
  notes.push(saved);
  log.info(saved);
  return { report, notes };
}

/**
 * A re-run of an older workflow run (or a dispatch on a branch behind the published one) would
 * put older docs back and remove newer pages: nothing is written unless `force` says so.
 */
function behindProblem(behind: { head: string; published: string }): Diagnostic {
  return {
    severity: 'error',
    setting: 'force',
    message:
      `the checked-out commit ${short(behind.head)} is older than ${short(behind.published)}, from which the pages were last published ` +
      `(a re-run of an earlier workflow run?): publishing it would put older docs back, so nothing was written. ` +
      'Run the workflow on the latest commit, or set `force: true` to publish this older commit on purpose',
  };
}

type Incremental = Extract<ChangeSet, { kind: 'incremental' }>;

/**
 * The renames the engine gets, and lines saying which ranges they came from. The range since the
 * last published commit comes first: the known state describes that commit's tree. The push's
 * own range is added after it (a page that a later, partly failed run already moved is found
 * there); the engine ignores a rename whose old path is claimed already.
 */
function renameRanges(
  event: ChangeSet | undefined,
  since: ChangeSet,
  published: string | undefined,
): { renames?: { from: string; to: string }[]; notes: string[] } {
  const push = event?.kind === 'incremental' ? event : undefined;
  const eventNote = event && (event.kind === 'incremental' ? rangeNote(event) : `full scan: ${event.reason}`);
  if (since.kind === 'incremental') {
    // The usual push: its range starts at the last published commit; nothing more to say.
    if (push && push.from === since.from && push.to === since.to)
      return { renames: pairs(push.renamed), notes: [rangeNote(push)] };
    const renames = pairs([...since.renamed, ...(push?.renamed ?? [])]);
    const sinceNote = `${rangeNote(since)} since the last published commit`;
    if (!event) return { renames, notes: [sinceNote] };
    if (push) return { renames, notes: [`${sinceNote} (the push itself: ${shortRange(push)})`] };
    return { renames, notes: [`${eventNote}; renames from ${sinceNote}`] };
  }
  const notes = eventNote ? [eventNote] : [];
  // Only worth a line when a commit was recorded: an older manifest simply has none.
  if (published)
    notes.push(
      `renames since the last published commit ${short(published)} are unknown (${since.reason}); ` +
        (push ? "only the push's own renames are used" : 'pages are matched by content and title'),
    );
  return { ...(push ? { renames: pairs(push.renamed) } : {}), notes };
}

function pairs(renamed: Incremental['renamed']): { from: string; to: string }[] {
  return renamed.map(({ from, to }) => ({ from, to }));
}

function shortRange(range: Incremental): string {
  return `${range.from.slice(0, 7)}..${range.to.slice(0, 7)}`;
}

function rangeNote(range: Incremental): string {
  return `git ${shortRange(range)}: ${range.changed.length} changed, ${range.renamed.length} renamed, ${range.deleted.length} deleted file(s)`;
}
