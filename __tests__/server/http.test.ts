import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector } from '../../src/server/faults.js';
import { createListener } from '../../src/server/http.js';
import { RequestLog } from '../../src/server/request-log.js';
import { Router } from '../../src/server/router.js';

const user = { accountId: 'a', userKey: 'a', username: 'a', displayName: 'A', email: 'a@example.com' };
let server: Server;
let origin: string;
const log = new RequestLog();

beforeAll(async () => {
  const router = new Router([
    {
      method: 'GET',
      path: '/sync-throw',
      kind: 'GET boom',
      handler: () => {
        throw new TypeError('broken handler');
      },
    },
    {
      method: 'GET',
      path: '/async-throw',
      kind: 'GET boom',
      handler: async () => Promise.reject(new Error('async broken')),
    },
    { method: 'GET', path: '/fine', kind: 'GET fine', handler: () => ({ status: 200, json: { ok: true } }) },
  ]);
  server = createServer(
    createListener({
      mounts: [
        { prefix: '/v2', envelope: 'v2', router, relative: true },
        { prefix: '/v1', envelope: 'v1', router, relative: true },
      ],
      html: () => undefined,
      faults: new FaultInjector(),
      log,
      authenticate: () => user,
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('request listener', () => {
  it('turns handler exceptions into 500 envelopes and keeps serving', async () => {
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const v2 = await fetch(`${origin}/v2/sync-throw`);
      expect(v2.status).toBe(500);
      expect(((await v2.json()) as { errors: { title: string }[] }).errors[0].title).toMatch(
        /broken handler/,
      );
      const v1 = await fetch(`${origin}/v1/async-throw`);
      expect(v1.status).toBe(500);
      expect(await v1.json()).toMatchObject({ statusCode: 500, reason: 'Internal Server Error' });
    } finally {
      quiet.mockRestore();
    }
    expect((await fetch(`${origin}/v2/fine`)).status).toBe(200);
    expect(log.count({ kind: 'GET boom' })).toBe(2);
  });

  it('answers a wrong method with 405 and paths outside every mount with 404', async () => {
    expect((await fetch(`${origin}/v2/fine`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${origin}/elsewhere`)).status).toBe(404);
  });
});
