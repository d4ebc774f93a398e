import type { Paragraph } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { x } from '../xml/nodes.js';

export function paragraph(state: State, node: Paragraph): HandlerResult {
  const children = state.all(node);
  // An alert whose marker line was its only text leaves an empty paragraph: show nothing.
  if (children.length === 0) return undefined;
  return x('p', {}, children);
}
