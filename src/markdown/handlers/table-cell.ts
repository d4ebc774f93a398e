import type { TableCell } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { x } from '../xml/nodes.js';

/** A cell; `tableRow` turns it into `<th>` in the header row and applies column alignment. */
export function tableCell(state: State, node: TableCell): HandlerResult {
  return x('td', {}, state.all(node));
}
