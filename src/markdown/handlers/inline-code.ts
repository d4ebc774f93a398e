import type { InlineCode } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { text, x } from '../xml/nodes.js';

/** `code` as escaped text in `<code>` (a `]]>` in it is harmless: `>` is escaped). */
export function inlineCode(_state: State, node: InlineCode): HandlerResult {
  return x('code', {}, text(node.value));
}
