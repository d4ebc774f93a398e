/**
 * The planner's decision for a page cmsync already has: unchanged, update, move (title, parent
 * or order only), or — when a person edited it since cmsync last wrote it and a write is
 * needed — whatever `on-conflict` says.
 */
import type { Diagnostic } from '../util/diagnostics.js';
import { pageHash } from './hash.js';
import type { Identity } from './identity.js';
import { reportPath } from './paths.js';
import type { PlanInput } from './plan.js';
import { titleKey } from './titles.js';
import type { RemotePage } from '../confluence/types.js';
import { hashOfCurrentVersion } from './known.js';
import type { KnownPage, LocalPage, Operation } from './types.js';

export interface ExistingContext {
  input: PlanInput;
  /** The page id the page should hang under; undefined while its parent is being created. */
  parentId?: string;
  orderChanged: boolean;
  /** The page, found by its title outside the managed tree (a person moved it out). */
  outside?: RemotePage;
}

/** The operation for a page that has a known page behind it. */
export function existingOp(page: LocalPage, title: string, id: Identity, ctx: ExistingContext): Operation {
  const { input } = ctx;
  const base = { key: page.key, title, sourceFile: page.sourceFile };
  const isRoot = page.key === '';
  const current = ctx.outside ?? (isRoot ? input.remote?.root : input.remote?.pages?.get(id.known.pageId));
  const k = current ? catchUp(id.known, current, page) : id.known;

  const titleChanged = title !== k.title;
  const taken = titleChanged ? input.remote?.titlesInSpace?.get(titleKey(title)) : undefined;
  if (taken && taken.id !== k.pageId) {
    const d: Diagnostic = {
      severity: 'error',
      file: page.sourceFile ?? reportPath(input.docsDir, page.key),
      ...(page.titleLine !== undefined ? { line: page.titleLine } : {}),
      message: `cannot rename the page to "${title}": page ${taken.url} already has that title${heldBy(taken.id, input, k.title)}; Confluence titles are unique per space: set another front matter \`title\``,
    };
    return { ...base, kind: 'error', diagnostics: [d], pageId: k.pageId, reason: d.message };
  }
  // Where the page is now: the listing says so when this run read it (a person may have moved
  // the page in Confluence); otherwise where cmsync last put it.
  const placedUnder = current?.parentId ?? k.parentId;
  const parentChanged =
    !isRoot &&
    (ctx.parentId === undefined ||
      ctx.outside !== undefined ||
      (placedUnder !== undefined && placedUnder !== ctx.parentId));
  const hashAsTitled = titleChanged
    ? pageHash({
        converterVersion: input.converterVersion,
        title: k.title,
        storage: page.storage,
        labels: page.labels,
        attachments: page.attachments,
      })
    : page.hash;
  // A full scan holds Confluence to the files: a version nobody but a person wrote is drift.
  const drifted = Boolean(input.options.fullScan && current && current.version.number !== k.version);
  const contentChanged = input.options.force || drifted || k.hash === undefined || hashAsTitled !== k.hash;
  const labelsChanged = k.labels !== undefined && !sameSet(k.labels, page.labels);
  const attachmentsChanged =
    k.attachments !== undefined &&
    !sameSet(
      Object.entries(k.attachments).map(pair),
      page.attachments.map((a) => pair([a.filename, a.hash])),
    );
  const renamed = id.renamedFrom !== undefined;

  const changes = (
    [
      [contentChanged, 'content'],
      [titleChanged, 'title'],
      [parentChanged, 'parent'],
      [labelsChanged, 'labels'],
      [attachmentsChanged, 'attachments'],
      [ctx.orderChanged, 'order'],
    ] as const
  ).flatMap(([yes, what]) => (yes ? [what] : []));

  if (!changes.length && !renamed)
    return { ...base, kind: 'unchanged', pageId: k.pageId, reason: 'no change' };

  const writesPage = contentChanged || titleChanged || parentChanged;
  let fromVersion = k.version;
  let overwrite = false;
  if (writesPage && current && current.version.number !== k.version) {
    const who = current.version.authorName ?? current.version.authorId ?? 'someone';
    const what =
      k.version > 0
        ? `edited in Confluence by ${who} since cmsync last wrote it (version ${k.version} → ${current.version.number})`
        : `edited in Confluence by ${who}: its version ${current.version.number} was not written by cmsync`;
    if (input.options.onConflict === 'fail')
      return {
        ...base,
        kind: 'conflict',
        pageId: k.pageId,
        expectedVersion: k.version,
        actualVersion: current.version.number,
        editedBy: who,
        url: current.url,
        reason: `${current.url} was ${what}; nothing written (on-conflict: fail)`,
      };
    if (input.options.onConflict === 'skip')
      return {
        ...base,
        kind: 'skip',
        pageId: k.pageId,
        reason: `${current.url} was ${what}; skipped (on-conflict: skip)`,
      };
    fromVersion = current.version.number;
    overwrite = true;
  }

  return {
    ...base,
    kind: contentChanged ? 'update' : 'move',
    pageId: k.pageId,
    fromVersion,
    changes,
    parentKey: page.parentKey,
    previousTitle: k.title,
    ...(overwrite ? { overwrite: true } : {}),
    ...(renamed ? { renamedFrom: id.renamedFrom, setOwner: true } : {}),
    reason: describeChanges(changes, id.renamedFrom, overwrite),
  };
}

