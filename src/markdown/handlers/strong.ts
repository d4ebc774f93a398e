import type { Strong } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { x } from '../xml/nodes.js';

export function strong(state: State, node: Strong): HandlerResult {
  return x('strong', {}, state.all(node));
}
