import type { Code } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { parseCodeInfo } from '../code/info.js';
import { macro, plainTextBody } from '../xml/macros.js';

/**
 * A fenced or indented block → the `code` macro. The info string gives the language (through the
 * alias map, `none` when unknown) and options (`title="x.py"`, `linenumbers`, `collapse`).
 * Mermaid stays a code block with language `mermaid` until diagrams are rendered.
 */
export function code(_state: State, node: Code): HandlerResult {
  const info = parseCodeInfo(node.lang, node.meta);
  return macro(
    'code',
    {
      language: info.language,
      title: info.title,
      linenumbers: info.lineNumbers ? 'true' : undefined,
      firstline: info.firstLine,
      collapse: info.collapse ? 'true' : undefined,
    },
    plainTextBody(node.value),
  );
}
