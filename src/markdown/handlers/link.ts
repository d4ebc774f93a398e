import type { Link } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { linkLabel } from '../links/label.js';
import { renderLink } from '../links/render-link.js';

/** `[label](url "title")`, autolinks and GFM literal links (see `links/render-link.ts`). */
export function link(state: State, node: Link): HandlerResult {
  return renderLink(state, {
    url: node.url,
    title: node.title,
    label: linkLabel(state, node),
    position: node.position,
  });
}
