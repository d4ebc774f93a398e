/**
 * Canonical form of a storage fragment, for comparing converter output with expected fixtures.
 *
 * Both sides are parsed with saxes (strict, namespace-aware, inside a root declaring `ac:`/`ri:`),
 * attributes are sorted, adjacent text runs and adjacent CDATA sections are merged (so the
 * `]]]]><![CDATA[>` split compares equal to the text it encodes, but CDATA stays distinct from
 * escaped text), and whitespace-only text is dropped inside elements that hold only blocks.
 * The pretty printer adds whitespace exactly there, so a pretty-printed expected file and the
 * converter's compact output compare equal.
 */
import { SaxesParser } from 'saxes';
import { createTwoFilesPatch } from 'diff';

export type CNode = CElement | { type: 'text'; value: string } | { type: 'cdata'; value: string };

export interface CElement {
  type: 'element';
  name: string;
  attributes: [string, string][];
  children: CNode[];
}

const NAMESPACES =
  'xmlns:ac="http://atlassian.com/content" xmlns:ri="http://atlassian.com/resource/identifier"';

/** Elements that are blocks: whitespace between them is not content. */
const BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'blockquote',
  'hr',
  'pre',
  'ac:structured-macro',
  'ac:parameter',
  'ac:rich-text-body',
  'ac:plain-text-body',
  'ac:task-list',
  'ac:task',
  'ac:task-id',
  'ac:task-status',
  'ac:task-body',
]);

/** Parse a fragment strictly; throws with saxes' message (line and column) when it is not XML. */
export function parseFragment(xml: string): CElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: CElement[] = [];
  let top: CElement | undefined;
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const attributes = Object.entries(tag.attributes)
      .filter(([name]) => name !== 'xmlns' && !name.startsWith('xmlns:'))
      .map(([name, attr]): [string, string] => [name, attr.value])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const element: CElement = { type: 'element', name: tag.name, attributes, children: [] };
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else top = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const append = (type: 'text' | 'cdata', value: string): void => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    const last = parent.children[parent.children.length - 1];
    if (last && last.type === type) last.value += value;
    else parent.children.push({ type, value });
  };
  parser.on('text', (value) => append('text', value));
  parser.on('cdata', (value) => append('cdata', value));
  parser.write(`<cmsync-root ${NAMESPACES}>${xml}</cmsync-root>`).close();
  if (error) throw error;
  if (!top) throw new Error('empty document');
  return normalise(top);
}

function blockOnly(element: CElement): boolean {
  return element.children.every((child) =>
    child.type === 'element' ? BLOCKS.has(child.name) : child.type === 'text' && child.value.trim() === '',
  );
}

function normalise(element: CElement): CElement {
  const children = blockOnly(element)
    ? element.children.filter((child) => child.type === 'element')
    : element.children;
  return {
    ...element,
    children: children.map((child) => (child.type === 'element' ? normalise(child) : child)),
  };
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function inline(node: CNode): string {
  if (node.type === 'text') return escapeText(node.value);
  if (node.type === 'cdata') return '<![CDATA[' + node.value.replaceAll(']]>', ']]]]><![CDATA[>') + ']]>';
  return (
    open(node) + (node.children.length === 0 ? '' : node.children.map(inline).join('') + `</${node.name}>`)
  );
}

function open(element: CElement): string {
  const attributes = element.attributes
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  return `<${element.name}${attributes}${element.children.length === 0 ? '/>' : '>'}`;
}

function pretty(element: CElement, indent: string): string {
  if (element.children.length === 0 || !blockOnly(element)) return indent + inline(element);
  const inner = element.children.map((child) => pretty(child as CElement, indent + '  ')).join('\n');
  return `${indent}${open(element)}\n${inner}\n${indent}</${element.name}>`;
}

/** The canonical, pretty-printed form of a storage fragment (one block per line). */
export function canonicalXml(xml: string): string {
  const root = parseFragment(xml);
  return (
    root.children.map((child) => (child.type === 'element' ? pretty(child, '') : inline(child))).join('\n') +
    '\n'
  );
}

/** Compare two fragments canonically; `diff` is a unified diff (expected → actual) when they differ. */
export function compareXml(actual: string, expected: string): { equal: boolean; diff: string } {
  const a = canonicalXml(actual);
  const e = canonicalXml(expected);
  if (a === e) return { equal: true, diff: '' };
  return {
    equal: false,
    diff: createTwoFilesPatch('expected', 'actual', e, a, undefined, undefined, { context: 3 }),
  };
}
