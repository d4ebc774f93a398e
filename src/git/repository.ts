import type { Logger } from '../util/log.js';
import { FullSyncRequired } from './full-sync.js';
import { GitCommandError, createGitRunner, gitMessage, type GitRunner } from './runner.js';

/** The remote `actions/checkout` (and `git clone`) names; commits missing locally are fetched from it. */
const REMOTE = 'origin';

/**
 * Fetch flags shared by every on-demand fetch: tags would pull in unrelated history, submodules are
 * not ours to update, and progress keeps a long but healthy fetch from looking hung (git is silent
 * without it when stderr is not a terminal, and the runner kills silent commands).
 */
const FETCH_FLAGS = ['fetch', '--no-tags', '--no-recurse-submodules', '--progress'];

/** Opens the workspace as a git work tree, or explains why it is not one. */
export async function openRepository(workspace: string, log: Logger): Promise<GitRunner> {
  const git = createGitRunner(workspace, log);
  if (!git) throw new FullSyncRequired(`not a git repository: ${workspace} does not exist`);
  try {
    const inside = (await git.run(['rev-parse', '--is-inside-work-tree'])).trim();
    if (inside !== 'true') throw new FullSyncRequired(`not a git work tree: ${workspace}`);
  } catch (error) {
    if (error instanceof GitCommandError) {
      // Also covers "detected dubious ownership" in containers: git's own words say what to fix.
      throw new FullSyncRequired(`not a git repository (${gitMessage(error.stderr) || workspace})`);
    }
    throw error;
  }
  return git;
}

/** The all-zero sha GitHub sends as `before` for a new branch and as `after` for a deleted one. */
export function isZeroSha(rev: string): boolean {
  return /^0+$/.test(rev);
}

/**
 * Revisions come from the event payload or the command line and end up as git arguments: refuse
 * anything that could read as an option (`--upload-pack=…`) or a refspec that writes a ref (`a:b`).
 */
function checkRevision(rev: string, role: string): void {
  if (!/^[\w./@{}~^-]{1,250}$/.test(rev) || rev.startsWith('-')) {
    throw new FullSyncRequired(
      `the ${role} revision ${JSON.stringify(rev)} is not a commit name cmsync accepts`,
    );
  }
}

/** The commit sha `rev` names locally, or undefined when this clone does not have it. */
export async function resolveCommit(git: GitRunner, rev: string): Promise<string | undefined> {
  try {
    return (await git.run(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).trim();
  } catch (error) {
    if (error instanceof GitCommandError && error.exitCode === 1) return undefined;
    throw error;
  }
}

/** Whether the clone has cut-off history (`actions/checkout` defaults to `fetch-depth: 1`). */
export async function isShallow(git: GitRunner): Promise<boolean> {
  return (await git.run(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}

/**
 * Resolves `rev` to a commit sha, fetching it from origin when the clone lacks it. A shallow clone
 * fetches just that commit (`--depth=1`); a complete clone fetches without a depth so that it stays
 * complete rather than becoming shallow behind the user's back.
 */
export async function ensureCommit(git: GitRunner, rev: string, role: string): Promise<string> {
  checkRevision(rev, role);
  const local = await resolveCommit(git, rev);
  if (local) return local;
  // origin's HEAD is its default branch, not this checkout: nothing sensible to fetch.
  if (rev === 'HEAD')
    throw new FullSyncRequired(`the ${role} commit (HEAD) does not exist: the repository has no commits`);
  const depth = (await isShallow(git)) ? ['--depth=1'] : [];
  try {
    await git.run([...FETCH_FLAGS, ...depth, REMOTE, rev]);
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    throw new FullSyncRequired(
      `the ${role} commit ${rev} is not in this clone and fetching it from ${REMOTE} failed: ${gitMessage(error.stderr) || `exit ${error.exitCode}`}`,
    );
  }
  // A branch name lands in FETCH_HEAD only; a sha is now an object in the clone.
  const fetched = (await resolveCommit(git, rev)) ?? (await resolveCommit(git, 'FETCH_HEAD'));
  if (!fetched) throw new FullSyncRequired(`the ${role} commit ${rev} is still missing after fetching it`);
  return fetched;
}

/** How many commits the clone holds in the history of `tips` (grows as a shallow clone deepens). */
export async function countCommits(git: GitRunner, tips: string[]): Promise<number> {
  return Number((await git.run(['rev-list', '--count', ...tips])).trim());
}

/** Fetches `commits` more generations of history behind each of `tips` into a shallow clone. */
export async function deepen(git: GitRunner, tips: string[], commits: number): Promise<void> {
  try {
    await git.run([...FETCH_FLAGS, `--deepen=${commits}`, REMOTE, ...tips]);
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    throw new FullSyncRequired(
      `fetching more history from ${REMOTE} failed: ${gitMessage(error.stderr) || `exit ${error.exitCode}`}`,
    );
  }
}
