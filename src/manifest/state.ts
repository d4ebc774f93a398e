/**
 * Known state around a run: restore the manifest before, store it after. In the Action it
 * travels through the Actions cache; the CLI keeps `.cmsync/manifest.json` in the workspace.
 * Never fails a run: a missing, stale or broken manifest only means the engine rebuilds the
 * state from Confluence (one listing per 250 pages) instead of trusting it.
 */
import type { Config } from '../config/types.js';
import type { Flavor } from '../confluence/types.js';
import { CONVERTER_VERSION } from '../markdown/index.js';
import type { KnownPage, SyncReport } from '../sync/types.js';
import { getErrorMessage } from '../util/diagnostics.js';
import type { Logger } from '../util/log.js';
import { restoreManifest, saveManifest } from './cache.js';
import { manifestPathIn, prepareStateDir } from './location.js';
import { fromKnownPages, loadManifest, toKnownPages, writeManifest } from './manifest.js';
import type { ManifestTarget } from './schema.js';

/** Where the manifest travels between runs. */
export type StateStore = 'actions-cache' | 'workspace';

export interface LoadedState {
  /** Undefined: rebuild from Confluence. */
  known?: KnownPage[];
  /** One line for the log and the summary saying where the state came from. */
  note: string;
  /** Cloud or Data Center, as the run that wrote the manifest found it. */
  flavor?: Flavor;
  /** The commit whose tree the restored state corresponds to (`Manifest.commit`), when recorded. */
  commit?: string;
}

function targetOf(config: Config): ManifestTarget {
  return {
    confluenceUrl: config.confluenceUrl,
    space: config.space,
    parentPageId: config.parentPageId,
    docsDir: config.docsDir,
  };
}

export async function loadState(config: Config, store: StateStore, log: Logger): Promise<LoadedState> {
  if (config.force) return { note: 'force: the manifest is ignored; state rebuilt from Confluence' };
  const path = manifestPathIn(config.workspace);
  if (store === 'actions-cache') {
    const restored = await restoreManifest({
      workspace: config.workspace,
      manifestKey: config.manifestKey,
      logger: log,
    });
    // A file left in a persistent (self-hosted) workspace after a miss may be stale: not trusted.
    if (!restored.restored)
      return { note: `no manifest in the Actions cache (${restored.reason}); state rebuilt from Confluence` };
  }
  const loaded = await loadManifest(path, targetOf(config));
  if ('problem' in loaded) {
    if (loaded.problem !== 'missing') log.warning(loaded.detail);
    return { note: loaded.detail };
  }
  const known = toKnownPages(loaded.manifest);
  return {
    known,
    ...(loaded.manifest.flavor ? { flavor: loaded.manifest.flavor } : {}),
    ...(loaded.manifest.commit ? { commit: loaded.manifest.commit } : {}),
    note: `manifest restored (${known.length} pages, written ${loaded.manifest.updatedAt})`,
  };
}

/**
 * Write the state after a run — also after a partly failed one: `report.known` holds every page
 * that did succeed, so the next run continues from there instead of starting over.
 */
export async function saveState(
  config: Config,
  report: SyncReport,
  store: StateStore,
  log: Logger,
  remember: { flavor?: Flavor; commit?: string } = {},
): Promise<string> {
  try {
    const path = await prepareStateDir(config.workspace);
    const manifest = fromKnownPages(
      {
        ...targetOf(config),
        converterVersion: CONVERTER_VERSION,
        updatedAt: new Date().toISOString(),
        ...(remember.flavor ? { flavor: remember.flavor } : {}),
        ...(remember.commit ? { commit: remember.commit } : {}),
      },
      report.known,
    );
    await writeManifest(path, manifest);
    if (store === 'workspace') return `manifest written to ${path} (${report.known.length} pages)`;
    const saved = await saveManifest({
      workspace: config.workspace,
      manifestKey: config.manifestKey,
      logger: log,
    });
    return saved.saved
      ? `manifest saved to the Actions cache as ${saved.key} (${report.known.length} pages)`
      : `manifest not saved to the Actions cache (${saved.reason}); the next run rebuilds it from Confluence`;
  } catch (error) {
    log.warning(`manifest not saved: ${getErrorMessage(error)}; the next run rebuilds it from Confluence`);
    return 'manifest not saved';
  }
}

/**
 * The commit to record with the state a run leaves (`Manifest.commit`): `head` (the commit the
 * run published) when the state is now fully that commit's, else `previous`. The state lags
 * behind when the run failed (a page that failed keeps its old entry, under its old path) or
 * when a page stayed under another key than its file's now (a renamed page skipped for a
 * conflict): the renames since `previous` are then still needed to find those pages next time,
 * and diffing from `head` would lose them. Keeping an older commit is always safe: it only makes
 * the next diff longer. Undefined when nothing can be recorded (no git, no earlier commit).
 */
export function commitToRecord(
  report: Pick<SyncReport, 'failed' | 'pages' | 'known'>,
  commits: { previous?: string; head?: string },
): string | undefined {
  return stateIsCurrent(report) ? commits.head : commits.previous;
}

function stateIsCurrent(report: Pick<SyncReport, 'failed' | 'pages' | 'known'>): boolean {
  if (report.failed) return false;
  if (report.pages.some((p) => p.outcome === 'failed' || p.outcome === 'conflict')) return false;
  const keysById = new Map<string, Set<string>>();
  for (const k of report.known) keysById.set(k.pageId, (keysById.get(k.pageId) ?? new Set()).add(k.key));
  // A page of the tree whose entry sits under another key: its rename is not recorded yet.
  return report.pages.every((p) => {
    if (p.id === undefined || p.outcome === 'deleted') return true;
    const keys = keysById.get(p.id);
    return keys === undefined || keys.has(p.key);
  });
}
