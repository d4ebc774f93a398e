/**
 * Diagnostics → GitHub annotations. GitHub keeps at most 10 annotations of each kind per step;
 * the rest are returned so the summary can list them instead of losing them silently.
 */
import type { Diagnostic } from '../util/diagnostics.js';

export const ANNOTATIONS_PER_KIND = 10;

export interface AnnotationSink {
  error(message: string, properties: AnnotationProperties): void;
  warning(message: string, properties: AnnotationProperties): void;
  notice(message: string, properties: AnnotationProperties): void;
}

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

/** Emits up to the cap per severity; returns the diagnostics that were not emitted. */
export function emitAnnotations(diagnostics: Diagnostic[], sink: AnnotationSink): Diagnostic[] {
  const used = { error: 0, warning: 0, notice: 0 };
  const overflow: Diagnostic[] = [];
  // Errors first so that a flood of warnings cannot push an error out of the visible ones.
  const ordered = [...diagnostics].sort((a, b) => rank(a) - rank(b));
  for (const d of ordered) {
    if (used[d.severity] >= ANNOTATIONS_PER_KIND) {
      overflow.push(d);
      continue;
    }
    used[d.severity] += 1;
    const props: AnnotationProperties = { title: d.setting ? `cmsync: ${d.setting}` : 'cmsync' };
    if (d.file) props.file = d.file;
    if (d.line) props.startLine = d.line;
    if (d.column) props.startColumn = d.column;
    sink[d.severity](d.message, props);
  }
  return overflow;
}

function rank(d: Diagnostic): number {
  return d.severity === 'error' ? 0 : d.severity === 'warning' ? 1 : 2;
}
