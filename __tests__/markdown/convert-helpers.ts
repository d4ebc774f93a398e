/** Small helpers for converter tests: convert a snippet, and look inside the result. */
import {
  parseDocument,
  toStorage,
  type ConvertOptions,
  type ConvertResult,
  type LinkTarget,
} from '../../src/markdown/index.js';
import { parseFragment, type CElement, type CNode } from '../support/canonical-xml.js';
import { fakeContext } from './fake-context.js';

/** Convert `source` (as `docs/page.md`) with the given links and options. */
export function convert(
  source: string,
  options: ConvertOptions = {},
  links: Record<string, LinkTarget> = {},
): ConvertResult {
  return toStorage(parseDocument(source, 'docs/page.md'), fakeContext(links), options);
}

/** Every element in document order. */
export function elements(storage: string): CElement[] {
  const found: CElement[] = [];
  const walk = (node: CNode): void => {
    if (node.type !== 'element') return;
    found.push(node);
    node.children.forEach(walk);
  };
  parseFragment(storage).children.forEach(walk);
  return found;
}

/** The text content (text and CDATA) of a fragment. */
export function textContent(node: CNode | CElement): string {
  if (node.type === 'element') return node.children.map(textContent).join('');
  return node.value;
}

/** The value of an attribute on the first element named `name`. */
export function attributeOf(storage: string, name: string, attribute: string): string | undefined {
  return elements(storage)
    .find((element) => element.name === name)
    ?.attributes.find(([key]) => key === attribute)?.[1];
}
