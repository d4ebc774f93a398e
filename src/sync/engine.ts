/**
 * The sync engine: docs folder → page tree. Scan and convert (no request), plan against what is
 * known, read from Confluence only what the plan cannot decide without, plan again, execute,
 * report. A run whose known state says nothing changed never creates the client at all.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ClientStats, ConfluenceApi, Flavor } from '../confluence/types.js';
import type { Config } from '../config/types.js';
import { CONVERTER_VERSION } from '../markdown/index.js';
import type { Diagnostic } from '../util/diagnostics.js';
import type { Logger } from '../util/log.js';
import { execute } from './execute.js';
import { renamesToKeys } from './identity.js';
import { hashOfCurrentVersion } from './known.js';
import { listSubtree, Session } from './remote.js';
import { buildLocalPages, type LocalBuild } from './local.js';
import { plan, titlesToCheck, type PlanInput, type PlanRemote } from './plan.js';
import { setupProblem } from './setup.js';
import { syncStats } from './stats.js';
import { titleKey } from './titles.js';
import type { KnownPage, LocalPage, PageKey, PageOutcome, Plan, SyncReport } from './types.js';

export interface EngineDeps {
  /** Created lazily so a run that needs no request makes none. */
  client: () => Promise<ConfluenceApi>;
  log: Logger;
  /** Known state from a manifest (issue #4). Undefined: rebuild it from Confluence (one listing). */
  known?: KnownPage[];
  /**
   * A full scan (schedule, dispatch, force push): read the managed subtree even when the known
   * state says nothing changed, and count a page a person edited in Confluence as differing from
   * its file, so that drift is found and meets `on-conflict`. The known state is still used for
   * what only it remembers (labels and attachments cmsync wrote, sibling positions).
   */
  fullScan?: boolean;
  /** Cloud or Data Center as an earlier run found it (the manifest), for choosing code languages. */
  flavor?: Flavor;
  /** Renames reported by git (workspace-relative from → to), used to keep page identity. Optional. */
  renames?: { from: string; to: string }[];
  /** Progress hook for long runs (the Action logs a line every few seconds). */
  onProgress?: (done: number, total: number) => void;
  /**
   * A reason, found before the engine ran, to write nothing (the checkout is older than what was
   * published). The Markdown is still read, so its problems are reported with this one.
   */
  refuse?: Diagnostic;
}

/** Publishes `docs-dir` into the tree under `parent-page-id`. Never throws for bad input: see `report.failed`. */
export async function runSync(config: Config, deps: EngineDeps): Promise<SyncReport> {
  const started = Date.now();
  const prepared = await prepare(config, deps, 'publish');
  const { log } = deps;
  if (prepared.stop)
    return report({ prepared, pages: [], known: [...prepared.known.values()], started, failed: true });

  const needsWrites = prepared.plan.operations.some(needsRequest);
  if (!needsWrites) log.info('no page needs a write');
  let client = prepared.session.client;
  if (needsWrites && !client) {
    try {
      client = await prepared.session.connect();
    } catch (error) {
      prepared.diagnostics.push(setupProblem(error, config, 'connecting to Confluence'));
      return report({ prepared, pages: [], known: [...prepared.known.values()], started, failed: true });
    }
  }
  const result = await log.group('Publishing pages', () =>
    execute({
      plan: prepared.plan,
      pages: new Map(prepared.pages.map((p) => [p.key, p])),
      known: prepared.known,
      config,
      client: client ?? noRequests,
      space: () => prepared.session.space(),
      log,
      remote: prepared.remote.pages,
      readFile: (file) => fs.readFile(path.join(config.workspace, file)),
      onProgress: deps.onProgress,
    }),
  );
  prepared.diagnostics.push(...result.diagnostics);
  return report({ prepared, pages: result.pages, known: result.known, started });
}

/** Same plan, not executed (PR preview, `cmsync plan`, dry run). Makes read requests only. */
export async function planSync(
  config: Config,
  deps: EngineDeps,
): Promise<{ plan: Plan; pages: LocalPage[]; diagnostics: Diagnostic[] }> {
  const prepared = await prepare(config, deps, 'preview');
  return { plan: prepared.plan, pages: prepared.pages, diagnostics: prepared.diagnostics };
}

