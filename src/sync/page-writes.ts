/**
 * The requests for one planned page: create (page, then attachments and labels), adopt, or
 * update (attachments first so the new body's references resolve, attachments the page no
 * longer uses removed, labels, then the page). The page write's version message carries the
 * hash that covers attachments and labels, so everything else is in place before it. A stale
 * version is a person's edit: `on-conflict` decides, and the default writes nothing — neither
 * the page (its PUT gets 409) nor, before it, an attachment or a label (an update that has
 * those to write reads the page's version first).
 */
import { isNotFound, isVersionConflict } from '../confluence/errors.js';
import {
  VERSION_MESSAGE_PREFIX,
  type ConfluenceApi,
  type RemoteAttachment,
  type RemotePage,
  type SpaceInfo,
} from '../confluence/types.js';
import type { Config } from '../config/types.js';
import type { Logger } from '../util/log.js';
import { hashOfCurrentVersion } from './known.js';
import type { KnownPage, LocalAttachment, LocalPage, Operation, PageKey, PageOutcome } from './types.js';

export interface WriteContext {
  client: ConfluenceApi;
  config: Config;
  /** The space, read once on first use (only creates need it). */
  space: () => Promise<SpaceInfo>;
  log: Logger;
  pages: ReadonlyMap<PageKey, LocalPage>;
  known: ReadonlyMap<PageKey, KnownPage>;
  /** Current pages of the subtree, when the run listed it (adoption reads the version there). */
  remote?: ReadonlyMap<string, RemotePage>;
  /** Reads a workspace-relative file (attachments). */
  readFile: (path: string) => Promise<Uint8Array>;
}

/** What one page's writes achieved. `known` is the state to remember when they succeeded. */
export interface WriteResult {
  outcome: PageOutcome;
  pageId?: string;
  url?: string;
  detail?: string;
  known?: KnownPage;
}

type CreateOp = Extract<Operation, { kind: 'create' }>;
type UpdateOp = Extract<Operation, { kind: 'update' | 'move' }>;

const message = (hash: string): string => `${VERSION_MESSAGE_PREFIX}${hash}`;
const attachmentComment = (a: LocalAttachment): string => `sha256:${a.hash}`;
/** The comment cmsync gives every upload: how its attachments are told apart without a manifest. */
const UPLOADED_BY_CMSYNC = /^sha256:[0-9a-f]{64}$/;

/** Creates a page under `parentId`, or adopts the unowned page the planner found. */
export async function createPage(
  op: CreateOp,
  parentId: string,
  ctx: WriteContext,
  detail?: string,
): Promise<WriteResult> {
  const local = localPage(op.key, ctx);
  if (op.adoptPageId) return adoptPage(op, op.adoptPageId, parentId, ctx);
  const owner = { v: 1 as const, path: op.key, hash: local.hash, version: 1 };
  // The mark vouches for the hash, which covers attachments and labels: it goes on last, so a
  // run that stops before they are in leaves an unmarked page the next run adopts and completes.
  const completeLater = local.attachments.length > 0 || local.labels.length > 0;
  const page = await ctx.client.createPage({
    space: await ctx.space(),
    parentId,
    title: op.title,
    storage: local.storage,
    message: message(local.hash),
    owner,
    deferOwner: completeLater,
    file: local.sourceFile,
  });
  await uploadAttachments(page.id, local.attachments, ctx);
  if (local.labels.length) await ctx.client.addLabels(page.id, local.labels);
  if (completeLater) await ctx.client.setOwner(page.id, owner, { isNew: true });
  ctx.log.info(`created "${op.title}" (${page.url})`);
  return done('created', page, local, {
    title: op.title,
    parentId,
    version: page.version.number,
    detail: detail ?? op.reason,
  });
}

