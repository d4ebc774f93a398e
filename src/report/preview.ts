/**
 * The pull-request preview: what a publish of this branch would do to Confluence, page by page.
 * Pure renderers of one model: the sticky PR comment (bounded by GitHub's comment size limit,
 * degrading in steps) and the job summary (complete).
 */
import { structuredPatch } from 'diff';
import type { OperationKind } from '../sync/types.js';
import type { Diagnostic } from '../util/diagnostics.js';
import { escapeHtml, safeHref } from './escape.js';

/** GitHub rejects issue comments longer than 65,536 characters. */
export const COMMENT_LIMIT = 65536;

export interface PreviewEntry {
  kind: OperationKind;
  title: string;
  /** Title in Confluence now, when the page is retitled. */
  previousTitle?: string;
  /** Workspace-relative source path. */
  path: string;
  /** Current Confluence page, when it exists. */
  url?: string;
  reason: string;
  /** Readable text of the page before and after (updates only). */
  before?: string;
  after?: string;
}

export interface PreviewModel {
  entries: PreviewEntry[];
  diagnostics: Diagnostic[];
  space: string;
  /** Hidden marker identifying this preview's comment (one per docs folder and space). */
  marker: string;
  headSha?: string;
  /** Link to the run's job summary, where everything is listed in full. */
  summaryUrl?: string;
  /** False when Confluence was not asked (fork PR without secrets): the plan is from the repository alone. */
  confluenceChecked: boolean;
}

const ICON: Partial<Record<OperationKind, string>> = {
  create: '🆕',
  update: '✏️',
  move: '↪️',
  delete: '🗑️',
  conflict: '⚠️',
  error: '❌',
  skip: '⏭️',
};

const ORDER: OperationKind[] = ['error', 'conflict', 'create', 'update', 'move', 'delete', 'skip'];

/** Hidden marker for the sticky comment; scoped so two cmsync steps in one repo keep their own. */
export function previewMarker(space: string, docsDir: string): string {
  return `<!-- cmsync-preview space=${space.replace(/[^\w.-]/g, '_')} docs=${docsDir.replace(/[^\w./-]/g, '_')} -->`;
}

export function headline(model: PreviewModel): string {
  const n = (k: OperationKind): number => model.entries.filter((e) => e.kind === k).length;
  const parts = [
    `${n('create')} created`,
    `${n('update')} updated`,
    `${n('move')} moved/retitled`,
    `${n('delete')} deleted`,
    `${n('conflict')} conflict${n('conflict') === 1 ? '' : 's'}`,
  ];
  if (n('error') > 0) parts.push(`${n('error')} with errors`);
  return parts.join(', ');
}

/** True when the PR changes nothing in Confluence and raises no problem. */
export function isEmpty(model: PreviewModel): boolean {
  return (
    model.entries.every((e) => e.kind === 'unchanged') &&
    !model.diagnostics.some((d) => d.severity !== 'notice')
  );
}

/** Markdown table cells: escape HTML and the pipe that would end the cell. */
function cell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function pageCell(e: PreviewEntry): string {
  const href = safeHref(e.url);
  const title = href ? `[${cell(e.title).replace(/[[\]]/g, '\\$&')}](${href})` : cell(e.title);
  return e.previousTitle && e.previousTitle !== e.title ? `${title} (was ${cell(e.previousTitle)})` : title;
}

function fence(body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/** A unified diff of the readable text, or undefined when the text did not change. */
export function textDiff(
  before: string,
  after: string,
): { patch: string; added: number; removed: number } | undefined {
  if (before === after) return undefined;
  const p = structuredPatch('before', 'after', before + '\n', after + '\n', '', '', { context: 2 });
  let added = 0;
  let removed = 0;
  const lines: string[] = [];
  for (const h of p.hunks) {
    lines.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const l of h.lines) {
      if (l.startsWith('+')) added++;
      else if (l.startsWith('-')) removed++;
      lines.push(l);
    }
  }
  return { patch: lines.join('\n'), added, removed };
}

function renderDiffBlock(e: PreviewEntry): string | undefined {
  if (e.kind !== 'update' || e.before === undefined || e.after === undefined) return undefined;
  const d = textDiff(e.before, e.after);
  if (!d) return undefined;
  const f = fence(d.patch);
  return (
    `<details><summary>✏️ ${escapeHtml(e.title)} (<code>${escapeHtml(e.path)}</code>): +${d.added} −${d.removed}</summary>\n\n` +
    `${f}diff\n${d.patch}\n${f}\n\n</details>`
  );
}

function renderProblem(d: Diagnostic): string {
  const where = d.file ? `\`${d.file.replace(/`/g, "'")}${d.line ? `:${d.line}` : ''}\` ` : '';
  return `- ${d.severity === 'error' ? '❌' : '⚠️'} ${where}${escapeHtml(d.message)}`;
}

/**
 * The sticky comment. Sections in order of importance; when the limit is near, diffs go first,
 * then table rows, each replaced by a pointer to the job summary.
 */
