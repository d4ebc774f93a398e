/**
 * The planner: local pages × what cmsync knows × (optionally) what Confluence says → the list of
 * operations. Pure data in, data out: the same plan is executed by a publish and rendered by a
 * preview, and every rule here is unit-tested without a server.
 */
import type { RemotePage } from '../confluence/types.js';
import type { OnConflict, OnDelete } from '../config/types.js';
import type { Diagnostic } from '../util/diagnostics.js';
import { planDeletions } from './deletions.js';
import { hashOfCurrentVersion } from './known.js';
import { reportPath } from './paths.js';
import { matchIdentities, type Identity, type KeyRename } from './identity.js';
import { existingOp } from './plan-existing.js';
import { longestIncreasingSubsequence } from './order.js';
import { findTitleCollisions, titleKey } from './titles.js';
import type { KnownPage, LocalPage, Operation, PageKey, Plan } from './types.js';

export interface PlanOptions {
  force: boolean;
  onConflict: OnConflict;
  onDelete: OnDelete;
  maxDeleteRatio: number;
  /** Full scan: a person's edit in Confluence makes the page differ from its file (drift). */
  fullScan?: boolean;
}

/** What this run read from Confluence; each part is absent when it was not read. */
export interface PlanRemote {
  /** Every current page under `parent-page-id` by id: a complete listing of the managed subtree. */
  pages?: ReadonlyMap<string, RemotePage>;
  /** Pages in the space by lower-cased title, for the titles this run creates or changes. */
  titlesInSpace?: ReadonlyMap<string, RemotePage>;
  /** The parent page itself. */
  root?: RemotePage;
  /** The account cmsync writes as (as versions name their author), read when an unmarked page needs it. */
  me?: string;
}

export interface SkippedFile {
  key: PageKey;
  file: string;
  title: string;
  reason: string;
}

export interface PlanInput {
  /** Local pages, the root (`''`) first and parents before children. */
  pages: readonly LocalPage[];
  known: ReadonlyMap<PageKey, KnownPage>;
  parentPageId: string;
  converterVersion: string;
  /** Workspace-relative docs folder, to name the files of deleted pages. */
  docsDir: string;
  remote?: PlanRemote;
  renames?: readonly KeyRename[];
  /** Files left out on purpose (`publish: false`). */
  skipped?: readonly SkippedFile[];
  options: PlanOptions;
}

/** Where a page stands for its children: an id to hang under, or a create that will give one. */
interface Slot {
  pageId?: string;
  creating?: boolean;
  /** The page was skipped on purpose (on-conflict: skip): new pages under it are skipped too. */
  skipped?: boolean;
}

/**
 * Plans the run, parents before children, deletions last. The rules (SPEC.md, "Identity, state
 * and safety"): a page cmsync knows is updated, moved or left alone by its hash, title, parent
 * and order; a renamed file keeps its page; a person's edit meets `on-conflict`; a new page
 * adopts an unmarked same-titled page inside the tree but never one outside it; titles that clash
 * in the tree fail both files; removed files meet `on-delete` within the bounds of deletions.ts.
 */
