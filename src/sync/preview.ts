/**
 * The preview of a publish: the same plan, not executed, turned into what a reviewer reads —
 * page by page, with the current Confluence link and a readable diff of the content. Used by
 * the Action on pull requests and by `cmsync plan`.
 *
 * On a pull request the plan is still the whole tree against Confluence (that is what a merge
 * would publish), but it is split: what the PR's own files cause, and what is pending anyway
 * (pages edited in Confluence, writes left by a failed publish, kept deletions), so a reviewer
 * sees what THIS pull request changes and is not blocked by drift they did not make.
 */
import posix from 'node:path/posix';
import type { Config } from '../config/types.js';
import type { ConfluenceApi } from '../confluence/types.js';
import type { ChangeSet } from '../git/types.js';
import { previewMarker, type PreviewEntry, type PreviewModel, type PreviewScope } from '../report/preview.js';
import { storageToText } from '../report/storage-text.js';
import { getErrorMessage, type Diagnostic } from '../util/diagnostics.js';
import type { Logger } from '../util/log.js';
import { planSync } from './engine.js';
import { reportPath } from './paths.js';
import type { KnownPage, LocalPage, Operation } from './types.js';

/** Diffs fetch one page body each; beyond this many, pages are listed without a diff. */
export const MAX_DIFFS = 60;

export interface PreviewOptions {
  config: Config;
  client: () => Promise<ConfluenceApi>;
  log: Logger;
  /** Manifest state: used only when Confluence cannot be asked (no credentials). */
  known?: KnownPage[];
  renames?: { from: string; to: string }[];
  /**
   * The pull request's changes (merge base → head). Incremental: the preview is split into this
   * PR's changes and what is pending anyway. Full (the diff could not be computed): the whole plan,
   * saying so. Undefined (`cmsync plan`): the whole plan.
   */
  changes?: ChangeSet;
  headSha?: string;
  /**
   * Files at the merge base (workspace-relative), given when pages cannot be matched otherwise (no
   * credentials and no manifest, e.g. a Dependabot or fork pull request on a cold cache): git then
   * tells an edited file from a new one, a rename from a creation, and a removal.
   */
  baseFiles?: ReadonlySet<string>;
  /** The pull request's files at its head (`…/blob/<sha>`), for links to sources and problems. */
  sourceUrl?: string;
  summaryUrl?: string;
}

export async function buildPreview(options: PreviewOptions): Promise<PreviewModel> {
  const { config, log } = options;
  const confluenceChecked = config.token !== '';
  // With credentials, the state is rebuilt from Confluence (one listing per 250 pages) so that
  // pages edited there since the last publish show up as the conflicts a merge would meet.
  const { plan, pages, diagnostics } = await planSync(config, {
    client: options.client,
    log,
    known: confluenceChecked ? undefined : options.known,
    renames: options.renames,
  });
  const local = new Map(pages.map((p) => [p.key, p]));
  const knownById = new Map((options.known ?? []).map((k) => [k.pageId, k]));
  const entries = plan.operations.map((op) => entryOf(op, config, local, knownById));

  const changes = options.changes;
  let scope: PreviewScope | undefined;
  let mine = plan.operations.map(() => true);
  let mineDiagnostics = diagnostics.map(() => true);
  if (changes?.kind === 'full') scope = { kind: 'full', reason: changes.reason };
  else if (changes?.kind === 'incremental') {
    scope = { kind: 'pull-request', from: changes.from, to: changes.to };
    ({ operations: mine, diagnostics: mineDiagnostics } = attributeToPullRequest({
      operations: plan.operations,
      pages,
      diagnostics,
      docsDir: config.docsDir,
      touched: touchedPaths(changes),
    }));
  }

  const ops = plan.operations.filter((_, i) => mine[i]);
  const ours = entries.filter((_, i) => mine[i]);
  if (options.baseFiles && !confluenceChecked && changes?.kind === 'incremental')
    ours.push(...classifyFromGit(plan.operations, entries, changes, options.baseFiles, config));
  if (confluenceChecked) await addBeforeTexts(ops, ours, options.client, log);
  return {
    entries: ours,
    diagnostics: diagnostics.filter((_, i) => mineDiagnostics[i]),
    ...(scope ? { scope } : {}),
    ...(scope?.kind === 'pull-request'
      ? {
          pending: {
            entries: entries.filter((_, i) => !mine[i]),
            diagnostics: diagnostics.filter((_, i) => !mineDiagnostics[i]),
          },
        }
      : {}),
    space: config.space,
    marker: previewMarker(config.space, config.docsDir),
    headSha: options.headSha,
    ...(options.sourceUrl ? { sourceUrl: options.sourceUrl } : {}),
    summaryUrl: options.summaryUrl,
    confluenceChecked,
  };
}

