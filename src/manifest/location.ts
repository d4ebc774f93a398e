/**
 * Where the manifest lives in the workspace. One fixed, workspace-relative path, because the
 * Actions cache derives an entry's version from the exact path strings given to save and
 * restore: a different spelling (absolute, `./`-prefixed, another folder) is a different
 * version, and a restore would silently miss every manifest saved before.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Folder for cmsync's local state, relative to the workspace. */
export const STATE_DIR = '.cmsync';

/**
 * The manifest path handed to `@actions/cache`, relative to the workspace (POSIX, no `./`).
 * Restore and save MUST pass exactly this single-element list: the cache version hash covers
 * the paths, so any other list never finds what this one saved.
 */
export const MANIFEST_CACHE_PATH = `${STATE_DIR}/manifest.json`;

/** Absolute path of the manifest in `workspace`. */
export function manifestPathIn(workspace: string): string {
  return join(workspace, STATE_DIR, 'manifest.json');
}

/**
 * Create `.cmsync/` with a `.gitignore` of `*`, so the manifest is never committed, not even
 * by a pull-back workflow that commits every changed file (create-pull-request adds untracked
 * files). The folder ignores itself, so the repository needs no `.gitignore` entry.
 * Returns the manifest path.
 */
export async function prepareStateDir(workspace: string): Promise<string> {
  const dir = join(workspace, STATE_DIR);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '.gitignore'), '# cmsync state (the manifest): never committed\n*\n');
  return manifestPathIn(workspace);
}
