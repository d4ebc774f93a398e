import type { List, ListItem, Parents } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { text, x, type XNode } from '../xml/nodes.js';

/**
 * `<li>`, or `<ac:task>` for a task item. In a tight list (no blank lines between items) the
 * item's paragraphs are unwrapped, as GitHub renders them; a task body always starts inline and
 * holds the rest of the item in source order, subtasks as a nested `ac:task-list`.
 */
export function listItem(state: State, node: ListItem, parent: Parents | undefined): HandlerResult {
  const tight = !(parent && parent.type === 'list' ? listLoose(parent) : itemLoose(node));
  if (node.checked === true || node.checked === false) {
    // Counted before the body so a parent task's id comes before its subtasks'.
    const id = ++state.taskCount;
    const body: XNode[] = [];
    // `state.children`: raw HTML in the item is structured as everywhere else (allow-list mode).
    // Everything stays in source order: nested task lists (Confluence allows `ac:task-list` inside
    // `ac:task-body`), plain sub-lists and later paragraphs alike.
    state.children(node).forEach((child, index) => {
      if (child.type === 'paragraph' && (tight || index === 0)) {
        if (body.length > 0) body.push(x('br'));
        body.push(...state.all(child));
        return;
      }
      body.push(...state.one(child, node));
    });
    const task = x(
      'ac:task',
      {},
      x('ac:task-id', {}, text(String(id))),
      x('ac:task-status', {}, text(node.checked ? 'complete' : 'incomplete')),
      x('ac:task-body', {}, body),
    );
    return task;
  }
  const children: XNode[] = [];
  for (const child of state.children(node)) {
    if (tight && child.type === 'paragraph') children.push(...state.all(child));
    else children.push(...state.one(child, node));
  }
  return x('li', {}, children);
}

function listLoose(list: List): boolean {
  return Boolean(list.spread) || list.children.some(itemLoose);
}

function itemLoose(item: ListItem): boolean {
  return item.spread ?? item.children.length > 1;
}
