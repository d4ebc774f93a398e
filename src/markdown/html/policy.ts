/**
 * The raw-HTML policy. Raw HTML is escaped unless the user allow-lists elements, and even then
 * only the elements below can ever be rendered: each has a hand-written mapping to storage
 * (`render.ts`) that emits only known-safe markup. An allow-list naming anything else (`script`,
 * `iframe`, `ac:structured-macro`) has no effect on it: it is still shown as text.
 */
import type { HtmlAttribute } from '../mdast-extensions.js';

/** Every element an allow-list can enable. */
export const SUPPORTED_HTML_ELEMENTS: readonly string[] = [
  'a',
  'b',
  'br',
  'code',
  'details',
  'em',
  'i',
  'img',
  'kbd',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
];

/**
 * Layout wrappers with no Confluence equivalent (`<div align="center">` around an image, `<p>`,
 * `<span>`): with an allow-list their tags are left out and their content is kept, as GitHub
 * shows that content; never rendered, so nothing of them reaches the page.
 */
export const WRAPPER_ELEMENTS: ReadonlySet<string> = new Set([
  'article',
  'aside',
  'center',
  'div',
  'footer',
  'header',
  'main',
  'p',
  'section',
  'span',
]);

/** Elements without content. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set(['br', 'img']);

/** Table structure: only the right children, no loose text. */
export const TABLE_STRUCTURE: ReadonlySet<string> = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr']);

/** Elements that are blocks, only allowed among blocks. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set(['details', 'table']);

/** Attributes kept per element; everything else (`on*`, `style`, `class`, `id` …) is dropped. */
const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title', 'name', 'id'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
};

/** The allow-list option intersected with what cmsync can render (lower-cased). */
export function effectiveAllowList(list: readonly string[]): ReadonlySet<string> {
  const supported = new Set(SUPPORTED_HTML_ELEMENTS);
  return new Set(list.map((name) => name.trim().toLowerCase()).filter((name) => supported.has(name)));
}

/** The attributes of `tagName` worth keeping. */
export function keptAttributes(tagName: string, attributes: readonly HtmlAttribute[]): HtmlAttribute[] {
  const allowed = ATTRIBUTES[tagName] ?? [];
  return attributes.filter((attribute) => allowed.includes(attribute.name));
}

/** The value of `name`, if present. */
export function attribute(attributes: readonly HtmlAttribute[], name: string): string | undefined {
  return attributes.find((candidate) => candidate.name === name)?.value;
}

/**
 * Whether a start tag `tagName` may open here, given the innermost open allowed element
 * (`undefined` at the top) and whether the current level holds blocks.
 */
export function mayOpen(tagName: string, enclosing: string | undefined, flow: boolean): boolean {
  switch (tagName) {
    case 'details':
    case 'table':
      return flow;
    case 'summary':
      return enclosing === 'details';
    case 'thead':
    case 'tbody':
    case 'tfoot':
      return enclosing === 'table';
    case 'tr':
      return enclosing === 'table' || enclosing === 'thead' || enclosing === 'tbody' || enclosing === 'tfoot';
    case 'td':
    case 'th':
      return enclosing === 'tr';
    default:
      // Inline elements: anywhere except directly inside table structure.
      return enclosing === undefined || !TABLE_STRUCTURE.has(enclosing);
  }
}

/** The anchor an `<a name="x">` or `<a id="x">` defines (`name` first), if any. */
export function htmlAnchorName(attributes: readonly HtmlAttribute[]): string | undefined {
  const value = (attribute(attributes, 'name') ?? attribute(attributes, 'id'))?.trim();
  return value ? value : undefined;
}
