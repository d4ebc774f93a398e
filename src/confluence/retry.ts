/**
 * The retry policy, as pure decisions: which failures are retried for which requests, how long
 * to wait, and how to read `Retry-After`. `http.ts` applies it; nothing else retries on its own.
 */
import type { ResolvedRetry } from './options.js';

/**
 * `always`: Confluence refused the request before doing anything, so even a POST can be sent
 * again. `idempotent`: the request may have been processed, so only a request that is safe to
 * repeat (GET, PUT, DELETE, or one flagged idempotent) is sent again; a POST that may have
 * created something is never replayed blindly (createPage looks before it re-posts).
 */
export type RetryRule = 'always' | 'idempotent';

/** HTTP statuses that are retried, and why. Every other status is final. */
export const RETRYABLE_STATUS: Readonly<Record<number, RetryRule>> = {
  429: 'always', // rate limited: refused before processing; Retry-After says when to come back
  503: 'always', // unavailable/overloaded: refused before processing (may carry Retry-After)
  500: 'idempotent', // internal error: the write may or may not have happened (OptimisticLockException…)
  502: 'idempotent', // bad gateway: the origin may have processed it before the proxy gave up
  504: 'idempotent', // gateway timeout: same, the origin may still be working on it
};

/**
 * Network failures (no HTTP answer), by Node/undici error code. A failure to connect means the
 * request never left, so it is as safe to repeat as a 429; a reset or timeout after sending may
 * come after the work was done. `never`: repeating cannot help (unknown host, bad certificate).
 */
export const NETWORK_RULES: Readonly<Record<string, RetryRule | 'never'>> = {
  ECONNREFUSED: 'always',
  EAI_AGAIN: 'always',
  UND_ERR_CONNECT_TIMEOUT: 'always',
  ENOTFOUND: 'never',
  ERR_INVALID_URL: 'never',
  CERT_HAS_EXPIRED: 'never',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'never',
  SELF_SIGNED_CERT_IN_CHAIN: 'never',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'never',
  ERR_TLS_CERT_ALTNAME_INVALID: 'never',
};

/** Rule for a network code not listed: a lost connection, which may come after processing. */
const DEFAULT_NETWORK_RULE: RetryRule = 'idempotent';

/** Methods that are safe to repeat: the same request twice leaves the same state. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/** A failed attempt: an HTTP status, or status 0 with a network error code. */
export interface Failure {
  status: number;
  code?: string;
}

/** The rule for a failure, or `undefined` when it is final. */
export function ruleFor(failure: Failure): RetryRule | undefined {
  if (failure.status === 0) {
    const rule = NETWORK_RULES[failure.code ?? ''] ?? DEFAULT_NETWORK_RULE;
    return rule === 'never' ? undefined : rule;
  }
  return RETRYABLE_STATUS[failure.status];
}

/** True when the request may have been processed although no success came back. */
export function isAmbiguous(failure: Failure): boolean {
  return ruleFor(failure) === 'idempotent';
}

/** Whether to send the request again after `failure`. `attempt` counts from 0. */
export function shouldRetry(input: {
  failure: Failure;
  idempotent: boolean;
  attempt: number;
  maxRetries: number;
  /** Budget for 429s, which only slow a run down: Confluence refused before doing anything. */
  maxRateLimitRetries?: number;
}): boolean {
  const budget =
    input.failure.status === 429 ? (input.maxRateLimitRetries ?? input.maxRetries) : input.maxRetries;
  if (input.attempt >= budget) return false;
  const rule = ruleFor(input.failure);
  if (rule === 'always') return true;
  return rule === 'idempotent' && input.idempotent;
}

/**
 * `Retry-After` in milliseconds from now: delta-seconds (`"2"`, tolerating `"1.5"`) or an
 * HTTP-date (`"Wed, 21 Oct 2026 07:28:00 GMT"`). A date in the past gives 0; anything else
 * (empty, negative, garbage) gives `undefined`.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP-date always names a weekday and GMT; insisting on letters keeps Date.parse from
  // accepting bare numbers such as "-1" or "2026" as dates.
  if (!/^[A-Za-z]{3},? /.test(text) || !/GMT$/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * Milliseconds until `X-RateLimit-Reset` (ISO 8601, e.g. `2026-03-26T16:00Z`), Atlassian's
 * fallback when a 429 has no `Retry-After`.
 */
export function parseRateLimitReset(value: string | null | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text || !/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Delay before retry number `attempt + 1`. With a `Retry-After` (or rate-limit reset) from the
 * server: that wait plus at most 10% jitter. Without one: exponential backoff from `baseDelayMs`
 * doubling per attempt, times a jitter in [0.7, 1.3), capped at `maxDelayMs` (Atlassian's
 * recommended shape).
 */
export function backoffDelay(input: {
  attempt: number;
  retryAfterMs?: number;
  policy: Pick<ResolvedRetry, 'baseDelayMs' | 'maxDelayMs'>;
  random: () => number;
}): number {
  const { attempt, policy } = input;
  if (input.retryAfterMs !== undefined) {
    // The server said when to come back: wait exactly that, plus up to 10% so that requests
    // refused together do not all come back in the same millisecond. Backing off further would
    // only make the run slower than Confluence asked (SPEC: "retried after Retry-After").
    return Math.round(input.retryAfterMs * (1 + 0.1 * clamp01(input.random())));
  }
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jitter = 0.7 + 0.6 * clamp01(input.random());
  return Math.round(Math.min(exponential * jitter, policy.maxDelayMs));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(Math.max(x, 0), 1) : 0.5;
}
