/**
 * Settings of `ConfluenceClient.create`. Everything with an effect on the outside world
 * (sleeping, randomness, logging, secret masking) is injectable so tests record instead of wait.
 */
import type { Flavor } from './types.js';

/** Where the client writes what it decided; the Action passes `core.debug/info/warning`. */
export interface ClientLog {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
}

export interface RetryOptions {
  /** Retries after the first attempt (default: 5). */
  maxRetries?: number;
  /** First backoff delay, doubled per attempt (default: 1000 ms). */
  baseDelayMs?: number;
  /** Cap of the exponential backoff; a longer `Retry-After` still wins (default: 30000 ms). */
  maxDelayMs?: number;
  /**
   * Longest `Retry-After` the client waits out (default: 300000 ms). A longer one (an hourly
   * quota) fails fast with kind `rate-limited` instead of holding a CI job for an hour.
   */
  maxRetryAfterMs?: number;
  /**
   * Retries of a request answered 429 (default: 12). Larger than `maxRetries` because a rate
   * limit is Confluence pacing the run, not a failure: a storm should slow the job, not kill it.
   * Each wait is bounded by `maxRetryAfterMs`.
   */
  maxRateLimitRetries?: number;
}

/** One HTTP attempt starting or finishing, for progress displays and tests. */
export interface RequestEvent {
  phase: 'start' | 'end';
  method: string;
  /** Path and query without origin. */
  path: string;
  /** Stats kind, e.g. `PUT page`. */
  kind: string;
  /** 0 for the first attempt, 1 for the first retry… */
  attempt: number;
  /** HTTP status on `end`; 0 for a network failure. */
  status?: number;
  /** Attempts in flight after this event. */
  inFlight: number;
}

export interface ClientOptions {
  /** `https://acme.atlassian.net/wiki`, `https://host/confluence`; trailing slashes are ignored. */
  baseUrl: string;
  /** Cloud: the account e-mail (Basic auth). Empty: `token` is a Data Center PAT sent as Bearer. */
  username: string;
  token: string;
  /** `auto` (default) detects the flavour from the host name or by probing once. */
  deployment?: 'auto' | Flavor;
  /** Requests in flight at once (default: 4; Atlassian advises at most 5–10). */
  concurrency?: number;
  retry?: RetryOptions;
  /** Per-attempt timeout (default: 120000 ms). A timeout counts as a lost response. */
  timeoutMs?: number;
  /** How to wait before a retry (default: a timer). Tests pass a recorder. */
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1) (default: `Math.random`). */
  random?: () => number;
  /** Clock for HTTP-date `Retry-After` values (default: `Date.now`). */
  now?: () => number;
  /**
   * Called once per secret the client derives (the token, the Basic header value and its base64
   * part) so the caller can mask it in logs; the Action passes `core.setSecret`.
   */
  onSecret?: (secret: string) => void;
  log?: ClientLog;
  onRequest?: (event: RequestEvent) => void;
}

/** Retry settings with every default applied. */
export type ResolvedRetry = Required<RetryOptions>;

export const DEFAULT_RETRY: ResolvedRetry = {
  maxRetries: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
  maxRateLimitRetries: 12,
};

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_TIMEOUT_MS = 120_000;

export const silentLog: ClientLog = { debug: () => {}, info: () => {}, warning: () => {} };
