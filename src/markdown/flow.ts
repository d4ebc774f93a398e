/** Block (flow) versus inline (phrasing) context, which decides whether loose text needs a `<p>`. */
import type { Parents } from 'mdast';

/** Parents whose children are blocks: text found there must be wrapped in a paragraph. */
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition', 'alert']);

/** Whether `parent` holds blocks (true) or inline content (false). */
export function isFlow(parent: Parents | undefined): boolean {
  if (parent === undefined) return true;
  if (parent.type === 'htmlElement') return parent.flow && parent.tagName === 'details';
  return FLOW_PARENTS.has(parent.type);
}
