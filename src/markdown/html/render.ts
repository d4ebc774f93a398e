/**
 * Storage for each allow-listed raw HTML element. This is the only place raw HTML turns into
 * markup, and it emits only fixed element names with checked attributes: links and images go
 * through the same resolution as Markdown ones, `<details>` becomes the `expand` macro,
 * `<kbd>` becomes `<code>` (storage has no `kbd`), `<b>`/`<i>` become `<strong>`/`<em>`, and
 * tables keep only `colspan`/`rowspan`.
 */
import { toString } from 'mdast-util-to-string';
import type { State } from '../state.js';
import type { HtmlElement } from '../mdast-extensions.js';
import { text, x, type XNode } from '../xml/nodes.js';
import { anchorMacro, macro, richTextBody } from '../xml/macros.js';
import { renderLink } from '../links/render-link.js';
import { renderImage } from '../links/render-image.js';
import type { LinkLabel } from '../links/link-body.js';
import { richLabel } from '../links/label.js';
import { attribute, htmlAnchorName } from './policy.js';

export function renderHtmlElement(state: State, node: HtmlElement): XNode[] {
  const attrs = node.attributes;
  switch (node.tagName) {
    case 'br':
      return [x('br')];
    case 'sub':
    case 'sup':
      return [x(node.tagName, {}, state.all(node))];
    case 'kbd':
    case 'code':
      return [x('code', {}, state.all(node))];
    case 'b':
    case 'strong':
      return [x('strong', {}, state.all(node))];
    case 'i':
    case 'em':
      return [x('em', {}, state.all(node))];
    case 'a': {
      const href = attribute(attrs, 'href');
      // `<a name="x">`/`<a id="x">`: a place `#x` links land on, as on GitHub.
      const anchor = htmlAnchorName(attrs);
      const before = anchor === undefined ? [] : [anchorMacro(anchor)];
      // `<a>` without a target: just its content.
      if (href === undefined) return [...before, ...state.all(node)];
      return [
        ...before,
        ...renderLink(state, {
          url: href,
          title: attribute(attrs, 'title'),
          label: label(state, node),
          position: node.position,
        }),
      ];
    }
    case 'img':
      return renderImage(state, {
        url: attribute(attrs, 'src') ?? '',
        alt: attribute(attrs, 'alt'),
        title: attribute(attrs, 'title'),
        width: attribute(attrs, 'width'),
        height: attribute(attrs, 'height'),
        position: node.position,
      });
    case 'details': {
      const summary = node.children.find(
        (child): child is HtmlElement => child.type === 'htmlElement' && child.tagName === 'summary',
      );
      const body = { ...node, children: node.children.filter((child) => child !== summary) };
      const title = summary ? toString(summary).replace(/\s+/g, ' ').trim() : '';
      return [macro('expand', { title: title || undefined }, richTextBody(state.all(body)))];
    }
    case 'summary':
      // A second summary in one details block: shown as a bold line.
      return [x('p', {}, x('strong', {}, state.all(node)))];
    case 'table':
      return [x('table', {}, x('tbody', {}, state.all(node)))];
    case 'thead':
    case 'tbody':
    case 'tfoot':
      // Storage keeps every row in one tbody; the sections' rows are inlined in order.
      return state.all(node);
    case 'tr':
      return [x('tr', {}, state.all(node))];
    case 'td':
    case 'th':
      return [
        x(
          node.tagName,
          { colspan: span(attribute(attrs, 'colspan')), rowspan: span(attribute(attrs, 'rowspan')) },
          state.all(node),
        ),
      ];
    default:
      // Unreachable: `structure.ts` only builds the elements above. Shown as written, to be safe.
      return [text(node.openRaw), ...state.all(node), text(node.closeRaw)];
  }
}

function label(state: State, node: HtmlElement): LinkLabel {
  if (node.children.every((child) => child.type === 'htmlText' || child.type === 'text')) {
    const plain = toString(node).replace(/\s+/g, ' ');
    return { plain, rich: plain ? [text(plain)] : [] };
  }
  return richLabel(state, node);
}

function span(value: string | undefined): string | undefined {
  if (value === undefined || !/^\s*\d{1,3}\s*$/.test(value)) return undefined;
  const n = Number(value);
  return n > 1 ? String(n) : undefined;
}
