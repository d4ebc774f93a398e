/**
 * The executor: a plan × a client → what happened to every page, and the known state after the
 * run. Parents before children, siblings in parallel up to `concurrency`; a page that fails
 * takes down only the pages that needed it (its new children), the rest still publish; the
 * pages that succeeded are recorded so that a re-run continues where this one stopped.
 */
import pLimit from 'p-limit';
import { ConfluenceError, isTitleExists } from '../confluence/errors.js';
import { getErrorMessage, type Diagnostic } from '../util/diagnostics.js';
import { siblingMoves } from './order.js';
import { createPage, updatePage, type WriteContext, type WriteResult } from './page-writes.js';
import { reportPath } from './paths.js';
import { SetupError, settingProblem } from './setup.js';
import type { KnownPage, Operation, PageKey, PageResult, Plan } from './types.js';

export interface ExecuteInput extends WriteContext {
  plan: Plan;
  onProgress?: (done: number, total: number) => void;
}

export interface ExecuteResult {
  pages: PageResult[];
  known: KnownPage[];
  diagnostics: Diagnostic[];
}

/** Runs the plan. Never throws for a page's failure: it becomes that page's outcome. */
export async function execute(input: ExecuteInput): Promise<ExecuteResult> {
  const { plan, pages, config } = input;
  const limit = pLimit(config.concurrency);
  const results = new Map<Operation, WriteResult>();
  const ids = new Map<PageKey, string | undefined>([['', config.parentPageId]]);
  const diagnostics: Diagnostic[] = [];
  let ordering: 'on' | 'unsupported' = 'on';
  /** Parents whose children could not be put in order this run (the next run tries again). */
  const unordered = new Set<PageKey>();
  let done = 0;
  const total = plan.operations.length;
  const progress = (): void => input.onProgress?.(++done, total);

  const treeOps = new Map(plan.operations.filter((op) => pages.has(op.key)).map((op) => [op.key, op]));
  /** Set once Confluence refused the credentials or stopped answering: the rest is not tried. */
  let stopped: string | undefined;
  /** Writes that failed in a row after all their retries for want of an answer (or of patience). */
  let transientInARow = 0;
  const run = async (op: Operation): Promise<WriteResult> => {
    let result: WriteResult;
    if (stopped && needsWrite(op)) {
      result = {
        outcome: 'failed',
        detail: `not tried: ${stopped}`,
        pageId: 'pageId' in op ? op.pageId : undefined,
      };
      results.set(op, result);
      ids.set(op.key, result.pageId);
      progress();
      return result;
    }
    try {
      result = await runOne(op, input, ids);
      // Only an answered write shows Confluence is back (a skipped or refused page sent none).
      if (['created', 'updated', 'moved', 'deleted'].includes(result.outcome)) transientInARow = 0;
    } catch (error) {
      const message = getErrorMessage(error) + titleHint(error);
      result = {
        outcome: 'failed',
        detail: message,
        pageId: 'pageId' in op ? op.pageId : undefined,
      };
      // Every further request would fail the same way, each after its own retries (hours on a
      // large tree): one message about the setting, and the remaining pages wait for a re-run.
      // Short of that, a failure is this page's own (a 403 on a restricted page, one dropped
      // connection under load) and is reported at its file.
      transientInARow = isTransient(error) ? transientInARow + 1 : 0;
      const stopsTheRun =
        refusesCredentials(error) || error instanceof SetupError || transientInARow >= TRANSIENT_LIMIT;
      if (stopsTheRun) {
        const problem = settingProblem(error, config);
        if (!stopped)
          diagnostics.push(
            problem ?? {
              severity: 'error',
              message: `${message}; the pages not yet written were not tried, and a re-run continues from here`,
            },
          );
        stopped ??= problem?.message ?? message;
      } else if (op.sourceFile)
        diagnostics.push({
          severity: 'error',
          file: op.sourceFile,
          message: `"${op.title}" was not published: ${message}`,
        });
    }
    results.set(op, result);
    ids.set(op.key, result.pageId);
    progress();
    return result;
  };

  const reorder = async (parentKey: PageKey): Promise<void> => {
    const parentId = ids.get(parentKey);
    const children = pages.get(parentKey)?.children ?? [];
    // The children this run put under the parent, or whose place among their siblings changed.
    const placed = children.flatMap((key) => {
      const op = treeOps.get(key);
      const r = op && results.get(op);
      if (!op || !r || (r.outcome !== 'created' && r.outcome !== 'updated' && r.outcome !== 'moved'))
        return [];
      const arrived =
        op.kind === 'create' ||
        r.outcome === 'created' ||
        ((op.kind === 'update' || op.kind === 'move') &&
          (op.changes.includes('parent') || op.changes.includes('order')));
      return arrived ? [{ op, r }] : [];
    });
    if (!placed.length || !parentId || ordering !== 'on') return;
    // After a stop nothing more is asked of Confluence: the next run puts these pages in order.
    if (stopped) {
      unordered.add(parentKey);
      return;
    }
    const desired = children.flatMap((key) => {
      const id = ids.get(key);
      return id ? [id] : [];
    });
    try {
      const current = await limit(() => input.client.listChildren(parentId));
      for (const move of siblingMoves(
        current.map((p) => p.id),
        desired,
      ))
        await limit(() => input.client.movePage(move.pageId, move.position, move.targetId));
    } catch (error) {
      if (ordering !== 'on') return;
      const unsupported = error instanceof ConfluenceError && [404, 405, 501].includes(error.status);
      if (unsupported) {
        ordering = 'unsupported';
        input.log.warning(
          'this Confluence does not support ordering pages (no move endpoint): pages keep the order Confluence gives them',
        );
        return;
      }
      // Written but not in their place: the tree is not what the files say, so the run fails
      // for these pages (their writes are still recorded) and the next run puts them in order.
      unordered.add(parentKey);
      const why = `not put in its place among its siblings: ${getErrorMessage(error)}; a re-run does it`;
      for (const { op, r } of placed) {
        results.set(op, { ...r, outcome: 'failed', detail: `${r.detail ? `${r.detail}; ` : ''}${why}` });
        if (op.sourceFile)
          diagnostics.push({ severity: 'error', file: op.sourceFile, message: `"${op.title}" was ${why}` });
      }
      input.log.warning(
        `could not put the pages under ${reportPath(config.docsDir, parentKey)} in order: ${getErrorMessage(error)}`,
      );
    }
  };

  const visit = async (key: PageKey): Promise<void> => {
    const op = treeOps.get(key);
    if (op) await limit(() => run(op));
    const children = pages.get(key)?.children ?? [];
    await Promise.all(children.map(visit));
    await reorder(key);
  };
  await visit('');

  const treeFailed = [...results.values()].some((r) => r.outcome === 'failed' || r.outcome === 'conflict');
  for (const op of plan.operations) {
    if (treeOps.has(op.key) && treeOps.get(op.key) === op) continue;
    if (op.kind === 'delete' && op.policy !== 'keep' && treeFailed) {
      results.set(op, {
        outcome: 'skipped',
        pageId: op.pageId,
        detail: 'deletion refused because pages failed in this run',
      });
      progress();
      continue;
    }
    await run(op);
  }

  return {
    pages: plan.operations.map((op) => pageResult(op, results.get(op), input)),
    known: knownAfterRun(input, results, unordered),
    diagnostics,
  };
}