interface Prepared {
  plan: Plan;
  pages: LocalPage[];
  diagnostics: Diagnostic[];
  known: Map<PageKey, KnownPage>;
  remote: PlanRemote;
  session: Session;
  /** Set when the run cannot go on (a setting is wrong); `diagnostics` says why. */
  stop?: boolean;
}

async function prepare(config: Config, deps: EngineDeps, purpose: 'publish' | 'preview'): Promise<Prepared> {
  const { log } = deps;
  const session = new Session(config, deps.client);
  const local = await log.group('Reading Markdown', () => buildLocalPages(config, { flavor: deps.flavor }));
  const diagnostics: Diagnostic[] = [...local.diagnostics];
  const known = new Map((deps.known ?? []).map((k) => [k.key, k]));
  const remote: PlanRemote = {};
  const base = planBase(config, deps, local);
  const planNow = (): Plan => plan({ ...base, known, remote });
  const result = (extra: Partial<Prepared> = {}): Prepared => {
    const p = extra.plan ?? planNow();
    return {
      plan: p,
      pages: local.pages,
      diagnostics: [...diagnostics, ...p.diagnostics],
      known,
      remote,
      session,
      ...extra,
    };
  };
  if (local.fatal || deps.refuse) {
    diagnostics.push(...[local.fatal, deps.refuse].filter((d): d is Diagnostic => d !== undefined));
    return result({ plan: stopped(planNow), stop: true });
  }

  const offline = purpose === 'preview' && !config.token;
  if (deps.known && !deps.fullScan) {
    const first = planNow();
    if (!first.operations.some(needsRequest)) return result({ plan: first });
    if (offline) return offlineResult(result, diagnostics, first);
  } else if (offline) {
    return offlineResult(result, diagnostics, planNow());
  }

  try {
    await log.group('Reading Confluence', async () => {
      if (!deps.known) {
        // No manifest: rebuild what cmsync owns from the marks on the pages themselves.
        diagnostics.push(...(await listSubtree(session, remote, known)));
        log.info(`rebuilt the state of ${known.size} page(s) from Confluence`);
      } else if (deps.fullScan) {
        diagnostics.push(...(await listSubtree(session, remote, known)));
      }
      let current = planNow();
      const rootUnknown = current.operations.some(
        (op) => op.key === '' && op.kind === 'update' && op.fromVersion === 0,
      );
      const createsAtTop = current.operations.some((op) => op.kind === 'create' && op.parentKey === '');
      if (rootUnknown || createsAtTop) {
        await session.checkParent();
        remote.root = session.parent;
      }
      const titles = titlesToCheck(current);
      if (titles.length) {
        const client = await session.connect();
        const matches = await client.findByTitles(await session.space(), titles);
        remote.titlesInSpace = new Map(matches.map((p) => [titleKey(p.title), p]));
        const knownById = new Map([...known.values()].map((k) => [k.pageId, k]));
        // A match that is not ours may be inside the tree (adopt it) or outside (refuse), and a
        // known page whose title is not the one cmsync recorded means the manifest is behind
        // (a run that renamed it never saved its state): only the listing tells.
        const needsListing = (m: { id: string; title: string }): boolean => {
          const k = knownById.get(m.id);
          return !k || titleKey(k.title) !== titleKey(m.title);
        };
        if (matches.some(needsListing)) diagnostics.push(...(await listSubtree(session, remote, known)));
        // An unmarked first version in the tree with the title of a new file is cmsync's own
        // interrupted create only if cmsync's account wrote it; with no page in the listing that
        // shows the account, ask who the credentials are (one request, only in this case).
        const unmarkedFirst = matches.some((m) => {
          const p = remote.pages?.get(m.id);
          return p !== undefined && !p.owner && p.version.number === 1;
        });
        const accountShown = [...(remote.pages?.values() ?? [])].some((p) => hashOfCurrentVersion(p));
        if (unmarkedFirst && !accountShown) remote.me = (await client.currentUser()).id;
      }
      current = planNow();
      if (current.operations.some((op) => op.kind === 'delete' && op.policy !== 'keep'))
        diagnostics.push(...(await listSubtree(session, remote, known)));
    });
  } catch (error) {
    diagnostics.push(setupProblem(error, config, 'reading Confluence'));
    return result({ plan: stopped(planNow), stop: true });
  }
  return result();
}

