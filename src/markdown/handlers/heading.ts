import type { Heading } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { x } from '../xml/nodes.js';
import { anchorMacro } from '../xml/macros.js';
import { headingText } from '../anchors.js';

/**
 * `<hN>` starting with an `anchor` macro named by GitHub's slug of the heading, so `[x](#slug)`
 * here and `[x](page.md#slug)` elsewhere land on it. The page's leading `# H1` is dropped when it
 * became the title.
 */
export function heading(state: State, node: Heading): HandlerResult {
  if (node === state.titleHeading && state.settings.dropFirstH1) return undefined;
  // Headings outside the parsed tree (hand-built trees) get a slug of their own.
  const id = state.headingIds.get(node) ?? state.slugger.slug(headingText(node));
  return x(`h${node.depth}`, {}, anchorMacro(id), state.all(node));
}
