import type { ImageReference } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import type { ImageSizeData } from '../mdast-extensions.js';
import { text } from '../xml/nodes.js';
import { renderImage } from '../links/render-image.js';

/** `![alt][id]`: an image through its definition. */
export function imageReference(state: State, node: ImageReference): HandlerResult {
  const definition = state.definitions.get(node.identifier);
  if (!definition) return text(`![${node.alt ?? ''}]`);
  const size: ImageSizeData = node.data ?? {};
  return renderImage(state, {
    url: definition.url,
    alt: node.alt,
    title: definition.title,
    width: size.width,
    height: size.height,
    position: node.position,
  });
}
