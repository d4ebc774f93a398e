/**
 * The anchors a page defines, for checking `other.md#fragment` links before that page is
 * converted: GitHub's slug of every heading, in document order, as `toStorage` assigns them.
 */
import GithubSlugger from 'github-slugger';
import type { Heading, Nodes } from 'mdast';
import type { ConvertOptions, DocumentAnchors, ParsedDocument } from './types.js';
import { MarkdownTree } from './tree.js';
import { effectiveAllowList, htmlAnchorName } from './html/policy.js';
import { tokenizeHtml } from './html/tokenize.js';

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
      const slug = slugger.slug(headingText(node));
      if (node === dropped) result.titleAnchor = slug;
      else result.anchors.add(slug);
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(root);
  for (const name of htmlAnchors(root, effectiveAllowList(options.htmlAllowList ?? [])))
    result.anchors.add(name);
  return result;
}

/**
 * The anchors raw `<a name="x">`/`<a id="x">` tags define when `a` is allowed (they become
 * `anchor` macros), so `#x` links to them are not reported as broken.
 */
export function htmlAnchors(root: Nodes, allowList: ReadonlySet<string>): string[] {
  if (!allowList.has('a')) return [];
  const names: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'html' && /<a\s/i.test(node.value)) {
      for (const token of tokenizeHtml(node.value)) {
        if (token.type !== 'start' || token.name !== 'a') continue;
        const name = htmlAnchorName(token.attributes);
        if (name !== undefined) names.push(name);
      }
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(root);
  return names;
}

/**
 * The text GitHub slugs a heading by: its visible text. Raw HTML contributes the text between its
 * tags, never the tags themselves (`## <b>html</b> x` → `html x`, `## a<br>b` → `ab`); comments
 * contribute nothing. Used for every heading anchor, here and in `toStorage`.
 */
export function headingText(node: Heading): string {
  let value = '';
  const visit = (current: Nodes): void => {
    if (current.type === 'html') value += stripTags(current.value);
    else if (current.type === 'image') value += current.alt ?? '';
    else if ('value' in current && typeof current.value === 'string') value += current.value;
    else if ('children' in current) for (const child of current.children) visit(child);
  };
  visit(node);
  return value;
}

function stripTags(html: string): string {
  return html.replace(/<!--[\s\S]*?(?:-->|$)/g, '').replace(/<[^>]*>?/g, '');
}
