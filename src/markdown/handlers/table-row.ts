import type { Parents, TableRow } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { x, type XElement, type XNode } from '../xml/nodes.js';

/**
 * A row: `<th>` cells in the header row, `<td>` elsewhere. As on GitHub, the header row decides
 * how many columns there are: shorter rows are padded with empty cells, and cells beyond the
 * header's count are left out. Column alignment becomes the paragraph alignment of the cell's
 * content, which both Cloud and Data Center render.
 */
export function tableRow(state: State, node: TableRow, parent: Parents | undefined): HandlerResult {
  const table = parent && parent.type === 'table' ? parent : undefined;
  const header = table !== undefined && table.children[0] === node;
  const align = table?.align ?? [];
  const columns = table?.children[0]?.children.length ?? node.children.length;
  if (node.children.length > columns) {
    state.report(
      'warning',
      `Table row has ${node.children.length} cells but the header has ${columns}; the extra cells are left out, as on GitHub`,
      node.children[columns].position ?? node.position,
    );
  }
  const cells: XNode[] = [];
  for (let index = 0; index < columns; index++) {
    const cell = node.children[index];
    const rendered = cell ? state.one(cell, node) : [x('td')];
    for (const element of rendered) {
      if (element.type !== 'element') continue;
      if (header) element.name = 'th';
      const alignment = align[index];
      if (alignment) aligned(element, alignment);
    }
    cells.push(...rendered);
  }
  return x('tr', {}, cells);
}

function aligned(cell: XElement, alignment: 'left' | 'right' | 'center'): void {
  if (cell.children.length === 0) return;
  cell.children = [x('p', { style: `text-align: ${alignment};` }, cell.children)];
}
