import type { Blockquote } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { x } from '../xml/nodes.js';

/** A plain quote (GitHub alerts were turned into `alert` nodes by the alerts transform). */
export function blockquote(state: State, node: Blockquote): HandlerResult {
  return x('blockquote', {}, state.all(node));
}
