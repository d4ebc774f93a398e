/**
 * The manifest round-trip through the REAL `@actions/cache` client (tar, zstd or gzip, Twirp,
 * Azure Blob SDK) against the loopback cache service in `__tests__/support`.
 */
import { constants } from 'node:fs';
import { access, readFile, symlink } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { loadManifest, writeManifest } from '../../src/manifest/manifest.js';
import { MANIFEST_CACHE_PATH, manifestPathIn } from '../../src/manifest/location.js';
import { manifestCacheKey, restoreManifest, saveManifest } from '../../src/manifest/cache.js';
import { memoryLogger } from '../../src/util/log.js';
import { startActionsCacheServer, type ActionsCacheServer } from '../support/actions-cache-server.js';
import { captureStdout, removeDir, sampleManifest, target, tempDir, withRunnerEnv } from './helpers.js';

const MANIFEST_KEY = 'cmsync-manifest';

let server: ActionsCacheServer;
let runnerTemp: string;
const workspaces: string[] = [];

beforeAll(async () => {
  server = await startActionsCacheServer();
  runnerTemp = await tempDir('runner-temp');
});

afterAll(async () => {
  await server.close();
  await Promise.all([runnerTemp, ...workspaces].map(removeDir));
});

async function newWorkspace(): Promise<string> {
  const dir = await tempDir('workspace');
  workspaces.push(dir);
  return dir;
}

/** Run `fn` as a step of run `runId` would, in `workspace`, with the cache service reachable. */
function inRunner<T>(workspace: string, run: { id: string; attempt: string }, fn: () => Promise<T>) {
  const env = {
    ...server.env,
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace,
    GITHUB_RUN_ID: run.id,
    GITHUB_RUN_ATTEMPT: run.attempt,
  };
  return withRunnerEnv(env, workspace, () => captureStdout(fn));
}

async function publishRun(runId: string, updatedAt: string) {
  const workspace = await newWorkspace();
  const manifest = sampleManifest(undefined, updatedAt);
  const logger = memoryLogger();
  const { result, stdout } = await inRunner(workspace, { id: runId, attempt: '1' }, async () => {
    await writeManifest(manifestPathIn(workspace), manifest);
    return saveManifest({ workspace, manifestKey: MANIFEST_KEY, logger });
  });
  return { workspace, manifest, logger, result, stdout };
}

async function restoreInFreshWorkspace(runId: string) {
  const workspace = await newWorkspace();
  const logger = memoryLogger();
  const { result, stdout } = await inRunner(workspace, { id: runId, attempt: '1' }, () =>
    restoreManifest({ workspace, manifestKey: MANIFEST_KEY, logger }),
  );
  return { workspace, logger, result, stdout };
}

const warnings = (lines: string[]) =>
  lines.filter((l) => l.startsWith('warning:') || l.startsWith('::warning'));

