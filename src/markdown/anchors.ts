/**
 * The anchors a page defines, for checking `other.md#fragment` links before that page is
 * converted: GitHub's slug of every heading, in document order, as `toStorage` assigns them.
 */
import GithubSlugger from 'github-slugger';
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ConvertOptions, DocumentAnchors, ParsedDocument } from './types.js';
import { MarkdownTree } from './tree.js';

export function documentAnchors(doc: ParsedDocument, options: ConvertOptions = {}): DocumentAnchors {
  if (!(doc.tree instanceof MarkdownTree)) {
    throw new TypeError('documentAnchors expects a document returned by parseDocument');
  }
  const { root, titleHeading } = doc.tree;
  const dropped = (options.dropFirstH1 ?? true) ? titleHeading : undefined;
  const slugger = new GithubSlugger();
  const result: DocumentAnchors = { anchors: new Set() };
  const walk = (node: Nodes): void => {
    if (node.type === 'heading') {
      const slug = slugger.slug(toString(node));
      if (node === dropped) result.titleAnchor = slug;
      else result.anchors.add(slug);
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(root);
  return result;
}
