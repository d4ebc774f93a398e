/**
 * The in-memory blob store behind the loopback Actions cache service's signed URLs: the part of
 * the Azure Blob REST API that `@actions/cache` (through `@azure/storage-blob`) and a plain
 * HTTP download use. Path-style URLs, as the Azure SDK uses for IP hosts:
 * `/<account>/<container>/<blob>?sv=…&sp=…&sig=…`.
 *
 * - Put Blob: `PUT` with `x-ms-blob-type: BlockBlob` (the SDK's single-shot upload, used for
 *   archives up to 128 MiB by `@actions/cache`).
 * - Put Block: `PUT ?comp=block&blockid=<base64>`; Put Block List: `PUT ?comp=blocklist` with an
 *   XML `<BlockList><Latest>id</Latest>…</BlockList>` body (larger uploads).
 * - Get Blob / Get Blob Properties: `GET`/`HEAD`, with `Range` or `x-ms-range` (`bytes=a-b`,
 *   `bytes=a-`) answered 206 with `Content-Range`.
 * - Errors are Azure's XML `<Error><Code/><Message/></Error>` plus `x-ms-error-code`.
 * A signature grants either writes or reads of one blob; write grants end at finalization.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';

export const ACCOUNT = 'devstoreaccount1';
export const CONTAINER = 'actions-cache';
export const BLOB_PREFIX = `/${ACCOUNT}/${CONTAINER}/`;

/** A failed request: HTTP status plus the protocol's error code (Twirp or Azure). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type BlobOperation = 'PutBlob' | 'PutBlock' | 'PutBlockList' | 'GetBlob' | 'HeadBlob';

interface StoredBlob {
  committed?: Buffer;
  staged: Map<string, Buffer>;
  committedBlocks: Map<string, Buffer>;
  etag: string;
  lastModified: Date;
}

interface Grant {
  blobName: string;
  access: 'write' | 'read';
}

export class BlobStore {
  private readonly blobs = new Map<string, StoredBlob>();
  private readonly grants = new Map<string, Grant>();

  /** @param origin `http://127.0.0.1:<port>`, known once the server listens. */
  constructor(private readonly origin: () => string) {}

  /** A SAS-like URL that lets its holder write (`cw`) or read (`r`) one blob. */
  signedUrl(blobName: string, access: Grant['access']): string {
    const sig = randomBytes(24).toString('base64');
    this.grants.set(sig, { blobName, access });
    const query = new URLSearchParams({
      sv: '2025-01-05',
      sr: 'b',
      sp: access === 'write' ? 'cw' : 'r',
      se: new Date(Date.now() + 3_600_000).toISOString(),
      sig,
    });
    return `${this.origin()}${BLOB_PREFIX}${encodeURIComponent(blobName)}?${query.toString()}`;
  }

  /** End every write grant for `blobName` (the entry is finalized: its archive is immutable). */
  revokeWrites(blobName: string): void {
    for (const [sig, grant] of this.grants) {
      if (grant.blobName === blobName && grant.access === 'write') this.grants.delete(sig);
    }
  }

  /** Committed size of `blobName`, or undefined when nothing was committed. */
  size(blobName: string): number | undefined {
    return this.blobs.get(blobName)?.committed?.length;
  }

  /** Serve one blob request; throws `HttpError` for the caller to render as an Azure error. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): void {
    const blobName = decodeURIComponent(url.pathname.slice(BLOB_PREFIX.length));
    const grant = this.grants.get(url.searchParams.get('sig') ?? '');
    const wants = req.method === 'PUT' ? 'write' : 'read';
    if (!grant || grant.blobName !== blobName || grant.access !== wants) {
      throw new HttpError(
        403,
        'AuthenticationFailed',
        'Server failed to authenticate the request (signature).',
      );
    }
    const blob = this.blobs.get(blobName) ?? newBlob();
    const comp = url.searchParams.get('comp');
    if (req.method === 'PUT' && comp === null) {
      if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
        throw new HttpError(400, 'MissingRequiredHeader', 'x-ms-blob-type must be BlockBlob');
      }
      this.commit(blobName, blob, raw, new Map());
      sendWritten(res, blob);
    } else if (req.method === 'PUT' && comp === 'block') {
      const blockId = url.searchParams.get('blockid');
      if (!blockId) throw new HttpError(400, 'MissingRequiredQueryParameter', 'blockid is required');
      blob.staged.set(blockId, raw);
      this.blobs.set(blobName, blob);
      res.writeHead(201, azureHeaders()).end();
    } else if (req.method === 'PUT' && comp === 'blocklist') {
      const blocks = blockList(blob, raw.toString('utf8'));
      this.commit(blobName, blob, Buffer.concat(blocks.map(([, data]) => data)), new Map(blocks));
      sendWritten(res, blob);
    } else if ((req.method === 'GET' || req.method === 'HEAD') && comp === null) {
      if (!blob.committed) throw new HttpError(404, 'BlobNotFound', 'The specified blob does not exist.');
      sendContent(req, res, blob, blob.committed);
    } else {
      throw new HttpError(400, 'UnsupportedHttpVerb', `${req.method} comp=${comp ?? ''} is not served`);
    }
  }

  private commit(name: string, blob: StoredBlob, data: Buffer, blocks: Map<string, Buffer>): void {
    blob.committed = data;
    blob.committedBlocks = blocks;
    blob.staged = new Map();
    blob.etag = `"0x${createHash('sha256').update(data).digest('hex').slice(0, 16).toUpperCase()}"`;
    blob.lastModified = new Date();
    this.blobs.set(name, blob);
  }
}

/** Classify a blob request for the request log and fault injection. */
export function blobOperation(method: string, url: URL): BlobOperation | undefined {
  const comp = url.searchParams.get('comp');
  if (method === 'PUT')
    return comp === 'block' ? 'PutBlock' : comp === 'blocklist' ? 'PutBlockList' : 'PutBlob';
  if (method === 'GET') return 'GetBlob';
  if (method === 'HEAD') return 'HeadBlob';
  return undefined;
}

