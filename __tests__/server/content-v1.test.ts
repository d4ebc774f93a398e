import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type EmbeddedConfluence, startServer } from '../../src/server/index.js';
import { type Call, client } from './helpers.js';

let server: EmbeddedConfluence;
let call: Call;
let homeId: string;
const API = '/wiki/rest/api';

function v1Page(title: string, parentId?: string, storage = '<p>v1</p>'): Record<string, unknown> {
  return {
    type: 'page',
    title,
    space: { key: 'DOCS' },
    ...(parentId ? { ancestors: [{ id: parentId }] } : {}),
    body: { storage: { value: storage, representation: 'storage' } },
  };
}

beforeAll(async () => {
  server = await startServer();
  call = client(server);
  homeId = server.space('DOCS')!.homepageId;
});
afterAll(() => server.close());

describe('v1 content', () => {
  it('creates a page with ancestors, properties and labels in one request', async () => {
    const res = await call('POST', `${API}/content`, {
      ...v1Page('With metadata', homeId),
      metadata: {
        properties: { cmsync: { key: 'cmsync', value: { v: 1, path: 'a.md' } } },
        labels: [{ prefix: 'global', name: 'Guide' }],
      },
    });
    expect(res.status).toBe(200);
    const stored = server.page(res.body.id)!;
    expect(stored.parentId).toBe(homeId);
    expect(stored.labels).toEqual(['guide']);
    expect(stored.properties.cmsync.value).toEqual({ v: 1, path: 'a.md' });
    const read = await call(
      'GET',
      `${API}/content/${res.body.id}?expand=version,ancestors,space,body.storage,metadata.labels,metadata.properties.cmsync`,
    );
    expect(read.body.version).toMatchObject({
      number: 1,
      by: { displayName: 'Demo User' },
      minorEdit: false,
    });
    expect(read.body.ancestors).toEqual([expect.objectContaining({ id: homeId, type: 'page' })]);
    expect(read.body.space.key).toBe('DOCS');
    expect(read.body.body.storage.value).toBe('<p>v1</p>');
    expect(read.body.metadata.labels.results[0].name).toBe('guide');
    expect(read.body.metadata.properties.cmsync).toMatchObject({
      key: 'cmsync',
      value: { v: 1 },
      version: { number: 1 },
    });
  });

  it('refuses a case-insensitive duplicate title and a stale version, in the v1 envelope', async () => {
    const { body: page } = await call('POST', `${API}/content`, v1Page('V1 Title', homeId));
    const dup = await call('POST', `${API}/content`, v1Page('v1 title', homeId));
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({
      statusCode: 400,
      message:
        'A page with this title already exists: A page already exists with the same TITLE in this space',
      reason: 'Bad Request',
      data: { successful: false },
    });
    const stale = await call('PUT', `${API}/content/${page.id}`, {
      ...v1Page('V1 Title'),
      version: { number: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe('Version must be incremented on update. Current version is: 1');
  });

  it('updates and moves through ancestors', async () => {
    const { body: a } = await call('POST', `${API}/content`, v1Page('V1 move A', homeId));
    const { body: b } = await call('POST', `${API}/content`, v1Page('V1 move B', homeId));
    const res = await call('PUT', `${API}/content/${b.id}`, {
      ...v1Page('V1 move B renamed', a.id, '<p>new</p>'),
      version: { number: 2, message: 'cmsync 123', minorEdit: true },
    });
    expect(res.status).toBe(200);
    expect(server.page(b.id)).toMatchObject({
      parentId: a.id,
      title: 'V1 move B renamed',
      body: '<p>new</p>',
    });
    expect(server.page(b.id)?.version).toMatchObject({ number: 2, message: 'cmsync 123', minorEdit: true });
  });

  it('trashes, restores with status current, and purges only with status=trashed', async () => {
    const { body: page } = await call('POST', `${API}/content`, v1Page('V1 trash', homeId));
    expect((await call('DELETE', `${API}/content/${page.id}`)).status).toBe(204);
    expect((await call('GET', `${API}/content/${page.id}`)).status).toBe(404);
    expect((await call('GET', `${API}/content/${page.id}?status=trashed`)).body.status).toBe('trashed');
    const restored = await call('PUT', `${API}/content/${page.id}`, {
      ...v1Page('V1 trash'),
      status: 'current',
      version: { number: 2 },
    });
    expect(restored.body.status).toBe('current');
    expect((await call('DELETE', `${API}/content/${page.id}?status=trashed`)).status).toBe(404);
    await call('DELETE', `${API}/content/${page.id}`);
    expect((await call('DELETE', `${API}/content/${page.id}?status=trashed`)).status).toBe(204);
    expect(server.page(page.id)).toBeUndefined();
  });

  it('finds by space and exact title with start/limit paging relative to _links.base', async () => {
    for (let i = 0; i < 3; i++) server.seedPage({ spaceKey: 'DOCS', title: `Listed ${i}` });
    const res = await call('GET', `${API}/content?spaceKey=DOCS&title=Listed%201&expand=version`);
    expect(res.body.results.map((p: { title: string }) => p.title)).toEqual(['Listed 1']);
    const paged = await call('GET', `${API}/content?spaceKey=DOCS&limit=2`);
    expect(paged.body).toMatchObject({ start: 0, limit: 2, size: 2 });
    expect(paged.body._links.next).toMatch(/^\/rest\/api\/content\?.*start=2/);
    const next = await call('GET', new URL(paged.body._links.base).pathname + paged.body._links.next);
    expect(next.body.start).toBe(2);
  });

  it('lists children in position order and reorders with move before/after/append', async () => {
    const parent = server.seedPage({ spaceKey: 'DOCS', title: 'Order parent' });
    const [x, y, z] = ['X', 'Y', 'Z'].map((t) =>
      server.seedPage({ spaceKey: 'DOCS', title: `Order ${t}`, parentId: parent.id }),
    );
    const move = await call('PUT', `${API}/content/${z.id}/move/before/${x.id}`);
    expect(move).toMatchObject({ status: 200, body: { pageId: z.id } });
    await call('PUT', `${API}/content/${x.id}/move/after/${y.id}`);
    const children = await call('GET', `${API}/content/${parent.id}/child/page?expand=version`);
    expect(children.body.results.map((c: { title: string }) => c.title)).toEqual([
      'Order Z',
      'Order Y',
      'Order X',
    ]);
    await call('PUT', `${API}/content/${z.id}/move/append/${y.id}`);
    expect(server.page(z.id)?.parentId).toBe(y.id);
    expect((await call('PUT', `${API}/content/${parent.id}/move/append/${z.id}`)).status).toBe(400);
    expect((await call('PUT', `${API}/content/${z.id}/move/sideways/${y.id}`)).status).toBe(400);
  });

  it('archives on Cloud with a 202 long task', async () => {
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'To archive' });
    const res = await call('POST', `${API}/content/archive`, { pages: [{ id: page.id }] });
    expect(res.status).toBe(202);
    expect(res.body.id).toMatch(/^\d+$/);
    expect(server.page(page.id)?.status).toBe('archived');
    const task = await call('GET', res.body.links.status);
    expect(task.body).toMatchObject({ finished: true, successful: true });
    // Archived pages keep their title reserved.
    expect((await call('POST', `${API}/content`, v1Page('TO ARCHIVE', homeId))).status).toBe(400);
  });
});

describe('v1 CQL search', () => {
  it('lists a whole subtree with ancestor= in one request per 250 pages, with cursor paging', async () => {
    const root = server.seedPage({ spaceKey: 'DOCS', title: 'Search root' });
    const mid = server.seedPage({ spaceKey: 'DOCS', title: 'Search mid', parentId: root.id });
    for (let i = 0; i < 300; i++) server.seedPage({ spaceKey: 'DOCS', title: `Deep ${i}`, parentId: mid.id });
    const cql = encodeURIComponent(`ancestor = ${root.id} and type = page`);
    const first = await call('GET', `${API}/content/search?cql=${cql}&limit=250&expand=version,ancestors`);
    expect(first.status).toBe(200);
    expect(first.body.results).toHaveLength(250);
    expect(first.body.results[0].id).toBe(mid.id);
    expect(first.body.results[1].ancestors.map((a: { id: string }) => a.id)).toEqual([
      homeId,
      root.id,
      mid.id,
    ]);
    expect(first.body._links.next).toMatch(/^\/rest\/api\/content\/search\?.*cursor=/);
    // The Link header carries the full path, so it resolves against the origin.
    expect(first.headers.get('link')).toBe(`</wiki${first.body._links.next}>; rel="next"`);
    const second = await call('GET', '/wiki' + first.body._links.next);
    expect(second.body.results).toHaveLength(51);
    expect(second.body._links.next).toBeUndefined();
  });

  it('matches titles case-insensitively with = and in, including escaped quotes', async () => {
    server.seedPage({ spaceKey: 'DOCS', title: 'Say "hi"' });
    server.seedPage({ spaceKey: 'DOCS', title: 'Other Title' });
    const cql = encodeURIComponent('space = "DOCS" and title in ("say \\"HI\\"", "other title")');
    const res = await call('GET', `${API}/content/search?cql=${cql}`);
    expect(res.body.results.map((p: { title: string }) => p.title).sort()).toEqual([
      'Other Title',
      'Say "hi"',
    ]);
  });

  it('refuses syntax it does not support with a clear 400', async () => {
    const res = await call(
      'GET',
      `${API}/content/search?cql=${encodeURIComponent('title ~ "x" or type = page')}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/Could not parse cql: unsupported operator for 'title'/);
    expect((await call('GET', `${API}/content/search?cql=type=page&limit=251`)).status).toBe(400);
  });
});

describe('v1 properties and labels', () => {
  it('creates, versions and deletes properties by key', async () => {
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'V1 props' });
    const base = `${API}/content/${page.id}/property`;
    expect((await call('POST', base, { key: 'k', value: { a: 1 } })).body.version.number).toBe(1);
    expect((await call('PUT', `${base}/k`, { key: 'k', value: 2, version: { number: 1 } })).status).toBe(409);
    expect((await call('PUT', `${base}/k`, { key: 'k', value: 2, version: { number: 2 } })).body.value).toBe(
      2,
    );
    // PUT of a missing key with version 1 creates it.
    expect(
      (await call('PUT', `${base}/fresh`, { key: 'fresh', value: true, version: { number: 1 } })).status,
    ).toBe(200);
    expect((await call('GET', base)).body.results.map((p: { key: string }) => p.key)).toEqual(['k', 'fresh']);
    expect((await call('DELETE', `${base}/k`)).status).toBe(204);
    expect((await call('GET', `${base}/k`)).status).toBe(404);
  });

  it('adds labels (array or object), refuses invalid ones, and removes by path or name', async () => {
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'V1 labels' });
    const base = `${API}/content/${page.id}/label`;
    const added = await call('POST', base, [
      { prefix: 'global', name: 'one' },
      { prefix: 'global', name: 'Two' },
    ]);
    expect(added.body.results.map((l: { name: string }) => l.name)).toEqual(['one', 'two']);
    expect((await call('POST', base, { prefix: 'global', name: 'three' })).body.size).toBe(3);
    expect((await call('POST', base, [{ prefix: 'global', name: 'has space' }])).status).toBe(400);
    expect((await call('DELETE', `${base}/one`)).status).toBe(204);
    expect((await call('DELETE', `${base}?name=two`)).status).toBe(204);
    expect(server.page(page.id)?.labels).toEqual(['three']);
  });
});
