import type { FootnoteReference } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { text, x } from '../xml/nodes.js';
import { anchorMacro } from '../xml/macros.js';
import { anchorLink } from '../links/link-body.js';

/**
 * `[^note]` → a superscript number linking to the footnote, with an anchor of its own for the
 * footnote's `↩` link.
 */
export function footnoteReference(state: State, node: FootnoteReference): HandlerResult {
  const ref = state.footnotes.reference(node.identifier, state.slugger);
  if (!ref) return text(`[^${node.label ?? node.identifier}]`);
  const label = String(ref.number);
  return x('sup', {}, anchorMacro(ref.anchor), anchorLink(ref.target, [text(label)], label));
}
