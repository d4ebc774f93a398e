import type { FootnoteReference } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { text, x } from '../xml/nodes.js';
import { anchorMacro } from '../xml/macros.js';
import { anchorLink } from '../links/link-body.js';

/**
 * `[^note]` → a superscript number linking to the footnote, with an anchor of its own for the
 * footnote's `↩` link. Inside a link's label (`[see[^1]](other.md)`) it cannot stay (links do
 * not nest), so it is rendered right after the link.
 */
export function footnoteReference(state: State, node: FootnoteReference): HandlerResult {
  const ref = state.footnotes.reference(node.identifier, state.slugger);
  if (!ref) return text(`[^${node.label ?? node.identifier}]`);
  const label = String(ref.number);
  const sup = x('sup', {}, anchorMacro(ref.anchor), anchorLink(ref.target, [text(label)], label));
  if (state.afterLink) {
    state.afterLink.push(sup);
    return undefined;
  }
  return sup;
}