async function runOne(
  op: Operation,
  ctx: WriteContext,
  ids: ReadonlyMap<PageKey, string | undefined>,
): Promise<WriteResult> {
  const parentId = (key: PageKey | null): string | undefined => (key === null ? undefined : ids.get(key));
  const parentFailed = (): WriteResult => ({
    outcome: 'failed',
    detail: `parent page ${reportPath(ctx.config.docsDir, ctx.pages.get(op.key)?.parentKey ?? '')} failed, so this page could not be placed`,
  });
  switch (op.kind) {
    case 'unchanged':
      return { outcome: 'unchanged', pageId: op.pageId, detail: op.reason };
    case 'error':
      return { outcome: 'failed', pageId: op.pageId, detail: op.reason };
    case 'skip':
      return { outcome: 'skipped', pageId: op.pageId, detail: op.reason };
    case 'conflict':
      return { outcome: 'conflict', pageId: op.pageId, url: op.url, detail: op.reason };
    case 'create': {
      const parent = parentId(op.parentKey);
      return parent ? createPage(op, parent, ctx) : parentFailed();
    }
    case 'update':
    case 'move': {
      const parent = parentId(op.parentKey);
      if (op.changes.includes('parent') && !parent) return parentFailed();
      return updatePage(op, parent, ctx);
    }
    case 'delete':
      if (op.policy === 'keep') return { outcome: 'skipped', pageId: op.pageId, detail: op.reason };
      if (op.policy === 'archive') await ctx.client.archivePage(op.pageId);
      else await ctx.client.trashPage(op.pageId);
      ctx.log.info(`${op.policy === 'archive' ? 'archived' : 'trashed'} "${op.title}" (page ${op.pageId})`);
      return { outcome: 'deleted', pageId: op.pageId, detail: op.reason };
  }
}

function pageResult(op: Operation, r: WriteResult | undefined, input: ExecuteInput): PageResult {
  const { config, known } = input;
  const id = r?.pageId ?? ('pageId' in op ? op.pageId : undefined);
  const url = r?.url ?? knownUrl(known, op) ?? (id ? fallbackUrl(config.confluenceUrl, id) : undefined);
  return {
    key: op.key,
    path: op.sourceFile ?? reportPath(config.docsDir, op.key),
    title: op.title,
    ...(id ? { id } : {}),
    ...(url && r?.outcome !== 'deleted' ? { url } : {}),
    outcome: r?.outcome ?? 'skipped',
    ...((r?.detail ?? op.reason) ? { detail: r?.detail ?? op.reason } : {}),
  };
}

