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
  /** Deletions: what happens to the page. `keep` leaves it in Confluence, so it is not deleted. */
  policy?: 'archive' | 'trash' | 'keep';
}

/**
 * Which changes the preview is about. `pull-request`: `entries` and `diagnostics` are what this
 * pull request changes (its files between the merge base and the head), `pending` the rest a merge
 * would also publish. `full`: the PR's changes could not be worked out, so everything is shown.
 */
export type PreviewScope =
  { kind: 'pull-request'; from: string; to: string } | { kind: 'full'; reason: string };

/** What a merge would also do that this pull request did not cause: reported, never blocking. */
export interface PendingChanges {
  entries: PreviewEntry[];
  diagnostics: Diagnostic[];
}

export interface PreviewModel {
  /** The pages this preview is about (with a `pull-request` scope: the ones the PR changes). */
  entries: PreviewEntry[];
  /** Problems this preview is about (with a `pull-request` scope: the ones the PR brings). */
  diagnostics: Diagnostic[];
  /** Undefined: the whole plan, no pull request (`cmsync plan`). */
  scope?: PreviewScope;
  /** With a `pull-request` scope: drift that a merge would also publish, not from this PR. */
  pending?: PendingChanges;
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

/** A delete that leaves the page in Confluence (`on-delete: keep`): reported, not counted as deleted. */
export function isKept(e: PreviewEntry): boolean {
  return e.kind === 'delete' && e.policy === 'keep';
}

const KEPT = 'removed from docs, page kept (on-delete: keep)';

/** "1 created, 0 updated, …"; `brief` leaves out the zeros (for the pending section). */
function counts(entries: readonly PreviewEntry[], brief = false): string {
  const n = (k: OperationKind): number => entries.filter((e) => e.kind === k && !isKept(e)).length;
  const kept = entries.filter(isKept).length;
  const parts: Array<[number, string]> = [
    [n('create'), `${n('create')} created`],
    [n('update'), `${n('update')} updated`],
    [n('move'), `${n('move')} moved/retitled`],
    [n('delete'), `${n('delete')} deleted`],
    [n('conflict'), `${n('conflict')} conflict${n('conflict') === 1 ? '' : 's'}`],
  ];
  if (kept > 0) parts.push([kept, `${kept} ${KEPT}`]);
  if (n('error') > 0) parts.push([n('error'), `${n('error')} with errors`]);
  if (brief && n('skip') > 0) parts.push([n('skip'), `${n('skip')} skipped`]);
  return parts
    .filter(([count]) => !brief || count > 0)
    .map(([, text]) => text)
    .join(', ');
}

export function headline(model: PreviewModel): string {
  if (model.scope?.kind === 'pull-request' && isEmpty(model)) return 'no changes';
  return counts(model.entries);
}

/** True when the PR changes nothing in Confluence and raises no problem (pending drift aside). */
export function isEmpty(model: PreviewModel): boolean {
  return (
    model.entries.every((e) => e.kind === 'unchanged') &&
    !model.diagnostics.some((d) => d.severity !== 'notice')
  );
}

function changedOf(entries: readonly PreviewEntry[]): PreviewEntry[] {
  return entries
    .filter((e) => e.kind !== 'unchanged')
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.path.localeCompare(b.path));
}

function actionLabel(e: PreviewEntry): string {
  return isKept(e) ? '📌 kept' : `${ICON[e.kind] ?? ''} ${e.kind}`;
}

/** The pending section's explanation, shared by the comment and the job summary. */
const PENDING_TITLE = 'Also pending on merge (not from this pull request)';
const PENDING_WHY =
  'A merge publishes the whole docs folder, so it would also do the following. None of it comes from ' +
  "this pull request's files (pages edited in Confluence, writes left over from an earlier failed " +
  'publish, removed files whose pages are kept), so it does not fail this check; a conflict listed ' +
  'here still stops that page on the next publish until someone resolves it.';

/** The note a full-scan preview carries: the PR's own changes could not be told apart. */
function fullScopeNote(model: PreviewModel): string | undefined {
  if (model.scope?.kind !== 'full') return undefined;
  return (
    `The changes of this pull request could not be worked out from git (${model.scope.reason}), so this ` +
    'preview shows everything a merge would publish, including changes that do not come from this pull request.'
  );
}

function pendingOf(model: PreviewModel): { changed: PreviewEntry[]; problems: Diagnostic[] } {
  return {
    changed: changedOf(model.pending?.entries ?? []),
    problems: (model.pending?.diagnostics ?? []).filter((d) => d.severity !== 'notice'),
  };
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

function tableRow(e: PreviewEntry): string {
  return `| ${actionLabel(e)} | ${pageCell(e)} | \`${e.path.replace(/`/g, "'")}\` | ${cell(e.reason)} |`;
}