export function sendAzureError(res: ServerResponse, error: HttpError): void {
  const xml =
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${error.code}</Code>` +
    `<Message>${error.message.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</Message></Error>`;
  res
    .writeHead(
      error.status,
      azureHeaders({
        'content-type': 'application/xml',
        'x-ms-error-code': error.code,
        'content-length': String(Buffer.byteLength(xml)),
      }),
    )
    .end(xml);
}

function newBlob(): StoredBlob {
  return { staged: new Map(), committedBlocks: new Map(), etag: '', lastModified: new Date() };
}

/** The blocks a Put Block List names, in order: `Latest` prefers a staged block over a committed one. */
function blockList(blob: StoredBlob, xml: string): Array<[string, Buffer]> {
  return [...xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map(([, list, id]) => {
    const data =
      list === 'Committed'
        ? blob.committedBlocks.get(id)
        : list === 'Uncommitted'
          ? blob.staged.get(id)
          : (blob.staged.get(id) ?? blob.committedBlocks.get(id));
    if (!data) throw new HttpError(400, 'InvalidBlockList', `unknown block ${id}`);
    return [id, data];
  });
}

function azureHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'x-ms-request-id': randomBytes(8).toString('hex'),
    'x-ms-version': '2025-01-05',
    date: new Date().toUTCString(),
    ...extra,
  };
}

function sendWritten(res: ServerResponse, blob: StoredBlob): void {
  const headers = azureHeaders({
    etag: blob.etag,
    'last-modified': blob.lastModified.toUTCString(),
    'x-ms-request-server-encrypted': 'true',
  });
  res.writeHead(201, headers).end();
}

/** GET/HEAD with an optional `bytes=a-b` / `bytes=a-` range (`x-ms-range` wins over `Range`). */
function sendContent(req: IncomingMessage, res: ServerResponse, blob: StoredBlob, data: Buffer): void {
  const headers = azureHeaders({
    'content-type': 'application/octet-stream',
    'accept-ranges': 'bytes',
    etag: blob.etag,
    'last-modified': blob.lastModified.toUTCString(),
    'x-ms-blob-type': 'BlockBlob',
  });
  const range = req.headers['x-ms-range'] ?? req.headers.range;
  let status = 200;
  let body = data;
  if (typeof range === 'string') {
    const match = /^bytes=(\d+)-(\d*)$/.exec(range);
    const start = match ? Number(match[1]) : NaN;
    const end = match && match[2] !== '' ? Math.min(Number(match[2]), data.length - 1) : data.length - 1;
    if (!match || start >= data.length || end < start) {
      throw new HttpError(
        416,
        'InvalidRange',
        'The range specified is invalid for the current size of the resource.',
      );
    }
    status = 206;
    body = data.subarray(start, end + 1);
    headers['content-range'] = `bytes ${start}-${end}/${data.length}`;
  }
  headers['content-length'] = String(body.length);
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
