/**
 * `:shortcode:` in text → `emoji` nodes, for the names gemoji (GitHub's list) knows; anything
 * else stays text (`10:30:00`, `:not-an-emoji:`). Code is never touched (it is not `text`), nor
 * the text of an autolink, which shows a URL.
 */
import type { Nodes, Parents, RootContent, Text } from 'mdast';
import { nameToEmoji } from 'gemoji';
import type { Emoji } from '../mdast-extensions.js';

const SHORTCODE = /:([a-z0-9_+-]+):/g;

export function emoji(parent: Parents, children: RootContent[]): void {
  if (parent.type === 'link' && isAutolink(parent.children, parent.url)) return;
  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    if (node.type !== 'text' || !node.value.includes(':')) continue;
    const parts = split(node);
    if (!parts) continue;
    children.splice(index, 1, ...parts);
    index += parts.length - 1;
  }
}

function isAutolink(children: readonly Nodes[], url: string): boolean {
  if (children.length !== 1 || children[0].type !== 'text') return false;
  const shown = children[0].value;
  return url === shown || url === `mailto:${shown}` || url === `http://${shown}`;
}

function split(node: Text): (Text | Emoji)[] | undefined {
  const parts: (Text | Emoji)[] = [];
  let last = 0;
  for (const match of node.value.matchAll(SHORTCODE)) {
    const name = match[1];
    if (!Object.hasOwn(nameToEmoji, name)) continue;
    if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
    parts.push({ type: 'emoji', value: match[0], name, emoji: nameToEmoji[name] });
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return undefined;
  if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
  // Keep the original position on every part so diagnostics still point near the text.
  for (const part of parts) part.position = node.position;
  return parts;
}
