/**
 * Smart-sync statistics: what the run looked at, what it wrote, and what skipping the unchanged
 * pages saved compared with publishing everything. Pure: plan and outcomes in, figures out.
 */
import { SEARCH_LIMIT } from '../confluence/search.js';
import type { LocalPage, Plan, PageResult, SyncStats } from './types.js';

export interface StatsInput {
  plan: Plan;
  pages: readonly LocalPage[];
  results: readonly PageResult[];
  /** Requests this run made (every attempt, retries included). */
  requests: number;
}

export function syncStats(input: StatsInput): SyncStats {
  const pages = input.pages.filter((p) => !p.container);
  const changed = input.plan.operations.filter(
    (op) =>
      op.kind === 'create' ||
      op.kind === 'update' ||
      op.kind === 'move' ||
      op.kind === 'conflict' ||
      (op.kind === 'delete' && op.policy !== 'keep') ||
      // An existing page the run would write but did not: a conflict skipped by policy, or a
      // deletion refused. A new file left out (`publish: false`) or a page already gone is no change.
      (op.kind === 'skip' && op.pageId !== undefined && !op.dropKnown),
  ).length;
  const written = input.results.filter((r) =>
    ['created', 'updated', 'moved', 'deleted'].includes(r.outcome),
  ).length;
  const unchanged = input.results.filter((r) => r.outcome === 'unchanged').length;
  const fullPublishRequests = estimateFullPublish(pages);
  return {
    scanned: pages.length,
    changed,
    written,
    unchanged,
    requests: input.requests,
    fullPublishRequests,
    requestsSaved: Math.max(0, fullPublishRequests - input.requests),
  };
}

/**
 * What re-sending the whole tree (as tools without state do on every run) would cost, counted the way the engine
 * spends requests and assuming nothing fails: the setup reads (the space, the parent page with
 * its owner mark: 3) and one subtree listing per `SEARCH_LIMIT` pages, then for every page one
 * page write, one upload per attachment and one label request when it has labels. Sibling
 * reordering and title lookups are left out, so the estimate errs low and the saving it
 * reports is never inflated.
 */
export function estimateFullPublish(pages: readonly LocalPage[]): number {
  const setup = 3 + Math.max(1, Math.ceil(pages.length / SEARCH_LIMIT));
  return pages.reduce((sum, p) => sum + 1 + p.attachments.length + (p.labels.length ? 1 : 0), setup);
}
