/**
 * Incremental-publish benchmark: what runs cost against the SPEC "Cost targets", measured on
 * the embedded server over real HTTP. Every run goes through `publishFlow`, as users run it,
 * with the manifest in the temp workspace's `.cmsync/`.
 *
 * Ratios compare a figure with its limit or target: 1.00 = at the limit, above is worse. For a
 * target of zero, 0 counts as 1.00 and anything else as ∞ (every request is a miss).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClientFactory } from '../src/config/client.js';
import { buildConfig } from '../src/config/settings.js';
import type { Config } from '../src/config/types.js';
import { startServer } from '../src/server/index.js';
import type { EmbeddedConfluence, RecordedRequest } from '../src/server/types.js';
import { publishFlow, type EventFields } from '../src/sync/flow.js';
import type { SyncReport } from '../src/sync/types.js';
import { memoryLogger } from '../src/util/log.js';
import { writeCorpus } from './corpus.js';

export interface IncrementalBenchOptions {
  pages?: number;
  latencyMs?: number;
  concurrency?: number;
}

/** The SPEC's "about one listing request per 250 managed pages" (CQL search page size). */
const PAGES_PER_LISTING = 250;

export async function benchIncremental(options: IncrementalBenchOptions = {}): Promise<string[]> {
  const pages = options.pages ?? 1000;
  const latencyMs = options.latencyMs ?? 20;
  const concurrency = options.concurrency ?? 4;
  const lines = await withFixture({ pages, latencyMs, concurrency }, (f) => costScenarios(f));
  const storm = { pages: STORM_PAGES, latencyMs, concurrency, seed: STORM_SEED };
  lines.push(...(await withFixture(storm, (f) => rateLimitStorm(f))));
  return lines;
}

/** A temp workspace with a generated docs tree, and a server; both removed even on failure. */
export interface Fixture {
  dir: string;
  server: EmbeddedConfluence;
  /** `deployment: cloud`, as a Cloud site is recognised without a request. */
  config: Config;
  /** `deployment: auto`: a non-Atlassian host, where only a probe (once) or the manifest can tell the flavour. */
  autoConfig: Config;
  pages: number;
  latencyMs: number;
  concurrency: number;
}

