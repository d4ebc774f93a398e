/**
 * A loopback implementation of the GitHub Actions cache service, so tests run the REAL
 * `@actions/cache` client end to end (tar, Twirp calls, Azure Blob SDK upload, download) with
 * no network beyond 127.0.0.1.
 *
 * What it implements, and why each piece is needed:
 * - Cache service v2 (Twirp, JSON): `@actions/cache` 6 picks it when `ACTIONS_CACHE_SERVICE_V2`
 *   is set and `GITHUB_SERVER_URL` is github.com (or unset); it is what github.com runs today.
 *   `POST /twirp/github.actions.results.api.v1.CacheService/{CreateCacheEntry,
 *   FinalizeCacheEntryUpload,GetCacheEntryDownloadURL}` with `Authorization: Bearer
 *   <ACTIONS_RUNTIME_TOKEN>`; request bodies use proto field names (`restore_keys`,
 *   `size_bytes`), int64 values arrive as strings. Errors are Twirp errors `{code, msg}`.
 * - Entries are immutable: creating a key that exists for the same version and scope answers
 *   409 `already_exists` ("cache entry with the same key, version, and scope already exists"),
 *   as github.com does. Lookups see only finalized entries of the requested version: for the
 *   primary key, then each restore key, an exact match wins, else the newest entry whose key
 *   starts with it. A miss is `200 {ok: false}`, not an error. There is one scope: no branch
 *   isolation (github.com scopes entries to the branch, with the default branch readable by all).
 * - The blob store behind the signed URLs is `actions-cache-blobs.ts`. The client downloads
 *   from it with a plain GET: it only uses the Azure SDK for downloads from
 *   `*.blob.core.windows.net`, while uploads always go through the SDK's `uploadFile`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  BLOB_PREFIX,
  BlobStore,
  blobOperation,
  HttpError,
  sendAzureError,
  type BlobOperation,
} from './actions-cache-blobs.js';

const TWIRP_SERVICE = '/twirp/github.actions.results.api.v1.CacheService/';
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Key limit the client also enforces (`checkKey`). */
const MAX_KEY_LENGTH = 512;

/** What a test can ask the server to fail, named like the operation it serves. */
export type CacheOperation =
  'CreateCacheEntry' | 'FinalizeCacheEntryUpload' | 'GetCacheEntryDownloadURL' | BlobOperation;

/** One request as the server classified it (signatures left out). */
export interface RecordedRequest {
  operation: CacheOperation | 'unknown';
  method: string;
  path: string;
  status: number;
}

/** A cache entry as a test sees it. */
export interface CacheEntrySnapshot {
  id: number;
  key: string;
  version: string;
  finalized: boolean;
  /** Bytes of the committed blob, when one was uploaded. */
  size: number | undefined;
}

export interface ActionsCacheServerOptions {
  /** Bearer token the client must send (default: a random one). */
  token?: string;
}

export interface ActionsCacheServer {
  /** Base URL for `ACTIONS_RESULTS_URL`. */
  readonly url: string;
  readonly token: string;
  /**
   * The environment `@actions/cache` reads to reach this server with service v2. Callers still
   * set `RUNNER_TEMP` (the client's scratch folder) and `GITHUB_WORKSPACE` themselves.
   */
  readonly env: Readonly<Record<string, string>>;
  readonly requests: readonly RecordedRequest[];
  entries(): CacheEntrySnapshot[];
  /** Answer the next request for `operation` with `status` (a Twirp or Azure error body). */
  failNext(operation: CacheOperation, status: number): void;
  close(): Promise<void>;
}

interface Entry {
  id: number;
  key: string;
  version: string;
  finalized: boolean;
  blobName: string;
}

/** Twirp error codes by HTTP status, for injected failures and our own errors. */
const TWIRP_CODES: Record<number, string> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'already_exists',
  412: 'failed_precondition',
  429: 'resource_exhausted',
  500: 'internal',
  501: 'unimplemented',
  503: 'unavailable',
};

