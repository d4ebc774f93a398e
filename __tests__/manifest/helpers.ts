/**
 * Shared fixtures for the manifest tests: sample manifests, temp folders, and a controlled
 * process environment for `@actions/cache` (which reads `process.env` and the working
 * directory at call time).
 */
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KnownPage } from '../../src/sync/types.js';
import type { ManifestTarget } from '../../src/manifest/schema.js';
import { fromKnownPages } from '../../src/manifest/manifest.js';

export const target: ManifestTarget = {
  confluenceUrl: 'https://acme.atlassian.net/wiki',
  space: 'DOCS',
  parentPageId: '1000',
  docsDir: 'docs',
};

export const known: KnownPage[] = [
  { key: '', pageId: '1000', version: 4, title: 'Docs', hash: 'a'.repeat(64) },
  {
    key: 'guide/',
    pageId: '1001',
    version: 2,
    title: 'Guide',
    parentId: '1000',
    hash: 'b'.repeat(64),
    labels: ['guide'],
  },
  {
    key: 'guide/install.md',
    pageId: '1002',
    version: 7,
    title: 'Install',
    parentId: '1001',
    hash: 'c'.repeat(64),
    attachments: { 'diagram.png': 'd'.repeat(64) },
    labels: ['setup', 'install'],
  },
  // Adopted page: hash, attachments and labels unknown.
  { key: 'faq.md', pageId: '1003', version: 1, title: 'FAQ', parentId: '1000' },
];

export function sampleManifest(pages: KnownPage[] = known, updatedAt = '2025-05-01T12:00:00.000Z') {
  return fromKnownPages({ ...target, converterVersion: '1', updatedAt }, pages);
}

/** A fresh folder under the OS temp dir (real path, so it compares equal to `process.cwd()`). */
export async function tempDir(prefix: string): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), `cmsync-${prefix}-`)));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Every variable that steers `@actions/cache` or names the run. Cleared before each cache test,
 * so a test run inside GitHub Actions never reaches the real cache service.
 */
const CACHE_ENV = [
  'ACTIONS_CACHE_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_CACHE_MODE',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_ATTEMPT',
  'GITHUB_REF',
  'RUNNER_TEMP',
  'RUNNER_DEBUG',
  'CACHE_UPLOAD_CONCURRENCY',
  'CACHE_UPLOAD_CHUNK_SIZE',
  'SEGMENT_DOWNLOAD_TIMEOUT_MINS',
];

/**
 * Run `fn` with the cache variables set to exactly `vars` (other variables named in `vars`,
 * like PATH, are replaced too) and the working directory at `cwd`; everything is put back
 * afterwards, even when `fn` throws.
 */
export async function withRunnerEnv<T>(
  vars: Record<string, string>,
  cwd: string | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  const names = new Set([...CACHE_ENV, ...Object.keys(vars)]);
  const saved = new Map([...names].map((name) => [name, process.env[name]]));
  const savedCwd = process.cwd();
  for (const name of names) delete process.env[name];
  Object.assign(process.env, vars);
  if (cwd) process.chdir(cwd);
  try {
    return await fn();
  } finally {
    process.chdir(savedCwd);
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * Run `fn` and keep what it writes to stdout. `@actions/core` (inside `@actions/cache`) writes
 * its log lines and workflow commands there; captured, they stay out of the test output and,
 * when the suite runs in GitHub Actions, never become commands for the real runner.
 */
export async function captureStdout<T>(fn: () => Promise<T>): Promise<{ result: T; stdout: string[] }> {
  const original = process.stdout.write;
  const chunks: string[] = [];
  const capture = (chunk: unknown, ...rest: unknown[]): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const callback = rest.find((r): r is () => void => typeof r === 'function');
    callback?.();
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  try {
    const result = await fn();
    return {
      result,
      stdout: chunks
        .join('')
        .split(/\r?\n/)
        .filter((line) => line !== ''),
    };
  } finally {
    process.stdout.write = original;
  }
}
