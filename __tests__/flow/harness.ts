/**
 * Whole publishes as users run them — `publishFlow` over a real git repository in a temp folder,
 * the real client and the embedded server on loopback — plus the Confluence-side truth the
 * scenarios assert: the page tree as a person would see it, and the invariants every run must
 * keep (no duplicate, no orphan, one page per source path).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../src/config/types.js';
import { createClientFactory } from '../../src/config/client.js';
import type { RetryOptions } from '../../src/confluence/options.js';
import { memoryLogger } from '../../src/util/log.js';
import { startServer } from '../../src/server/index.js';
import type { EmbeddedConfluence, RecordedRequest, StoredPage } from '../../src/server/types.js';
import type { StateStore } from '../../src/manifest/state.js';
import { publishFlow, type EventFields, type PublishFlowResult } from '../../src/sync/flow.js';
import type { SyncReport } from '../../src/sync/types.js';
import { Repo, page } from '../git/git-fixtures.js';
import { serverConfig } from '../sync/fixtures.js';

export { Repo, removeAll } from '../git/git-fixtures.js';

/** GitHub's `before` for a push that created the branch. */
export const ZERO_SHA = '0'.repeat(40);

export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

export type Files = Record<string, string | Uint8Array>;

/**
 * Seven pages: nested folders, a generated folder page, sibling order from front matter, labels
 * with spaces, an image, links between pages. Bodies are long enough for git to pair renames.
 */
export const DOCS: Files = {
  'README.md': '# The repository\n',
  'docs/intro.md': `---\nlabels: [Getting Started, docs]\n---\n${page('Introduction')}\nSee [installing](guide/install.md).\n\n![logo](img/logo.png)\n`,
  'docs/img/logo.png': PNG,
  'docs/guide/index.md': '---\ntitle: User guide\norder: 1\n---\nEverything about using it.\n',
  'docs/guide/install.md': `---\norder: 2\n---\n${page('Install')}`,
  'docs/guide/usage.md': `---\norder: 1\n---\n${page('Usage')}`,
  'docs/reference/api.md': page('API'),
  'docs/reference/cli.md': page('CLI flags'),
};

/** Pages DOCS maps to (the docs root is only a container). */
export const DOCS_PAGES = 7;

/** Writes files (text or bytes) into a work tree. */
export function writeInto(dir: string, files: Files): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** A repository whose history the publishes follow: each run is a push from the last published commit. */
export class DocsRepo {
  /** The commit the last run published (`before` of the next push). */
  published = ZERO_SHA;

  constructor(readonly repo: Repo = Repo.init()) {}

  static create(files: Files = DOCS): DocsRepo {
    const docs = new DocsRepo();
    docs.write(files).commit('docs');
    return docs;
  }

  get dir(): string {
    return this.repo.dir;
  }

  write(files: Files): this {
    writeInto(this.repo.dir, files);
    return this;
  }

  remove(...files: string[]): this {
    for (const f of files) this.repo.remove(f);
    return this;
  }

  move(from: string, to: string): this {
    mkdirSync(path.dirname(path.join(this.repo.dir, to)), { recursive: true });
    this.repo.git('mv', from, to);
    return this;
  }

  commit(message = 'change'): string {
    return this.repo.commit(message);
  }

  head(): string {
    return this.repo.head();
  }
}

/** The tracked files of the work tree now, for a clean run of the same content elsewhere. */
export function filesOf(docs: DocsRepo): Files {
  const out: Files = {};
  for (const file of docs.repo.git('ls-files').split('\n'))
    out[file] = new Uint8Array(readFileSync(path.join(docs.dir, file)));
  return out;
}

export interface RunOptions {
  config?: Partial<Config>;
  /** Client retry settings (default: the product's). */
  retry?: RetryOptions;
  store?: StateStore;
  /** Default: a push from the last published commit to HEAD. `null`: no event (the CLI). */
  event?: EventFields | null;
}

export interface Run extends PublishFlowResult {
  config: Config;
  /** Every API request the server answered during this run. */
  requests: readonly RecordedRequest[];
  lines: string[];
  clientsCreated: number;
}

