import { diffCommits } from './diff.js';
import { FullSyncRequired } from './full-sync.js';
import { findMergeBase, short } from './history.js';
import { ensureCommit } from './repository.js';
import type { GitRunner } from './runner.js';
import type { ChangeSet, DetectOptions } from './types.js';

/**
 * A pull request previews what its branch changed since it left the base branch: the diff from
 * merge-base(base, head) to head, as GitHub's "Files changed" tab shows it. Diffing base..head
 * instead would list every later commit on the base branch as reverted.
 *
 * @throws FullSyncRequired when base or head cannot be had, or their histories never meet.
 */
export async function pullRequestChanges(git: GitRunner, options: DetectOptions): Promise<ChangeSet> {
  const { baseSha, headSha = 'HEAD' } = options;
  if (!baseSha)
    throw new FullSyncRequired(`the ${options.eventName} event has no base commit to compare with`);
  const head = await ensureCommit(git, headSha, 'head');
  const base = await ensureCommit(git, baseSha, 'base');
  const from = await findMergeBase(git, base, head);
  if (!from)
    throw new FullSyncRequired(`${short(base)} (base) and ${short(head)} (head) have no common history`);
  return { kind: 'incremental', from, to: head, ...(await diffCommits(git, from, head)) };
}
