import type { Root } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { renderFootnotes } from '../footnotes.js';
import { anchorMacro } from '../xml/macros.js';
import { x } from '../xml/nodes.js';

/**
 * The page body: its blocks, then the footnotes they referenced. When a link points at the
 * dropped title heading (`[top](#my-title)`) or at the top of the page (`[top](#)`), an anchor
 * is put at the very top of the page: into
 * the first paragraph or heading, else in a paragraph of its own.
 */
export function root(state: State, node: Root): HandlerResult {
  const body = [...state.all(node), ...renderFootnotes(state)];
  if (state.topAnchor !== undefined) {
    const anchor = anchorMacro(state.topAnchor);
    const first = body[0];
    if (first?.type === 'element' && /^(?:p|h[1-6])$/.test(first.name)) first.children.unshift(anchor);
    else body.unshift(x('p', {}, anchor));
  }
  return body;
}