async function adoptPage(
  op: CreateOp,
  pageId: string,
  parentId: string,
  ctx: WriteContext,
): Promise<WriteResult> {
  const local = localPage(op.key, ctx);
  const current = ctx.remote?.get(pageId) ?? (await ctx.client.getPage(pageId));
  await applySideWrites(pageId, await sideWrites(pageId, local, undefined, ctx), ctx);
  const input = {
    id: pageId,
    title: op.title,
    parentId: current.parentId === parentId ? undefined : parentId,
    storage: local.storage,
    version: current.version.number + 1,
    message: message(local.hash),
    minorEdit: !ctx.config.notifyWatchers,
    file: local.sourceFile,
  };
  let page: RemotePage;
  try {
    page = await ctx.client.updatePage(input);
  } catch (error) {
    // Someone wrote the page since the planner judged it safe to take over: only a version
    // cmsync wrote, or on-conflict: overwrite, lets the adoption go on.
    if (!isVersionConflict(error)) throw error;
    const now = await ctx.client.getPage(pageId, { authorName: true });
    if (!hashOfCurrentVersion(now) && ctx.config.onConflict !== 'overwrite') {
      const who = now.version.authorName ?? now.version.authorId ?? 'someone';
      const what = `${now.url} was edited in Confluence by ${who} while cmsync was about to take it over (version ${current.version.number} → ${now.version.number})`;
      return ctx.config.onConflict === 'skip'
        ? { outcome: 'skipped', pageId, url: now.url, detail: `${what}; skipped (on-conflict: skip)` }
        : {
            outcome: 'conflict',
            pageId,
            url: now.url,
            detail: `${what}; nothing written (on-conflict: fail)`,
          };
    }
    page = await ctx.client.updatePage({ ...input, version: now.version.number + 1 });
  }
  await ctx.client.setOwner(pageId, { v: 1, path: op.key, hash: local.hash, version: page.version.number });
  ctx.log.info(`adopted "${op.title}" (${page.url})`);
  return done('updated', page, local, {
    title: op.title,
    parentId,
    version: page.version.number,
    detail: op.reason,
  });
}

/**
 * Updates, retitles or moves an existing page. `parentId` is the page id it should hang under
 * (needed when the parent changed; sent with every page write when known). A 404 means a person deleted the page since cmsync
 * last looked: it is created again.
 */
export async function updatePage(
  op: UpdateOp,
  parentId: string | undefined,
  ctx: WriteContext,
): Promise<WriteResult> {
  const local = localPage(op.key, ctx);
  const before = ctx.known.get(op.renamedFrom ?? op.key);
  const writesPage = op.changes.some((c) => c === 'content' || c === 'title' || c === 'parent');
  let version = op.fromVersion;
  let page: Pick<RemotePage, 'id' | 'url' | 'version'> | undefined;
  let detail = op.reason;
  try {
    // Parent, title and order alone leave the hash — and so labels and attachments — as they were.
    const side = op.changes.some((c) => c === 'content' || c === 'labels' || c === 'attachments')
      ? await sideWrites(op.pageId, local, before, ctx)
      : NO_SIDE_WRITES;
    let base = op.fromVersion;
    if (writesPage && hasSideWrites(side)) {
      // These writes come before the page's and have no version of their own to fail on: the
      // page's version is checked first, with the rules of a 409, so that a conflict that is
      // not to be overwritten leaves the page without a new attachment or label too.
      const current = await ctx.client.getPage(op.pageId, { owner: false });
      if (current.status === 'current' && current.version.number !== op.fromVersion) {
        const resolved = await resolveStale(op, current, ctx);
        if ('outcome' in resolved) return resolved;
        base = resolved.version;
        detail = `${op.reason}; ${resolved.note}`;
      }
    }
    await applySideWrites(op.pageId, side, ctx);
    if (writesPage) {
      const input = {
        id: op.pageId,
        title: op.title,
        // Sent with every write (it costs nothing): a page a person moved elsewhere in
        // Confluence goes back where its file says, instead of being updated outside the tree.
        parentId,
        storage: local.storage,
        version: base + 1,
        message: message(local.hash),
        minorEdit: !ctx.config.notifyWatchers,
        file: local.sourceFile,
      };
      try {
        page = await ctx.client.updatePage(input);
      } catch (error) {
        if (!isVersionConflict(error)) throw error;
        const resolved = await onVersionConflict(op, ctx);
        if ('outcome' in resolved) return resolved;
        page = await ctx.client.updatePage({ ...input, version: resolved.version + 1 });
        detail = `${op.reason}; ${resolved.note}`;
      }
      if (page.version.number < input.version) {
        // The page was in the trash: Confluence restores it on this request and ignores the rest.
        page = await ctx.client.updatePage({ ...input, version: page.version.number + 1 });
        detail = `${op.reason}; the page was in the Confluence trash: restored`;
      }
      version = page.version.number;
    }
  } catch (error) {
    // A 404 can also be about an attachment (Confluence answers 404 to one over the size limit):
    // only a page that is really gone is created again.
    if (isNotFound(error) && op.key !== '' && parentId && (await isGone(op.pageId, ctx))) {
      const recreated: CreateOp = {
        kind: 'create',
        key: op.key,
        title: op.title,
        sourceFile: op.sourceFile,
        parentKey: op.parentKey ?? '',
        reason: '',
      };
      return createPage(
        recreated,
        parentId,
        ctx,
        `page ${op.pageId} was deleted in Confluence: created again`,
      );
    }
    throw error;
  }
  if (op.setOwner) await ctx.client.setOwner(op.pageId, { v: 1, path: op.key, hash: local.hash, version });
  const url = page?.url ?? before?.url;
  if (writesPage || op.setOwner)
    ctx.log.info(`${op.kind === 'update' ? 'updated' : 'moved'} "${op.title}"${url ? ` (${url})` : ''}`);
  return {
    outcome: op.kind === 'update' ? 'updated' : 'moved',
    pageId: op.pageId,
    url,
    detail,
    known: knownAfter(local, {
      pageId: op.pageId,
      title: op.title,
      url,
      version,
      parentId:
        op.changes.includes('parent') || (writesPage && parentId) ? parentId : (before?.parentId ?? parentId),
    }),
  };
}

