import { diffCommits } from './diff.js';
import { FullSyncRequired } from './full-sync.js';
import { isAncestor, short } from './history.js';
import { ensureCommit, isZeroSha } from './repository.js';
import type { GitRunner } from './runner.js';
import type { ChangeSet, DetectOptions } from './types.js';

/**
 * A push publishes what changed between the branch tip before it (`before`) and after it.
 *
 * @throws FullSyncRequired when that range is unknown or meaningless: a new or deleted branch, a
 *   force push, or a `before` commit that neither the clone nor origin has.
 */
export async function pushChanges(git: GitRunner, options: DetectOptions): Promise<ChangeSet> {
  const { before, after = 'HEAD', forced } = options;
  if (!before) throw new FullSyncRequired('the push event has no "before" commit to compare with');
  if (isZeroSha(before)) {
    throw new FullSyncRequired(
      'the push created a new branch ("before" is all zeros): nothing to compare with',
    );
  }
  if (isZeroSha(after)) throw new FullSyncRequired('the push deleted the branch ("after" is all zeros)');
  if (forced === true) throw new FullSyncRequired('force push (the push event says "forced")');
  const to = await ensureCommit(git, after, 'after');
  const from = await ensureCommit(git, before, 'before');
  // A rewritten branch has no meaningful diff: pages published from the lost commits may differ
  // from anything `before` shows. `forced: false` is GitHub's word that `before` is an ancestor.
  if (forced === undefined && !(await isAncestor(git, from, to))) {
    throw new FullSyncRequired(
      `force push: ${short(from)} ("before") is not an ancestor of ${short(to)} ("after")`,
    );
  }
  return { kind: 'incremental', from, to, ...(await diffCommits(git, from, to)) };
}
