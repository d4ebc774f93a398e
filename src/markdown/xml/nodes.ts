/**
 * The small xast-like tree every handler returns. Handlers never build strings: the one
 * serializer (`serialize.ts`) owns every escape, so a handler cannot forget one.
 *
 * There is deliberately no `raw` node: nothing, not even the converter, can put unescaped
 * markup into the output.
 */

/** An element such as `p` or `ac:structured-macro`. Names are code constants, never user input. */
export interface XElement {
  type: 'element';
  name: string;
  /** Attribute values are plain strings; `undefined` means "leave the attribute out". */
  attributes: Record<string, string | undefined>;
  children: XNode[];
}

/** Character data, escaped on output. */
export interface XText {
  type: 'text';
  value: string;
}

/** A CDATA section (code bodies, plain-text link bodies); `]]>` is split on output. */
export interface XCdata {
  type: 'cdata';
  value: string;
}

export type XNode = XElement | XText | XCdata;

/** Build an element; `children` may mix nodes and arrays (flattened), `undefined` is skipped. */
export function x(
  name: string,
  attributes: Record<string, string | undefined> = {},
  ...children: (XNode | XNode[] | undefined)[]
): XElement {
  const flat: XNode[] = [];
  for (const child of children) {
    if (child === undefined) continue;
    if (Array.isArray(child)) flat.push(...child);
    else flat.push(child);
  }
  return { type: 'element', name, attributes, children: flat };
}

export function text(value: string): XText {
  return { type: 'text', value };
}

export function cdata(value: string): XCdata {
  return { type: 'cdata', value };
}
