import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import type { Emoji } from '../mdast-extensions.js';
import { CLASSIC_EMOTICONS } from '../emoji/emoticons.js';
import { text, x } from '../xml/nodes.js';

/**
 * `:smile:` → Confluence's own emoticon for the shortcodes it has one for (Cloud and Data Center
 * both render the classic set); any other gemoji shortcode → the emoji character itself.
 */
export function emoji(_state: State, node: Emoji): HandlerResult {
  const classic = CLASSIC_EMOTICONS.get(node.name);
  if (classic) return x('ac:emoticon', { 'ac:name': classic });
  return text(node.emoji);
}
