import fc from 'fast-check';
import {
  backoffDelay,
  isAmbiguous,
  parseRateLimitReset,
  parseRetryAfter,
  RETRYABLE_STATUS,
  ruleFor,
  shouldRetry,
} from '../../src/confluence/retry.js';

const decide = (failure: { status: number; code?: string }, idempotent: boolean, attempt = 0) =>
  shouldRetry({ failure, idempotent, attempt, maxRetries: 5 });

describe('which failures are retried', () => {
  test.each([429, 503])('%i was refused before processing: retried for POST too', (status) => {
    expect(decide({ status }, false)).toBe(true);
    expect(decide({ status }, true)).toBe(true);
    expect(isAmbiguous({ status })).toBe(false);
  });

  test.each([500, 502, 504])('%i may have been processed: retried only when idempotent', (status) => {
    expect(decide({ status }, true)).toBe(true);
    expect(decide({ status }, false)).toBe(false);
    expect(isAmbiguous({ status })).toBe(true);
  });

  test.each([400, 401, 403, 404, 409, 413, 501])('%i is final', (status) => {
    expect(decide({ status }, true)).toBe(false);
    expect(ruleFor({ status })).toBeUndefined();
  });

  test('the retryable statuses are exactly 429, 500, 502, 503, 504', () => {
    expect(Object.keys(RETRYABLE_STATUS).map(Number).sort()).toEqual([429, 500, 502, 503, 504]);
  });

  test('a refused connection never reached Confluence: retried even for POST', () => {
    expect(decide({ status: 0, code: 'ECONNREFUSED' }, false)).toBe(true);
    expect(isAmbiguous({ status: 0, code: 'ECONNREFUSED' })).toBe(false);
  });

  test('a reset or timeout may come after processing: idempotent only', () => {
    for (const code of ['ECONNRESET', 'UND_ERR_SOCKET', 'ETIMEDOUT', 'SOMETHING_NEW']) {
      expect(decide({ status: 0, code }, true)).toBe(true);
      expect(decide({ status: 0, code }, false)).toBe(false);
      expect(isAmbiguous({ status: 0, code })).toBe(true);
    }
  });

  test('an unknown host is final: repeating cannot help', () => {
    expect(decide({ status: 0, code: 'ENOTFOUND' }, true)).toBe(false);
  });

  test('retries stop after maxRetries', () => {
    expect(decide({ status: 429 }, true, 4)).toBe(true);
    expect(decide({ status: 429 }, true, 5)).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');

  test('delta-seconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });

  test('HTTP-date in the future and in the past', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 09:59:00 GMT', now)).toBe(0);
  });

  test.each([undefined, null, '', 'soon', '-1', '1e3', 'Sun, 99 Foo 2026 10:00:00 GMT', '10 s'])(
    'garbage %p gives undefined',
    (value) => {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    },
  );

  test('X-RateLimit-Reset as ISO timestamp without seconds', () => {
    expect(parseRateLimitReset('2026-03-01T10:01Z', now)).toBe(60_000);
    expect(parseRateLimitReset('tomorrow', now)).toBeUndefined();
  });
});

/** mulberry32: a seeded generator so the jitter tests are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('backoffDelay', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 30_000 };

  test('doubles per attempt within the jitter band', () => {
    const random = seeded(42);
    for (let attempt = 0; attempt < 4; attempt++) {
      const delay = backoffDelay({ attempt, policy, random });
      expect(delay).toBeGreaterThanOrEqual(0.7 * 1000 * 2 ** attempt);
      expect(delay).toBeLessThanOrEqual(1.3 * 1000 * 2 ** attempt);
    }
  });

  test('the jitter spans [0.7, 1.3]', () => {
    expect(backoffDelay({ attempt: 0, policy, random: () => 0 })).toBe(700);
    expect(backoffDelay({ attempt: 0, policy, random: () => 0.5 })).toBe(1000);
    expect(backoffDelay({ attempt: 0, policy, random: () => 0.9999999 })).toBe(1300);
  });

  test('capped at maxDelay without Retry-After', () => {
    expect(backoffDelay({ attempt: 10, policy, random: () => 0.99 })).toBe(30_000);
  });

  test('with Retry-After: exactly that wait plus at most 10%, whatever the attempt', () => {
    expect(backoffDelay({ attempt: 0, retryAfterMs: 2000, policy, random: () => 0 })).toBe(2000);
    expect(backoffDelay({ attempt: 4, retryAfterMs: 1000, policy, random: () => 0.99 })).toBe(1099);
    expect(backoffDelay({ attempt: 0, retryAfterMs: 60_000, policy, random: () => 0.5 })).toBe(63_000);
  });

  test('property: Retry-After wins within +10%; otherwise jittered exponential under the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }),
        fc.integer(),
        (attempt, retryAfterMs, seed) => {
          const delay = backoffDelay({ attempt, retryAfterMs, policy, random: seeded(seed) });
          if (retryAfterMs !== undefined) {
            expect(delay).toBeGreaterThanOrEqual(retryAfterMs);
            expect(delay).toBeLessThanOrEqual(Math.ceil(retryAfterMs * 1.1));
          } else {
            const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
            expect(delay).toBeGreaterThanOrEqual(Math.floor(0.7 * exp));
            expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
          }
        },
      ),
    );
  });
});

test('429s have their own, larger retry budget; other failures keep maxRetries', () => {
  const base = { idempotent: true, maxRetries: 5, maxRateLimitRetries: 12 };
  expect(shouldRetry({ ...base, failure: { status: 429 }, attempt: 8 })).toBe(true);
  expect(shouldRetry({ ...base, failure: { status: 429 }, attempt: 12 })).toBe(false);
  expect(shouldRetry({ ...base, failure: { status: 503 }, attempt: 5 })).toBe(false);
});
