/** Builders for `ac:link` and its two body forms (confluence-api.md §5.6). */
import { cdata, x, type XElement, type XNode } from '../xml/nodes.js';

/** What a link shows: `plain` when its content is only text (then a CDATA body is used). */
export interface LinkLabel {
  plain: string | undefined;
  rich: XNode[];
  /**
   * What was written inside the label but cannot sit inside a link (a footnote reference is a
   * link itself): rendered right after the link.
   */
  after?: XNode[];
}

/**
 * `ac:plain-text-link-body` (CDATA) for plain text, `ac:link-body` for rich content; nothing for
 * an empty label, so Confluence shows the target page's title.
 */
export function linkBody(label: LinkLabel): XElement | undefined {
  if (label.plain !== undefined) {
    return label.plain === '' ? undefined : x('ac:plain-text-link-body', {}, cdata(label.plain));
  }
  return label.rich.length === 0 ? undefined : x('ac:link-body', {}, label.rich);
}

/** `<ac:link ac:anchor="…">` to an anchor on this page. */
export function anchorLink(anchor: string, rich: XNode[], plain: string | undefined): XElement {
  return x('ac:link', { 'ac:anchor': anchor }, linkBody({ plain, rich }));
}
