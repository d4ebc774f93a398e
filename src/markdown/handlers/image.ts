import type { Image } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import type { ImageSizeData } from '../mdast-extensions.js';
import { renderImage } from '../links/render-image.js';

/** `![alt](src "title")`, with `{width=… height=…}` read by the image-attributes transform. */
export function image(state: State, node: Image): HandlerResult {
  const size: ImageSizeData = node.data ?? {};
  return renderImage(state, {
    url: node.url,
    alt: node.alt,
    title: node.title,
    width: size.width,
    height: size.height,
    position: node.position,
  });
}
