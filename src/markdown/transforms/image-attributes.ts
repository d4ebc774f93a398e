/**
 * `![alt](img.png){width=300 height=200}` (the attribute syntax of kramdown, Pandoc and Python
 * Markdown): remark leaves `{…}` as text after the image. Read `width`/`height` into the image's
 * `data` and remove the braces. Braces without either key are left alone.
 */
import type { Parents, RootContent } from 'mdast';
import type { ImageSizeData } from '../mdast-extensions.js';

const BLOCK = /^\{([^{}\n]*)\}/;
const PAIR = /(width|height)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'}]+))/gi;

export function imageAttributes(_parent: Parents, children: RootContent[]): void {
  for (let i = 0; i < children.length - 1; i++) {
    const image = children[i];
    const next = children[i + 1];
    if ((image.type !== 'image' && image.type !== 'imageReference') || next.type !== 'text') continue;
    const block = BLOCK.exec(next.value);
    if (!block) continue;
    const size: ImageSizeData = {};
    for (const pair of block[1].matchAll(PAIR)) {
      const value = pair[2] ?? pair[3] ?? pair[4] ?? '';
      if (pair[1].toLowerCase() === 'width') size.width = value;
      else size.height = value;
    }
    if (size.width === undefined && size.height === undefined) continue;
    image.data = { ...image.data, ...size };
    next.value = next.value.slice(block[0].length);
    if (next.value === '') children.splice(i + 1, 1);
  }
}
