import { parseNameStatus, type FileChanges } from './name-status.js';
import type { GitRunner } from './runner.js';

/**
 * The files that differ between the trees of two commits, with renames paired up.
 *
 * Uses the plumbing `diff-tree`, which ignores the user's diff settings (`diff.renames`, external
 * diff tools), and `--relative`, so that a workspace below the repository root gets paths relative
 * to itself and nothing from outside it.
 */
export async function diffCommits(git: GitRunner, from: string, to: string): Promise<FileChanges> {
  const output = await git.run(['diff-tree', '-r', '-z', '--name-status', '-M', '--relative', from, to]);
  return parseNameStatus(output);
}