export async function withFixture<T>(
  input: { pages: number; latencyMs: number; concurrency: number; seed?: number },
  fn: (fixture: Fixture) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cmsync-bench-incremental-'));
  let server: EmbeddedConfluence | undefined;
  try {
    server = await startServer({ faults: { latencyMs: input.latencyMs }, seed: input.seed });
    writeCorpus(dir, { pages: input.pages });
    const settings = (deployment: string): Config =>
      buildConfig(
        {
          'confluence-url': server!.url,
          username: 'demo@example.com',
          token: 'demo-token',
          space: 'DOCS',
          'parent-page-id': server!.space('DOCS')!.homepageId,
          'docs-dir': 'docs',
          concurrency: String(input.concurrency),
          deployment,
        },
        { workspace: dir },
      );
    // A Cloud site (*.atlassian.net) is known to be Cloud without asking; 127.0.0.1 is not, so
    // `cloud` reproduces what Cloud users pay. `auto` adds the flavour probe Data Center users pay.
    const config = settings('cloud');
    return await fn({ ...input, dir, server, config, autoConfig: settings('auto') });
  } finally {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Measured {
  wallMs: number;
  requests: readonly RecordedRequest[];
  report: SyncReport;
  notes: string[];
}

/** One publish as users run it, with the server's request log reset before. */
export async function measure(
  f: Fixture,
  options: { event?: EventFields; config?: Config } = {},
): Promise<Measured> {
  const { event, config = f.config } = options;
  f.server.resetRequests();
  const log = memoryLogger();
  const started = performance.now();
  const { report, notes } = await publishFlow({
    config,
    client: createClientFactory(config, { log }),
    log,
    store: 'workspace',
    event,
  });
  return { wallMs: performance.now() - started, requests: f.server.requests(), report, notes };
}

async function costScenarios(f: Fixture): Promise<string[]> {
  const lines: string[] = [];
  const { pages, latencyMs, concurrency } = f;

  const initial = await measure(f);
  const noop = await measure(f);
  const limitMs = (initial.requests.length * latencyMs) / concurrency;
  // The wall time includes reading and converting the Markdown before any request; the no-op
  // run is exactly that phase, so the difference is the time spent talking to Confluence.
  const talkingMs = Math.max(0, initial.wallMs - noop.wallMs);
  lines.push(
    `initial publish (${pages} pages, no manifest, ${latencyMs} ms latency, concurrency ${concurrency}): ` +
      `${seconds(initial.wallMs)} wall, ${initial.requests.length} requests (${writes(initial)} writes); ` +
      `limit ${initial.requests.length} × ${latencyMs} ms ÷ ${concurrency} = ${seconds(limitMs)} → ` +
      `ratio ${ratio(initial.wallMs, limitMs)} (1.00 = perfect pipelining)${failure(initial)}`,
    `  without reading/converting Markdown (≈ the no-op run's ${seconds(noop.wallMs)}): ${seconds(talkingMs)} → ` +
      `ratio ${ratio(talkingMs, limitMs)}`,
    `  by kind: ${byKind(initial.requests)}`,
  );

  lines.push(
    `no-op, warm manifest: ${noop.requests.length} requests (target 0) → ratio ${ratio(noop.requests.length, 0)} ` +
      `${verdict(noop.requests.length === 0)}; ${seconds(noop.wallMs)} wall (reading and converting Markdown)${failure(noop)}`,
  );
  if (noop.requests.length) lines.push(`  by kind: ${byKind(noop.requests)}`);

  const edited = 'area-003/topic-007.md';
  editParagraph(f.dir, edited, 'warm');
  const edit = await measure(f);
  const editOk = isSinglePut(edit, edited);
  lines.push(
    `one edit (docs/${edited}), warm manifest: ${edit.requests.length} request(s), ${reads(edit)} reads ` +
      `(target 1: PUT of that page, no reads) → ratio ${ratio(edit.requests.length, 1)} ${verdict(editOk)}; ` +
      `${seconds(edit.wallMs)} wall${failure(edit)}`,
    `  requests: ${list(edit.requests)}`,
  );

  const probed = 'area-005/topic-012.md';
  editParagraph(f.dir, probed, 'auto');
  const auto = await measure(f, { config: f.autoConfig });
  const probes = auto.requests.filter(isFlavourProbe).length;
  lines.push(
    `one edit (docs/${probed}) with deployment auto on a non-Atlassian host (flavour remembered in the manifest): ` +
      `${auto.requests.length} request(s), of which ${probes} flavour probe (target 1) → ratio ${ratio(auto.requests.length, 1)} ` +
      `${verdict(isSinglePut(auto, probed))}${failure(auto)}`,
    `  requests: ${list(auto.requests)}`,
  );

  lines.push(...coldLines('cold manifest rebuild (manifest deleted, nothing changed)', await cold(f), 0));
  const coldEdited = 'area-011/topic-023.md';
  editParagraph(f.dir, coldEdited, 'cold');
  const coldEdit = await cold(f);
  lines.push(...coldLines(`cold manifest rebuild with one edit (docs/${coldEdited})`, coldEdit, 1));
  if (!isSinglePutAmongWrites(coldEdit, coldEdited))
    lines.push(`  the write is not a PUT of that page: MISSED`);

  lines.push(...(await gitPush(f, coldEdit)));
  return lines;
}

/**
 * The full 1,000-page tree, with 10 % of the answers a 429: about 230 real 1 s waits, so the
 * storm ends in about a minute on 4 slots.
 */
const STORM_PAGES = 1000;
const STORM_RATE_429 = 0.1;
const STORM_RETRY_AFTER_S = 1;
/** Fixed so the fault sequence repeats (it still depends on the order requests arrive in). */
const STORM_SEED = 7;

/**
 * An initial publish while the server answers 10 % of requests (retries included) with 429 and
 * `Retry-After: 1`. The waits the server mandated: the sum of `Retry-After` over the injected
 * 429s ("raw"). The client's slots wait in parallel, so at best the waits overlap perfectly:
 * raw ÷ concurrency ("per slot"). The limit adds the latency of every request, injected ones
 * included (they pay it too): (raw + requests × latency) ÷ concurrency.
 */
async function rateLimitStorm(f: Fixture): Promise<string[]> {
  f.server.setFaults({ latencyMs: f.latencyMs, rate429: STORM_RATE_429, retryAfter: STORM_RETRY_AFTER_S });
  const m = await measure(f);
  f.server.setFaults({ latencyMs: f.latencyMs });

  const injected = m.requests.filter((r) => r.injected && r.status === 429).length;
  const mandatedMs = injected * STORM_RETRY_AFTER_S * 1000;
  const perSlotMs = mandatedMs / f.concurrency;
  const limitMs = (mandatedMs + m.requests.length * f.latencyMs) / f.concurrency;
  const { retries, waitedMs } = m.report.requests;

  // A duplicate is a page created twice: more creates landing than pages created, or more
  // current pages below the root than the tree has.
  const landedCreates = m.requests.filter(
    (r) => r.kind === 'POST page' && !r.injected && r.status < 300,
  ).length;
  const root = f.config.parentPageId;
  const below = f.server.pages({ spaceKey: 'DOCS' }).filter((p) => p.id !== root);
  const titles = new Set(below.map((p) => p.title.toLowerCase()));
  const { created, failed } = m.report.counts;
  const clean =
    !m.report.failed &&
    failed === 0 &&
    landedCreates === created &&
    below.length === created &&
    titles.size === created;
  return [
    `429 storm (${f.pages} pages, initial publish, rate429 ${STORM_RATE_429}, Retry-After ${STORM_RETRY_AFTER_S} s, ` +
      `${f.latencyMs} ms latency, concurrency ${f.concurrency}): ${seconds(m.wallMs)} wall, ${m.requests.length} requests ` +
      `(${injected} injected 429s), ${retries} client retries, client slept ${seconds(waitedMs)} in total${failure(m)}`,
    `  mandated waits: Σ Retry-After over injected 429s = ${seconds(mandatedMs)} raw, ÷ ${f.concurrency} slots = ` +
      `${seconds(perSlotMs)} per slot; client slept ${seconds(waitedMs / f.concurrency)} per slot ` +
      `(ratio ${ratio(waitedMs, mandatedMs)} to the mandated waits)`,
    `  limit (Σ Retry-After + ${m.requests.length} requests × ${f.latencyMs} ms) ÷ ${f.concurrency} = ${seconds(limitMs)} → ` +
      `ratio ${ratio(m.wallMs, limitMs)} (1.00 = waited exactly what was mandated, perfectly overlapped)`,
    `  outcome: ${created} created, ${failed} failed, ${landedCreates} creates landed, ${below.length} pages below the root ` +
      `(${titles.size} distinct titles): no failure and no duplicate ${verdict(clean)}`,
  ];
}

/** Deletes the manifest, then publishes: the state is rebuilt from the marks on the pages. */
function cold(f: Fixture): Promise<Measured> {
  rmSync(path.join(f.dir, '.cmsync', 'manifest.json'), { force: true });
  return measure(f);
}

function coldLines(label: string, m: Measured, writeTarget: number): string[] {
  const managed = m.report.known.filter((k) => k.key !== '').length;
  const listing = m.requests.filter(isListing);
  const fixed = m.requests.filter((r) => !r.write && !isListing(r));
  const limit = Math.ceil(managed / PAGES_PER_LISTING);
  const w = writes(m);
  return [
    `${label}, ${managed} managed pages: listing ${listing.length} requests (limit ⌈${managed}/${PAGES_PER_LISTING}⌉ = ${limit}) ` +
      `→ ratio ${ratio(listing.length, limit)} ${verdict(listing.length <= limit)}; ` +
      `writes ${w} (target ${writeTarget}) → ratio ${ratio(w, writeTarget)} ${verdict(w === writeTarget)}; ` +
      `${seconds(m.wallMs)} wall${failure(m)}`,
    `  fixed reads: ${fixed.length} (${byKind(fixed) || 'none'})`,
    `  all requests by kind: ${byKind(m.requests)}`,
  ];
}

/**
 * A push of two commits' difference, as the Action sees it: one page edited, one file moved to
 * another folder with `git mv`. The move must keep the page (update in place), not create+delete.
 */
async function gitPush(f: Fixture, previous: Measured): Promise<string[]> {
  const git = (...args: string[]): string =>
    execFileSync(
      'git',
      ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args],
      { cwd: f.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ).trim();
  git('init', '--quiet');
  git('add', 'docs');
  git('commit', '--quiet', '-m', 'as published');
  const before = git('rev-parse', 'HEAD');

  const edited = 'area-007/topic-031.md';
  const from = 'area-004/topic-049.md';
  const to = 'area-005/topic-049-moved.md';
  const movedId = previous.report.known.find((k) => k.key === from)?.pageId;
  editParagraph(f.dir, edited, 'git');
  mkdirSync(path.dirname(path.join(f.dir, 'docs', to)), { recursive: true });
  renameSync(path.join(f.dir, 'docs', from), path.join(f.dir, 'docs', to));
  git('add', '--all', 'docs');
  git('commit', '--quiet', '-m', 'edit one page, move another');
  const after = git('rev-parse', 'HEAD');

  const m = await measure(f, { event: { eventName: 'push', before, after } });
  const creates = m.requests.filter((r) => r.kind === 'POST page').length;
  const deletes = m.requests.filter((r) => r.method === 'DELETE' || /trash|archive/i.test(r.kind)).length;
  const keptId = m.report.known.find((k) => k.key === to)?.pageId;
  const kept = movedId !== undefined && keptId === movedId && creates === 0 && deletes === 0;
  return [
    `git push (1 page edited, 1 moved with git mv to another folder), warm manifest: ${m.requests.length} requests ` +
      `(${writes(m)} writes, ${reads(m)} reads; target 2 writes: one PUT each) → ratio ${ratio(m.requests.length, 2)}; ` +
      `page id kept across the move, ${creates} creates, ${deletes} deletes ${verdict(kept)}; ${seconds(m.wallMs)} wall${failure(m)}`,
    `  ${m.notes.filter((n) => n.startsWith('git ') || n.startsWith('full scan')).join('; ')}`,
    `  requests: ${list(m.requests)}`,
  ];
}

/** Rewrites the first paragraph of a generated page (its first line that is not a heading). */
function editParagraph(dir: string, rel: string, marker: string): void {
  const file = path.join(dir, 'docs', rel);
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(/^This page explains .*$/m, (line) => `${line} Edited (${marker}).`);
  if (edited === text) throw new Error(`bench: no paragraph to edit in ${rel}`);
  writeFileSync(file, edited);
}

function isSinglePut(m: Measured, rel: string): boolean {
  return m.requests.length === 1 && isSinglePutAmongWrites(m, rel);
}

function isSinglePutAmongWrites(m: Measured, rel: string): boolean {
  const id = m.report.pages.find((p) => p.path.endsWith(rel))?.id;
  const w = m.requests.filter((r) => r.write);
  return id !== undefined && w.length === 1 && w[0].kind === 'PUT page' && w[0].path.endsWith(`/${id}`);
}

/** `detectFlavor`'s question to a host it cannot place: does it have the v2 API? */
function isFlavourProbe(r: RecordedRequest): boolean {
  return r.kind === 'GET space' && r.path.endsWith('/api/v2/spaces') && /(^|&)limit=1($|&)/.test(r.query);
}

/** A page of the subtree listing: CQL `ancestor=<root>` search. */
function isListing(r: RecordedRequest): boolean {
  return r.kind === 'GET search' && decodeURIComponent(r.query.replace(/\+/g, ' ')).includes('ancestor=');
}

const writes = (m: Measured): number => m.requests.filter((r) => r.write).length;
const reads = (m: Measured): number => m.requests.filter((r) => !r.write).length;

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function ratio(actual: number, limit: number): string {
  if (limit === 0) return actual === 0 ? '1.00' : '∞';
  return (actual / limit).toFixed(2);
}

export function verdict(ok: boolean): string {
  return ok ? 'OK' : 'MISSED';
}

export function failure(m: Measured): string {
  if (!m.report.failed) return '';
  const first = m.report.diagnostics.find((d) => d.severity === 'error');
  return ` — RUN FAILED${first ? `: ${first.message}` : ''}`;
}

export function byKind(requests: readonly RecordedRequest[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

function list(requests: readonly RecordedRequest[]): string {
  return requests.map((r) => `${r.method} ${r.path} → ${r.status}`).join('; ') || 'none';
}
