/**
 * The loopback Actions cache service itself: the Twirp rules the cache tests rely on, and the
 * blob protocol as the real Azure Blob SDK speaks it (block uploads and ranged downloads are
 * paths `@actions/cache` takes for larger archives than a manifest).
 */
import { BlockBlobClient } from '@azure/storage-blob';
import { startActionsCacheServer, type ActionsCacheServer } from '../support/actions-cache-server.js';

let server: ActionsCacheServer;

beforeAll(async () => {
  server = await startActionsCacheServer({ token: 'runtime-token' });
});

afterAll(async () => {
  await server.close();
});

async function twirp(method: string, body: unknown, token = server.token) {
  const response = await fetch(`${server.url}twirp/github.actions.results.api.v1.CacheService/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Create, upload (with the SDK, in `blockSize` blocks) and finalize one entry. */
async function saveEntry(key: string, version: string, data: Buffer, blockSize = 1024) {
  const created = await twirp('CreateCacheEntry', { key, version });
  expect(created.body).toMatchObject({ ok: true });
  const uploadUrl = String(created.body.signed_upload_url);
  await new BlockBlobClient(uploadUrl).uploadData(data, { maxSingleShotSize: blockSize, blockSize });
  const finalized = await twirp('FinalizeCacheEntryUpload', {
    key,
    version,
    size_bytes: String(data.length),
  });
  expect(finalized).toEqual({ status: 200, body: { ok: true, entry_id: expect.stringMatching(/^\d+$/) } });
  return uploadUrl;
}

async function lookup(key: string, restoreKeys: string[], version = 'v1') {
  const { body } = await twirp('GetCacheEntryDownloadURL', { key, restore_keys: restoreKeys, version });
  return body;
}

test('Twirp calls need the runtime token', async () => {
  const answer = await twirp('GetCacheEntryDownloadURL', { key: 'k', version: 'v1' }, 'wrong');
  expect(answer).toEqual({ status: 401, body: { code: 'unauthenticated', msg: expect.any(String) } });
});

test('an unknown Twirp method is a bad route', async () => {
  expect(await twirp('DeleteCacheEntry', { key: 'k' })).toMatchObject({
    status: 404,
    body: { code: 'bad_route' },
  });
});

test('keys are immutable per version, as on github.com', async () => {
  expect((await twirp('CreateCacheEntry', { key: 'imm-1', version: 'v1' })).status).toBe(200);
  expect(await twirp('CreateCacheEntry', { key: 'imm-1', version: 'v1' })).toEqual({
    status: 409,
    body: { code: 'already_exists', msg: 'cache entry with the same key, version, and scope already exists' },
  });
  expect((await twirp('CreateCacheEntry', { key: 'imm-1', version: 'v2' })).status).toBe(200);
});

test('lookups: exact key first, else the newest prefix match, only finalized entries of the version', async () => {
  await saveEntry('look-1', 'v1', Buffer.from('one'));
  await saveEntry('look-10', 'v1', Buffer.from('ten'));
  await saveEntry('look-2', 'v1', Buffer.from('two'));
  await saveEntry('look-3', 'v2', Buffer.from('other version'));
  await twirp('CreateCacheEntry', { key: 'look-4', version: 'v1' }); // reserved, never finalized

  expect(await lookup('look-1', [])).toMatchObject({ ok: true, matched_key: 'look-1' });
  expect(await lookup('look-', [])).toMatchObject({ ok: true, matched_key: 'look-2' });
  expect(await lookup('nothing-', ['look-1', 'look-'])).toMatchObject({ ok: true, matched_key: 'look-1' });
  expect(await lookup('look-', [], 'v2')).toMatchObject({ ok: true, matched_key: 'look-3' });
  expect(await lookup('absent-', ['also-absent-'])).toEqual({
    ok: false,
    signed_download_url: '',
    matched_key: '',
  });
});

test('block uploads and ranged downloads work with the Azure SDK', async () => {
  const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
  const before = server.requests.length;
  await saveEntry('blocks-1', 'v1', data, 1024);
  const uploads = server.requests.slice(before).map((r) => r.operation);
  expect(uploads.filter((op) => op === 'PutBlock')).toHaveLength(5);
  expect(uploads).toContain('PutBlockList');
  expect(uploads).not.toContain('PutBlob');
  expect(server.entries().find((e) => e.key === 'blocks-1')).toMatchObject({ finalized: true, size: 5000 });

  const found = await lookup('blocks-', []);
  const downloadUrl = String(found.signed_download_url);
  const client = new BlockBlobClient(downloadUrl);
  expect(await client.downloadToBuffer(0, undefined, { blockSize: 1000, concurrency: 2 })).toEqual(data);

  const ranged = await fetch(downloadUrl, { headers: { range: 'bytes=10-19' } });
  expect(ranged.status).toBe(206);
  expect(ranged.headers.get('content-range')).toBe('bytes 10-19/5000');
  expect(Buffer.from(await ranged.arrayBuffer())).toEqual(data.subarray(10, 20));
});

test('signed URLs grant one thing: download URLs read, upload URLs write until finalized', async () => {
  const uploadUrl = await saveEntry('sas-1', 'v1', Buffer.from('archive'));
  const downloadUrl = String((await lookup('sas-1', [])).signed_download_url);

  await expect(new BlockBlobClient(downloadUrl).upload('overwrite', 9)).rejects.toMatchObject({
    statusCode: 403,
  });
  await expect(new BlockBlobClient(uploadUrl).upload('overwrite', 9)).rejects.toMatchObject({
    statusCode: 403,
  });
  expect((await fetch(uploadUrl)).status).toBe(403);
  const unsigned = new URL(downloadUrl);
  unsigned.search = '';
  expect((await fetch(unsigned)).status).toBe(403);
  expect(await (await fetch(downloadUrl)).text()).toBe('archive');
});

test('finalizing needs the uploaded archive with its exact size', async () => {
  const created = await twirp('CreateCacheEntry', { key: 'fin-1', version: 'v1' });
  expect(
    await twirp('FinalizeCacheEntryUpload', { key: 'fin-1', version: 'v1', size_bytes: '3' }),
  ).toMatchObject({
    status: 412,
    body: { code: 'failed_precondition' },
  });
  await new BlockBlobClient(String(created.body.signed_upload_url)).upload('abc', 3);
  expect(
    await twirp('FinalizeCacheEntryUpload', { key: 'fin-1', version: 'v1', size_bytes: '4' }),
  ).toMatchObject({
    status: 400,
  });
  expect(
    await twirp('FinalizeCacheEntryUpload', { key: 'fin-1', version: 'v1', size_bytes: '3' }),
  ).toMatchObject({
    status: 200,
    body: { ok: true },
  });
});

test('injected failures answer once, in the protocol of the operation', async () => {
  server.failNext('GetCacheEntryDownloadURL', 503);
  expect(await twirp('GetCacheEntryDownloadURL', { key: 'k', version: 'v1' })).toMatchObject({
    status: 503,
    body: { code: 'unavailable' },
  });
  expect((await twirp('GetCacheEntryDownloadURL', { key: 'k', version: 'v1' })).status).toBe(200);
});
