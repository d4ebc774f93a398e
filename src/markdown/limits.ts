/**
 * How deep content may nest. Real documents stay far below these; hostile or generated ones
 * (5000 nested `>`) would otherwise exhaust the stack (`Maximum call stack size exceeded`) or
 * make the parser quadratic. Each limit gives a diagnostic at a line and column instead.
 */
import type { Nodes, Root } from 'mdast';

/** Most levels of Markdown nesting (quotes, lists, emphasis, links …) a file may have. */
export const MAX_NESTING = 100;

/**
 * Estimated nesting of one line above which the file is not even parsed (remark's parser is
 * quadratic and recursive in nesting). Twice `MAX_NESTING`, so the estimate never has to be exact.
 */
const PRESCAN_LIMIT = 2 * MAX_NESTING;

/** Most allow-listed raw HTML elements open inside each other in one paragraph or block. */
export const MAX_HTML_NESTING = 50;

/** Most levels the renderer descends; deeper content (nested raw HTML in nested blocks) is text. */
export const MAX_RENDER_DEPTH = 300;

/**
 * The line whose container markers (`>`, list bullets, indentation) nest deepest, estimated
 * without parsing: each `>` or list marker at the start of the line counts one level, every two
 * columns of indentation another. `undefined` when no line goes past the pre-scan limit.
 */
export function prescanNesting(source: string): { line: number; depth: number } | undefined {
  let deepest: { line: number; depth: number } | undefined;
  let line = 1;
  let start = 0;
  while (start <= source.length) {
    let end = source.indexOf('\n', start);
    if (end === -1) end = source.length;
    const depth = lineDepth(source, start, end);
    if (depth > PRESCAN_LIMIT && (!deepest || depth > deepest.depth)) deepest = { line, depth };
    start = end + 1;
    line++;
  }
  return deepest;
}

function lineDepth(source: string, start: number, end: number): number {
  let depth = 0;
  let indent = 0;
  let i = start;
  while (i < end) {
    const c = source.charCodeAt(i);
    if (c === 0x20) indent++;
    else if (c === 0x09) indent += 4;
    else if (c === 0x3e /* > */) depth++;
    else if ((c === 0x2d || c === 0x2a || c === 0x2b) && isSpace(source.charCodeAt(i + 1))) depth++;
    else if (c >= 0x30 && c <= 0x39) {
      let j = i;
      while (j < end && j - i < 9 && source.charCodeAt(j) >= 0x30 && source.charCodeAt(j) <= 0x39) j++;
      const marker = source.charCodeAt(j);
      if ((marker !== 0x2e && marker !== 0x29) || !isSpace(source.charCodeAt(j + 1))) break;
      depth++;
      i = j;
    } else break;
    i++;
  }
  return depth + Math.floor(indent / 2);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * The first node (in document order) nested deeper than `MAX_NESTING`, found without recursion
 * so the check itself cannot overflow the stack.
 */
export function tooDeep(root: Root): Nodes | undefined {
  const stack: { node: Nodes; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: Nodes; depth: number };
    if (depth > MAX_NESTING) return node;
    if (!('children' in node)) continue;
    const children = node.children as Nodes[];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], depth: depth + 1 });
  }
  return undefined;
}
