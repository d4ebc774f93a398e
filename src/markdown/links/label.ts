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
  state.linkDepth++;
  try {
    return { plain: undefined, rich: state.all(node) };
  } finally {
    state.linkDepth--;
  }
}
