/**
 * `LinkContext.resolve`: what a relative link or image path in one file points at. Decides with
 * the page tree first (a `.md` that is a page, a folder that is a page) and the file system
 * second (an existing file inside the workspace becomes an attachment). Anything that leaves the
 * workspace — `../` past its root, or a symlink whose target is outside — is refused.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import posix from 'node:path/posix';
import type { DocumentAnchors, LinkContext, LinkTarget } from '../markdown/types.js';
import { isInside } from './scan.js';

export interface LinkIndex {
  /** Absolute workspace path, and the same after resolving symlinks. */
  workspace: string;
  workspaceReal: string;
  /** Workspace-relative docs folder (`''` for the workspace itself). */
  docsDir: string;
  /**
   * docs-relative path → page title: file pages by their `.md` path, folder pages by their key
   * (`guide/`) and by their index file (`guide/index.md`), the root by `''` when its title is known.
   */
  titles: ReadonlyMap<string, string>;
  /** Same keys as `titles`: the anchors each page defines (absent: links to it are not checked). */
  anchors?: ReadonlyMap<string, DocumentAnchors>;
}

/** A `LinkContext` for `file` (workspace-relative); file system answers are cached per index. */
export function linkContext(
  file: string,
  index: LinkIndex,
  cache = new Map<string, LinkTarget>(),
): LinkContext {
  return {
    file,
    resolve(relativePath: string): LinkTarget {
      const target = relativePath.startsWith('/')
        ? posix.normalize(relativePath.replace(/^\/+/, ''))
        : posix.normalize(posix.join(posix.dirname(file), relativePath));
      const bare = target.replace(/\/+$/, '') || '.';
      if (bare === '..' || bare.startsWith('../')) return { kind: 'outside' };
      const page = pageAt(bare, index);
      if (page) return page;
      let result = cache.get(bare);
      if (!result) {
        result = onDisk(bare, index);
        cache.set(bare, result);
      }
      return result;
    },
  };
}

function pageAt(target: string, index: LinkIndex): LinkTarget | undefined {
  const { docsDir } = index;
  const workspaceRel = target === '.' ? '' : target;
  let docsRel: string;
  if (!docsDir) docsRel = workspaceRel;
  else if (workspaceRel === docsDir) docsRel = '';
  else if (workspaceRel.startsWith(`${docsDir}/`)) docsRel = workspaceRel.slice(docsDir.length + 1);
  else return undefined;
  // A file page by its path; a folder page by `guide/` when the link names the folder.
  const key = index.titles.has(docsRel) ? docsRel : docsRel ? `${docsRel}/` : undefined;
  const title = key === undefined ? undefined : index.titles.get(key);
  if (key === undefined || title === undefined) return undefined;
  const found = index.anchors?.get(key);
  return found
    ? {
        kind: 'page',
        title,
        anchors: found.anchors,
        ...(found.titleAnchor !== undefined ? { titleAnchor: found.titleAnchor } : {}),
      }
    : { kind: 'page', title };
}

function onDisk(target: string, index: LinkIndex): LinkTarget {
  const abs = path.join(index.workspace, target);
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return { kind: 'missing' };
  }
  if (!isInside(index.workspaceReal, real)) return { kind: 'outside' };
  // A Markdown file or folder that is not a page has nothing to link to in Confluence.
  if (/\.md$/i.test(target) || !statSync(real).isFile()) return { kind: 'missing' };
  return { kind: 'file', path: target };
}
