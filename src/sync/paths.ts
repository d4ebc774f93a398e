/** Page keys ↔ workspace paths, for messages and reports. */
import posix from 'node:path/posix';
import type { PageKey } from './types.js';

/** Workspace-relative path of a page key, for messages (`docs/guide/`, `docs/a.md`, `docs/`). */
export function reportPath(docsDir: string, key: PageKey): string {
  if (!docsDir) return key || '.';
  return key ? `${docsDir}/${key}` : `${docsDir}/`;
}

/** The folder key a path is in: `a/b/c.md` → `a/b/`; `c.md` → `''`. */
export function dirKey(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' || dir === '' ? '' : `${dir}/`;
}
