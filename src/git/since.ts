import type { Logger } from '../util/log.js';
import { getErrorMessage } from '../util/diagnostics.js';
import { diffCommits } from './diff.js';
import { FullSyncRequired } from './full-sync.js';
import { short } from './history.js';
import { ensureCommit, openRepository, resolveCommit } from './repository.js';
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
    return { head, changes };
  } catch (error) {
    const reason = error instanceof FullSyncRequired ? error.reason : getErrorMessage(error);
    log.debug(`since the last published commit: no range (${reason})`);
    return { ...(head ? { head } : {}), changes: full(reason) };
  }
}

function full(reason: string): ChangeSet {
  return { kind: 'full', reason };
}
