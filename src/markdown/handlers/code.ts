import type { Code } from 'mdast';
import type { Position } from 'unist';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { parseCodeInfo } from '../code/info.js';
import { macro, plainTextBody } from '../xml/macros.js';

/**
 * A fenced or indented block → the `code` macro. The info string gives the language (through the
 * alias map, `none` when unknown; Data Center ids with `codeLanguages: 'datacenter'`) and options
 * (`title="x.py"`, `linenumbers`, `firstline`, `collapse`); an unusable option value is a warning
 * at the option. Mermaid stays a code block (language `mermaid` on Cloud, `none` on Data Center)
 * until diagrams are rendered.
 */
export function code(state: State, node: Code): HandlerResult {
  const info = parseCodeInfo(node.lang, node.meta, state.settings.codeLanguages);
  for (const problem of info.problems ?? [])
    state.report('warning', problem.message, optionPosition(state, node, problem.written));
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

/** Where `written` appears on the code block's opening fence line (else the fence itself). */
function optionPosition(state: State, node: Code, written: string): Position | undefined {
  const start = node.position?.start;
  if (!start || start.offset === undefined || state.source === '') return node.position;
  const lineEnd = state.source.indexOf('\n', start.offset);
  const fence = state.source.slice(start.offset, lineEnd === -1 ? undefined : lineEnd);
  const index = fence.indexOf(written);
  if (index === -1) return node.position;
  const point = { line: start.line, column: start.column + index, offset: start.offset + index };
  return { start: point, end: point };
}
