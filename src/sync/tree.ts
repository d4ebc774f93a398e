/**
 * Files → page tree, as pure data. A folder is a page; its `index.md` (preferred) or
 * `README.md` gives its content, else it is generated. The docs root is `parent-page-id`:
 * its index, if any, becomes that page's content, else the root is only a container.
 */
import posix from 'node:path/posix';
import type { Diagnostic } from '../util/diagnostics.js';
import type { PageKey } from './types.js';
import { normaliseLabels } from './labels.js';
import { dirKey, reportPath } from './paths.js';
import { chooseTitle, readableName, titleProblem } from './titles.js';

/** One Markdown file after parsing, reduced to what the tree needs. */
export interface SourceDoc {
  /** docs-relative POSIX path (`guide/install.md`). */
  path: string;
  /** Workspace-relative POSIX path (`docs/guide/install.md`). */
  file: string;
  title?: string;
  h1Title?: string;
  /** Lines of the front matter `title:` and of the leading `# H1`, for problems about the title. */
  titleLine?: number;
  h1Line?: number;
  labels?: readonly string[];
  order?: number;
  /** False for `confluence: false` / `publish: false`. */
  publish: boolean;
  /** Set when the file cannot be published (unreadable, invalid front matter). */
  invalid?: Diagnostic[];
}

export interface TreeNode {
  key: PageKey;
  parentKey: PageKey | null;
  /** The Markdown file giving the content (docs-relative), absent for generated pages. */
  sourcePath?: string;
  /** Workspace-relative source file. */
  sourceFile?: string;
  /** Where problems about this page are reported: the source file, else the folder. */
  reportPath: string;
  title: string;
  /** Line of the file the title comes from (front matter or `# H1`). */
  titleLine?: number;
  order: number | undefined;
  name: string;
  labels: string[];
  children: PageKey[];
  generated?: boolean;
  container?: boolean;
  keepRemoteTitle?: boolean;
  invalid?: Diagnostic[];
}

export interface SkippedDoc {
  key: PageKey;
  file: string;
  title: string;
  reason: string;
}

export interface Tree {
  /** Every page, the root (`''`) first, parents before children. */
  nodes: Map<PageKey, TreeNode>;
  skipped: SkippedDoc[];
  diagnostics: Diagnostic[];
}

const INDEX_NAMES = ['index.md', 'readme.md'];

/** Builds the page tree from parsed documents; `docsDir` is workspace-relative (may be `''`). */
export function buildTree(docs: readonly SourceDoc[], docsDir: string): Tree {
  const diagnostics: Diagnostic[] = [];
  const skipped: SkippedDoc[] = [];
  const published: SourceDoc[] = [];
  for (const doc of docs) {
    if (doc.publish) published.push(doc);
    else
      skipped.push({
        key: doc.path,
        file: doc.file,
        title: chooseTitle({ frontMatter: doc.title, h1: doc.h1Title, name: posix.basename(doc.path) }).title,
        reason: 'front matter says `publish: false`',
      });
  }

  // Folders that hold at least one published file, at any depth, are pages.
  const folders = new Set<string>(['']);
  for (const doc of published) {
    for (let dir = dirKey(doc.path); dir !== ''; dir = dirKey(dir.slice(0, -1))) folders.add(dir);
  }
  const indexOf = new Map<string, SourceDoc>();
  for (const folder of folders) {
    const candidates = published.filter(
      (d) => dirKey(d.path) === folder && INDEX_NAMES.includes(posix.basename(d.path).toLowerCase()),
    );
    candidates.sort((a, b) => rankIndex(a.path) - rankIndex(b.path) || compareText(a.path, b.path));
    if (candidates.length) indexOf.set(folder, candidates[0]);
  }
  const usedAsIndex = new Set([...indexOf.values()].map((d) => d.path));

  const nodes = new Map<PageKey, TreeNode>();
  for (const folder of [...folders].sort(compareText)) {
    nodes.set(folder, folderNode(folder, indexOf.get(folder), docsDir, diagnostics));
  }
  for (const doc of published) {
    if (usedAsIndex.has(doc.path)) continue;
    nodes.set(doc.path, {
      ...contentOf(doc, posix.basename(doc.path), diagnostics),
      key: doc.path,
      parentKey: dirKey(doc.path),
      children: [],
    });
  }

  for (const node of nodes.values()) {
    if (node.parentKey !== null) nodes.get(node.parentKey)?.children.push(node.key);
  }
  for (const node of nodes.values()) {
    node.children.sort((a, b) => compareSiblings(nodes.get(a), nodes.get(b)));
  }
  return { nodes: inTreeOrder(nodes), skipped, diagnostics };
}

function folderNode(
  folder: string,
  index: SourceDoc | undefined,
  docsDir: string,
  diagnostics: Diagnostic[],
): TreeNode {
  const name = folder === '' ? posix.basename(docsDir) || 'docs' : posix.basename(folder.slice(0, -1));
  const parentKey = folder === '' ? null : dirKey(folder.slice(0, -1));
  if (!index) {
    return {
      key: folder,
      parentKey,
      reportPath: reportPath(docsDir, folder),
      title: readableName(name),
      order: undefined,
      name,
      labels: [],
      children: [],
      ...(folder === '' ? { container: true } : { generated: true }),
    };
  }
  const node: TreeNode = { ...contentOf(index, name, diagnostics), key: folder, parentKey, children: [] };
  if (folder === '' && !index.title?.trim() && !index.h1Title?.trim()) node.keepRemoteTitle = true;
  return node;
}

function contentOf(
  doc: SourceDoc,
  name: string,
  diagnostics: Diagnostic[],
): Omit<TreeNode, 'key' | 'parentKey' | 'children'> {
  const { title, line } = chooseTitle({
    frontMatter: doc.title,
    h1: doc.h1Title,
    name,
    ...(doc.titleLine !== undefined ? { frontMatterLine: doc.titleLine } : {}),
    ...(doc.h1Line !== undefined ? { h1Line: doc.h1Line } : {}),
  });
  const labels = normaliseLabels(doc.labels ?? [], doc.file);
  diagnostics.push(...labels.diagnostics);
  const problems = [...(doc.invalid ?? [])];
  const tooLong = titleProblem(title, doc.file, line);
  if (tooLong) problems.push(tooLong);
  return {
    sourcePath: doc.path,
    sourceFile: doc.file,
    reportPath: doc.file,
    title,
    ...(line !== undefined ? { titleLine: line } : {}),
    order: doc.order,
    name: name.replace(/\.md$/i, ''),
    labels: labels.labels,
    ...(problems.length ? { invalid: problems } : {}),
  };
}

function rankIndex(path: string): number {
  return INDEX_NAMES.indexOf(posix.basename(path).toLowerCase());
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Front matter order first (pages without one after), then name, then key for a stable result. */
export function compareSiblings(a: TreeNode | undefined, b: TreeNode | undefined): number {
  if (!a || !b) return 0;
  if (a.order !== undefined || b.order !== undefined) {
    if (a.order === undefined) return 1;
    if (b.order === undefined) return -1;
    if (a.order !== b.order) return a.order - b.order;
  }
  return compareText(a.name, b.name) || compareText(a.key, b.key);
}

function inTreeOrder(nodes: Map<PageKey, TreeNode>): Map<PageKey, TreeNode> {
  const ordered = new Map<PageKey, TreeNode>();
  const visit = (key: PageKey): void => {
    const node = nodes.get(key);
    if (!node || ordered.has(key)) return;
    ordered.set(key, node);
    node.children.forEach(visit);
  };
  visit('');
  return ordered;
}
