/**
 * Reading and writing the manifest: what cmsync last wrote to Confluence, per page. A manifest
 * is a shortcut, never the truth: whenever it is missing, damaged, from an unknown schema or
 * for another target, the loader says why and the engine rebuilds the state from Confluence
 * (the owner marks on the pages), which is slower but never creates duplicates.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import type { KnownPage } from '../sync/types.js';
import { getErrorMessage } from '../util/diagnostics.js';
import {
  isRecord,
  MANIFEST_SCHEMA,
  validateManifest,
  type Manifest,
  type ManifestHeader,
  type ManifestPage,
  type ManifestTarget,
} from './schema.js';

/** Why a manifest on disk was not used. */
export type ManifestProblem = 'missing' | 'corrupt' | 'old-schema' | 'new-schema' | 'other-target';

/** A usable manifest, or why there is none (`detail` is a sentence for the log). */
export type LoadResult = { manifest: Manifest } | { problem: ManifestProblem; detail: string };

/** The header fields a run supplies; `schema` and `tool` are filled in. */
export type NewManifestHeader = Omit<ManifestHeader, 'schema' | 'tool'>;

const REBUILD = 'cmsync ignores it and rebuilds the state from Confluence';

type MigrationStep = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * Steps that turn the JSON of schema N into schema N + 1, keyed by N. Empty while schema 1 is
 * the only one; schema 2 adds `[1, (v1) => ({ ...v1, schema: 2, … })]` and old caches keep
 * working. A schema with no path to the current one is discarded, never guessed at.
 */
const MIGRATIONS: ReadonlyMap<number, MigrationStep> = new Map();

/**
 * Bring parsed manifest JSON up to `MANIFEST_SCHEMA`, or say why it cannot be.
 * Exported for the tests of future steps; `parseManifest` calls it.
 */
export function migrate(
  raw: Record<string, unknown>,
  steps: ReadonlyMap<number, MigrationStep> = MIGRATIONS,
): { ok: true; value: Record<string, unknown> } | { ok: false; problem: ManifestProblem; reason: string } {
  let value = raw;
  for (;;) {
    const schema = value.schema;
    if (typeof schema !== 'number' || !Number.isSafeInteger(schema)) {
      return { ok: false, problem: 'corrupt', reason: 'it has no integer "schema" field' };
    }
    if (schema === MANIFEST_SCHEMA) return { ok: true, value };
    if (schema > MANIFEST_SCHEMA) {
      return {
        ok: false,
        problem: 'new-schema',
        reason: `it uses schema ${schema}, newer than the ${MANIFEST_SCHEMA} this cmsync understands (written by a newer release)`,
      };
    }
    const step = steps.get(schema);
    if (!step) {
      return {
        ok: false,
        problem: 'old-schema',
        reason: `it uses schema ${schema}, which this cmsync (schema ${MANIFEST_SCHEMA}) cannot migrate`,
      };
    }
    value = step(value);
  }
}

/** Parse and check manifest text against the run's target. Pure; `source` names it in messages. */
export function parseManifest(text: string, target: ManifestTarget, source = 'the manifest'): LoadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      problem: 'corrupt',
      detail: `${source} is not valid JSON (${getErrorMessage(error)}); ${REBUILD}.`,
    };
  }
  if (!isRecord(json)) return { problem: 'corrupt', detail: `${source} is not a JSON object; ${REBUILD}.` };
  const migrated = migrate(json);
  if (!migrated.ok)
    return { problem: migrated.problem, detail: `${source}: ${migrated.reason}; ${REBUILD}.` };
  const checked = validateManifest(migrated.value);
  if (!checked.ok)
    return { problem: 'corrupt', detail: `${source} is damaged: ${checked.reason}; ${REBUILD}.` };
  const mismatch = targetMismatch(checked.value, target);
  if (mismatch) {
    return {
      problem: 'other-target',
      detail: `${source} belongs to another publication (${mismatch}); ${REBUILD}.`,
    };
  }
  return { manifest: checked.value };
}

/** Read the manifest at `path`; never throws for a missing, unreadable or bad file. */
export async function loadManifest(path: string, target: ManifestTarget): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // Not `instanceof Error`: errors from Node's fs may come from another realm (vm, jest).
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') {
      return {
        problem: 'missing',
        detail: `No manifest at ${path}; cmsync rebuilds the state from Confluence.`,
      };
    }
    return { problem: 'corrupt', detail: `Could not read ${path} (${getErrorMessage(error)}); ${REBUILD}.` };
  }
  return parseManifest(text, target, path);
}

