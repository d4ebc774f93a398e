import type { Text } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { collapseLineEndings } from '../text-utils.js';
import { text as textNode } from '../xml/nodes.js';

export function text(_state: State, node: Text): HandlerResult {
  return textNode(collapseLineEndings(node.value));
}
