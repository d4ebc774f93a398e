/** What a link shows, rendered with nested links disabled (Confluence links cannot nest). */
import type { Parents } from 'mdast';
import type { State } from '../state.js';
import { text } from '../xml/nodes.js';
import { collapseLineEndings } from '../text-utils.js';
import type { LinkLabel } from './link-body.js';

export function linkLabel(state: State, node: Parents): LinkLabel {
  if (node.children.every((child) => child.type === 'text')) {
    const plain = collapseLineEndings(
      node.children.map((child) => (child.type === 'text' ? child.value : '')).join(''),
    );
    return { plain, rich: plain ? [text(plain)] : [] };
  }
  return richLabel(state, node);
}

/**
 * Render `node`'s children as a link label: nested links are reduced to their content, and
 * footnote references are collected into `after` (by the outermost label only).
 */
export function richLabel(state: State, node: Parents): LinkLabel {
  const outermost = state.afterLink === undefined;
  if (outermost) state.afterLink = [];
  state.linkDepth++;
  try {
    const rich = state.all(node);
    return { plain: undefined, rich, after: outermost ? state.afterLink : [] };
  } finally {
    state.linkDepth--;
    if (outermost) state.afterLink = undefined;
  }
}