function knownUrl(known: ReadonlyMap<PageKey, KnownPage>, op: Operation): string | undefined {
  const from =
    (op.kind === 'update' || op.kind === 'move') && op.renamedFrom !== undefined ? op.renamedFrom : op.key;
  return known.get(from)?.url;
}

/** A link that works on Cloud and Data Center alike, for pages this run did not read. */
export function fallbackUrl(baseUrl: string, pageId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/pages/viewpage.action?pageId=${encodeURIComponent(pageId)}`;
}

/**
 * What cmsync knows after the run: new entries for pages written, the old entry (under its old
 * key, since nothing changed in Confluence) for pages that were not, nothing for deleted pages.
 */
function knownAfterRun(
  input: ExecuteInput,
  results: ReadonlyMap<Operation, WriteResult>,
  unordered: ReadonlySet<PageKey>,
): KnownPage[] {
  const byId = new Map([...input.known.values()].map((k) => [k.pageId, k]));
  const after = new Map<PageKey, KnownPage>();
  for (const op of input.plan.operations) {
    const r = results.get(op);
    if (r?.known) {
      after.set(op.key, r.known);
      continue;
    }
    if (r?.outcome === 'deleted' || (op.kind === 'skip' && op.dropKnown)) continue;
    const id = r?.pageId ?? ('pageId' in op ? op.pageId : undefined);
    const previous = id ? byId.get(id) : undefined;
    if (previous && !after.has(previous.key)) after.set(previous.key, { ...previous });
  }
  // Sibling positions as they now are: children in the desired order, counting pages that exist.
  for (const page of input.pages.values()) {
    const children = page.children.flatMap((key) => {
      const k = after.get(key);
      return k ? [k] : [];
    });
    if (unordered.has(page.key)) recordUnordered(children, byId);
    else children.forEach((k, index) => (k.index = index));
  }
  return [...after.values()];
}

/**
 * Positions after a reorder that failed: pages already there keep the place they had, and
 * pages that arrived (created or moved in) are after them, where Confluence appends — in an
 * order nobody knows when several arrived at once, so they are recorded in reverse. The next
 * run then sees an order that is not the wanted one and puts it right instead of trusting it.
 */
function recordUnordered(children: KnownPage[], before: ReadonlyMap<string, KnownPage>): void {
  const previous = (k: KnownPage): number | undefined => {
    const p = before.get(k.pageId);
    return p && p.parentId === k.parentId ? p.index : undefined;
  };
  const end = Math.max(-1, ...children.map((k) => previous(k) ?? -1)) + 1;
  let arrivals = children.filter((k) => previous(k) === undefined).length;
  for (const k of children) k.index = previous(k) ?? end + --arrivals;
}

function needsWrite(op: Operation): boolean {
  return (
    op.kind === 'create' ||
    op.kind === 'update' ||
    op.kind === 'move' ||
    (op.kind === 'delete' && op.policy !== 'keep')
  );
}

/**
 * After this many writes in a row ran out of retries without an answer (network, 429, 5xx),
 * Confluence is taken to be down or throttling for good: one such write can be bad luck under
 * load, several in a row with no success between are not.
 */
const TRANSIENT_LIMIT = 3;

/** Credentials no other page would escape (401; a 403 may be one page's restrictions). */
function refusesCredentials(error: unknown): boolean {
  return error instanceof ConfluenceError && error.kind === 'auth' && error.status === 401;
}

function isTransient(error: unknown): boolean {
  return (
    error instanceof ConfluenceError &&
    // 500/501 can be one page's own failure every time; 502–504 are the gateway's.
    (error.kind === 'network' || error.kind === 'rate-limited' || [502, 503, 504].includes(error.status))
  );
}

/**
 * What to do about a failure Confluence's own message does not explain. Titles are checked
 * before any write, so Confluence refusing one as taken means a page the search does not return
 * holds it: an archived page (archived pages keep their titles), a page the token's user cannot
 * see, or one created in the meantime.
 */
function titleHint(error: unknown): string {
  if (isTitleExists(error))
    return '. The title is held by a page the search did not show: an archived page (archived pages keep their titles), a page this user cannot see, or one created meanwhile; rename that page in Confluence, or choose another front matter `title`';
  if (error instanceof ConfluenceError && error.kind === 'too-large')
    return error.method === 'POST' && /attachment/.test(error.path)
      ? '. The attachment is larger than Confluence accepts (an administrator sets the limit): make the file smaller or link to it elsewhere'
      : '. The page is larger than Confluence accepts: split the Markdown file into several pages';
  return '';
}
