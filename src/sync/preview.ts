/**
 * The preview of a publish: the same plan, not executed, turned into what a reviewer reads —
 * page by page, with the current Confluence link and a readable diff of the content. Used by
 * the Action on pull requests and by `cmsync plan`.
 */
import type { Config } from '../config/types.js';
import type { ConfluenceApi } from '../confluence/types.js';
import { previewMarker, type PreviewEntry, type PreviewModel } from '../report/preview.js';
import { storageToText } from '../report/storage-text.js';
import { getErrorMessage } from '../util/diagnostics.js';
import type { Logger } from '../util/log.js';
import { planSync } from './engine.js';
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
  headSha?: string;
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

  if (confluenceChecked) await addBeforeTexts(plan.operations, entries, options.client, log);
  return {
    entries,
    diagnostics,
    space: config.space,
    marker: previewMarker(config.space, config.docsDir),
    headSha: options.headSha,
    summaryUrl: options.summaryUrl,
    confluenceChecked,
  };
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
  if ((op.kind === 'update' || op.kind === 'move') && op.previousTitle !== op.title)
    entry.previousTitle = op.previousTitle;
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
