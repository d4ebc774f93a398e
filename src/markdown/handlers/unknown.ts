/**
 * The policy for a node type no handler knows (a plugin's node, a future mdast type): it never
 * disappears. Its children are rendered, or its `value` is shown as escaped text, and a warning
 * names the type and position.
 */
import type { Nodes, Parents } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { isFlow } from '../flow.js';
import { text, x, type XNode } from '../xml/nodes.js';

export function unknownNode(state: State, node: Nodes, parent: Parents | undefined): HandlerResult {
  state.report(
    'warning',
    `Markdown construct \`${node.type}\` is not supported; shown as text`,
    node.position,
  );
  let result: XNode[] = [];
  if ('children' in node && Array.isArray(node.children)) result = state.all(node);
  else if ('value' in node && typeof node.value === 'string') result = [text(node.value)];
  const loose = result.some((child) => child.type === 'text');
  return loose && isFlow(parent) ? x('p', {}, result) : result;
}