async function isGone(pageId: string, ctx: WriteContext): Promise<boolean> {
  try {
    const page = await ctx.client.getPage(pageId);
    return page.status !== 'current';
  } catch (error) {
    if (isNotFound(error)) return true;
    throw error;
  }
}

/**
 * A 409 on update: someone wrote a version since the one we based ours on. Returns the current
 * version to overwrite, or the outcome when the policy says not to.
 */
async function onVersionConflict(
  op: UpdateOp,
  ctx: WriteContext,
): Promise<{ version: number; note: string } | WriteResult> {
  let current: RemotePage | undefined;
  try {
    current = await ctx.client.getPage(op.pageId, { authorName: true });
  } catch {
    // The conflict stands on its own; the details are a courtesy.
  }
  return resolveStale(op, current, ctx);
}

/**
 * The page is not at the version the operation is based on (`current`, when it could be read):
 * the rules of a 409, whether the PUT met it or the read before the first write found it.
 */
async function resolveStale(
  op: UpdateOp,
  current: RemotePage | undefined,
  ctx: WriteContext,
): Promise<{ version: number; note: string } | WriteResult> {
  // Our own earlier write of this very content, whose answer or state was lost (a crash): done.
  if (current && current.version.message === message(localPage(op.key, ctx).hash))
    return alreadyWritten(op, current, ctx);
  // An earlier cmsync write of other content whose state was lost: ours to write over.
  if (current && hashOfCurrentVersion(current))
    return { version: current.version.number, note: 'replaced a version an earlier run wrote' };
  if (ctx.config.onConflict === 'overwrite' && current)
    return {
      version: current.version.number,
      note: 'overwrote an edit made in Confluence (on-conflict: overwrite)',
    };
  // The person's name is for the report; where it costs a request, it is asked for only now.
  if (current && !current.version.authorName)
    current = await ctx.client.getPage(op.pageId, { authorName: true }).catch(() => current);
  const who = current?.version.authorName ?? current?.version.authorId ?? 'someone';
  const where = current?.url ?? `page ${op.pageId}`;
  const what = `${where} was edited in Confluence by ${who} since cmsync last wrote it (expected version ${op.fromVersion}, found ${current?.version.number ?? 'a newer one'})`;
  if (ctx.config.onConflict === 'skip')
    return {
      outcome: 'skipped',
      pageId: op.pageId,
      url: current?.url,
      detail: `${what}; skipped (on-conflict: skip)`,
    };
  return {
    outcome: 'conflict',
    pageId: op.pageId,
    url: current?.url,
    detail: `${what}; nothing written (on-conflict: fail)`,
  };
}

async function alreadyWritten(op: UpdateOp, current: RemotePage, ctx: WriteContext): Promise<WriteResult> {
  const local = localPage(op.key, ctx);
  // The run that wrote it may have stopped before the mark (a rename rewrites its path): without
  // it, the page would keep claiming the old path after a lost manifest. (A read without the
  // mark leaves it to setOwner, which compares before it writes.)
  if (op.setOwner && current.owner?.path !== op.key)
    await ctx.client.setOwner(current.id, {
      v: 1,
      path: op.key,
      hash: local.hash,
      version: current.version.number,
    });
  return {
    outcome: op.kind === 'update' ? 'updated' : 'moved',
    pageId: current.id,
    url: current.url,
    detail: `${op.reason}; Confluence already had this version (written by an earlier run)`,
    known: knownAfter(local, {
      pageId: current.id,
      title: op.title,
      url: current.url,
      version: current.version.number,
      parentId: current.parentId,
    }),
  };
}

/** What an update writes besides the page: all of it goes in before the page write. */
interface SideWrites {
  upload: LocalAttachment[];
  /** Attachments cmsync uploaded before that the page no longer uses. */
  remove: RemoteAttachment[];
  addLabels: string[];
  removeLabels: string[];
}

