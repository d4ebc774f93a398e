/** Terminal rendering of a report for the CLI and the demo. */
import type { SyncReport } from '../sync/types.js';
import { countsLine, OUTCOME_ICON, OUTCOMES } from './outcomes.js';
import { statsLine } from './summary.js';

export function renderReportText(report: SyncReport): string {
  const lines: string[] = [];
  const rank = new Map(OUTCOMES.map((o, i) => [o, i]));
  const pages = [...report.pages].sort(
    (a, b) => rank.get(a.outcome)! - rank.get(b.outcome)! || a.path.localeCompare(b.path),
  );
  for (const p of pages) {
    if (p.outcome === 'unchanged' && pages.length > 40) continue;
    lines.push(
      `${OUTCOME_ICON[p.outcome]} ${p.outcome.padEnd(9)} ${p.title}  (${p.path || 'docs root'})${p.detail ? ` — ${p.detail}` : ''}`,
    );
  }
  for (const d of report.diagnostics)
    lines.push(
      `${d.severity}: ${d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : ''}${d.setting ? `${d.setting}: ` : ''}${d.message}`,
    );
  const stats = statsLine(report);
  if (stats) lines.push(stats);
  const r = report.requests;
  lines.push(
    `${countsLine(report.counts) || 'no pages'} — ${r.requests} request(s) (${r.writes} write), ${r.retries} retries, ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  return lines.join('\n');
}

/**
 * The one line a failed run ends with (the Action's failure message). A wrong setting is named
 * first: it explains every page that was not written, so a count of pages alone would mislead.
 */
export function failureLine(report: SyncReport): string {
  const settings = report.diagnostics.filter((d) => d.severity === 'error' && d.setting);
  if (settings.length) return `cmsync: ${settings.map((d) => `${d.setting}: ${d.message}`).join('; ')}`;
  const c = report.counts;
  const written = c.created + c.updated + c.moved + c.deleted;
  const fileErrors = report.diagnostics.filter((d) => d.severity === 'error' && d.file).length;
  const parts = [
    c.failed ? `${c.failed} page(s) failed` : '',
    c.conflict ? `${c.conflict} conflict(s)` : '',
    !c.failed && !c.conflict && fileErrors
      ? `${fileErrors} error(s) in the Markdown (see the annotations)`
      : '',
  ].filter(Boolean);
  // Only the Markdown is wrong (a missing image): every page went out, so a re-run changes nothing.
  if (!c.failed && !c.conflict && fileErrors)
    return `cmsync: ${parts.join(', ')}; every page was published as far as it could be (${written} written): fix the files and push.`;
  return (
    `cmsync: ${parts.join(', ') || 'the run failed'}; ` +
    `the ${written} page(s) written are recorded and a re-run continues from there.`
  );
}
