/** The files a commit holds, workspace-relative (git lists paths relative to the working directory). */
import type { Logger } from '../util/log.js';
import { openRepository } from './repository.js';

export async function filesAt(workspace: string, rev: string, log: Logger): Promise<Set<string>> {
  const git = await openRepository(workspace, log);
  const out = await git.run(['ls-tree', '-r', '--name-only', '-z', rev]);
  return new Set(out.split('\0').filter(Boolean));
}
