/**
 * Shared set-up for the client's integration tests: an embedded Confluence of either flavour on
 * loopback, and a client wired to record waits instead of sleeping.
 */
import { ConfluenceClient, type ClientOptions } from '../../../src/confluence/index.js';
import type { RequestEvent } from '../../../src/confluence/options.js';
import { startServer } from '../../../src/server/index.js';
import type { EmbeddedConfluence, ServerOptions } from '../../../src/server/types.js';

export type Flavor = 'cloud' | 'datacenter';

export const CLOUD_EMAIL = 'demo@example.com';
export const CLOUD_TOKEN = 'demo-token';
export const DC_PAT = 'demo-pat';

export interface Harness {
  server: EmbeddedConfluence;
  client: ConfluenceClient;
  /** Every delay the client asked to sleep, in order. */
  waits: number[];
  events: RequestEvent[];
  debug: string[];
  warnings: string[];
  close(): Promise<void>;
}

/** Credentials for a flavour (Cloud: Basic e-mail + API token; DC: Bearer PAT). */
export function credentialsFor(flavor: Flavor): Pick<ClientOptions, 'username' | 'token'> {
  return flavor === 'cloud' ? { username: CLOUD_EMAIL, token: CLOUD_TOKEN } : { username: '', token: DC_PAT };
}

export async function startHarness(
  flavor: Flavor,
  options: { server?: ServerOptions; client?: Partial<ClientOptions> } = {},
): Promise<Harness> {
  const server = await startServer({ flavor, ...options.server });
  const waits: number[] = [];
  const events: RequestEvent[] = [];
  const debug: string[] = [];
  const warnings: string[] = [];
  try {
    const client = await makeClient(server.url, flavor, {
      sleep: async (ms) => {
        waits.push(ms);
      },
      onRequest: (event) => events.push(event),
      log: { debug: (m) => debug.push(m), info: () => {}, warning: (m) => warnings.push(m) },
      ...options.client,
    });
    return { server, client, waits, events, debug, warnings, close: () => server.close() };
  } catch (error) {
    await server.close();
    throw error;
  }
}

export function makeClient(
  baseUrl: string,
  flavor: Flavor,
  extra: Partial<ClientOptions> = {},
): Promise<ConfluenceClient> {
  return ConfluenceClient.create({
    baseUrl,
    ...credentialsFor(flavor),
    deployment: flavor,
    random: () => 0.5,
    sleep: async () => {},
    ...extra,
  });
}

/** Highest number of attempts in flight at once, from the client's start/end events. */
export function maxInFlight(events: RequestEvent[]): number {
  let current = 0;
  let max = 0;
  for (const event of events) {
    current += event.phase === 'start' ? 1 : -1;
    max = Math.max(max, current);
  }
  return max;
}

export function owner(path: string, hash = 'h1'): { v: 1; path: string; hash: string; version: number } {
  return { v: 1, path, hash, version: 1 };
}

/** A request outside the client (to set up states the client would never write). */
export async function rawRequest(
  h: Harness,
  flavor: Flavor,
  method: string,
  path: string,
  json?: unknown,
): Promise<Response> {
  const creds = credentialsFor(flavor);
  const authorization = creds.username
    ? `Basic ${Buffer.from(`${creds.username}:${creds.token}`).toString('base64')}`
    : `Bearer ${creds.token}`;
  return fetch(`${h.server.url}${path}`, {
    method,
    headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}