export function plan(input: PlanInput): Plan {
  const { pages, known, parentPageId, remote } = input;
  const identities = matchIdentities(pages, known, input.renames);
  const knownById = new Map([...known.values()].map((k) => [k.pageId, k]));
  const titleOf = (page: LocalPage): string =>
    page.keepRemoteTitle ? (known.get('')?.title ?? remote?.root?.title ?? page.title) : page.title;

  const collisions = findTitleCollisions(
    pages
      .filter((p) => !p.container)
      .map((p) => ({
        key: p.key,
        title: titleOf(p),
        file: p.sourceFile ?? reportPath(input.docsDir, p.key),
        ...(p.titleLine !== undefined ? { line: p.titleLine } : {}),
      })),
  );
  const reordered = orderChanges(pages, identities, parentPageId);

  const operations: Operation[] = [];
  const diagnostics: Diagnostic[] = [];
  const slots = new Map<PageKey, Slot>();

  for (const page of pages) {
    const title = titleOf(page);
    const base = { key: page.key, title, sourceFile: page.sourceFile };
    const id = identities.get(page.key);
    const existingId = page.key === '' ? parentPageId : id?.known.pageId;

    if (page.container) {
      slots.set(page.key, { pageId: parentPageId });
      continue;
    }
    const problems = [...(page.invalid ?? [])];
    const collision = collisions.get(page.key);
    if (collision) problems.push(collision);
    if (problems.length) {
      diagnostics.push(...problems);
      operations.push({
        ...base,
        kind: 'error',
        diagnostics: problems,
        pageId: existingId,
        reason: problems[0].message,
      });
      slots.set(page.key, { pageId: existingId });
      continue;
    }

    const parent = page.parentKey === null ? undefined : slots.get(page.parentKey);
    const parentMissing = page.parentKey !== null && !parent?.pageId && !parent?.creating;

    if (page.key === '') {
      operations.push(rootOp(page, title, input));
      slots.set('', { pageId: parentPageId });
      continue;
    }

    const vanished = id && remote?.pages && !remote.pages.has(id.known.pageId) ? id.known : undefined;
    // Not in the tree, but the title lookup finds the very page elsewhere in the space: a person
    // moved it out. It goes back where its file says (the tree mirrors git), keeping its history.
    const outside = vanished ? remote?.titlesInSpace?.get(titleKey(title)) : undefined;
    if (id && outside?.id === id.known.pageId && outside.status === 'current' && !parentMissing) {
      slots.set(page.key, { pageId: id.known.pageId });
      const op = existingOp(page, title, id, {
        input,
        parentId: page.parentKey === '' ? parentPageId : parent?.pageId,
        orderChanged: reordered.has(page.key),
        outside,
      });
      if (op.kind === 'error') diagnostics.push(...op.diagnostics);
      operations.push(op);
      continue;
    }
    if (!id || vanished) {
      if (parent?.skipped) {
        const parentFile = reportPath(input.docsDir, page.parentKey ?? '');
        const reason = `its parent page ${parentFile} was skipped, so this page was not created`;
        operations.push({ ...base, kind: 'skip', reason });
        slots.set(page.key, { skipped: true });
        continue;
      }
      if (parentMissing) {
        const d = parentProblem(page, input.docsDir);
        diagnostics.push(d);
        operations.push({ ...base, kind: 'error', diagnostics: [d], reason: d.message });
        slots.set(page.key, {});
        continue;
      }
      const op = createOp(page, title, input, knownById, vanished);
      if (op.kind === 'error') diagnostics.push(...op.diagnostics);
      operations.push(op);
      slots.set(
        page.key,
        op.kind === 'create'
          ? { pageId: op.adoptPageId, creating: !op.adoptPageId }
          : { skipped: op.kind === 'skip' },
      );
      continue;
    }

    slots.set(page.key, { pageId: id.known.pageId });
    const op = existingOp(page, title, id, {
      input,
      parentId: page.parentKey === '' ? parentPageId : parent?.pageId,
      orderChanged: reordered.has(page.key),
    });
    if (op.kind === 'error') diagnostics.push(...op.diagnostics);
    operations.push(op);
  }

  const claimed = new Set([...identities.values()].map((i) => i.known.key));
  const hasErrors = operations.some((op) => op.kind === 'error' || op.kind === 'conflict');
  operations.push(...planDeletions({ ...input, claimed, hasErrors }));
  for (const s of input.skipped ?? []) {
    if (known.has(s.key)) continue; // a published page that is now skipped: planDeletions decides
    operations.push({ kind: 'skip', key: s.key, title: s.title, sourceFile: s.file, reason: s.reason });
  }
  return { operations, diagnostics };
}

/**
 * Titles a plan creates or changes: the ones to look up in the space before any write (a title
 * kept as it was cannot collide, so a no-op run looks nothing up).
 */
export function titlesToCheck(p: Plan): string[] {
  const titles = p.operations.flatMap((op) =>
    (op.kind === 'create' && !op.adoptPageId) ||
    ((op.kind === 'update' || op.kind === 'move') && op.changes.includes('title'))
      ? [op.title]
      : [],
  );
  return [...new Set(titles)];
}

function rootOp(page: LocalPage, title: string, input: PlanInput): Operation {
  const base = { key: '', title, sourceFile: page.sourceFile };
  const k = input.known.get('');
  if (k)
    return existingOp(
      page,
      title,
      { known: { ...k, pageId: input.parentPageId } },
      { input, orderChanged: false },
    );
  const root = input.remote?.root;
  // Claiming the parent page: the docs root's index replaces its content from now on.
  return {
    ...base,
    kind: 'update',
    pageId: input.parentPageId,
    fromVersion: root?.version.number ?? 0,
    changes: root && root.title !== title ? ['content', 'title'] : ['content'],
    parentKey: null,
    previousTitle: root?.title ?? title,
    setOwner: true,
    reason: 'the docs root index becomes the content of the parent page',
  };
}

