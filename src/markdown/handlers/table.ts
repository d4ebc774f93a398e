import type { Table } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { x } from '../xml/nodes.js';

/** A GFM table: every row in one `<tbody>` (as Confluence stores tables), the first as headers. */
export function table(state: State, node: Table): HandlerResult {
  return x('table', {}, x('tbody', {}, state.all(node)));
}
