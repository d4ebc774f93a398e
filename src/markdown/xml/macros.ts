/** Builders for the Confluence storage constructs several handlers share (confluence-api.md §5). */
import { cdata, x, type XElement, type XNode } from './nodes.js';

/**
 * `<ac:structured-macro ac:name=… ac:schema-version="1">` with its parameters in the given order
 * (undefined ones left out) and an optional body.
 */
export function macro(
  name: string,
  parameters: Record<string, string | undefined>,
  body?: XElement,
): XElement {
  const params: XNode[] = [];
  for (const [key, value] of Object.entries(parameters)) {
    if (value === undefined) continue;
    params.push(x('ac:parameter', { 'ac:name': key }, { type: 'text', value }));
  }
  return x('ac:structured-macro', { 'ac:name': name, 'ac:schema-version': '1' }, params, body);
}

/** `<ac:rich-text-body>`: block content of panels, expand. */
export function richTextBody(children: XNode[]): XElement {
  return x('ac:rich-text-body', {}, children);
}

/** `<ac:plain-text-body>` with the text as CDATA (code macro). */
export function plainTextBody(value: string): XElement {
  return x('ac:plain-text-body', {}, cdata(value));
}

/**
 * The `anchor` macro: its only parameter is the unnamed default one (`ac:name=""`), which is
 * what `<ac:link ac:anchor="…">` jumps to.
 */
export function anchorMacro(name: string): XElement {
  return macro('anchor', { '': name });
}
