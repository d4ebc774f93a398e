import type { Logger } from '../util/log.js';

/**
 * What changed between the commit cmsync last saw and the one it runs on.
 *
 * `full` means "look at every file": the range could not be known (new branch, force push, shallow
 * history that could not be completed, no git) or the user asked for it. It is always a safe answer;
 * `reason` says which case applied, for the log and the job summary.
 */
export type ChangeSet =
  | { kind: 'full'; reason: string }
  | {
      kind: 'incremental';
      /** Commit sha the diff starts from (push: `before`; pull_request: the merge base). */
      from: string;
      /** Commit sha the diff ends at (push: `after`; pull_request: the head). */
      to: string;
      /**
       * Workspace-relative POSIX paths, added or modified, under docs-dir or anywhere (caller filters).
       * A rename's destination is listed only in `renamed`, even when its content changed too.
       */
      changed: string[];
      deleted: string[];
      /** `similarity` is git's score in percent: 100 is a pure rename, less means the content changed. */
      renamed: { from: string; to: string; similarity: number }[];
    };

/** Where the change detection looks and what the triggering event said. */
export interface DetectOptions {
  /** Repository root (a subfolder of a repository also works: paths are then relative to it). */
  workspace: string;
  /** GITHUB_EVENT_NAME: push, pull_request, workflow_dispatch, schedule, ... */
  eventName: string;
  /** push: `event.before`. */
  before?: string;
  /** push: `event.after` (default: `HEAD`). */
  after?: string;
  /**
   * push: `event.forced`. `true` skips straight to a full run; `false` lets detection trust GitHub
   * and skip the ancestry check (which on a shallow clone costs a fetch). Unknown → checked.
   */
  forced?: boolean;
  /** pull_request: base sha (preview diffs merge-base(base, head)..head). */
  baseSha?: string;
  /** pull_request: head sha (default: `HEAD`). */
  headSha?: string;
  /** Ignore git and report every file (the `force` input). */
  force: boolean;
  log: Logger;
}
