import { getErrorMessage } from '../util/diagnostics.js';
import { FullSyncRequired } from './full-sync.js';
import { pullRequestChanges } from './pull-request.js';
import { pushChanges } from './push.js';
import { openRepository } from './repository.js';
import type { GitRunner } from './runner.js';
import type { ChangeSet, DetectOptions } from './types.js';

export type { ChangeSet, DetectOptions } from './types.js';
export { eventFromEnvironment, type EventFields } from './event.js';

type Detector = (git: GitRunner, options: DetectOptions) => Promise<ChangeSet>;

/** Events whose payload names a range of commits, and how each one is read. */
const DETECTORS = new Map<string, Detector>([
  ['push', pushChanges],
  ['pull_request', pullRequestChanges],
  // Same payload as pull_request; it runs in the base repository's context.
  ['pull_request_target', pullRequestChanges],
]);

/**
 * Works out which files the triggering event changed, from git alone.
 *
 * Never throws: whenever the answer is uncertain (no git, a new branch, a force push, a commit that
 * cannot be fetched, a scheduled or manual run, `force`) it answers `full` and says why. It only
 * reads the repository and fetches missing commits from origin (a shallow clone gets the history it
 * needs); it never touches the working tree, the index, a branch or a tag. Every git command is
 * logged at debug.
 */
export async function detectChanges(options: DetectOptions): Promise<ChangeSet> {
  const { log, eventName } = options;
  const answer = await decide(options);
  if (answer.kind === 'full') {
    log.debug(`change detection: full run (${answer.reason})`);
  } else {
    log.debug(
      `change detection: ${eventName} ${answer.from.slice(0, 12)}..${answer.to.slice(0, 12)}: ` +
        `${answer.changed.length} changed, ${answer.deleted.length} deleted, ${answer.renamed.length} renamed`,
    );
  }
  return answer;
}

async function decide(options: DetectOptions): Promise<ChangeSet> {
  if (options.force) return { kind: 'full', reason: 'force is set: every file is considered changed' };
  const detector = DETECTORS.get(options.eventName);
  if (!detector) {
    const event = options.eventName ? `the ${options.eventName} event` : 'a run without an event name';
    return { kind: 'full', reason: `${event} has no commit range to compare` };
  }
  try {
    const git = await openRepository(options.workspace, options.log);
    return await detector(git, options);
  } catch (error) {
    if (error instanceof FullSyncRequired) return { kind: 'full', reason: error.reason };
    return { kind: 'full', reason: `change detection failed: ${getErrorMessage(error)}` };
  }
}