const NO_SIDE_WRITES: SideWrites = { upload: [], remove: [], addLabels: [], removeLabels: [] };

function hasSideWrites(side: SideWrites): boolean {
  return side.upload.length + side.remove.length + side.addLabels.length + side.removeLabels.length > 0;
}

/**
 * Attachments and labels to write, found without writing anything. With what cmsync last wrote
 * (`before`), changed files are known from their hashes and the attachments it uploaded from
 * their names; without it, the page's attachments are listed and cmsync's are the ones whose
 * comment is the hash cmsync writes. An attachment or a label a person added is never removed.
 */
async function sideWrites(
  pageId: string,
  local: LocalPage,
  before: KnownPage | undefined,
  ctx: WriteContext,
): Promise<SideWrites> {
  const wanted = new Set(local.attachments.map((a) => a.filename));
  let upload: LocalAttachment[];
  let remove: RemoteAttachment[] = [];
  const known = before?.attachments;
  if (known) {
    upload = local.attachments.filter((a) => known[a.filename] !== a.hash);
    const unused = new Set(Object.keys(known).filter((name) => !wanted.has(name)));
    if (unused.size) remove = (await ctx.client.listAttachments(pageId)).filter((a) => unused.has(a.title));
  } else {
    const remote = await ctx.client.listAttachments(pageId);
    const comments = new Map(remote.map((a) => [a.title, a.comment]));
    upload = local.attachments.filter((a) => comments.get(a.filename) !== attachmentComment(a));
    remove = remote.filter((a) => !wanted.has(a.title) && UPLOADED_BY_CMSYNC.test((a.comment ?? '').trim()));
  }

  // When what cmsync wrote is unknown, labels are only added: a person's label is not ours.
  let addLabels: string[] = [];
  let removeLabels: string[] = [];
  if (before?.labels !== undefined || local.labels.length) {
    const present = before?.labels ?? (await ctx.client.getLabels(pageId));
    addLabels = local.labels.filter((l) => !present.includes(l));
    if (before?.labels) removeLabels = before.labels.filter((l) => !local.labels.includes(l));
  }
  return { upload, remove, addLabels, removeLabels };
}

/**
 * Uploads first (the new body refers to them), then removals: the version the page write
 * creates says, through its hash, that the page has exactly the wanted attachments and labels.
 */
async function applySideWrites(pageId: string, side: SideWrites, ctx: WriteContext): Promise<void> {
  await uploadAttachments(pageId, side.upload, ctx);
  for (const a of side.remove) {
    ctx.log.debug(`removing attachment ${a.title}, which the page no longer uses`);
    await ctx.client.deleteAttachment(a.id);
  }
  if (side.addLabels.length) await ctx.client.addLabels(pageId, side.addLabels);
  for (const label of side.removeLabels) await ctx.client.removeLabel(pageId, label);
}

async function uploadAttachments(
  pageId: string,
  attachments: readonly LocalAttachment[],
  ctx: WriteContext,
): Promise<void> {
  await Promise.all(
    attachments.map(async (a) => {
      ctx.log.debug(`uploading ${a.path} as ${a.filename}`);
      await ctx.client.uploadAttachment({
        pageId,
        filename: a.filename,
        data: await ctx.readFile(a.path),
        mediaType: a.mediaType,
        comment: attachmentComment(a),
        minorEdit: !ctx.config.notifyWatchers,
        file: a.path,
      });
    }),
  );
}

function done(
  outcome: PageOutcome,
  page: Pick<RemotePage, 'id' | 'url'>,
  local: LocalPage,
  extra: { title: string; parentId: string; version: number; detail: string },
): WriteResult {
  return {
    outcome,
    pageId: page.id,
    url: page.url,
    detail: extra.detail,
    known: knownAfter(local, {
      pageId: page.id,
      title: extra.title,
      url: page.url,
      version: extra.version,
      parentId: extra.parentId,
    }),
  };
}

function knownAfter(
  local: LocalPage,
  page: { pageId: string; title: string; url?: string; version: number; parentId?: string },
): KnownPage {
  return {
    key: local.key,
    pageId: page.pageId,
    version: page.version,
    hash: local.hash,
    title: page.title,
    parentId: local.key === '' ? undefined : page.parentId,
    attachments: Object.fromEntries(local.attachments.map((a) => [a.filename, a.hash])),
    labels: [...local.labels],
    ...(page.url ? { url: page.url } : {}),
  };
}

function localPage(key: PageKey, ctx: WriteContext): LocalPage {
  const page = ctx.pages.get(key);
  if (!page) throw new Error(`internal: no local page for planned key ${JSON.stringify(key)}`);
  return page;
}
