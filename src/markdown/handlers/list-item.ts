import type { List, ListItem, Parents } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { text, x, type XNode } from '../xml/nodes.js';

/**
 * `<li>`, or `<ac:task>` for a task item. In a tight list (no blank lines between items) the
 * item's paragraphs are unwrapped, as GitHub renders them; a task body always starts inline, and
 * its subtasks follow the task as a nested `ac:task-list`, the way Confluence stores them.
 */
export function listItem(state: State, node: ListItem, parent: Parents | undefined): HandlerResult {
  const tight = !(parent && parent.type === 'list' ? listLoose(parent) : itemLoose(node));
  if (node.checked === true || node.checked === false) {
    // Counted before the body so a parent task's id comes before its subtasks'.
    const id = ++state.taskCount;
    const body: XNode[] = [];
    const subtasks: XNode[] = [];
    // `state.children`: raw HTML in the item is structured as everywhere else (allow-list mode).
    state.children(node).forEach((child, index) => {
      if (child.type === 'paragraph' && (tight || index === 0)) {
        if (body.length > 0) body.push(x('br'));
        body.push(...state.all(child));
        return;
      }
      // Confluence nests subtasks as a task list beside the task, inside the parent list.
      for (const rendered of state.one(child, node)) {
        if (rendered.type === 'element' && rendered.name === 'ac:task-list') subtasks.push(rendered);
        else body.push(rendered);
      }
    });
    const task = x(
      'ac:task',
      {},
      x('ac:task-id', {}, text(String(id))),
      x('ac:task-status', {}, text(node.checked ? 'complete' : 'incomplete')),
      x('ac:task-body', {}, body),
    );
    return [task, ...subtasks];
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
