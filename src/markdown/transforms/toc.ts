/**
 * A paragraph that is exactly `[TOC]` or `[[_TOC_]]` (any case, as GitLab and Azure DevOps write
 * it) → a `toc` node. Checked on the source text, because `_TOC_` parses as emphasis.
 */
import type { Parents, RootContent } from 'mdast';
import type { Toc } from '../mdast-extensions.js';
import type { ChildrenRewrite } from './walk.js';

const MARKER = /^(?:\[TOC\]|\[\[_TOC_\]\])$/i;

export function toc(source: string): ChildrenRewrite {
  return (_parent: Parents, children: RootContent[]) => {
    for (let index = 0; index < children.length; index++) {
      const node = children[index];
      if (node.type !== 'paragraph') continue;
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      // Cheap length check first: a marker paragraph is at most 9 characters plus spaces.
      if (start === undefined || end === undefined || end - start > 40) continue;
      if (!MARKER.test(source.slice(start, end).trim())) continue;
      const marker: Toc = { type: 'toc', position: node.position };
      children[index] = marker;
    }
  };
}
