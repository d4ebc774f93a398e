import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import type { HtmlText } from '../mdast-extensions.js';
import { text } from '../xml/nodes.js';

/** Text from raw HTML (allow-list mode): escaped like any text. */
export function htmlText(_state: State, node: HtmlText): HandlerResult {
  return text(node.value);
}