/**
 * The known state, moved forward to the page's current version when cmsync wrote that version
 * (its message or mark carries the hash) but the state was not saved after it — a run killed or
 * failed between its write and its save. That version is not a person's edit: no conflict.
 */
function catchUp(known: KnownPage, current: RemotePage, page: LocalPage): KnownPage {
  if (current.version.number === known.version) return known;
  const hash = hashOfCurrentVersion(current);
  if (!hash) return known;
  // The hash covers labels and attachments, which are written before the page: when it is the
  // one wanted now, they are in place; otherwise what cmsync wrote before stays the best guess.
  const complete = hash === page.hash;
  return {
    ...known,
    version: current.version.number,
    hash,
    title: current.title,
    parentId: current.parentId ?? known.parentId,
    ...(complete
      ? {
          labels: [...page.labels],
          attachments: Object.fromEntries(page.attachments.map((a) => [a.filename, a.hash])),
        }
      : {}),
  };
}

function describeChanges(
  changes: readonly string[],
  renamedFrom: string | undefined,
  overwrite: boolean,
): string {
  const parts: string[] = [];
  if (renamedFrom !== undefined) parts.push(`file renamed from ${renamedFrom || 'the docs root'}`);
  if (changes.length) parts.push(`${changes.join(', ')} changed`);
  if (overwrite) parts.push("overwrites a person's edit (on-conflict: overwrite)");
  return parts.join('; ');
}

function pair([a, b]: [string, string]): string {
  return `${a}\u0000${b}`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

/**
 * Why a page cmsync knows still holds a title another file now wants: its file is gone but the
 * page stays (or goes only at the end of the run, and Confluence may still reserve the title).
 */
function heldBy(pageId: string, input: PlanInput, titleNow: string): string {
  const holder = [...input.known.values()].find((k) => k.pageId === pageId);
  if (!holder) return '';
  const stays = input.pages.find((p) => p.key === holder.key);
  if (stays && !stays.container && titleKey(stays.title) !== titleKey(holder.title)) {
    const file = stays.sourceFile ?? reportPath(input.docsDir, holder.key);
    // Two pages trading titles: neither write can go first, so this is for the user to split.
    return titleKey(stays.title) === titleKey(titleNow)
      ? ` (the page of ${file}, which wants this page's title "${titleNow}": Confluence cannot swap titles in one run; give one of the two files a temporary title for one push, then its final title)`
      : ` (the page of ${file}, which this run retitles to "${stays.title}": publish again after this run)`;
  }
  if (stays) return '';
  const file = reportPath(input.docsDir, holder.key);
  return input.options.onDelete === 'keep'
    ? ` (the page of the removed file ${file}, kept because on-delete is keep: rename or remove it in Confluence first)`
    : ` (the page of the removed file ${file}: publish the removal first, then the new title)`;
}
