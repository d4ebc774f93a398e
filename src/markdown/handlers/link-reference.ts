import type { LinkReference } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { text } from '../xml/nodes.js';
import { linkLabel } from '../links/label.js';
import { renderLink } from '../links/render-link.js';

/** `[label][id]`, `[label][]`, `[label]`: a link through its definition. */
export function linkReference(state: State, node: LinkReference): HandlerResult {
  const definition = state.definitions.get(node.identifier);
  if (!definition) {
    // Only reachable with hand-built trees: the parser makes a reference only when defined.
    const suffix = node.referenceType === 'full' ? `[${node.label ?? node.identifier}]` : '';
    return [text('['), ...state.all(node), text(']' + suffix)];
  }
  return renderLink(state, {
    url: definition.url,
    title: definition.title,
    label: linkLabel(state, node),
    position: node.position,
  });
}
