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

/**
 * GitHub drops a step summary over 1 MiB (UTF-8 bytes) altogether; the preview's stays under
 * this, leaving room for the notes written after it.
 */
export const SUMMARY_LIMIT = 900 * 1024;

/** Longest problem message quoted in the comment; the job summary has it whole. */
const PROBLEM_MESSAGE_LIMIT = 400;

export interface PreviewEntry {
  kind: OperationKind;
  title: string;
  /** Title in Confluence now, when the page is retitled. */
  previousTitle?: string;
  /** Workspace-relative source path. */
  path: string;
  /** Current Confluence page, when it exists. */
  url?: string;
  /** Its id, when the page exists. */
  pageId?: string;
  /** An update that also retitles or moves the page (a renamed and edited file). */
  moved?: boolean;
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
  /**
   * The pull request's files at its head, e.g. `https://github.com/o/r/blob/<sha>`: source paths and
   * problems link there.
   */
  sourceUrl?: string;
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
  // A renamed and edited file is an update that also retitles or moves its page: counted in both.
  const moved = n('move') + entries.filter((e) => e.kind === 'update' && e.moved).length;
  const parts: Array<[number, string]> = [
    [n('create'), `${n('create')} created`],
    [n('update'), `${n('update')} updated`],
    [moved, `${moved} moved/retitled`],
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

/** Blocking status first, then the counts of this preview's pages. */
export function headline(model: PreviewModel): string {
  if (model.scope?.kind === 'pull-request' && isEmpty(model)) return 'no changes';
  const problems = blockingProblems(model).length;
  const status =
    problems > 0
      ? `❌ ${problems} problem${problems === 1 ? '' : 's'} block${problems === 1 ? 's' : ''} this merge`
      : '✅ no problems';
  return `${status} · ${counts(model.entries)}`;
}

/**
 * What must block a merge (fails the Action's preview, and `cmsync plan`): every error or warning
 * of this preview (broken links, missing images, collisions, invalid front matter) and every
 * conflict on its pages, each once, errors first. Pending drift never blocks.
 */
export function blockingProblems(model: PreviewModel): Diagnostic[] {
  const problems = model.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  const messages = new Set(problems.map((d) => d.message));
  for (const e of model.entries) {
    // A page in error carries the diagnostic that is already listed: only a conflict is new.
    if (e.kind === 'conflict' || (e.kind === 'error' && !messages.has(e.reason)))
      problems.push({ severity: 'error', message: `${e.title}: ${e.reason}`, file: e.path, line: 1 });
  }
  return sortProblems(problems);
}

/** Errors first, then warnings, then notices; otherwise in the order found. */
function sortProblems(problems: Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic): number => (d.severity === 'error' ? 0 : d.severity === 'warning' ? 1 : 2);
  return problems
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .map(({ d }) => d);
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
  if (isKept(e)) return '📌 kept';
  if (e.kind === 'update' && e.moved) return `${ICON.update} update, ${ICON.move} move`;
  return `${ICON[e.kind] ?? ''} ${e.kind}`;
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
    problems: sortProblems((model.pending?.diagnostics ?? []).filter((d) => d.severity !== 'notice')),
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

/** Diffs are computed once per entry: the comment, the job summary and their size steps share them. */
const diffCache = new WeakMap<PreviewEntry, ReturnType<typeof textDiff>>();

function entryDiff(e: PreviewEntry): ReturnType<typeof textDiff> {
  if (e.kind !== 'update' || e.before === undefined || e.after === undefined) return undefined;
  if (!diffCache.has(e)) diffCache.set(e, textDiff(e.before, e.after));
  return diffCache.get(e);
}

function renderDiffBlock(e: PreviewEntry): string | undefined {
  const d = entryDiff(e);
  if (!d) return undefined;
  const f = fence(d.patch);
  return (
    `<details><summary>✏️ ${escapeHtml(e.title)} (<code>${escapeHtml(e.path)}</code>): +${d.added} −${d.removed}</summary>\n\n` +
    `${f}diff\n${d.patch}\n${f}\n\n</details>`
  );
}

/** A file of the pull request at its head (at a line), when the head is known; safe in a Markdown link. */
function sourceHref(model: PreviewModel, file: string, line?: number): string | undefined {
  if (!model.sourceUrl) return undefined;
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  // GitHub shows Markdown rendered, where #L<n> goes nowhere: ?plain=1 shows the source lines.
  const href = safeHref(
    `${model.sourceUrl.replace(/\/+$/, '')}/${encoded}${line ? `?plain=1#L${line}` : ''}`,
  );
  return href?.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\r?\n/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function renderProblem(model: PreviewModel, d: Diagnostic): string {
  let where = '';
  if (d.file) {
    const label = code(`${d.file}${d.line ? `:${d.line}` : ''}`);
    const href = sourceHref(model, d.file, d.line);
    where = `${href ? `[${label}](${href})` : label} `;
  }
  return `- ${d.severity === 'error' ? '❌' : '⚠️'} ${where}${escapeHtml(clip(d.message, PROBLEM_MESSAGE_LIMIT))}`;
}

function tableRow(model: PreviewModel, e: PreviewEntry): string {
  // A removed file is not at the head: no link.
  const href = e.kind === 'delete' ? undefined : sourceHref(model, e.path);
  const source = href ? `[${code(e.path)}](${href})` : code(e.path);
  return `| ${actionLabel(e)} | ${pageCell(e)} | ${source} | ${cell(e.reason)} |`;
}

const TABLE_HEAD = ['| Action | Page | Source | Why |', '|---|---|---|---|'];

/** An update whose current text is known and differs: it has a diff. */
function hasDiff(e: PreviewEntry): boolean {
  return e.kind === 'update' && e.before !== undefined && e.after !== undefined && e.before !== e.after;
}

/** An update whose current text was not read (beyond the diff budget, or the read failed). */
function diffNotRead(model: PreviewModel, e: PreviewEntry): boolean {
  return model.confluenceChecked && e.kind === 'update' && (e.before === undefined || e.after === undefined);
}

const NOT_READ = 'the preview reads the current text of a limited number of pages, or the read failed';

/**
 * Cuts `text` to at most `max` units (as `size` measures), at a line end, closing any code fence and
 * `<details>` left open so the rest of the page still renders, then appends `tail`.
 */
function hardCut(text: string, max: number, size: (t: string) => number, tail: string): string {
  const room = max - size(tail) - 64;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (size(text.slice(0, mid)) <= room) lo = mid;
    else hi = mid - 1;
  }
  let cut = text.slice(0, lo);
  const nl = cut.lastIndexOf('\n');
  if (nl > 0) cut = cut.slice(0, nl);
  let fenceOpen: string | undefined;
  for (const line of cut.split('\n')) {
    const m = /^(`{3,})/.exec(line);
    if (!m) continue;
    if (fenceOpen === undefined) fenceOpen = m[1];
    else if (m[1].length >= fenceOpen.length && line.trim() === m[1]) fenceOpen = undefined;
  }
  // HTML blocks left open, innermost last: closed in reverse order.
  const open: string[] = [];
  for (const m of cut.matchAll(
    /<(\/?)(details|summary|ul|li|table|thead|tbody|tr|th|td|pre|code)\b[^>]*>/g,
  )) {
    if (!m[1]) open.push(m[2]);
    else if (open.lastIndexOf(m[2]) >= 0) open.splice(open.lastIndexOf(m[2]));
  }
  const closers = [...(fenceOpen ? [fenceOpen] : []), ...open.reverse().map((t) => `</${t}>`)];
  return `${cut}\n${closers.join('\n')}\n\n${tail}`;
}

/**
 * The sticky comment. Sections in order of importance; when the limit is near, diffs go first,
 * then the rows of the pending section, then problems beyond the first few, then this PR's rows,
 * each replaced by a pointer to the job summary. Pages whose diff is in neither place are named.
 */
export function renderPreviewComment(
  model: PreviewModel,
  limit = COMMENT_LIMIT,
  summaryLimit = SUMMARY_LIMIT,
): string {
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

  const problems = blockingProblems(model);
  const problemLines = problems.map((d) => renderProblem(model, d));
  const problemBlock = (count: number): string[] => {
    if (!problems.length) return [];
    const out = [`#### Problems to fix before merging (${problems.length})`, ...problemLines.slice(0, count)];
    if (count < problems.length) out.push(`- …and ${problems.length - count} more in the ${summaryLink}.`);
    return out;
  };

  const rows = changed.map((e) => tableRow(model, e));
  // Diffs are rendered only while they could still fit: beyond the limit they are counted, not made.
  const diffable = changed.filter(hasDiff);
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
  const inSummary = summaryParts(model, summaryLimit).diffPaths;
  const notRead = changed.filter((e) => diffNotRead(model, e));
  const pendingRows = pending.changed.map((e) => tableRow(model, e));
  const pendingProblems = pending.problems.slice(0, 20).map((d) => renderProblem(model, d));
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

  /** Pages whose diff is shown nowhere: named, so nobody looks for it in the summary. */
  const noDiffNote = (diffCount: number): string[] => {
    const unfit = diffable.slice(diffCount).filter((e) => !inSummary.has(e.path));
    const missing = [...notRead, ...unfit];
    if (!missing.length) return [];
    const names = missing.slice(0, 30).map((e) => code(e.path));
    if (missing.length > 30) names.push(`and ${missing.length - 30} more (named in the ${summaryLink})`);
    const why = [
      ...(notRead.length ? [NOT_READ] : []),
      ...(unfit.length ? ['too large for this comment and the job summary'] : []),
    ].join('; ');
    return ['', `No diff is shown for ${missing.length} updated page(s) (${why}): ${names.join(', ')}.`];
  };

  const assemble = (
    rowCount: number,
    diffCount: number,
    pendingCount: number,
    problemCount: number,
  ): string => {
    const out = [...head, ''];
    if (isEmpty(model)) out.push('This pull request does not change any Confluence page.');
    else {
      const pb = problemBlock(problemCount);
      if (pb.length) out.push(...pb, '');
      if (rows.length) {
        out.push(...TABLE_HEAD, ...rows.slice(0, rowCount));
        if (rowCount < rows.length)
          out.push('', `…and ${rows.length - rowCount} more page(s) in the ${summaryLink}.`);
      }
      if (diffTotal || notRead.length) {
        out.push('', '#### Changes to page content');
        if (diffCount) out.push('', ...diffs.slice(0, diffCount));
        const inSummaryOnly = diffable.slice(diffCount).filter((e) => inSummary.has(e.path)).length;
        if (inSummaryOnly)
          out.push('', `${inSummaryOnly} more diff(s) did not fit here: see the ${summaryLink}.`);
        out.push(...noDiffNote(diffCount));
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
  const all = problems.length;
  let text = assemble(rows.length, diffs.length, pendingRows.length, all);
  if (!fits(text)) {
    const d = mostThatFit(diffs.length, (n) => fits(assemble(rows.length, n, pendingRows.length, all)));
    text = assemble(rows.length, d, pendingRows.length, all);
  }
  if (!fits(text)) {
    const p = mostThatFit(pendingRows.length, (n) => fits(assemble(rows.length, 0, n, all)));
    text = assemble(rows.length, 0, p, all);
  }
  // The problem list gives way before the pages table: the first few stay, the rest are counted.
  if (!fits(text)) {
    const q = mostThatFit(all, (n) => fits(assemble(rows.length, 0, 0, n)));
    text = assemble(rows.length, 0, 0, q);
  }
  if (!fits(text)) {
    const r = mostThatFit(rows.length, (n) => fits(assemble(n, 0, 0, 0)));
    text = assemble(r, 0, 0, 0);
  }
  // Last resort (enormous titles or notes): cut at a line, closing what is open, naming the summary.
  if (!fits(text)) text = hardCut(text, limit, (t) => t.length, `…truncated: see the ${summaryLink}.`);
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

function summaryProblems(model: PreviewModel, problems: readonly Diagnostic[]): string {
  return (
    '<ul>\n' +
    problems
      .map((d) => {
        const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}` : '';
        const href = d.file ? sourceHref(model, d.file, d.line) : undefined;
        const label = href ? `<a href="${escapeHtml(href)}">${escapeHtml(where)}</a>` : escapeHtml(where);
        return `<li>${d.severity === 'error' ? '❌' : '⚠️'} ${where ? `${label}: ` : ''}${escapeHtml(d.message)}</li>`;
      })
      .join('\n') +
    '\n</ul>'
  );
}

function summaryTable(model: PreviewModel, entries: readonly PreviewEntry[]): string {
  const out = [
    '<table><thead><tr><th>Action</th><th>Page</th><th>Source</th><th>Why</th></tr></thead><tbody>',
  ];
  for (const e of entries) {
    const href = safeHref(e.url);
    const title = href ? `<a href="${escapeHtml(href)}">${escapeHtml(e.title)}</a>` : escapeHtml(e.title);
    const src = e.kind === 'delete' ? undefined : sourceHref(model, e.path);
    const path = `<code>${escapeHtml(e.path)}</code>`;
    out.push(
      `<tr><td>${escapeHtml(actionLabel(e))}</td><td>${title}</td><td>${src ? `<a href="${escapeHtml(src)}">${path}</a>` : path}</td><td>${escapeHtml(e.reason)}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  return out.join('\n');
}

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * The job summary and which pages' diffs it holds. Bounded in UTF-8 bytes: diffs give way first
 * (the pages left without one are named), then the pending rows, then this PR's rows.
 */
function summaryParts(model: PreviewModel, limit: number): { text: string; diffPaths: Set<string> } {
  const changed = changedOf(model.entries);
  const head: string[] = [`<h2>cmsync preview: ${escapeHtml(headline(model))}</h2>`];
  if (!model.confluenceChecked)
    head.push(
      '<p>Confluence was not consulted (no credentials): the plan is built from the repository alone.</p>',
    );
  const full = fullScopeNote(model);
  if (full) head.push(`<p>${escapeHtml(full)}</p>`);
  const problems = blockingProblems(model);
  if (problems.length)
    head.push(
      `<h3>Problems to fix before merging (${problems.length})</h3>` + summaryProblems(model, problems),
    );
  const diffable = changed.filter(hasDiff);
  // Rendered only while they could still fit: the rest are named, not made.
  const diffs: string[] = [];
  let diffBytes = 0;
  for (const e of diffable) {
    if (diffBytes > limit) break;
    const d = entryDiff(e);
    const block = `<details><summary>${escapeHtml(e.title)} (<code>${escapeHtml(e.path)}</code>): +${d?.added ?? 0} −${d?.removed ?? 0}</summary><pre>${escapeHtml(d?.patch ?? '')}</pre></details>`;
    diffs.push(block);
    diffBytes += utf8(block);
  }
  const notRead = changed.filter((e) => diffNotRead(model, e));
  const pending = pendingOf(model);

  const assemble = (rowCount: number, diffCount: number, pendingCount: number): string => {
    const out = [...head];
    if (isEmpty(model)) out.push('<p>This pull request does not change any Confluence page.</p>');
    else {
      out.push(summaryTable(model, changed.slice(0, rowCount)));
      if (rowCount < changed.length)
        out.push(`<p>…and ${changed.length - rowCount} more page(s) that did not fit in this summary.</p>`);
    }
    out.push(...diffs.slice(0, diffCount));
    const unfit = diffable.slice(diffCount);
    const missing = [...notRead, ...unfit];
    if (missing.length) {
      const why = [
        ...(notRead.length ? [NOT_READ] : []),
        ...(unfit.length ? ['too large for this summary'] : []),
      ].join('; ');
      out.push(
        `<p>No diff is shown for ${missing.length} updated page(s) (${escapeHtml(why)}): ${missing.map((e) => `<code>${escapeHtml(e.path)}</code>`).join(', ')}.</p>`,
      );
    }
    if (pending.changed.length || pending.problems.length) {
      out.push(`<h3>${PENDING_TITLE}</h3>`, `<p>${escapeHtml(PENDING_WHY)}</p>`);
      if (pending.changed.length) {
        out.push(summaryTable(model, pending.changed.slice(0, pendingCount)));
        if (pendingCount < pending.changed.length)
          out.push(
            `<p>…and ${pending.changed.length - pendingCount} more page(s) that did not fit in this summary.</p>`,
          );
      }
      if (pending.problems.length) out.push(summaryProblems(model, pending.problems));
    }
    return out.join('\n');
  };

  const fits = (text: string): boolean => utf8(text) <= limit;
  let d = diffs.length;
  let p = pending.changed.length;
  let r = changed.length;
  let text = assemble(r, d, p);
  if (!fits(text)) {
    d = mostThatFit(diffs.length, (n) => fits(assemble(r, n, p)));
    text = assemble(r, d, p);
  }
  if (!fits(text)) {
    p = mostThatFit(pending.changed.length, (n) => fits(assemble(r, 0, n)));
    text = assemble(r, 0, p);
  }
  if (!fits(text)) {
    r = mostThatFit(changed.length, (n) => fits(assemble(n, 0, 0)));
    text = assemble(r, 0, 0);
  }
  if (!fits(text)) text = hardCut(text, limit, utf8, '<p>…truncated to fit GitHub’s job summary limit.</p>');
  return { text, diffPaths: new Set(diffable.slice(0, d).map((e) => e.path)) };
}

/** The same preview for the job summary, as HTML (core.summary does not escape), within `limit` bytes. */
export function renderPreviewSummary(model: PreviewModel, limit = SUMMARY_LIMIT): string {
  return summaryParts(model, limit).text;
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
  for (const d of sortProblems(model.diagnostics.filter((x) => x.severity !== 'notice')))
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