/** Why `header` is for another target than `target` (which fields differ), or undefined. */
export function targetMismatch(header: ManifestTarget, target: ManifestTarget): string | undefined {
  const differences: string[] = [];
  const compare = (name: keyof ManifestTarget, normalize: (value: string) => string): void => {
    const [saved, wanted] = [normalize(header[name]), normalize(target[name])];
    if (saved !== wanted) differences.push(`${name} ${JSON.stringify(saved)}, not ${JSON.stringify(wanted)}`);
  };
  compare('confluenceUrl', normalizeUrl);
  compare('space', (s) => s);
  compare('parentPageId', (s) => s);
  compare('docsDir', normalizeDir);
  return differences.length > 0 ? differences.join('; ') : undefined;
}

/** The state a run leaves behind, as a manifest. Pure; duplicate keys are a caller bug and throw. */
export function fromKnownPages(header: NewManifestHeader, known: readonly KnownPage[]): Manifest {
  const pages = new Map<string, ManifestPage>();
  for (const page of known) {
    if (pages.has(page.key))
      throw new Error(`fromKnownPages: page key ${JSON.stringify(page.key)} appears twice`);
    const entry: ManifestPage = { pageId: page.pageId, version: page.version, title: page.title };
    if (page.hash !== undefined) entry.hash = page.hash;
    if (page.parentId !== undefined) entry.parentId = page.parentId;
    if (page.attachments !== undefined) entry.attachments = { ...page.attachments };
    if (page.labels !== undefined) entry.labels = [...page.labels];
    if (page.index !== undefined) entry.index = page.index;
    if (page.url !== undefined) entry.url = page.url;
    pages.set(page.key, entry);
  }
  const sorted = [...pages.entries()].sort(([a], [b]) => compareKeys(a, b));
  return {
    schema: MANIFEST_SCHEMA,
    tool: 'cmsync',
    confluenceUrl: header.confluenceUrl,
    space: header.space,
    parentPageId: header.parentPageId,
    docsDir: header.docsDir,
    converterVersion: header.converterVersion,
    updatedAt: header.updatedAt,
    ...(header.flavor !== undefined ? { flavor: header.flavor } : {}),
    ...(header.commit !== undefined ? { commit: header.commit } : {}),
    pages: Object.fromEntries(sorted),
  };
}

/** The pages of a manifest as `KnownPage`s, sorted by key. Pure; nothing is shared with `manifest`. */
export function toKnownPages(manifest: Manifest): KnownPage[] {
  return Object.keys(manifest.pages)
    .sort(compareKeys)
    .map((key) => {
      const { pageId, version, hash, title, parentId, attachments, labels, index, url } = manifest.pages[key];
      const page: KnownPage = { key, pageId, version, title };
      if (hash !== undefined) page.hash = hash;
      if (parentId !== undefined) page.parentId = parentId;
      if (attachments !== undefined) page.attachments = { ...attachments };
      if (labels !== undefined) page.labels = [...labels];
      if (index !== undefined) page.index = index;
      if (url !== undefined) page.url = url;
      return page;
    });
}

/** The file text for `manifest`: validated first, so cmsync never writes what it would refuse to read. */
export function serializeManifest(manifest: Manifest): string {
  const checked = validateManifest(JSON.parse(JSON.stringify(manifest)));
  if (!checked.ok) throw new Error(`Refusing to write an invalid manifest: ${checked.reason}`);
  // Sorted keys keep the file stable from run to run, so two manifests diff cleanly.
  const pages = Object.fromEntries(Object.entries(checked.value.pages).sort(([a], [b]) => compareKeys(a, b)));
  return `${JSON.stringify({ ...checked.value, pages }, null, 2)}\n`;
}

export interface WriteManifestOptions {
  /**
   * Runs once the temporary file is complete and synced, just before it replaces `path`.
   * For tests (a throw here stands for a crash: the old manifest must survive) and diagnostics.
   */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

/**
 * Write `manifest` to `path` atomically: a temporary file in the same folder (a rename across
 * file systems is not atomic), fsync, then rename over the old file. A reader sees the old
 * manifest or the new one, never a partial file; a crash leaves at most a stray `.tmp` file.
 */
export async function writeManifest(
  path: string,
  manifest: Manifest,
  options: WriteManifestOptions = {},
): Promise<void> {
  const text = serializeManifest(manifest);
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', 0o644);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await options.beforeRename?.(temp);
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Make the rename itself durable. Best effort: some platforms (Windows) cannot fsync a folder. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // The data is written and renamed; only durability across a power cut is not guaranteed.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Code-unit order, the same on every machine (no locale). */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compare URLs by origin (case-insensitive host) and path, ignoring trailing slashes. */
function normalizeUrl(value: string): string {
  try {
    const url = new URL(value.trim());
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return value.trim().replace(/\/+$/, '');
  }
}

/** `docs`, `./docs` and `docs/` are one folder; `''` and `.` are the workspace root. */
function normalizeDir(value: string): string {
  const normalized = posix.normalize(value.replace(/\\/g, '/') || '.').replace(/\/+$/, '');
  return normalized === '' ? '.' : normalized;
}
