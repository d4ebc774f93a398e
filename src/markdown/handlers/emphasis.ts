import type { Emphasis } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { x } from '../xml/nodes.js';

export function emphasis(state: State, node: Emphasis): HandlerResult {
  return x('em', {}, state.all(node));
}
