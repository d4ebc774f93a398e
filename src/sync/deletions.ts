/**
 * What to do with owned pages whose file is gone. Deleting is the one thing cmsync does that a
 * person may not be able to undo easily, so the rails are here: only pages cmsync owns and that
 * are under `parent-page-id`, never when the run already has problems, and never more than
 * `max-delete-ratio` of the owned pages at once (a wrong `docs-dir` would otherwise empty the tree).
 */
import { hashOfCurrentVersion } from './known.js';
import type { Operation, PageKey } from './types.js';
import type { PlanInput } from './plan.js';

export interface DeletionInput extends PlanInput {
  /** Known keys that a local page continues (same key or rename). */
  claimed: ReadonlySet<PageKey>;
  /** The plan already has errors or conflicts. */
  hasErrors: boolean;
}

/** Delete (or keep/skip) operations for removed files, deepest pages first. */
export function planDeletions(input: DeletionInput): Operation[] {
  const { known, claimed, remote, options } = input;
  const skippedFiles = new Map((input.skipped ?? []).map((s) => [s.key, s]));
  const ops: Operation[] = [];
  const candidates: Array<Operation & { kind: 'delete' }> = [];
  let edited = false;

  // Pages a person created under a page cmsync would remove: Confluence would move them up a
  // level (trash) or leave them under an archived parent, so such a page is kept instead.
  const foreignChildren = new Map<string, string[]>();
  for (const page of remote?.pages?.values() ?? []) {
    if (page.owner || page.parentId === undefined) continue;
    foreignChildren.set(page.parentId, [...(foreignChildren.get(page.parentId) ?? []), page.title]);
  }

  const removed = [...known.values()]
    .filter((k) => k.key !== '' && !claimed.has(k.key) && k.pageId !== input.parentPageId)
    .sort((a, b) => depth(b.key) - depth(a.key) || (a.key < b.key ? -1 : 1));
  for (const k of removed) {
    const skipped = skippedFiles.get(k.key);
    const base = { key: k.key, title: k.title, sourceFile: skipped?.file };
    const why = skipped ? `${skipped.reason}` : 'its file was removed';
    if (remote?.pages) {
      const current = remote.pages.get(k.pageId);
      if (!current) {
        ops.push({
          ...base,
          kind: 'skip',
          dropKnown: true,
          reason: `${why}; the page is already gone from the tree in Confluence`,
        });
        continue;
      }
      if (!current.owner) {
        ops.push({
          ...base,
          kind: 'skip',
          dropKnown: true,
          reason: `${why}; the page has no cmsync mark any more, so it is left alone`,
        });
        continue;
      }
    }
    if (options.onDelete === 'keep') {
      ops.push({
        ...base,
        kind: 'delete',
        pageId: k.pageId,
        policy: 'keep',
        reason: `${why}; page kept (on-delete: keep)`,
      });
      continue;
    }
    const theirs = foreignChildren.get(k.pageId);
    if (theirs?.length) {
      const names = theirs.map((t) => `"${t}"`).join(', ');
      ops.push({
        ...base,
        kind: 'skip',
        pageId: k.pageId,
        reason: `${why}; kept because pages made in Confluence hang under it (${names}): move or remove them and the next run ${options.onDelete === 'archive' ? 'archives' : 'trashes'} it`,
      });
      continue;
    }
    const where = options.onDelete === 'archive' ? 'archive' : 'trash';
    // A version cmsync did not write (the listing has it, no request needed) is a person's edit:
    // removing the page would take their work with it, so `on-conflict` decides.
    const current = remote?.pages?.get(k.pageId);
    let overwrote = '';
    if (current && current.version.number !== k.version && !hashOfCurrentVersion(current)) {
      const who = current.version.authorName ?? current.version.authorId ?? 'someone';
      const what = `${why}, but ${current.url} was edited in Confluence by ${who} since cmsync last wrote it (version ${k.version} → ${current.version.number})`;
      if (options.onConflict === 'fail') {
        edited = true;
        ops.push({
          ...base,
          kind: 'conflict',
          pageId: k.pageId,
          expectedVersion: k.version,
          actualVersion: current.version.number,
          editedBy: who,
          url: current.url,
          reason: `${what}; not deleted (on-conflict: fail): copy what you need into another page, then re-run with on-conflict: overwrite, or move the page out of the tree`,
        });
        continue;
      }
      if (options.onConflict === 'skip') {
        ops.push({
          ...base,
          kind: 'skip',
          pageId: k.pageId,
          reason: `${what}; not deleted (on-conflict: skip)`,
        });
        continue;
      }
      overwrote = `; it was edited in Confluence by ${who} (version ${k.version} → ${current.version.number}), deleted anyway (on-conflict: overwrite)`;
    }
    candidates.push({
      ...base,
      kind: 'delete',
      pageId: k.pageId,
      policy: options.onDelete,
      reason: `${why}; the page goes to the ${where} (on-delete: ${options.onDelete})${overwrote}`,
    });
  }

  const owned = [...known.values()].filter((k) => k.key !== '').length;
  // At least one (unless the ratio is 0): with the ratio alone, a tree of fewer than 1/ratio
  // pages could never delete anything.
  const limit = options.maxDeleteRatio > 0 ? Math.max(1, Math.floor(options.maxDeleteRatio * owned)) : 0;
  let refusal: string | undefined;
  if (candidates.length && (input.hasErrors || edited))
    refusal = 'deletion refused because this run has errors or conflicts; fix them first';
  else if (candidates.length > limit)
    refusal = `deletion refused: ${candidates.length} of ${owned} owned pages would go, more than max-delete-ratio (${Math.round(options.maxDeleteRatio * 100)}%) allows; if that is intended, raise max-delete-ratio for one run`;
  for (const c of candidates) {
    ops.push(
      refusal
        ? {
            key: c.key,
            title: c.title,
            sourceFile: c.sourceFile,
            kind: 'skip',
            pageId: c.pageId,
            reason: refusal,
          }
        : c,
    );
  }
  return ops;
}

function depth(key: PageKey): number {
  return key.split('/').filter(Boolean).length;
}
