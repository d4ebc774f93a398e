/** `ParsedDocument` → Confluence storage format, attachments and diagnostics. */
import type { Root } from 'mdast';
import type { ConvertOptions, ConvertResult, LinkContext, ParsedDocument } from './types.js';
import { createState } from './state.js';
import { MarkdownTree } from './tree.js';
import { serialize } from './xml/serialize.js';

/**
 * Convert a parsed document. Pure: every question about other files goes through `ctx.resolve`.
 * The result's diagnostics are the conversion's own (the parse's are in `doc.diagnostics`).
 * Top-level blocks are separated by a newline, which Confluence ignores and diffs appreciate.
 */
export function toStorage(
  doc: ParsedDocument,
  ctx: LinkContext,
  options: ConvertOptions = {},
): ConvertResult {
  if (!(doc.tree instanceof MarkdownTree)) {
    throw new TypeError('toStorage expects a document returned by parseDocument');
  }
  return convertTree(doc.tree, ctx, options);
}

/** Convert a tree (exported for handler unit tests that build small mdast trees by hand). */
export function convertTree(
  tree: MarkdownTree,
  ctx: LinkContext,
  options: ConvertOptions = {},
): ConvertResult {
  const state = createState(tree, ctx, options);
  const nodes = state.one(tree.root, undefined);
  return {
    storage: serialize(nodes, '\n'),
    attachments: state.attachments.list(),
    // In source order, however the passes found them (raw HTML is structured before it is rendered).
    diagnostics: [...state.diagnostics].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    ),
  };
}

/** Wrap a hand-built mdast root for `convertTree`. */
export function treeOf(root: Root, file = 'test.md'): MarkdownTree {
  return new MarkdownTree(root, '', file, undefined);
}