/** Every workspace path the pull request adds, modifies, deletes or renames (both names). */
export function touchedPaths(changes: ChangeSet & { kind: 'incremental' }): Set<string> {
  return new Set([...changes.changed, ...changes.deleted, ...changes.renamed.flatMap((r) => [r.from, r.to])]);
}

export interface AttributionInput {
  operations: readonly Operation[];
  pages: readonly LocalPage[];
  diagnostics: readonly Diagnostic[];
  docsDir: string;
  /** Workspace-relative paths the pull request touches. */
  touched: ReadonlySet<string>;
}

/**
 * Which operations and problems come from the pull request. The rule, kept simple on purpose:
 *
 * - a problem is the PR's when it is reported at a file the PR touches, when its message names
 *   such a file (a title collision names the other file), or when it is a missing link or image
 *   target that the PR deleted or renamed away;
 * - a page is the PR's when its source file (or, for a folder page without one, its former
 *   `index.md`/`README.md`) is touched, when one of its attachments is, when it carries a problem
 *   of the PR's, when it is a folder page created or removed because of files the PR touches
 *   inside it, or when only its place among siblings changes and the PR touches that folder.
 *
 * Everything else is drift a merge would publish as well; it is shown apart and never blocks.
 */
export function attributeToPullRequest(input: AttributionInput): {
  operations: boolean[];
  diagnostics: boolean[];
} {
  const { touched, docsDir } = input;
  const touchedList = [...touched];
  const names = (text: string): boolean =>
    touchedList.some((p) =>
      new RegExp(`(^|[\\s("'\`])${escapeRegExp(p)}($|[\\s)"'\`,;:]|\\.(\\s|$))`).test(text),
    );
  const missingTarget = (d: Diagnostic): boolean => {
    const m = /^(?:Link target|Image) (.+?) does not exist/.exec(d.message);
    if (!m || !d.file) return false;
    return touched.has(posix.normalize(posix.join(posix.dirname(d.file), m[1])));
  };
  const ofPullRequest = (d: Diagnostic): boolean =>
    // A problem with no file (a setting) concerns every run: keep it in view.
    !d.file || touched.has(d.file) || names(d.message) || missingTarget(d);
  const diagnostics = input.diagnostics.map(ofPullRequest);
  const filesWithProblems = new Set(
    input.diagnostics.filter((d, i) => diagnostics[i] && d.file).map((d) => d.file as string),
  );

  const local = new Map(input.pages.map((p) => [p.key, p]));
  // Folder of a folder key ('' is the docs root) as a path prefix: `docs/guide/`, or `guide/`
  // when docs-dir is the workspace itself.
  const folderOf = (key: string): string => (docsDir ? `${docsDir}/${key}` : key);
  const dirOf = (p: string): string => (posix.dirname(p) === '.' ? '' : `${posix.dirname(p)}/`);
  const inside = (folder: string): boolean => touchedList.some((p) => p.startsWith(folder));
  const operations = input.operations.map((op) => {
    const file = op.sourceFile ?? reportPath(docsDir, op.key);
    if (touched.has(file) || filesWithProblems.has(file)) return true;
    if (op.kind === 'error' && op.diagnostics.some(ofPullRequest)) return true;
    if (local.get(op.key)?.attachments.some((a) => touched.has(a.path))) return true;
    const isFolder = op.key === '' || op.key.endsWith('/');
    if (isFolder && !op.sourceFile) {
      const folder = folderOf(op.key);
      const formerIndex = touchedList.some(
        (p) => dirOf(p) === folder && /^(index|readme)\.md$/i.test(posix.basename(p)),
      );
      if (formerIndex || ((op.kind === 'create' || op.kind === 'delete') && inside(folder))) return true;
    }
    if (op.kind === 'move' && op.changes.every((c) => c === 'order') && op.parentKey !== null)
      return inside(folderOf(op.parentKey));
    return false;
  });
  return { operations, diagnostics };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function entryOf(
  op: Operation,
  config: Config,
  local: Map<string, LocalPage>,
  knownById: Map<string, KnownPage>,
): PreviewEntry {
  const page = local.get(op.key);
  const pageId = 'pageId' in op ? op.pageId : undefined;
  const url =
    (op.kind === 'conflict' ? op.url : undefined) ??
    (pageId
      ? (knownById.get(pageId)?.url ?? `${config.confluenceUrl}/pages/viewpage.action?pageId=${pageId}`)
      : undefined);
  const entry: PreviewEntry = {
    kind: op.kind,
    title: op.title,
    path: op.sourceFile ?? (config.docsDir ? `${config.docsDir}/${op.key}` : op.key),
    url,
    reason: op.reason,
  };
  if (pageId) entry.pageId = pageId;
  if (op.kind === 'delete') entry.policy = op.policy;
  if ((op.kind === 'update' || op.kind === 'move') && op.previousTitle !== op.title)
    entry.previousTitle = op.previousTitle;
  // Renamed and edited: still an update (plan semantics), but the page is also retitled or moved.
  if (op.kind === 'update' && op.changes.some((c) => c === 'title' || c === 'parent')) entry.moved = true;
  if (op.kind === 'update' && page) entry.after = storageToText(page.storage);
  return entry;
}

/** Current Confluence text of updated pages, for the diffs; a failed read only loses that diff. */
async function addBeforeTexts(
  ops: Operation[],
  entries: PreviewEntry[],
  clientFactory: () => Promise<ConfluenceApi>,
  log: Logger,
): Promise<void> {
  const wanted = ops
    .map((op, i) => ({ op, entry: entries[i] }))
    .filter(({ op, entry }) => op.kind === 'update' && entry.after !== undefined)
    .slice(0, MAX_DIFFS);
  if (!wanted.length) return;
  const client = await clientFactory();
  await Promise.all(
    wanted.map(async ({ op, entry }) => {
      if (op.kind !== 'update') return;
      try {
        entry.before = storageToText(await client.getPageStorage(op.pageId));
      } catch (error) {
        log.debug(`no diff for ${entry.path}: ${getErrorMessage(error)}`);
      }
    }),
  );
}

const FROM_GIT = 'matched by git: no manifest and no credentials';

/**
 * Without a manifest or credentials every page looks new. The merge base says better: a file that
 * was there is an existing page (edited if the PR touches it, else unchanged), a renamed file keeps
 * its page, a removed file's page is deleted (or kept). Rewrites `entries` in place; returns the
 * deletions, which the plan cannot see.
 */
export function classifyFromGit(
  operations: readonly Operation[],
  entries: PreviewEntry[],
  changes: ChangeSet & { kind: 'incremental' },
  baseFiles: ReadonlySet<string>,
  config: Pick<Config, 'docsDir' | 'onDelete'>,
): PreviewEntry[] {
  const changed = new Set(changes.changed);
  const baseList = [...baseFiles];
  operations.forEach((op, i) => {
    if (op.kind !== 'create') return;
    const entry = entries[i];
    const rename = changes.renamed.find((r) => r.to === entry.path && baseFiles.has(r.from));
    if (rename) {
      const edited = rename.similarity < 100;
      entry.kind = edited ? 'update' : 'move';
      if (edited) entry.moved = true;
      entry.reason = `renamed from ${rename.from}${edited ? ' and edited' : ''} (${FROM_GIT})`;
    } else if (op.sourceFile && baseFiles.has(entry.path)) {
      entry.kind = changed.has(entry.path) ? 'update' : 'unchanged';
      entry.reason = changed.has(entry.path) ? `edited in this pull request (${FROM_GIT})` : '';
    } else if (!op.sourceFile && baseList.some((f) => f.startsWith(entry.path))) {
      // A generated folder page for a folder that already had files.
      entry.kind = 'unchanged';
      entry.reason = '';
    }
  });
  const prefix = config.docsDir ? `${config.docsDir}/` : '';
  return changes.deleted
    .filter((p) => p.startsWith(prefix) && p.toLowerCase().endsWith('.md') && baseFiles.has(p))
    .map((p) => ({
      kind: 'delete' as const,
      title: posix.basename(p).replace(/\.md$/i, '').replace(/[-_]+/g, ' '),
      path: p,
      policy: config.onDelete,
      reason: `file removed (on-delete: ${config.onDelete}; ${FROM_GIT})`,
    }));
}
