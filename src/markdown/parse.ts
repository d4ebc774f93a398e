/**
 * Markdown source → `ParsedDocument`: front matter, the title-candidate `# H1`, and the tree
 * after cmsync's transforms. Options play no part here, so one parse serves any conversion.
 */
import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { ParsedDocument } from './types.js';
import { emptyFrontMatter, parseFrontMatter } from './front-matter.js';
import { isCommentOnly } from './html/tokenize.js';
import { applyTransforms } from './transforms/index.js';
import { MarkdownTree } from './tree.js';
import './mdast-extensions.js';

/**
 * Frozen once: a frozen processor cannot be reconfigured, and `parse` keeps no state on it, so
 * sharing it between calls shares nothing mutable.
 */
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/** Parse one Markdown file (`file` is its workspace-relative POSIX path, for diagnostics). */
export function parseDocument(source: string, file: string): ParsedDocument {
  const root = processor.parse(source) as Root;
  const yaml = root.children[0]?.type === 'yaml' ? root.children[0] : undefined;
  const { frontMatter, diagnostics } = yaml
    ? parseFrontMatter(yaml, file)
    : { frontMatter: emptyFrontMatter(), diagnostics: [] };
  applyTransforms(root, source);
  const titleHeading = leadingH1(root.children);
  return {
    frontMatter,
    h1Title: titleHeading ? toString(titleHeading).trim() || undefined : undefined,
    diagnostics,
    tree: new MarkdownTree(root, source, file, titleHeading),
    ok: !diagnostics.some((diagnostic) => diagnostic.severity === 'error'),
  };
}

/** The first content node, when it is a `# H1` (front matter, definitions and comments skipped). */
function leadingH1(children: readonly RootContent[]): Heading | undefined {
  for (const child of children) {
    if (child.type === 'yaml' || child.type === 'definition') continue;
    if (child.type === 'html' && isCommentOnly(child.value)) continue;
    return child.type === 'heading' && child.depth === 1 ? child : undefined;
  }
  return undefined;
}
