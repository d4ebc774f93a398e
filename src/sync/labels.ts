/**
 * Front matter labels, normalised the way Confluence stores them, so that comparing what we
 * wrote with what is there does not find differences Confluence itself would erase.
 */
import type { Diagnostic } from '../util/diagnostics.js';

/** Characters Confluence refuses in a label (whitespace is turned into `-` before this check). */
const FORBIDDEN = /[!#&()*,.:;<>?@[\]^]/g;
const MAX_LABEL_LENGTH = 255;

/**
 * Lower-case, whitespace → `-`, forbidden characters dropped (with a warning naming them),
 * empty and duplicate labels removed. Order is kept, duplicates after normalising dropped.
 */
export function normaliseLabels(
  raw: readonly string[],
  file?: string,
): { labels: string[]; diagnostics: Diagnostic[] } {
  const labels: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const original of raw) {
    const spaced = String(original).trim().toLowerCase().replace(/\s+/g, '-');
    const dropped = spaced.match(FORBIDDEN);
    const label = spaced.replace(FORBIDDEN, '').slice(0, MAX_LABEL_LENGTH);
    if (dropped)
      diagnostics.push({
        severity: 'warning',
        file,
        message: `label "${original}": Confluence does not allow ${[...new Set(dropped)].map((c) => `"${c}"`).join(' ')} in labels; ${label ? `published as "${label}"` : 'dropped'}`,
      });
    if (label && !labels.includes(label)) labels.push(label);
  }
  return { labels, diagnostics };
}