/**
 * The plan of a run that stops before writing: no operation, but the problems found in the
 * files themselves (not UTF-8, bad front matter, title collisions) are still reported, so
 * that fixing the setting does not reveal a second round of errors.
 */
function stopped(planNow: () => Plan): Plan {
  return { operations: [], diagnostics: planNow().diagnostics.filter((d) => d.file) };
}

function planBase(config: Config, deps: EngineDeps, local: LocalBuild): Omit<PlanInput, 'known' | 'remote'> {
  return {
    pages: local.pages,
    parentPageId: config.parentPageId,
    converterVersion: CONVERTER_VERSION,
    docsDir: config.docsDir,
    renames: renamesToKeys(deps.renames ?? [], config.docsDir, local.keyOfFile),
    skipped: local.skipped,
    options: {
      force: config.force,
      onConflict: config.onConflict,
      onDelete: config.onDelete,
      maxDeleteRatio: config.maxDeleteRatio,
      fullScan: Boolean(deps.fullScan),
    },
  };
}

function offlineResult(
  result: (extra?: Partial<Prepared>) => Prepared,
  diagnostics: Diagnostic[],
  p: Plan,
): Prepared {
  diagnostics.push({
    severity: 'notice',
    setting: 'token',
    message:
      'no token: the preview compares with the last known state only and cannot check titles or edits in Confluence',
  });
  return result({ plan: p });
}

/** Operations that need Confluence at all, even just to read. */
function needsRequest(op: Plan['operations'][number]): boolean {
  return (
    op.kind === 'create' ||
    op.kind === 'update' ||
    op.kind === 'move' ||
    (op.kind === 'delete' && op.policy !== 'keep')
  );
}

const ZERO_STATS: ClientStats = { requests: 0, byKind: {}, writes: 0, reads: 0, retries: 0, waitedMs: 0 };

/** Stands in for the client in a run that needs no request; reaching it is a bug. */
const noRequests: ConfluenceApi = new Proxy({} as ConfluenceApi, {
  get(_target, name) {
    if (name === 'flavor' || name === 'baseUrl') return undefined;
    if (name === 'stats') return () => ZERO_STATS;
    return () =>
      Promise.reject(new Error(`internal: ${String(name)} was called in a run that needs no request`));
  },
});

const OUTCOMES: readonly PageOutcome[] = [
  'created',
  'updated',
  'moved',
  'unchanged',
  'deleted',
  'conflict',
  'skipped',
  'failed',
];

function report(input: {
  prepared: Prepared;
  pages: SyncReport['pages'];
  known: KnownPage[];
  started: number;
  failed?: boolean;
}): SyncReport {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<PageOutcome, number>;
  for (const p of input.pages) counts[p.outcome] += 1;
  // Any error fails the run: a setting, or a file (a missing image publishes its page with the
  // alt text, but the run must not look green).
  const anError = input.prepared.diagnostics.some((d) => d.severity === 'error' && (d.setting || d.file));
  const requests = input.prepared.session.client?.stats() ?? { ...ZERO_STATS, byKind: {} };
  return {
    stats: syncStats({
      plan: input.prepared.plan,
      pages: input.prepared.pages,
      results: input.pages,
      requests: requests.requests,
    }),
    pages: input.pages,
    diagnostics: input.prepared.diagnostics,
    counts,
    requests,
    durationMs: Date.now() - input.started,
    failed: Boolean(input.failed) || anError || counts.failed > 0 || counts.conflict > 0,
    known: input.known,
    ...(input.prepared.session.client?.flavor ? { flavor: input.prepared.session.client.flavor } : {}),
  };
}