function createOp(
  page: LocalPage,
  title: string,
  input: PlanInput,
  knownById: ReadonlyMap<string, KnownPage>,
  vanished: KnownPage | undefined,
): Operation {
  const base = { key: page.key, title, sourceFile: page.sourceFile };
  const parentKey = page.parentKey ?? '';
  const reason = vanished
    ? `page ${vanished.pageId} was deleted in Confluence (or moved out of the tree): creating it again`
    : 'new page';
  const match = input.remote?.titlesInSpace?.get(titleKey(title));
  if (!match) return { ...base, kind: 'create', parentKey, reason };

  const file = page.sourceFile ?? reportPath(input.docsDir, page.key);
  const fail = (message: string): Operation => {
    // Every failure here is about the title: point at the line it comes from.
    const d: Diagnostic = {
      severity: 'error',
      file,
      ...(page.titleLine !== undefined ? { line: page.titleLine } : {}),
      message,
    };
    return { ...base, kind: 'error', diagnostics: [d], reason: message };
  };
  const owner = knownById.get(match.id);
  if (owner && owner.pageId !== vanished?.pageId)
    return fail(
      `title "${title}" is still used by page ${match.url} (${reportPath(input.docsDir, owner.key)}), which this run renames; publish again after this run, or choose another front matter \`title\``,
    );
  const inTree = input.remote?.pages?.get(match.id);
  // Marked as this very file, or unmarked but looking like cmsync's own create or adoption whose
  // run stopped before the mark (state lost): take it over.
  if (inTree && (inTree.owner?.path === page.key || (!inTree.owner && looksLikeOurs(inTree, input))))
    return {
      ...base,
      kind: 'create',
      parentKey,
      adoptPageId: match.id,
      reason: `adopts the existing page ${match.url} with the same title`,
    };
  if (inTree && !inTree.owner) {
    // A page a person made (or edited) in the tree: taking it over replaces their content.
    const who = inTree.version.authorName ?? inTree.version.authorId ?? 'someone';
    const what = `title "${title}" is held by page ${inTree.url} in the tree, which cmsync did not write (version ${inTree.version.number}, last edited by ${who}): publishing would replace its content`;
    if (input.options.onConflict === 'overwrite')
      return {
        ...base,
        kind: 'create',
        parentKey,
        adoptPageId: match.id,
        reason: `adopts the existing page ${inTree.url} with the same title, replacing the content ${who} wrote (on-conflict: overwrite)`,
      };
    if (input.options.onConflict === 'skip')
      return { ...base, kind: 'skip', reason: `${what}; skipped (on-conflict: skip)` };
    return {
      ...base,
      kind: 'conflict',
      pageId: match.id,
      expectedVersion: 0,
      actualVersion: inTree.version.number,
      editedBy: who,
      url: inTree.url,
      reason: `${what}; nothing written (on-conflict: fail). Copy what it should keep into ${file}, then publish once with on-conflict: overwrite to take the page over, or rename or move that page in Confluence`,
    };
  }
  if (inTree?.owner)
    return fail(
      `title "${title}" is already used by page ${match.url}, which cmsync published from ${reportPath(input.docsDir, inTree.owner.path)}; choose another front matter \`title\``,
    );
  if (match.id === input.parentPageId)
    return fail(
      `title "${title}" is the title of the parent page (parent-page-id); set a different front matter \`title\``,
    );
  return fail(
    `title "${title}" is already used by page ${match.url} outside the tree; Confluence titles are unique per space: set a front matter \`title\``,
  );
}

/**
 * An unmarked page that cmsync itself most likely left: its current version carries cmsync's
 * version message (an adoption stopped before the mark), or it is at version 1 (a create stopped
 * before the mark: cmsync creates with the full body and marks last) written by the account
 * cmsync writes with — known from the listing when some page there has a version cmsync wrote,
 * else from the credentials (`remote.me`). Anything else is a person's page.
 */
function looksLikeOurs(page: RemotePage, input: PlanInput): boolean {
  if (hashOfCurrentVersion(page)) return true;
  if (page.version.number !== 1) return false;
  const author = page.version.authorId;
  if (author === undefined) return true;
  const ours = cmsyncAuthors(input.remote?.pages, input.remote?.root);
  if (ours.size) return ours.has(author);
  // No page in the listing shows cmsync's account (a first run): the credentials say who it is.
  return input.remote?.me === undefined || author === input.remote.me;
}

/** Accounts that wrote the versions cmsync is known to have written, in the listing. */
function cmsyncAuthors(
  pages: ReadonlyMap<string, RemotePage> | undefined,
  root: RemotePage | undefined,
): Set<string> {
  const authors = new Set<string>();
  for (const p of [...(pages?.values() ?? []), ...(root ? [root] : [])])
    if (p.version.authorId && hashOfCurrentVersion(p)) authors.add(p.version.authorId);
  return authors;
}

/**
 * Pages whose place among their existing siblings changed. Only pages outside the longest run
 * already in order count, so inserting one page does not report every sibling as moved.
 */
function orderChanges(
  pages: readonly LocalPage[],
  identities: ReadonlyMap<PageKey, Identity>,
  parentPageId: string,
): Set<PageKey> {
  const changed = new Set<PageKey>();
  for (const parent of pages) {
    const parentId = parent.key === '' ? parentPageId : identities.get(parent.key)?.known.pageId;
    const stayed = parent.children.flatMap((key) => {
      const k = identities.get(key)?.known;
      return k && k.index !== undefined && (k.parentId === undefined || k.parentId === parentId)
        ? [{ key, index: k.index }]
        : [];
    });
    const keep = longestIncreasingSubsequence(stayed.map((s) => s.index));
    stayed.forEach((s, i) => {
      if (!keep.has(i)) changed.add(s.key);
    });
  }
  return changed;
}

function parentProblem(page: LocalPage, docsDir: string): Diagnostic {
  const parent = reportPath(docsDir, page.parentKey ?? '');
  return {
    severity: 'error',
    file: page.sourceFile ?? reportPath(docsDir, page.key),
    message: `parent page ${parent} could not be published, so this page cannot be created; fix the problem reported at ${parent}`,
  };
}
