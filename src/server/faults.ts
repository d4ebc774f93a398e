/**
 * Fault injector: decides, per API request, whether the server answers with a rate limit, a
 * transient error or a dropped connection instead of doing the work. Random choices come from a
 * seeded PRNG so a run with the same seed and request order repeats exactly.
 */
import type { FaultSettings, QueuedFault } from './types.js';

/** What to do with one request, decided before its handler runs. */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'drop-before' }
  | { kind: 'drop-after' };

/** mulberry32: tiny, fast and good enough to make fault sequences repeatable. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Formats a `Retry-After` value: seconds stay a number, `'date'` becomes an HTTP-date 1 s ahead. */
export function formatRetryAfter(value: number | string | undefined, now: Date = new Date()): string {
  if (value === undefined) return '1';
  if (value === 'date') return new Date(now.getTime() + 1000).toUTCString();
  return String(value);
}

interface PendingFault extends QueuedFault {
  remaining: number;
}

/** Holds the fault settings and the queue of one-shot faults of one server. */
export class FaultInjector {
  private settings: FaultSettings;
  private queue: PendingFault[] = [];
  private random: () => number;

  constructor(settings: FaultSettings = {}, seed = 1) {
    this.settings = { ...settings };
    this.random = createPrng(seed);
  }

  /** Latency added before answering `METHOD path` (every API request unless `match` narrows it). */
  latencyFor(target: string): number {
    const { latencyMs = 0, match } = this.settings;
    return latencyMs > 0 && (!match || match.test(target)) ? latencyMs : 0;
  }

  set(settings: FaultSettings): void {
    this.settings = { ...settings };
  }

  enqueue(fault: QueuedFault): void {
    this.queue.push({ ...fault, remaining: Math.max(1, fault.times ?? 1) });
  }

  clear(): void {
    this.settings = {};
    this.queue = [];
  }

  /** Decide the fate of a request identified as `METHOD path`. Queued faults win over random ones. */
  decide(target: string): FaultDecision {
    const queued = this.queue.find((f) => !f.match || f.match.test(target));
    if (queued) {
      queued.remaining -= 1;
      if (queued.remaining <= 0) this.queue.splice(this.queue.indexOf(queued), 1);
      if (queued.drop) return { kind: queued.drop };
      const status = queued.status ?? 503;
      return { kind: 'status', status, retryAfter: retryAfterFor(status, queued.retryAfter) };
    }
    return this.decideRandomly(target);
  }

  private decideRandomly(target: string): FaultDecision {
    const s = this.settings;
    const total = (s.rate429 ?? 0) + (s.rate503 ?? 0) + (s.rate500 ?? 0) + (s.rateDrop ?? 0);
    if (total <= 0 || (s.match && !s.match.test(target))) return { kind: 'none' };
    // One draw per eligible request keeps the sequence a function of the seed and request order.
    let r = this.random();
    const retryAfter = formatRetryAfter(s.retryAfter ?? 1);
    if ((r -= s.rate429 ?? 0) < 0) return { kind: 'status', status: 429, retryAfter };
    if ((r -= s.rate503 ?? 0) < 0) return { kind: 'status', status: 503, retryAfter };
    if ((r -= s.rate500 ?? 0) < 0) return { kind: 'status', status: 500 };
    if ((r -= s.rateDrop ?? 0) < 0) return { kind: this.random() < 0.5 ? 'drop-before' : 'drop-after' };
    return { kind: 'none' };
  }
}

function retryAfterFor(status: number, value: number | string | undefined): string | undefined {
  if (status !== 429 && status !== 503) return value === undefined ? undefined : formatRetryAfter(value);
  return formatRetryAfter(value ?? 1);
}

/** Headers Confluence Cloud sends with a 429 (confluence-api.md §4.4). */
export function rateLimitHeaders(
  retryAfter: string | undefined,
  now: Date = new Date(),
): Record<string, string> {
  const reset = new Date(now.getTime() + 60_000).toISOString().slice(0, 16) + 'Z';
  return {
    ...(retryAfter !== undefined ? { 'Retry-After': retryAfter, 'Beta-Retry-After': retryAfter } : {}),
    'X-RateLimit-Limit': '100',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': reset,
    'RateLimit-Reason': 'confluence-quota-tenant-based',
  };
}

/** Message of an injected 500, in the words Confluence uses for its transient failures. */
export const INJECTED_500_MESSAGE =
  'javax.persistence.OptimisticLockException: Row was updated or deleted by another transaction';
