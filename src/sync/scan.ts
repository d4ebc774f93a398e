/**
 * The file system walk of `docs-dir`: every `*.md` file, skipping hidden folders and
 * `node_modules`. Paths never leave the workspace: a `docs-dir` that resolves outside it is a
 * setting error, and a symlink pointing outside is refused with a warning at the link.
 */
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../util/diagnostics.js';

export interface ScannedFile {
  /** docs-relative POSIX path (`guide/install.md`). */
  path: string;
  /** Workspace-relative POSIX path (`docs/guide/install.md`). */
  file: string;
  /** Absolute path to read. */
  abs: string;
}

export interface ScanResult {
  files: ScannedFile[];
  diagnostics: Diagnostic[];
  /** A problem that stops the run (docs-dir missing or outside the workspace). */
  fatal?: Diagnostic;
}

/** True when `child` is `parent` or below it (both absolute, already real paths). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Walks `docsDir` (workspace-relative POSIX, `''` for the workspace itself). */
export async function scanDocs(workspace: string, docsDir: string): Promise<ScanResult> {
  const diagnostics: Diagnostic[] = [];
  const files: ScannedFile[] = [];
  const root = await fs.realpath(workspace);
  const shown = docsDir || '.';
  const docsAbs = path.resolve(workspace, docsDir);
  const setting = (message: string): ScanResult => ({
    files,
    diagnostics,
    fatal: { severity: 'error', setting: 'docs-dir', message },
  });

  let docsReal: string;
  try {
    docsReal = await fs.realpath(docsAbs);
  } catch {
    return setting(
      `docs-dir "${shown}" does not exist in the workspace; set docs-dir to the folder that holds the Markdown files`,
    );
  }
  if (!isInside(root, docsReal))
    return setting(
      `docs-dir "${shown}" resolves to ${docsReal}, outside the workspace; use a folder inside the repository`,
    );
  if (!(await fs.stat(docsReal)).isDirectory())
    return setting(
      `docs-dir "${shown}" is not a folder; set docs-dir to the folder that holds the Markdown files`,
    );

  const visited = new Set<string>();
  const walk = async (dirReal: string, rel: string): Promise<void> => {
    if (visited.has(dirReal)) return; // a symlink loop, or two links to one folder
    visited.add(dirReal);
    const entries: Dirent[] = await fs.readdir(dirReal, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const childAbs = path.join(dirReal, entry.name);
      const shownPath = docsDir ? `${docsDir}/${childRel}` : childRel;
      let real = childAbs;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          real = await fs.realpath(childAbs);
        } catch {
          diagnostics.push({
            severity: 'warning',
            file: shownPath,
            message: `${shownPath} is a broken symbolic link; skipped`,
          });
          continue;
        }
        const st = await fs.stat(real);
        if (!isInside(root, real)) {
          // Only folders and Markdown matter here; a linked image is refused where it is used.
          if (st.isDirectory() || /\.md$/i.test(entry.name))
            diagnostics.push({
              severity: 'warning',
              file: shownPath,
              message: `${shownPath} is a symbolic link to ${real}, outside the workspace; refused (not published)`,
            });
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
      }
      if (isDir) await walk(real, childRel);
      else if (isFile && /\.md$/i.test(entry.name))
        files.push({ path: childRel, file: shownPath, abs: real });
    }
  };
  await walk(docsReal, '');
  return { files, diagnostics };
}