const TABLE_HEAD = ['| Action | Page | Source | Why |', '|---|---|---|---|'];

/**
 * The sticky comment. Sections in order of importance; when the limit is near, diffs go first,
 * then the rows of the pending section, then this PR's rows, each replaced by a pointer to the
 * job summary.
 */
export function renderPreviewComment(model: PreviewModel, limit = COMMENT_LIMIT): string {
  const changed = changedOf(model.entries);
  const pending = pendingOf(model);
  const summaryLink = model.summaryUrl ? `[job summary](${safeHref(model.summaryUrl) ?? ''})` : 'job summary';
  const head: string[] = [model.marker, `### 📘 cmsync preview: ${headline(model)}`];
  const where = `Space \`${model.space.replace(/`/g, '')}\`${model.headSha ? ` · at ${model.headSha.slice(0, 7)}` : ''} · nothing has been written to Confluence.`;
  head.push(where);
  if (!model.confluenceChecked)
    head.push(
      '> [!NOTE]\n> Confluence was not consulted (no credentials in this run, e.g. a fork pull request): pages are matched by path only, and edits made in Confluence are not detected.',
    );
  const full = fullScopeNote(model);
  if (full) head.push(`> [!NOTE]\n> ${escapeHtml(full)}`);

  const problems = model.diagnostics.filter((d) => d.severity !== 'notice');
  const problemBlock =
    problems.length > 0
      ? [
          `#### Problems to fix before merging (${problems.length})`,
          ...problems.slice(0, 50).map(renderProblem),
        ]
      : [];
  if (problems.length > 50) problemBlock.push(`- …and ${problems.length - 50} more in the ${summaryLink}.`);

  const rows = changed.map(tableRow);
  // Diffs are rendered only while they could still fit: beyond the limit they are counted, not made.
  const diffable = changed.filter(
    (e) => e.kind === 'update' && e.before !== undefined && e.after !== undefined && e.before !== e.after,
  );
  const diffs: string[] = [];
  let diffSize = 0;
  for (const e of diffable) {
    if (diffSize > limit) break;
    const block = renderDiffBlock(e);
    if (!block) continue;
    diffs.push(block);
    diffSize += block.length;
  }
  const diffTotal = diffable.length;
  const pendingRows = pending.changed.map(tableRow);
  const pendingProblems = pending.problems.slice(0, 20).map(renderProblem);
  if (pending.problems.length > 20)
    pendingProblems.push(`- …and ${pending.problems.length - 20} more in the ${summaryLink}.`);
  const footer = `\n<sub>Full details in the ${summaryLink}. This comment is updated on every push.</sub>`;

  const pendingBlock = (rowCount: number): string[] => {
    if (!pendingRows.length && !pendingProblems.length) return [];
    const out = [
      `<details><summary>${PENDING_TITLE}: ${escapeHtml(counts(pending.changed, true) || `${pending.problems.length} problem(s)`)}</summary>`,
      '',
      PENDING_WHY,
      '',
    ];
    if (pendingRows.length) {
      out.push(...TABLE_HEAD, ...pendingRows.slice(0, rowCount));
      if (rowCount < pendingRows.length)
        out.push('', `…and ${pendingRows.length - rowCount} more page(s) in the ${summaryLink}.`);
      out.push('');
    }
    if (pendingProblems.length) out.push('Problems outside this pull request:', '', ...pendingProblems, '');
    out.push('</details>');
    return out;
  };

  const assemble = (rowCount: number, diffCount: number, pendingCount: number): string => {
    const out = [...head, ''];
    if (isEmpty(model)) out.push('This pull request does not change any Confluence page.');
    else {
      if (problemBlock.length) out.push(...problemBlock, '');
      if (rows.length) {
        out.push(...TABLE_HEAD, ...rows.slice(0, rowCount));
        if (rowCount < rows.length)
          out.push('', `…and ${rows.length - rowCount} more page(s) in the ${summaryLink}.`);
      }
      if (diffTotal) {
        out.push('', '#### Changes to page content', '', ...diffs.slice(0, diffCount));
        if (diffCount < diffTotal)
          out.push('', `${diffTotal - diffCount} more diff(s) did not fit here: see the ${summaryLink}.`);
      }
    }
    const block = pendingBlock(pendingCount);
    if (block.length) out.push('', ...block);
    out.push(footer);
    return out.join('\n');
  };

  // Each step keeps as many items as fit (found by bisection: the length grows with the count, and
  // reassembling once per dropped item is quadratic on a PR that touches hundreds of pages).
  const fits = (text: string): boolean => text.length <= limit;
  let text = assemble(rows.length, diffs.length, pendingRows.length);
  if (!fits(text)) {
    const d = mostThatFit(diffs.length, (n) => fits(assemble(rows.length, n, pendingRows.length)));
    text = assemble(rows.length, d, pendingRows.length);
  }
  if (!fits(text)) {
    const p = mostThatFit(pendingRows.length, (n) => fits(assemble(rows.length, 0, n)));
    text = assemble(rows.length, 0, p);
  }
  if (!fits(text))
    text = assemble(
      mostThatFit(rows.length, (n) => fits(assemble(n, 0, 0))),
      0,
      0,
    );
  // Last resort (enormous problem lists or titles): cut hard, still naming the summary.
  if (text.length > limit) text = text.slice(0, limit - 200) + `\n\n…truncated: see the ${summaryLink}.`;
  return text;
}

