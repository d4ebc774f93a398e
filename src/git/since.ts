import type { Logger } from '../util/log.js';
import { getErrorMessage } from '../util/diagnostics.js';
import { diffCommits } from './diff.js';
import { FullSyncRequired } from './full-sync.js';
import { isAncestor, short } from './history.js';
import { ensureCommit, openRepository, resolveCommit } from './repository.js';
import type { GitRunner } from './runner.js';
import type { ChangeSet } from './types.js';

export interface SincePublishedOptions {
  /** Repository root, or a folder in it (paths are then relative to it). */
  workspace: string;
  /** The commit the known state was published from (`Manifest.commit`), when recorded. */
  published?: string;
  log: Logger;
}

export interface SincePublished {
  /** The commit checked out now (HEAD), or undefined outside git or before the first commit. */
  head?: string;
  /**
   * `published..head`, with renames paired up; `full` (with the reason) when there is no such
   * range: no commit recorded, no git, or a recorded commit that neither the clone nor origin has.
   */
  changes: ChangeSet;
  /**
   * Set when HEAD is an older commit of the history that was published (a re-run of an earlier
   * workflow run, a dispatch on a stale branch): publishing it would put older docs back.
   */
  behind?: { head: string; published: string };
}

/**
 * What changed since the commit the known state was published from, and which commit is being
 * published now. This range, unlike the push event's `before..after`, also spans pushes whose
 * runs never published (cancelled by a concurrency group, failed before saving) and exists on
 * full scans, so renames made in between still keep their pages.
 *
 * The two commits need not be related: the known state describes the tree of `published`, so the
 * tree diff says how files moved from there, even after a force push, as long as the commit can
 * be had (it is fetched from origin when the clone lacks it, `--depth=1` in a shallow clone; no
 * history walk is needed). Never throws and never touches the work tree, the index or any ref.
 */
export async function sincePublished(options: SincePublishedOptions): Promise<SincePublished> {
  const { workspace, published, log } = options;
  let head: string | undefined;
  try {
    const git = await openRepository(workspace, log);
    head = await resolveCommit(git, 'HEAD');
    if (!head) return { changes: full('the repository has no commits') };
    if (!published) return { head, changes: full('no published commit is recorded') };
    const from = await ensureCommit(git, published, 'last published');
    const changes: ChangeSet = {
      kind: 'incremental',
      from,
      to: head,
      ...(await diffCommits(git, from, head)),
    };
    log.debug(
      `since the last published commit ${short(from)}..${short(head)}: ${changes.changed.length} changed, ` +
        `${changes.deleted.length} deleted, ${changes.renamed.length} renamed`,
    );
    const behind = (await isOlderThan(git, head, from)) ? { head, published: from } : undefined;
    return { head, changes, ...(behind ? { behind } : {}) };
  } catch (error) {
    const reason = error instanceof FullSyncRequired ? error.reason : getErrorMessage(error);
    log.debug(`since the last published commit: no range (${reason})`);
    return { ...(head ? { head } : {}), changes: full(reason) };
  }
}

/**
 * Whether `head` is a strict ancestor of `published`. The committer dates are compared first so
 * that the usual run (HEAD newer than what was published) asks git nothing more; only a HEAD
 * that looks older pays for the ancestry check, which may deepen a shallow clone.
 */
async function isOlderThan(git: GitRunner, head: string, published: string): Promise<boolean> {
  if (head === published) return false;
  const dates = (await git.run(['show', '-s', '--format=%ct', head, published]).catch(() => ''))
    .trim()
    .split(/\s+/)
    .map(Number);
  const [headDate, publishedDate] = dates;
  if (headDate === undefined || publishedDate === undefined || headDate > publishedDate) return false;
  try {
    return await isAncestor(git, head, published);
  } catch {
    // Not answerable (history too deep to fetch, git failed): carry on rather than block publishing.
    return false;
  }
}

function full(reason: string): ChangeSet {
  return { kind: 'full', reason };
}