export function renderPreviewComment(model: PreviewModel, limit = COMMENT_LIMIT): string {
  const changed = model.entries
    .filter((e) => e.kind !== 'unchanged')
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.path.localeCompare(b.path));
  const summaryLink = model.summaryUrl ? `[job summary](${safeHref(model.summaryUrl) ?? ''})` : 'job summary';
  const head: string[] = [model.marker, `### 📘 cmsync preview: ${headline(model)}`];
  const where = `Space \`${model.space.replace(/`/g, '')}\`${model.headSha ? ` · at ${model.headSha.slice(0, 7)}` : ''} · nothing has been written to Confluence.`;
  head.push(where);
  if (!model.confluenceChecked)
    head.push(
      '> [!NOTE]\n> Confluence was not consulted (no credentials in this run, e.g. a fork pull request): pages are matched by path only, and edits made in Confluence are not detected.',
    );
  if (isEmpty(model)) {
    head.push('', 'This pull request does not change any Confluence page.');
    return head.join('\n');
  }

  const problems = model.diagnostics.filter((d) => d.severity !== 'notice');
  const problemBlock =
    problems.length > 0
      ? [
          `#### Problems to fix before merging (${problems.length})`,
          ...problems.slice(0, 50).map(renderProblem),
        ]
      : [];
  if (problems.length > 50) problemBlock.push(`- …and ${problems.length - 50} more in the ${summaryLink}.`);

  const rows = changed.map(
    (e) =>
      `| ${ICON[e.kind] ?? ''} ${e.kind} | ${pageCell(e)} | \`${e.path.replace(/`/g, "'")}\` | ${cell(e.reason)} |`,
  );
  const diffs = changed.map(renderDiffBlock).filter((d): d is string => d !== undefined);
  const footer = `\n<sub>Full details in the ${summaryLink}. This comment is updated on every push.</sub>`;

  const assemble = (rowCount: number, diffCount: number): string => {
    const out = [...head, ''];
    if (problemBlock.length) out.push(...problemBlock, '');
    out.push('| Action | Page | Source | Why |', '|---|---|---|---|', ...rows.slice(0, rowCount));
    if (rowCount < rows.length)
      out.push('', `…and ${rows.length - rowCount} more page(s) in the ${summaryLink}.`);
    if (diffs.length) {
      out.push('', '#### Changes to page content', '', ...diffs.slice(0, diffCount));
      if (diffCount < diffs.length)
        out.push('', `${diffs.length - diffCount} more diff(s) did not fit here: see the ${summaryLink}.`);
    }
    out.push(footer);
    return out.join('\n');
  };

  let rowCount = rows.length;
  let diffCount = diffs.length;
  let text = assemble(rowCount, diffCount);
  while (text.length > limit && diffCount > 0) text = assemble(rowCount, --diffCount);
  while (text.length > limit && rowCount > 0) text = assemble(--rowCount, 0);
  // Last resort (enormous problem lists or titles): cut hard, still naming the summary.
  if (text.length > limit) text = text.slice(0, limit - 200) + `\n\n…truncated: see the ${summaryLink}.`;
  return text;
}

/** The same preview for the job summary: everything, as HTML (core.summary does not escape). */
export function renderPreviewSummary(model: PreviewModel): string {
  const changed = model.entries.filter((e) => e.kind !== 'unchanged');
  const out: string[] = [`<h2>cmsync preview: ${escapeHtml(headline(model))}</h2>`];
  if (!model.confluenceChecked)
    out.push(
      '<p>Confluence was not consulted (no credentials): the plan is built from the repository alone.</p>',
    );
  const problems = model.diagnostics.filter((d) => d.severity !== 'notice');
  if (problems.length)
    out.push(
      '<h3>Problems</h3><ul>' +
        problems
          .map(
            (d) =>
              `<li>${escapeHtml(d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : '')}${escapeHtml(d.message)}</li>`,
          )
          .join('') +
        '</ul>',
    );
  out.push('<table><thead><tr><th>Action</th><th>Page</th><th>Source</th><th>Why</th></tr></thead><tbody>');
  for (const e of changed) {
    const href = safeHref(e.url);
    const title = href ? `<a href="${escapeHtml(href)}">${escapeHtml(e.title)}</a>` : escapeHtml(e.title);
    out.push(
      `<tr><td>${e.kind}</td><td>${title}</td><td><code>${escapeHtml(e.path)}</code></td><td>${escapeHtml(e.reason)}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  for (const e of changed) {
    if (e.kind !== 'update' || e.before === undefined || e.after === undefined) continue;
    const d = textDiff(e.before, e.after);
    if (d)
      out.push(
        `<details><summary>${escapeHtml(e.title)}: +${d.added} −${d.removed}</summary><pre>${escapeHtml(d.patch)}</pre></details>`,
      );
  }
  return out.join('\n');
}

/** The same preview for a terminal (`cmsync plan`): one line per changed page, then the diffs. */
export function renderPreviewText(model: PreviewModel): string {
  const lines = [`cmsync plan: ${headline(model)} (nothing written)`];
  if (!model.confluenceChecked)
    lines.push('Confluence was not consulted (no token): pages matched by path only.');
  const changed = model.entries
    .filter((e) => e.kind !== 'unchanged')
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.path.localeCompare(b.path));
  for (const e of changed)
    lines.push(
      `${(ICON[e.kind] ?? ' ').padEnd(2)} ${e.kind.padEnd(9)} ${e.title}  (${e.path}) — ${e.reason}`,
    );
  for (const d of model.diagnostics.filter((x) => x.severity !== 'notice'))
    lines.push(`${d.severity}: ${d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : ''}${d.message}`);
  for (const e of changed) {
    if (e.kind !== 'update' || e.before === undefined || e.after === undefined) continue;
    const d = textDiff(e.before, e.after);
    if (d) lines.push('', `--- ${e.title} (${e.path}) +${d.added} -${d.removed}`, d.patch);
  }
  return lines.join('\n');
}
