/**
 * Keeping the manifest between workflow runs in the GitHub Actions cache.
 *
 * Cache entries are immutable, so every run saves a new one under
 * `<manifest-key>-<run id>-<attempt>` and a run restores the newest entry whose key starts with
 * `<manifest-key>-`. The cache is an optimisation: when it is unavailable or fails, the run
 * carries on without a manifest (the engine rebuilds the state from Confluence) or without
 * saving one, and never fails because of it.
 *
 * How `@actions/cache` shapes this module:
 * - It reads its configuration from the environment at call time (`ACTIONS_RESULTS_URL`,
 *   `ACTIONS_RUNTIME_TOKEN`, `ACTIONS_CACHE_SERVICE_V2`, `ACTIONS_CACHE_MODE`, `RUNNER_TEMP`,
 *   `GITHUB_WORKSPACE`, `GITHUB_SERVER_URL`), nothing at import time.
 * - It resolves the cached path against the working directory, and archives and extracts
 *   relative to `GITHUB_WORKSPACE` (else the working directory), so both must be the workspace.
 * - The entry's version is a hash of the path list (plus the compression method: zstd when the
 *   runner has it, else gzip), so restore and save always pass `[MANIFEST_CACHE_PATH]`.
 * - It swallows service errors (returning "no entry" / -1) and reports them itself with
 *   `core.warning`/`core.info`, straight to the workflow log; this module adds what it means
 *   for cmsync through the `Logger`.
 */