test('a saved manifest is restored by prefix into a fresh workspace, byte for byte', async () => {
  const saved = await publishRun('101', '2025-05-01T10:00:00.000Z');
  expect(saved.result).toEqual({ saved: true, key: 'cmsync-manifest-101-1' });
  expect(warnings([...saved.logger.lines, ...saved.stdout])).toEqual([]);

  const restored = await restoreInFreshWorkspace('102');
  expect(restored.result).toEqual({
    restored: true,
    key: 'cmsync-manifest-101-1',
    path: manifestPathIn(restored.workspace),
  });
  const original = await readFile(manifestPathIn(saved.workspace), 'utf8');
  expect(await readFile(manifestPathIn(restored.workspace), 'utf8')).toBe(original);
  expect(await loadManifest(manifestPathIn(restored.workspace), target)).toEqual({
    manifest: saved.manifest,
  });
  // The restore made the state folder ignore itself, so the manifest is never committed.
  expect(await readFile(join(restored.workspace, '.cmsync', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
});

test('a later save under a new run id is what the next restore gets', async () => {
  await publishRun('201', '2025-05-02T10:00:00.000Z');
  const newer = await publishRun('202', '2025-05-02T11:00:00.000Z');
  expect(newer.result).toEqual({ saved: true, key: 'cmsync-manifest-202-1' });

  const restored = await restoreInFreshWorkspace('203');
  expect(restored.result).toMatchObject({ restored: true, key: 'cmsync-manifest-202-1' });
  const loaded = await loadManifest(manifestPathIn(restored.workspace), target);
  expect(loaded).toEqual({ manifest: newer.manifest });
});

test('saving the same run attempt twice is a debug line, not a warning, and sends no reservation', async () => {
  const first = await publishRun('301', '2025-05-03T10:00:00.000Z');
  expect(first.result.saved).toBe(true);
  const reservations = server.requests.filter((r) => r.operation === 'CreateCacheEntry').length;

  const logger = memoryLogger();
  const again = await inRunner(first.workspace, { id: '301', attempt: '1' }, () =>
    saveManifest({ workspace: first.workspace, manifestKey: MANIFEST_KEY, logger }),
  );
  expect(again.result).toEqual({ saved: false, reason: 'exists', key: 'cmsync-manifest-301-1' });
  expect(logger.lines).toEqual([
    expect.stringMatching(/^debug: .*already in the Actions cache under cmsync-manifest-301-1/),
  ]);
  expect(warnings(again.stdout)).toEqual([]);
  expect(server.requests.filter((r) => r.operation === 'CreateCacheEntry')).toHaveLength(reservations);

  // A re-run is a new attempt, hence a new key.
  const rerun = await inRunner(first.workspace, { id: '301', attempt: '2' }, () =>
    saveManifest({ workspace: first.workspace, manifestKey: MANIFEST_KEY, logger: memoryLogger() }),
  );
  expect(rerun.result).toEqual({ saved: true, key: 'cmsync-manifest-301-2' });
});

test('the service refuses a second entry under an existing key; the client logs it as info', async () => {
  // Bypass the pre-check to show what the service and client do on their own.
  const { saveCache } = await import('@actions/cache');
  const first = await publishRun('401', '2025-05-04T10:00:00.000Z');
  const key = manifestCacheKey(MANIFEST_KEY, '401', '1');
  const { result, stdout } = await inRunner(first.workspace, { id: '401', attempt: '1' }, () =>
    saveCache([MANIFEST_CACHE_PATH], key),
  );
  expect(result).toBe(-1);
  expect(server.requests.at(-1)).toMatchObject({ operation: 'CreateCacheEntry', status: 409 });
  expect(stdout).toContainEqual(
    expect.stringMatching(/^Failed to save: Unable to reserve cache with key cmsync-manifest-401-1/),
  );
  expect(warnings(stdout)).toEqual([]);
  expect(server.entries().filter((e) => e.key === key)).toHaveLength(1);
});

test('only entries saved with the same path list are found (the version hashes the paths)', async () => {
  const { saveCache } = await import('@actions/cache');
  const workspace = await newWorkspace();
  await inRunner(workspace, { id: '501', attempt: '1' }, async () => {
    await writeManifest(manifestPathIn(workspace), sampleManifest());
    // Same file, spelled differently: a different cache version.
    expect(await saveCache([`./${MANIFEST_CACHE_PATH}`], 'other-manifest-501-1')).toBeGreaterThan(0);
  });
  const logger = memoryLogger();
  const fresh = await newWorkspace();
  const { result } = await inRunner(fresh, { id: '502', attempt: '1' }, () =>
    restoreManifest({ workspace: fresh, manifestKey: 'other-manifest', logger }),
  );
  expect(result).toMatchObject({ restored: false, reason: 'not-found' });
  expect(logger.lines).toEqual([
    expect.stringMatching(/^No manifest in the Actions cache under "other-manifest-\*"/),
  ]);
});

test('a restore with nothing saved under the prefix is a miss, not a warning', async () => {
  const workspace = await newWorkspace();
  const logger = memoryLogger();
  const { result, stdout } = await inRunner(workspace, { id: '601', attempt: '1' }, () =>
    restoreManifest({ workspace, manifestKey: 'never-saved', logger }),
  );
  expect(result).toEqual({ restored: false, reason: 'not-found', path: manifestPathIn(workspace) });
  expect(warnings([...logger.lines, ...stdout])).toEqual([]);
});

test('without the cache service (no runner environment) restore and save warn and carry on', async () => {
  const workspace = await newWorkspace();
  const logger = memoryLogger();
  const outcome = await withRunnerEnv({}, workspace, async () => {
    const restored = await restoreManifest({ workspace, manifestKey: MANIFEST_KEY, logger });
    await writeManifest(manifestPathIn(workspace), sampleManifest());
    const saved = await saveManifest({
      workspace,
      manifestKey: MANIFEST_KEY,
      logger,
      runId: '1',
      runAttempt: '1',
    });
    return { restored, saved };
  });
  expect(outcome.restored).toEqual({
    restored: false,
    reason: 'unavailable',
    path: manifestPathIn(workspace),
  });
  expect(outcome.saved).toEqual({ saved: false, reason: 'unavailable' });
  expect(logger.lines).toEqual([
    expect.stringMatching(
      /^warning: Starting without a saved manifest: the Actions cache service is not available/,
    ),
    expect.stringMatching(
      /^warning: The manifest is not saved to the Actions cache: the Actions cache service is not available/,
    ),
  ]);
});

test('a cache service error is a warning and an unsaved or missing manifest, never a throw', async () => {
  const workspace = await newWorkspace();
  const logger = memoryLogger();
  server.failNext('CreateCacheEntry', 403);
  const saved = await inRunner(workspace, { id: '701', attempt: '1' }, async () => {
    await writeManifest(manifestPathIn(workspace), sampleManifest());
    return saveManifest({ workspace, manifestKey: 'failing', logger });
  });
  expect(saved.result).toEqual({ saved: false, reason: 'error', key: 'failing-701-1' });
  expect(warnings(logger.lines)).toEqual([
    expect.stringMatching(/not saved to the Actions cache \(key failing-701-1/),
  ]);

  server.failNext('GetCacheEntryDownloadURL', 400);
  const restored = await inRunner(workspace, { id: '702', attempt: '1' }, () =>
    restoreManifest({ workspace, manifestKey: MANIFEST_KEY, logger: memoryLogger() }),
  );
  expect(restored.result).toMatchObject({ restored: false, reason: 'not-found' });
  // @actions/cache reports the service error itself, as a workflow warning.
  expect(warnings(restored.stdout)).toEqual([expect.stringMatching(/^::warning::Failed to restore: .*400/)]);
});

test('a working directory other than the workspace is refused before @actions/cache misplaces files', async () => {
  const workspace = await newWorkspace();
  const elsewhere = await newWorkspace();
  const logger = memoryLogger();
  const { result } = await withRunnerEnv(
    { ...server.env, RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: workspace },
    elsewhere,
    () => captureStdout(() => restoreManifest({ workspace, manifestKey: MANIFEST_KEY, logger })),
  );
  expect(result).toMatchObject({ restored: false, reason: 'unavailable' });
  expect(logger.lines).toEqual([
    expect.stringMatching(/^warning: .*needs the working directory .* to be the workspace/),
  ]);
});

test('a read-only cache mode skips the save with an info line', async () => {
  const workspace = await newWorkspace();
  const logger = memoryLogger();
  const env = {
    ...server.env,
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace,
    ACTIONS_CACHE_MODE: 'read',
  };
  const result = await withRunnerEnv(env, workspace, () =>
    saveManifest({ workspace, manifestKey: MANIFEST_KEY, logger, runId: '801', runAttempt: '1' }),
  );
  expect(result).toEqual({ saved: false, reason: 'read-only' });
  expect(logger.lines).toEqual([expect.stringMatching(/^The manifest is not saved .*cache mode "read"/)]);
});

test('a runner without zstd round-trips with gzip; zstd and gzip entries do not see each other', async () => {
  // Only tar and gzip on PATH: @actions/cache falls back to gzip, which is part of the version.
  const bin = await tempDir('bin');
  workspaces.push(bin);
  for (const tool of ['tar', 'gzip']) await symlink(await which(tool), join(bin, tool));
  const hasZstd = await which('zstd').then(
    () => true,
    () => false,
  );
  const step = <T>(dir: string, path: string | undefined, fn: () => Promise<T>) => {
    const env = {
      ...server.env,
      RUNNER_TEMP: runnerTemp,
      GITHUB_WORKSPACE: dir,
      ...(path ? { PATH: path } : {}),
    };
    return withRunnerEnv(env, dir, () => captureStdout(fn));
  };
  const save = async (path: string | undefined, runId: string) => {
    const workspace = await newWorkspace();
    const manifest = sampleManifest(undefined, `2025-05-09T10:00:0${runId.at(-1)}.000Z`);
    const { result, stdout } = await step(workspace, path, async () => {
      await writeManifest(manifestPathIn(workspace), manifest);
      return saveManifest({
        workspace,
        manifestKey: 'mixed',
        logger: memoryLogger(),
        runId,
        runAttempt: '1',
      });
    });
    return { manifest, result, stdout };
  };
  const restore = async (path: string | undefined) => {
    const workspace = await newWorkspace();
    const { result } = await step(workspace, path, () =>
      restoreManifest({ workspace, manifestKey: 'mixed', logger: memoryLogger() }),
    );
    return { result, loaded: await loadManifest(manifestPathIn(workspace), target) };
  };

  const withZstd = await save(undefined, '901');
  expect(withZstd.result).toEqual({ saved: true, key: 'mixed-901-1' });
  const withGzip = await save(bin, '902');
  expect(withGzip.result).toEqual({ saved: true, key: 'mixed-902-1' });
  expect(withGzip.stdout).toContainEqual(expect.stringMatching(/tar.* -z$/));

  const gzipRestore = await restore(bin);
  expect(gzipRestore.result).toMatchObject({ restored: true, key: 'mixed-902-1' });
  expect(gzipRestore.loaded).toEqual({ manifest: withGzip.manifest });
  if (hasZstd) {
    // The newer gzip entry is invisible to a runner with zstd: it still gets its own, older one.
    const zstdRestore = await restore(undefined);
    expect(zstdRestore.result).toMatchObject({ restored: true, key: 'mixed-901-1' });
    expect(zstdRestore.loaded).toEqual({ manifest: withZstd.manifest });
  }
});

/** Absolute path of a tool on the current PATH. */
async function which(tool: string): Promise<string> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, tool);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  throw new Error(`${tool} is not on PATH`);
}
