import type { List, ListItem } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { x, type XNode } from '../xml/nodes.js';

/**
 * `<ul>`/`<ol start>`, or `ac:task-list` for `- [ ]` items. A list mixing task items and plain
 * items is split into runs, each rendered natively: tasks stay tickable, plain items stay a list,
 * and an ordered list keeps counting across the split.
 */
export function list(state: State, node: List): HandlerResult {
  const start = node.start ?? 1;
  const result: XNode[] = [];
  let run: ListItem[] = [];
  let runStart = 0;
  const flush = (end: number): void => {
    if (run.length === 0) return;
    const items = run.flatMap((item) => state.one(item, node));
    if (isTask(run[0])) result.push(x('ac:task-list', {}, items));
    else if (node.ordered) {
      const first = start + runStart;
      result.push(x('ol', { start: first === 1 ? undefined : String(first) }, items));
    } else result.push(x('ul', {}, items));
    run = [];
    runStart = end;
  };
  node.children.forEach((item, index) => {
    if (run.length > 0 && isTask(run[0]) !== isTask(item)) flush(index);
    run.push(item);
  });
  flush(node.children.length);
  return result;
}

function isTask(item: ListItem): boolean {
  return item.checked === true || item.checked === false;
}