/** The largest n in [0, max] with `fits(n)`, for a `fits` that turns false as n grows; 0 if none. */
function mostThatFit(max: number, fits: (n: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function summaryProblems(problems: readonly Diagnostic[]): string {
  return (
    '<ul>' +
    problems
      .map(
        (d) =>
          `<li>${escapeHtml(d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : '')}${escapeHtml(d.message)}</li>`,
      )
      .join('') +
    '</ul>'
  );
}

function summaryTable(entries: readonly PreviewEntry[]): string {
  const out = [
    '<table><thead><tr><th>Action</th><th>Page</th><th>Source</th><th>Why</th></tr></thead><tbody>',
  ];
  for (const e of entries) {
    const href = safeHref(e.url);
    const title = href ? `<a href="${escapeHtml(href)}">${escapeHtml(e.title)}</a>` : escapeHtml(e.title);
    out.push(
      `<tr><td>${escapeHtml(actionLabel(e))}</td><td>${title}</td><td><code>${escapeHtml(e.path)}</code></td><td>${escapeHtml(e.reason)}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  return out.join('\n');
}

/** The same preview for the job summary: everything, as HTML (core.summary does not escape). */
export function renderPreviewSummary(model: PreviewModel): string {
  const changed = changedOf(model.entries);
  const out: string[] = [`<h2>cmsync preview: ${escapeHtml(headline(model))}</h2>`];
  if (!model.confluenceChecked)
    out.push(
      '<p>Confluence was not consulted (no credentials): the plan is built from the repository alone.</p>',
    );
  const full = fullScopeNote(model);
  if (full) out.push(`<p>${escapeHtml(full)}</p>`);
  const problems = model.diagnostics.filter((d) => d.severity !== 'notice');
  if (problems.length) out.push('<h3>Problems</h3>' + summaryProblems(problems));
  if (isEmpty(model)) out.push('<p>This pull request does not change any Confluence page.</p>');
  else out.push(summaryTable(changed));
  for (const e of changed) {
    if (e.kind !== 'update' || e.before === undefined || e.after === undefined) continue;
    const d = textDiff(e.before, e.after);
    if (d)
      out.push(
        `<details><summary>${escapeHtml(e.title)}: +${d.added} −${d.removed}</summary><pre>${escapeHtml(d.patch)}</pre></details>`,
      );
  }
  const pending = pendingOf(model);
  if (pending.changed.length || pending.problems.length) {
    out.push(`<h3>${PENDING_TITLE}</h3>`, `<p>${escapeHtml(PENDING_WHY)}</p>`);
    if (pending.changed.length) out.push(summaryTable(pending.changed));
    if (pending.problems.length) out.push(summaryProblems(pending.problems));
  }
  return out.join('\n');
}

/** The same preview for a terminal (`cmsync plan`): one line per changed page, then the diffs. */
export function renderPreviewText(model: PreviewModel): string {
  const lines = [`cmsync plan: ${headline(model)} (nothing written)`];
  if (!model.confluenceChecked)
    lines.push('Confluence was not consulted (no token): pages matched by path only.');
  const line = (e: PreviewEntry): string =>
    `${((isKept(e) ? '📌' : ICON[e.kind]) ?? ' ').padEnd(2)} ${(isKept(e) ? 'kept' : e.kind).padEnd(9)} ${e.title}  (${e.path}) — ${e.reason}`;
  const changed = changedOf(model.entries);
  for (const e of changed) lines.push(line(e));
  for (const d of model.diagnostics.filter((x) => x.severity !== 'notice'))
    lines.push(`${d.severity}: ${d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : ''}${d.message}`);
  for (const e of changed) {
    if (e.kind !== 'update' || e.before === undefined || e.after === undefined) continue;
    const d = textDiff(e.before, e.after);
    if (d) lines.push('', `--- ${e.title} (${e.path}) +${d.added} -${d.removed}`, d.patch);
  }
  const pending = pendingOf(model);
  if (pending.changed.length) {
    lines.push('', `${PENDING_TITLE}:`);
    for (const e of pending.changed) lines.push(line(e));
  }
  return lines.join('\n');
}
