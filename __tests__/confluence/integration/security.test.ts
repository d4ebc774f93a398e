/**
 * Credentials never leak into errors or logs; failures a user can fix say what to fix; the
 * flavour is detected with at most one probe.
 */
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { ConfluenceClient, ConfluenceError } from '../../../src/confluence/index.js';
import { CREDENTIALS_REJECTED } from '../../../src/confluence/failure.js';
import { startServer } from '../../../src/server/index.js';
import type { EmbeddedConfluence } from '../../../src/server/types.js';

const SECRET = 'wrong-token-Zq8';
const BASIC_B64 = Buffer.from(`demo@example.com:${SECRET}`).toString('base64');

function expectNoSecret(error: unknown, logs: string[]): void {
  const e = error as Error;
  for (const text of [e.message, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 5 }), ...logs]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(BASIC_B64);
  }
}

describe('credentials stay secret', () => {
  let cloud: EmbeddedConfluence;
  let dc: EmbeddedConfluence;
  beforeAll(async () => {
    cloud = await startServer({ flavor: 'cloud' });
    dc = await startServer({ flavor: 'datacenter' });
  });
  afterAll(async () => {
    await cloud.close();
    await dc.close();
  });

  test('Cloud: a rejected token is kind auth with an actionable message and no secret', async () => {
    const logs: string[] = [];
    const client = await ConfluenceClient.create({
      baseUrl: cloud.url,
      username: 'demo@example.com',
      token: SECRET,
      deployment: 'cloud',
      log: { debug: (m) => logs.push(m), info: (m) => logs.push(m), warning: (m) => logs.push(m) },
    });
    const error = await client.getSpace('DOCS').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfluenceError);
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect((error as Error).message).toBe(CREDENTIALS_REJECTED);
    expectNoSecret(error, logs);
  });

  test('Data Center: a rejected PAT is kind auth too', async () => {
    const client = await ConfluenceClient.create({
      baseUrl: dc.url,
      username: '',
      token: SECRET,
      deployment: 'datacenter',
    });
    const error = await client.getPage('1').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expectNoSecret(error, []);
  });

  test('a server error after retries carries no secret either', async () => {
    const logs: string[] = [];
    cloud.queueFault({ status: 500, times: 10 });
    const client = await ConfluenceClient.create({
      baseUrl: cloud.url,
      username: 'demo@example.com',
      token: SECRET,
      deployment: 'cloud',
      sleep: async () => {},
      log: { debug: (m) => logs.push(m), info: () => {}, warning: () => {} },
    });
    const error = await client.getSpace('DOCS').catch((e: unknown) => e);
    cloud.clearFaults();
    expect(error).toMatchObject({ kind: 'server', status: 500 });
    expect(logs.some((line) => line.startsWith('Retrying GET'))).toBe(true);
    expectNoSecret(error, logs);
  });

  test('an unreachable host names the origin and the network code', async () => {
    const port = await closedPort();
    const waits: number[] = [];
    const client = await ConfluenceClient.create({
      baseUrl: `http://127.0.0.1:${port}/confluence`,
      username: 'demo@example.com',
      token: SECRET,
      deployment: 'datacenter',
      retry: { maxRetries: 2 },
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const error = await client.getSpace('DOCS').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', status: 0, code: 'ECONNREFUSED' });
    expect((error as Error).message).toContain(`http://127.0.0.1:${port}`);
    expect((error as Error).message).toContain('ECONNREFUSED');
    // A refused connection never reached the server, so it is retried.
    expect(waits).toHaveLength(2);
    expectNoSecret(error, []);
  });
});

describe('flavour detection', () => {
  test.each(['cloud', 'datacenter'] as const)(
    'auto on a %s server probes once and says why',
    async (flavor) => {
      const server = await startServer({ flavor });
      try {
        const debug: string[] = [];
        const probes: string[] = [];
        const client = await ConfluenceClient.create({
          onRequest: (event) => {
            if (event.phase === 'start') probes.push(`${event.method} ${event.path}`);
          },
          baseUrl: `${server.url}/`,
          username: flavor === 'cloud' ? 'demo@example.com' : '',
          token: flavor === 'cloud' ? 'demo-token' : 'demo-pat',
          log: { debug: (m) => debug.push(m), info: () => {}, warning: () => {} },
        });
        expect(client.flavor).toBe(flavor);
        // (The Data Center server does not log paths outside its API, so count on the client side.)
        expect(probes).toEqual([`GET ${new URL(server.url).pathname}/api/v2/spaces?limit=1`]);
        expect(debug.find((line) => line.startsWith('Confluence flavour:'))).toContain(
          flavor === 'cloud' ? 'HTTP 200' : 'HTTP 404',
        );
        await expect(client.getSpace('DOCS')).resolves.toMatchObject({ key: 'DOCS' });
      } finally {
        await server.close();
      }
    },
  );

  test('an explicit deployment sends no probe', async () => {
    const server = await startServer({ flavor: 'datacenter' });
    try {
      const client = await ConfluenceClient.create({
        baseUrl: server.url,
        username: '',
        token: 'demo-pat',
        deployment: 'datacenter',
      });
      expect(client.flavor).toBe('datacenter');
      expect(server.countRequests()).toBe(0);
    } finally {
      await server.close();
    }
  });
});

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