/** Start the service on 127.0.0.1 and a free port. */
export async function startActionsCacheServer(
  options: ActionsCacheServerOptions = {},
): Promise<ActionsCacheServer> {
  const token = options.token ?? randomBytes(16).toString('hex');
  const entries: Entry[] = [];
  let origin = '';
  const blobs = new BlobStore(() => origin);
  const requests: RecordedRequest[] = [];
  const faults: Array<{ operation: CacheOperation; status: number }> = [];
  const takeFault = (operation: CacheOperation): number | undefined => {
    const index = faults.findIndex((f) => f.operation === operation);
    if (index < 0) return undefined;
    const [fault] = faults.splice(index, 1);
    return fault.status;
  };

  const twirp = (method: string, body: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'CreateCacheEntry': {
        const { key, version } = keyAndVersion(body);
        if (entries.some((e) => e.key === key && e.version === version)) {
          throw new HttpError(
            409,
            'already_exists',
            'cache entry with the same key, version, and scope already exists',
          );
        }
        const id = entries.length + 1;
        const entry: Entry = {
          id,
          key,
          version,
          finalized: false,
          blobName: `${id}-${randomBytes(4).toString('hex')}`,
        };
        entries.push(entry);
        return { ok: true, signed_upload_url: blobs.signedUrl(entry.blobName, 'write') };
      }
      case 'FinalizeCacheEntryUpload': {
        const { key, version } = keyAndVersion(body);
        const entry = entries.find((e) => e.key === key && e.version === version && !e.finalized);
        if (!entry) throw new HttpError(404, 'not_found', `no reserved cache entry for key ${key}`);
        const uploaded = blobs.size(entry.blobName);
        if (uploaded === undefined)
          throw new HttpError(412, 'failed_precondition', 'the cache archive was not uploaded');
        const size = Number(field(body, 'size_bytes', 'sizeBytes') ?? NaN);
        if (size !== uploaded) {
          throw new HttpError(
            400,
            'invalid_argument',
            `size_bytes ${size} does not match the ${uploaded} bytes uploaded`,
          );
        }
        entry.finalized = true;
        blobs.revokeWrites(entry.blobName);
        return { ok: true, entry_id: String(entry.id) };
      }
      case 'GetCacheEntryDownloadURL': {
        const { key, version } = keyAndVersion(body);
        const restoreKeys = field(body, 'restore_keys', 'restoreKeys') ?? [];
        if (!Array.isArray(restoreKeys) || !restoreKeys.every((k) => typeof k === 'string')) {
          throw new HttpError(400, 'invalid_argument', 'restore_keys must be a list of strings');
        }
        const match = findEntry(
          entries.filter((e) => e.finalized && e.version === version),
          [key, ...restoreKeys],
        );
        if (!match) return { ok: false, signed_download_url: '', matched_key: '' };
        return {
          ok: true,
          signed_download_url: blobs.signedUrl(match.blobName, 'read'),
          matched_key: match.key,
        };
      }
      default:
        throw new HttpError(404, 'bad_route', `no method ${method}`);
    }
  };

  const handleTwirp = (req: IncomingMessage, res: ServerResponse, method: string, raw: Buffer): void => {
    if (req.method !== 'POST') throw new HttpError(404, 'bad_route', 'Twirp needs POST');
    if (req.headers.authorization !== `Bearer ${token}`) {
      throw new HttpError(401, 'unauthenticated', 'invalid or missing runtime token');
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new HttpError(404, 'bad_route', 'only the JSON encoding is served');
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpError(400, 'malformed', 'request body is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(400, 'malformed', 'request body is not a JSON object');
    }
    sendJson(res, 200, twirp(method, body as Record<string, unknown>));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const twirpMethod = url.pathname.startsWith(TWIRP_SERVICE)
      ? url.pathname.slice(TWIRP_SERVICE.length)
      : undefined;
    const operation = classify(req.method ?? '', url, twirpMethod);
    const record = (status: number): void => {
      requests.push({ operation, method: req.method ?? '', path: url.pathname, status });
    };
    readBody(req)
      .then((raw) => {
        const injected = operation === 'unknown' ? undefined : takeFault(operation);
        if (injected !== undefined) {
          const code = twirpMethod ? (TWIRP_CODES[injected] ?? 'unknown') : 'InjectedFailure';
          throw new HttpError(injected, code, `injected ${injected} for ${operation}`);
        }
        if (twirpMethod !== undefined) handleTwirp(req, res, twirpMethod, raw);
        else if (url.pathname.startsWith(BLOB_PREFIX)) blobs.handle(req, res, url, raw);
        else throw new HttpError(404, 'NotFound', `nothing at ${url.pathname}`);
        record(res.statusCode);
      })
      .catch((error: unknown) => {
        const failure = error instanceof HttpError ? error : new HttpError(500, 'internal', String(error));
        if (twirpMethod !== undefined)
          sendJson(res, failure.status, { code: failure.code, msg: failure.message });
        else sendAzureError(res, failure);
        record(failure.status);
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/`,
    token,
    env: {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: `${origin}/`,
      ACTIONS_RUNTIME_TOKEN: token,
      // isGhes() reads this: anything but github.com / *.ghe.com / *.localhost forces service v1.
      GITHUB_SERVER_URL: 'https://github.com',
    },
    requests,
    entries: () =>
      entries.map((e) => ({
        id: e.id,
        key: e.key,
        version: e.version,
        finalized: e.finalized,
        size: blobs.size(e.blobName),
      })),
    failNext: (operation, status) => {
      faults.push({ operation, status });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The Azure SDK keeps connections alive; without this close() waits for them to idle out.
        server.closeAllConnections();
      }),
  };
}

/** Exact match first, then the newest prefix match, for each key in order. */
function findEntry(candidates: Entry[], keys: string[]): Entry | undefined {
  for (const key of keys) {
    const exact = candidates.find((e) => e.key === key);
    if (exact) return exact;
    const prefixed = candidates.filter((e) => e.key.startsWith(key));
    if (prefixed.length > 0) return prefixed.reduce((a, b) => (b.id > a.id ? b : a));
  }
  return undefined;
}

function keyAndVersion(body: Record<string, unknown>): { key: string; version: string } {
  const key = body.key;
  const version = body.version;
  if (typeof key !== 'string' || key === '' || key.length > MAX_KEY_LENGTH) {
    throw new HttpError(400, 'invalid_argument', 'key must be a non-empty string of at most 512 characters');
  }
  if (typeof version !== 'string' || version === '') {
    throw new HttpError(400, 'invalid_argument', 'version is required');
  }
  return { key, version };
}

/** Twirp JSON servers accept both the proto name and the lowerCamel JSON name of a field. */
function field(body: Record<string, unknown>, protoName: string, jsonName: string): unknown {
  return body[protoName] ?? body[jsonName];
}

function classify(method: string, url: URL, twirpMethod: string | undefined): CacheOperation | 'unknown' {
  if (twirpMethod !== undefined) {
    const known = ['CreateCacheEntry', 'FinalizeCacheEntryUpload', 'GetCacheEntryDownloadURL'] as const;
    return known.find((m) => m === twirpMethod) ?? 'unknown';
  }
  if (!url.pathname.startsWith(BLOB_PREFIX)) return 'unknown';
  return blobOperation(method, url) ?? 'unknown';
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, 'RequestBodyTooLarge', 'request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    .end(text);
}
