import { FullSyncRequired } from './full-sync.js';
import { countCommits, deepen, isShallow } from './repository.js';
import { GitCommandError, type GitRunner } from './runner.js';

/**
 * How far a shallow clone is deepened, step by step, before giving up: most pushes and pull requests
 * are found within the first step, and a full run is cheaper than fetching a huge history.
 */
const DEEPEN_STEPS = [10, 100, 1000] as const;
const DEEPEN_LIMIT = DEEPEN_STEPS.reduce((sum, step) => sum + step, 0);

/**
 * Answers a history question (`probe`) about `tips`, deepening a shallow clone until the probe finds
 * its answer or the history stops growing (the answer is then a definite "no").
 */
async function searchHistory<T>(
  git: GitRunner,
  tips: string[],
  probe: () => Promise<T | undefined>,
  question: string,
): Promise<T | undefined> {
  const first = await probe();
  if (first !== undefined) return first;
  let known: number | undefined;
  for (const step of DEEPEN_STEPS) {
    if (!(await isShallow(git))) return undefined;
    known ??= await countCommits(git, tips);
    await deepen(git, tips, step);
    const found = await probe();
    if (found !== undefined) return found;
    const now = await countCommits(git, tips);
    if (now === known) return undefined;
    known = now;
  }
  throw new FullSyncRequired(
    `${question} could not be answered within ${DEEPEN_LIMIT} commits of fetched history`,
  );
}

/** Whether `ancestor` is in the history of `descendant`; false means the branch was rewritten. */
export async function isAncestor(git: GitRunner, ancestor: string, descendant: string): Promise<boolean> {
  const probe = async (): Promise<true | undefined> => {
    try {
      await git.run(['merge-base', '--is-ancestor', ancestor, descendant]);
      return true;
    } catch (error) {
      if (error instanceof GitCommandError && error.exitCode === 1) return undefined;
      throw error;
    }
  };
  const question = `whether ${short(ancestor)} is an ancestor of ${short(descendant)}`;
  return (await searchHistory(git, [descendant], probe, question)) ?? false;
}

/** The best common ancestor of `a` and `b`, or undefined when their histories never meet. */
export async function findMergeBase(git: GitRunner, a: string, b: string): Promise<string | undefined> {
  const probe = async (): Promise<string | undefined> => {
    try {
      return (await git.run(['merge-base', a, b])).trim() || undefined;
    } catch (error) {
      if (error instanceof GitCommandError && error.exitCode === 1) return undefined;
      throw error;
    }
  };
  return searchHistory(git, [a, b], probe, `the merge base of ${short(a)} and ${short(b)}`);
}

/** A sha short enough for a log line. */
export function short(sha: string): string {
  return /^[0-9a-f]{40,64}$/i.test(sha) ? sha.slice(0, 12) : sha;
}