import * as cache from '@actions/cache';
import { realpathSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { getErrorMessage } from '../util/diagnostics.js';
import type { Logger } from '../util/log.js';
import { MANIFEST_CACHE_PATH, manifestPathIn, prepareStateDir } from './location.js';

export interface ManifestCacheOptions {
  /** Absolute path of the workspace: the working directory and `GITHUB_WORKSPACE` must match it. */
  workspace: string;
  /** The `manifest-key` input: prefix of every cache key (default in action.yml: `cmsync-manifest`). */
  manifestKey: string;
  logger: Logger;
}

export interface SaveManifestOptions extends ManifestCacheOptions {
  /** Workflow run id (default: `GITHUB_RUN_ID` at call time). */
  runId?: string;
  /** Run attempt, 1 for the first (default: `GITHUB_RUN_ATTEMPT` at call time). */
  runAttempt?: string;
}

/** Outcome of a restore. `path` is where the manifest is (or would be) in the workspace. */
export type RestoreManifestResult =
  | { restored: true; key: string; path: string }
  | { restored: false; reason: 'unavailable' | 'not-found' | 'error'; path: string };

/** Outcome of a save. `exists`: this run and attempt already saved (a re-run of a finished step). */
export type SaveManifestResult =
  | { saved: true; key: string }
  | { saved: false; reason: 'unavailable' | 'read-only' | 'exists' | 'no-manifest' | 'error'; key?: string };

/**
 * The key prefix a restore matches: `<manifest-key>-`. It also matches a longer manifest key
 * (`cmsync-manifest-handbook-…`); such a manifest names another target and the loader rejects it.
 */
export function manifestKeyPrefix(manifestKey: string): string {
  return `${manifestKey}-`;
}

/** The immutable key one run attempt saves under: `<manifest-key>-<run id>-<attempt>`. */
export function manifestCacheKey(manifestKey: string, runId: string, runAttempt: string): string {
  return `${manifestKeyPrefix(manifestKey)}${runId}-${runAttempt}`;
}

/**
 * Put the newest saved manifest at `.cmsync/manifest.json` in the workspace. A miss or any
 * failure leaves whatever file was there (none on a fresh runner) and resolves; it never throws.
 */
export async function restoreManifest(options: ManifestCacheOptions): Promise<RestoreManifestResult> {
  const { workspace, manifestKey, logger } = options;
  const path = manifestPathIn(workspace);
  const unusable = cacheUnusable(workspace, 'read');
  if (unusable) {
    logger[unusable.level](`Starting without a saved manifest: ${unusable.message}.`);
    return { restored: false, reason: 'unavailable', path };
  }
  const prefix = manifestKeyPrefix(manifestKey);
  try {
    await prepareStateDir(workspace);
    // github.com matches the primary key exactly, then as a prefix (newest first); repeating
    // the prefix as a restore key keeps prefix matching on a service that does not.
    const key = await cache.restoreCache([MANIFEST_CACHE_PATH], prefix, [prefix]);
    if (key === undefined) {
      logger.info(
        `No manifest in the Actions cache under "${prefix}*" (first run, expired, or see the cache message above).`,
      );
      return { restored: false, reason: 'not-found', path };
    }
    logger.info(`Restored the manifest from the Actions cache (key ${key}).`);
    return { restored: true, key, path };
  } catch (error) {
    logger.warning(`Could not restore the manifest from the Actions cache: ${getErrorMessage(error)}.`);
    return { restored: false, reason: 'error', path };
  }
}

/**
 * Save `.cmsync/manifest.json` under `<manifest-key>-<run id>-<attempt>`. Resolves with what
 * happened and never throws: a manifest that is not saved only makes the next run slower.
 */
export async function saveManifest(options: SaveManifestOptions): Promise<SaveManifestResult> {
  const { workspace, manifestKey, logger } = options;
  const runId = options.runId ?? process.env.GITHUB_RUN_ID;
  const runAttempt = options.runAttempt ?? process.env.GITHUB_RUN_ATTEMPT;
  const notSaved = 'The manifest is not saved to the Actions cache';
  const unusable = cacheUnusable(workspace, 'write');
  if (unusable) {
    logger[unusable.level](`${notSaved}: ${unusable.message}.`);
    return { saved: false, reason: unusable.mode ? 'read-only' : 'unavailable' };
  }
  if (!runId || !runAttempt) {
    logger.warning(`${notSaved}: GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT are needed for its key.`);
    return { saved: false, reason: 'unavailable' };
  }
  const key = manifestCacheKey(manifestKey, runId, runAttempt);
  try {
    const path = await prepareStateDir(workspace);
    if (!(await exists(path))) {
      logger.warning(`${notSaved}: there is no ${MANIFEST_CACHE_PATH} in the workspace.`);
      return { saved: false, reason: 'no-manifest', key };
    }
    // Keys are immutable: a re-run of this very attempt finds its entry already there. Asking
    // first turns that expected case into a debug line instead of a failed reservation.
    const existing = await cache.restoreCache([MANIFEST_CACHE_PATH], key, [], { lookupOnly: true });
    if (existing === key) {
      logger.debug(`The manifest is already in the Actions cache under ${key}; nothing to save.`);
      return { saved: false, reason: 'exists', key };
    }
    const id = await cache.saveCache([MANIFEST_CACHE_PATH], key);
    if (id === -1) {
      logger.warning(
        `${notSaved} (key ${key}; see the cache message above). The next run rebuilds it from Confluence.`,
      );
      return { saved: false, reason: 'error', key };
    }
    logger.info(`Saved the manifest to the Actions cache (key ${key}).`);
    return { saved: true, key };
  } catch (error) {
    logger.warning(`${notSaved}: ${getErrorMessage(error)}.`);
    return { saved: false, reason: 'error', key };
  }
}

interface Unusable {
  level: 'warning' | 'info';
  message: string;
  /** Set when the run's cache mode (a policy, not a fault) forbids the access. */
  mode?: string;
}

/** Why the cache cannot be used here for `use`, or undefined when it can. */
function cacheUnusable(workspace: string, use: 'read' | 'write'): Unusable | undefined {
  if (!cache.isFeatureAvailable()) {
    return {
      level: 'warning',
      message: 'the Actions cache service is not available (not on a GitHub-hosted or configured runner)',
    };
  }
  // The runner exports ACTIONS_CACHE_MODE (e.g. `read` for untrusted pull requests);
  // @actions/cache then skips the call with an info line, and so does this module.
  const mode = (process.env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
  const allowed = use === 'read' ? ['read', 'write'] : ['write', 'write-only'];
  if (['none', 'read', 'write', 'write-only'].includes(mode) && !allowed.includes(mode)) {
    return { level: 'info', message: `this run's cache mode "${mode}" does not allow cache ${use}s`, mode };
  }
  const cwd = realPath(process.cwd());
  const root = realPath(workspace);
  if (cwd !== root) {
    return {
      level: 'warning',
      message: `@actions/cache needs the working directory (${cwd}) to be the workspace (${root})`,
    };
  }
  const githubWorkspace = process.env.GITHUB_WORKSPACE;
  if (githubWorkspace && realPath(githubWorkspace) !== root) {
    return {
      level: 'warning',
      message: `GITHUB_WORKSPACE (${githubWorkspace}) is not the workspace (${root})`,
    };
  }
  return undefined;
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
