import type { Delete } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { x } from '../xml/nodes.js';

/** `~~struck~~` → `<s>`, the strikethrough element of the storage format. */
export function strikethrough(state: State, node: Delete): HandlerResult {
  return x('s', {}, state.all(node));
}
