/** Temp workspaces and configs for sync tests (real files, real server on loopback). */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfluenceClient } from '../../src/confluence/client.js';
import type { Config } from '../../src/config/types.js';
import type { ConfluenceApi } from '../../src/confluence/types.js';
import type { EmbeddedConfluence } from '../../src/server/types.js';
import { memoryLogger } from '../../src/util/log.js';
import type { EngineDeps } from '../../src/sync/engine.js';

export type Files = Record<string, string | Uint8Array>;

/** A workspace folder under the OS temp dir with the given files (workspace-relative paths). */
export async function makeWorkspace(files: Files): Promise<string> {
  const ws = await mkdtemp(path.join(os.tmpdir(), 'cmsync-sync-'));
  await writeFiles(ws, files);
  return ws;
}

export async function writeFiles(ws: string, files: Files): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(ws, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
}

export async function removeFile(ws: string, rel: string): Promise<void> {
  await rm(path.join(ws, rel), { recursive: true, force: true });
}

export function baseConfig(workspace: string, overrides: Partial<Config> = {}): Config {
  return {
    confluenceUrl: 'http://127.0.0.1:9/wiki',
    username: 'demo@example.com',
    token: 'demo-token',
    space: 'DOCS',
    parentPageId: '1',
    workspace,
    docsDir: 'docs',
    mode: 'publish',
    onConflict: 'fail',
    onDelete: 'keep',
    force: false,
    concurrency: 4,
    notifyWatchers: false,
    githubToken: '',
    manifestKey: 'cmsync-manifest',
    deployment: 'cloud',
    htmlAllowList: [],
    maxDeleteRatio: 0.25,
    ...overrides,
  };
}

export function serverConfig(
  server: EmbeddedConfluence,
  workspace: string,
  overrides: Partial<Config> = {},
): Config {
  const space = server.space('DOCS');
  if (!space) throw new Error('the embedded server has no DOCS space');
  return baseConfig(workspace, {
    confluenceUrl: server.url,
    parentPageId: space.homepageId,
    deployment: server.flavor,
    ...(server.flavor === 'datacenter' ? { username: '', token: 'demo-pat' } : {}),
    ...overrides,
  });
}

/** Engine deps with a real client whose creation is counted, and a logger that keeps lines. */
export function deps(
  config: Config,
  extra: Partial<EngineDeps> = {},
): EngineDeps & { clientsCreated: () => number; lines: string[] } {
  const log = memoryLogger();
  let created = 0;
  const client = (): Promise<ConfluenceApi> => {
    created += 1;
    return ConfluenceClient.create({
      baseUrl: config.confluenceUrl,
      username: config.username,
      token: config.token,
      deployment: config.deployment,
      concurrency: config.concurrency,
      log,
      // Retries are real, their waiting is not: tests never sleep.
      sleep: () => Promise.resolve(),
    });
  };
  return { client, log, clientsCreated: () => created, lines: log.lines, ...extra };
}
