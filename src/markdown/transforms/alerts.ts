/**
 * `> [!NOTE]` (also TIP, IMPORTANT, WARNING, CAUTION; any case) → an `alert` node. As on GitHub
 * the marker must be alone on the quote's first line; the marker line is removed.
 */
import type { Blockquote, Parents, RootContent } from 'mdast';
import type { Alert, AlertKind } from '../mdast-extensions.js';

const MARKER = /^\[!(note|tip|important|warning|caution)\][ \t]*(\r?\n|$)/i;

export function alerts(_parent: Parents, children: RootContent[]): void {
  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    if (node.type !== 'blockquote') continue;
    const kind = stripMarker(node);
    if (!kind) continue;
    const alert: Alert = { type: 'alert', kind, children: node.children, position: node.position };
    children[index] = alert;
  }
}

/** Remove the marker and return its kind, or leave the quote untouched and return undefined. */
function stripMarker(node: Blockquote): AlertKind | undefined {
  const first = node.children[0];
  if (!first || first.type !== 'paragraph') return undefined;
  const head = first.children[0];
  if (!head || head.type !== 'text') return undefined;
  const match = MARKER.exec(head.value);
  if (!match) return undefined;
  const rest = head.value.slice(match[0].length);
  if (match[2] !== '') {
    // `[!NOTE]` then a line ending inside the same text node.
    if (rest === '') first.children.shift();
    else head.value = rest;
  } else {
    // The text ends at the marker: fine only if the line ends there too (end or hard break).
    const next = first.children[1];
    if (next && next.type !== 'break') return undefined;
    first.children.splice(0, next ? 2 : 1);
  }
  if (first.children.length === 0) node.children.shift();
  return match[1].toLowerCase() as AlertKind;
}
