import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type EmbeddedConfluence, startServer } from '../../src/server/index.js';
import { type Call, client, upload } from './helpers.js';

let server: EmbeddedConfluence;
let call: Call;
const NO_CHECK = { 'X-Atlassian-Token': 'no-check' };

beforeAll(async () => {
  server = await startServer();
  call = client(server);
});
afterAll(() => server.close());

function attachmentsPath(pageId: string): string {
  return `/wiki/rest/api/content/${pageId}/child/attachment`;
}

describe('attachment uploads', () => {
  it('refuses an upload without the XSRF header and accepts both spellings of it', async () => {
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'Xsrf' });
    const denied = await call('POST', attachmentsPath(page.id), upload('a.txt', 'a'));
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe('XSRF check failed');
    expect(server.attachments(page.id)).toEqual([]);
    expect((await call('POST', attachmentsPath(page.id), upload('a.txt', 'a'), NO_CHECK)).status).toBe(200);
    const old = { 'X-Atlassian-Token': 'nocheck' };
    expect((await call('POST', attachmentsPath(page.id), upload('b.txt', 'b'), old)).status).toBe(200);
  });

  it('creates with POST, refuses the same name again, and versions it with PUT', async () => {
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'Versions' });
    const created = await call(
      'POST',
      attachmentsPath(page.id),
      upload('pic.png', [1, 2, 3], 'sha256:one', 'image/png'),
      NO_CHECK,
    );
    expect(created.status).toBe(200);
    const att = created.body.results[0];
    expect(att.id).toMatch(/^att\d+$/);
    expect(att).toMatchObject({
      title: 'pic.png',
      extensions: { fileSize: 3, comment: 'sha256:one', mediaType: 'image/png' },
    });
    expect(att.version.number).toBe(1);

    const again = await call('POST', attachmentsPath(page.id), upload('pic.png', [9]), NO_CHECK);
    expect(again.status).toBe(400);
    expect(again.body.message).toBe(
      'Cannot add a new attachment with same file name as an existing attachment: pic.png',
    );

    const put = await call(
      'PUT',
      attachmentsPath(page.id),
      upload('pic.png', [4, 5], 'sha256:two', 'image/png'),
      NO_CHECK,
    );
    expect(put.body.results[0]).toMatchObject({
      id: att.id,
      version: { number: 2 },
      extensions: { fileSize: 2 },
    });
    expect(server.attachments(page.id)).toEqual([
      expect.objectContaining({
        id: att.id,
        version: 2,
        comment: 'sha256:two',
        size: 2,
        data: new Uint8Array([4, 5]),
      }),
    ]);

    const download = await fetch(server.url + put.body.results[0]._links.download.replace(/\?.*/, ''), {
      headers: { authorization: (await import('./helpers.js')).CLOUD_AUTH },
    });
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(new Uint8Array([4, 5]));
    expect(download.headers.get('content-type')).toBe('image/png');
  });

  it('replaces data by attachment id, with or without the att prefix', async () => {
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'Data endpoint' });
    const { body } = await call('POST', attachmentsPath(page.id), upload('f.bin', [1]), NO_CHECK);
    const id: string = body.results[0].id;
    const res = await call(
      'POST',
      `${attachmentsPath(page.id)}/${id.slice(3)}/data`,
      upload('f.bin', [2, 2]),
      NO_CHECK,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, version: { number: 2 } });
  });

  it('lists attachments in v1 and v2 with a filename filter', async () => {
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'Listing' });
    await call('PUT', attachmentsPath(page.id), upload('one.txt', 'one'), NO_CHECK);
    await call('PUT', attachmentsPath(page.id), upload('two.txt', 'two'), NO_CHECK);
    const v1 = await call('GET', `${attachmentsPath(page.id)}?filename=two.txt`);
    expect(v1.body.results.map((a: { title: string }) => a.title)).toEqual(['two.txt']);
    const v2 = await call('GET', `/wiki/api/v2/pages/${page.id}/attachments?filename=one.txt`);
    expect(v2.body.results).toEqual([
      expect.objectContaining({ title: 'one.txt', fileSize: 3, pageId: page.id, mediaType: 'text/plain' }),
    ]);
    const single = await call('GET', `/wiki/api/v2/attachments/${v2.body.results[0].id}`);
    expect(single.body.downloadLink).toMatch(new RegExp(`^/download/attachments/${page.id}/one\\.txt\\?`));
  });

  it('trashes an attachment through v2, which frees its name, then purges it', async () => {
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'Attachment trash' });
    const { body } = await call('POST', attachmentsPath(page.id), upload('gone.txt', 'x'), NO_CHECK);
    const id: string = body.results[0].id;
    expect((await call('DELETE', `/wiki/api/v2/attachments/${id}?purge=true`)).status).toBe(400);
    expect((await call('DELETE', `/wiki/api/v2/attachments/${id}`)).status).toBe(204);
    expect(server.attachments(page.id)).toEqual([]);
    expect((await call('GET', `/wiki/api/v2/attachments/${id}`)).status).toBe(404);
    expect((await call('POST', attachmentsPath(page.id), upload('gone.txt', 'y'), NO_CHECK)).status).toBe(
      200,
    );
    expect((await call('DELETE', `/wiki/api/v2/attachments/${id}?purge=true`)).status).toBe(204);
  });

  it('trashes an attachment through v1 DELETE /content/{id} (as Data Center does), then purges it', async () => {
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'Attachment trash v1' });
    const { body } = await call('POST', attachmentsPath(page.id), upload('old.txt', 'x'), NO_CHECK);
    await call('POST', attachmentsPath(page.id), upload('kept.txt', 'k'), NO_CHECK);
    const id: string = body.results[0].id;
    const bare = id.replace(/^att/, '');
    server.resetRequests();
    // Not trashed yet: nothing to purge.
    expect((await call('DELETE', `/wiki/rest/api/content/${bare}?status=trashed`)).status).toBe(404);
    expect((await call('DELETE', `/wiki/rest/api/content/${bare}`)).status).toBe(204);
    expect(server.attachments(page.id).map((a) => a.title)).toEqual(['kept.txt']);
    expect(server.page(page.id)?.status).toBe('current');
    expect((await call('DELETE', `/wiki/rest/api/content/${id}`)).status).toBe(404);
    expect((await call('DELETE', `/wiki/rest/api/content/${id}?status=trashed`)).status).toBe(204);
    expect((await call('DELETE', `/wiki/api/v2/attachments/${bare}?purge=true`)).status).toBe(404);
    // The log names what was deleted, as the client's statistics do.
    expect(server.requests().map((r) => `${r.kind} ${r.status}`)).toEqual([
      'DELETE attachment 404',
      'DELETE attachment 204',
      'DELETE attachment 404',
      'DELETE attachment 204',
      'DELETE attachment 404',
    ]);
  });

  it('refuses uploads that are not multipart', async () => {
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'Not multipart' });
    const res = await call('POST', attachmentsPath(page.id), { file: 'x' }, NO_CHECK);
    expect(res.status).toBe(415);
  });
});
