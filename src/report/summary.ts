/**
 * The job summary: what happened to every page, with links, plus the problems and the cost of
 * the run. Pure: returns HTML/Markdown for `core.summary.addRaw`; everything interpolated is
 * escaped here because `core.summary` does not.
 */
import type { Diagnostic } from '../util/diagnostics.js';
import type { PageResult, SyncReport } from '../sync/types.js';
import { escapeHtml, safeHref } from './escape.js';
import { countsLine, OUTCOME_ICON, OUTCOMES } from './outcomes.js';

/** GitHub rejects a step summary above 1 MiB; leave room for other steps' summaries. */
export const SUMMARY_BUDGET = 900 * 1024;

export interface SummaryInput {
  report: SyncReport;
  title?: string;
  /** Diagnostics that did not fit in annotations (GitHub shows 10 per kind per step). */
  overflow?: Diagnostic[];
  /** Extra lines, e.g. what the manifest cache did. */
  notes?: string[];
}

export function renderSummary(input: SummaryInput): string {
  const { report } = input;
  const parts: string[] = [];
  const status = report.failed ? '❌ failed' : '✅ done';
  parts.push(`<h2>${escapeHtml(input.title ?? 'cmsync publish')}: ${status}</h2>`);
  parts.push(`<p>${escapeHtml(countsLine(report.counts) || 'no pages')}</p>`);

  const problems = report.diagnostics.filter((d) => d.severity !== 'notice');
  if (problems.length > 0) {
    parts.push(`<h3>Problems (${problems.length})</h3>`);
    parts.push('<ul>' + problems.map((d) => `<li>${renderDiagnostic(d)}</li>`).join('') + '</ul>');
  }
  if (input.overflow && input.overflow.length > 0)
    parts.push(
      `<p>${input.overflow.length} more problem(s) are listed above but were not shown as annotations (GitHub shows at most 10 per kind).</p>`,
    );

  const stats = statsLine(report);
  if (stats) parts.push(`<p>${escapeHtml(stats)}</p>`);
  parts.push(renderCost(report));
  for (const note of input.notes ?? []) parts.push(`<p>${escapeHtml(note)}</p>`);

  // The page table goes last: it is the part that gets cut when the summary is too large.
  const rows = sortPages(report.pages).map(renderRow);
  const head = '<table><thead><tr><th>Action</th><th>Page</th><th>Source</th></tr></thead><tbody>';
  const tail = '</tbody></table>';
  let size = parts.join('\n').length + head.length + tail.length + 200;
  const kept: string[] = [];
  for (const row of rows) {
    if (size + row.length > SUMMARY_BUDGET) break;
    kept.push(row);
    size += row.length;
  }
  parts.push(`<h3>Pages (${report.pages.length})</h3>`);
  parts.push(head + kept.join('') + tail);
  if (kept.length < rows.length)
    parts.push(
      `<p>${rows.length - kept.length} more page(s) not listed: the summary is limited to 1 MiB. The \`pages\` output has all of them.</p>`,
    );
  return parts.join('\n');
}

/** Smart-sync figures: what was looked at, what was written, what a full publish would have cost. */
export function statsLine(report: SyncReport): string | undefined {
  const s = report.stats;
  if (!s) return undefined;
  return (
    `${s.scanned} page(s) scanned, ${s.changed} changed, ${s.written} written, ${s.unchanged} unchanged; ` +
    `${s.requests} request(s) made, ${s.requestsSaved} saved versus a full publish (${s.fullPublishRequests})`
  );
}

function renderCost(report: SyncReport): string {
  const r = report.requests;
  const kinds = Object.entries(r.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${escapeHtml(k)}: ${n}`)
    .join(', ');
  const secs = (report.durationMs / 1000).toFixed(1);
  const waited = r.waitedMs > 0 ? `, waited ${(r.waitedMs / 1000).toFixed(1)} s for rate limits` : '';
  return (
    `<p>${r.requests} Confluence request(s) (${r.reads} read, ${r.writes} write${kinds ? `: ${kinds}` : ''}), ` +
    `${r.retries} retr${r.retries === 1 ? 'y' : 'ies'}${waited}, ${secs} s.</p>`
  );
}

function sortPages(pages: PageResult[]): PageResult[] {
  const rank = new Map(OUTCOMES.map((o, i) => [o, i]));
  return [...pages].sort(
    (a, b) => rank.get(a.outcome)! - rank.get(b.outcome)! || a.path.localeCompare(b.path),
  );
}

function renderRow(page: PageResult): string {
  const href = safeHref(page.url);
  const title = href ? `<a href="${escapeHtml(href)}">${escapeHtml(page.title)}</a>` : escapeHtml(page.title);
  const detail = page.detail ? `<br/><sub>${escapeHtml(page.detail)}</sub>` : '';
  return `<tr><td>${OUTCOME_ICON[page.outcome]} ${page.outcome}</td><td>${title}${detail}</td><td><code>${escapeHtml(page.path || '(docs root)')}</code></td></tr>`;
}

export function renderDiagnostic(d: Diagnostic): string {
  const where = d.file
    ? `<code>${escapeHtml(d.file)}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}</code> `
    : '';
  const setting = d.setting ? `<code>${escapeHtml(d.setting)}</code> ` : '';
  return `${d.severity === 'error' ? '❌' : '⚠️'} ${where}${setting}${escapeHtml(d.message)}`;
}
