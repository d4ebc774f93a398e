/**
 * Terminal output names a problem's place as `file:line:column`, the form editors and terminals
 * turn into a jump-to link (Action annotations carry the column too). The shared report text
 * prints `severity: file:line: message`; the CLI adds the column to each such line.
 */
import type { Diagnostic } from '../util/diagnostics.js';

/** `file:line:column` (or as much of it as is known). */
export function location(d: Diagnostic): string {
  if (!d.file) return '';
  if (!d.line) return d.file;
  return d.column ? `${d.file}:${d.line}:${d.column}` : `${d.file}:${d.line}`;
}

/**
 * `text` with every `severity: file:line: ` line of a diagnostic in `diagnostics` given its column.
 * Lines are matched in order, each diagnostic at most once; other lines are left alone.
 */
export function withColumns(text: string, diagnostics: readonly Diagnostic[]): string {
  const lines = text.split('\n');
  let from = 0;
  for (const d of diagnostics) {
    if (!d.file || !d.line || !d.column) continue;
    const written = `${d.severity}: ${d.file}:${d.line}: `;
    for (let i = from; i < lines.length; i++) {
      if (!lines[i].startsWith(written) || !lines[i].endsWith(d.message)) continue;
      lines[i] = `${d.severity}: ${location(d)}: ${lines[i].slice(written.length)}`;
      from = i + 1;
      break;
    }
  }
  return lines.join('\n');
}
