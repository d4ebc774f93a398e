import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type EmbeddedConfluence, startServer } from '../../src/server/index.js';
import { type Call, client, v2Page } from './helpers.js';

let server: EmbeddedConfluence;
let call: Call;
let spaceId: string;

beforeAll(async () => {
  server = await startServer();
  call = client(server);
  spaceId = (await call('GET', '/wiki/api/v2/spaces?keys=DOCS')).body.results[0].id;
});
beforeEach(() => {
  server.clearFaults();
  server.resetRequests();
});
afterAll(() => server.close());

describe('queued faults', () => {
  it('answers 429 with Retry-After in seconds and the rate-limit headers, once', async () => {
    server.queueFault({ status: 429, retryAfter: 7, match: /^GET \/wiki\/api\/v2\/spaces/ });
    const limited = await call('GET', '/wiki/api/v2/spaces');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(limited.body.errors[0].status).toBe(429);
    expect((await call('GET', '/wiki/api/v2/spaces')).status).toBe(200);
    expect(server.requests().map((r) => [r.status, r.injected])).toEqual([
      [429, true],
      [200, false],
    ]);
  });

  it('sends Retry-After as an HTTP-date when asked, and a 503 in the v1 envelope', async () => {
    server.queueFault({ status: 503, retryAfter: 'date' });
    const res = await call('GET', '/wiki/rest/api/space/DOCS');
    expect(res.status).toBe(503);
    const date = res.headers.get('retry-after')!;
    expect(date).toMatch(/GMT$/);
    expect(Number.isNaN(Date.parse(date))).toBe(false);
    expect(res.body.statusCode).toBe(503);
  });

  it('applies a fault only to matching requests, as many times as asked', async () => {
    server.queueFault({ status: 500, match: /^PUT /, times: 2 });
    expect((await call('GET', '/wiki/api/v2/spaces')).status).toBe(200);
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'Fault target' });
    const body = {
      id: page.id,
      status: 'current',
      title: 'Fault target',
      body: { representation: 'storage', value: '' },
    };
    const first = await call('PUT', `/wiki/api/v2/pages/${page.id}`, { ...body, version: { number: 2 } });
    expect(first.status).toBe(500);
    expect(first.body.errors[0].title).toMatch(/OptimisticLockException/);
    expect(
      (await call('PUT', `/wiki/api/v2/pages/${page.id}`, { ...body, version: { number: 2 } })).status,
    ).toBe(500);
    expect(
      (await call('PUT', `/wiki/api/v2/pages/${page.id}`, { ...body, version: { number: 2 } })).status,
    ).toBe(200);
    expect(server.countRequests({ write: true })).toBe(1);
  });

  it('drop-before loses the request: nothing is created', async () => {
    server.queueFault({ drop: 'drop-before', match: /^POST \/wiki\/api\/v2\/pages$/ });
    await expect(call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Dropped before'))).rejects.toThrow();
    expect(server.pages().some((p) => p.title === 'Dropped before')).toBe(false);
    expect(server.requests()[0]).toMatchObject({ injected: true, write: false });
  });

  it('drop-after loses only the response: the page exists', async () => {
    server.queueFault({ drop: 'drop-after', match: /^POST \/wiki\/api\/v2\/pages$/ });
    await expect(call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Dropped after'))).rejects.toThrow();
    expect(server.pages().some((p) => p.title === 'Dropped after')).toBe(true);
    expect(server.requests()[0]).toMatchObject({ injected: true, write: true, status: 200 });
  });
});

describe('random faults', () => {
  async function statuses(seed: number): Promise<number[]> {
    const s = await startServer({ seed, faults: { rate429: 0.3, rate503: 0.2 } });
    try {
      const c = client(s);
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await c('GET', '/wiki/api/v2/spaces')).status);
      return out;
    } finally {
      await s.close();
    }
  }

  it('repeats exactly for the same seed and differs for another', async () => {
    const a = await statuses(42);
    expect(await statuses(42)).toEqual(a);
    expect(await statuses(7)).not.toEqual(a);
    expect(a).toContain(429);
    expect(a).toContain(200);
  });

  it('leaves requests that do not match alone, and never touches the HTML view', async () => {
    server.setFaults({ rate503: 1, match: /^POST / });
    expect((await call('GET', '/wiki/api/v2/spaces')).status).toBe(200);
    expect((await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Never'))).status).toBe(503);
    server.setFaults({ rate503: 1 });
    expect((await fetch(`${server.origin}/`)).status).toBe(200);
  });
});

describe('latency and the request log', () => {
  it('delays with timers, so a request without latency overtakes one that waits', async () => {
    server.setFaults({ latencyMs: 300, match: /^GET \/wiki\/api\/v2\/spaces$/ });
    const slow = call('GET', '/wiki/api/v2/spaces');
    // A busy-wait delay would block the event loop and finish the slow request first.
    await call('GET', '/wiki/rest/api/space/DOCS');
    await slow;
    expect(server.requests().map((r) => r.kind)).toEqual(['GET space', 'GET space']);
    expect(server.requests().map((r) => r.path)).toEqual([
      '/wiki/rest/api/space/DOCS',
      '/wiki/api/v2/spaces',
    ]);
  });

  it('counts requests by kind, method and write flag, and resets', async () => {
    await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Counted'));
    await call('GET', '/wiki/api/v2/spaces');
    await call('GET', '/wiki/api/v2/nowhere');
    expect(server.countRequests()).toBe(3);
    expect(server.countRequests({ kind: 'POST page' })).toBe(1);
    expect(server.countRequests({ method: 'get' })).toBe(2);
    expect(server.countRequests({ write: true })).toBe(1);
    expect(server.requests()[2]).toMatchObject({ status: 404, kind: 'GET unknown' });
    server.resetRequests();
    expect(server.countRequests()).toBe(0);
  });
});