/** One publish of the repository's work tree through `publishFlow`, as the Action runs it. */
export async function publish(
  server: EmbeddedConfluence,
  docs: DocsRepo,
  options: RunOptions = {},
): Promise<Run> {
  const config = serverConfig(server, docs.dir, options.config);
  const log = memoryLogger();
  let clientsCreated = 0;
  // The product's factory (it applies what the manifest remembers); retries are real, their
  // waiting is not (tests never sleep).
  const factory = createClientFactory(config, {
    log,
    retry: options.retry ?? {},
    sleep: () => Promise.resolve(),
  });
  const client: typeof factory = (hint) => {
    clientsCreated += 1;
    return factory(hint);
  };
  const event =
    options.event === null
      ? undefined
      : (options.event ?? { eventName: 'push', before: docs.published, after: docs.head() });
  server.resetRequests();
  const result = await publishFlow({
    config,
    client,
    log,
    store: options.store ?? 'workspace',
    ...(event ? { event } : {}),
  });
  if (event?.after) docs.published = event.after;
  return {
    ...result,
    config,
    requests: server.requests(),
    lines: log.lines,
    clientsCreated,
  };
}

/** The kind of each request, e.g. `PUT page`, `GET search`. */
export const kindsOf = (requests: readonly RecordedRequest[]): string[] => requests.map((r) => r.kind);

/** The run published every page it meant to: nothing failed, no conflict, no error diagnostic. */
export function expectClean(report: SyncReport): void {
  expect(report.pages.filter((p) => p.outcome === 'failed' || p.outcome === 'conflict')).toEqual([]);
  expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(report.failed).toBe(false);
}

/** A page as a reader sees it, without ids or versions (which differ between two servers). */
export interface TreeNode {
  title: string;
  body: string;
  labels: string[];
  /** `[filename, sha256 of the content]`, sorted. */
  attachments: [string, string][];
  /** The source path in cmsync's mark. */
  owner?: string;
  children: TreeNode[];
}

/** The current pages under `rootId`, in sibling order. */
export function treeOf(server: EmbeddedConfluence, rootId: string): TreeNode[] {
  return server
    .children(rootId)
    .filter((p) => p.status === 'current')
    .map((p) => ({
      title: p.title,
      body: p.body,
      labels: [...p.labels].sort(),
      attachments: server
        .attachments(p.id)
        .map((a): [string, string] => [a.title, createHash('sha256').update(a.data).digest('hex')])
        .sort(([a], [b]) => (a < b ? -1 : 1)),
      owner: ownerPath(p),
      children: treeOf(server, p.id),
    }));
}

export function homeOf(server: EmbeddedConfluence): string {
  const home = server.space('DOCS')?.homepageId;
  if (!home) throw new Error('no DOCS space');
  return home;
}

export function ownerPath(p: StoredPage): string | undefined {
  const value = p.properties.cmsync?.value;
  return value && typeof value === 'object' && 'path' in value ? String(value.path) : undefined;
}

/**
 * What must hold after any run: every current page of the space hangs under the homepage (no
 * orphan), titles are unique ignoring case, and no two current pages claim one source path.
 */
export function expectSound(server: EmbeddedConfluence): void {
  const home = homeOf(server);
  const current = server.pages({ spaceKey: 'DOCS' }).filter((p) => p.status === 'current');
  const reachable = new Set<string>([home]);
  const walk = (id: string): void => {
    for (const child of server.children(id).filter((p) => p.status === 'current')) {
      reachable.add(child.id);
      walk(child.id);
    }
  };
  walk(home);
  expect(current.filter((p) => !reachable.has(p.id)).map((p) => p.title)).toEqual([]);
  const titles = current.map((p) => p.title.toLowerCase());
  expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  const owners = current.flatMap((p) => (ownerPath(p) === undefined ? [] : [ownerPath(p)]));
  expect(owners.filter((o, i) => owners.indexOf(o) !== i)).toEqual([]);
}

/** The tree a clean first publish of `files` produces, on a server of its own. */
export async function cleanTree(files: Files): Promise<TreeNode[]> {
  const server = await startServer();
  try {
    const docs = DocsRepo.create(files);
    const run = await publish(server, docs, { event: null });
    expectClean(run.report);
    return treeOf(server, homeOf(server));
  } finally {
    await server.close();
  }
}

/** The page titled `title` (current), or a helpful failure. */
export function byTitle(server: EmbeddedConfluence, title: string): StoredPage {
  const found = server.pages({ spaceKey: 'DOCS' }).find((p) => p.title === title && p.status === 'current');
  if (!found)
    throw new Error(
      `no page "${title}" in: ${server
        .pages({ spaceKey: 'DOCS' })
        .map((p) => `${p.title} (${p.status})`)
        .join(', ')}`,
    );
  return found;
}

export const resultOf = (report: SyncReport, key: string) => report.pages.find((p) => p.key === key);
