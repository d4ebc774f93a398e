import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type EmbeddedConfluence, startServer } from '../../src/server/index.js';
import { type Call, client, CLOUD_AUTH, v2Page, v2Update } from './helpers.js';

let server: EmbeddedConfluence;
let call: Call;
let spaceId: string;
let homeId: string;

beforeAll(async () => {
  server = await startServer({ spaces: [{ key: 'DOCS', name: 'Documentation' }, { key: 'OPS' }] });
  call = client(server);
  spaceId = (await call('GET', '/wiki/api/v2/spaces?keys=DOCS')).body.results[0].id;
  homeId = server.space('DOCS')!.homepageId;
});
afterAll(() => server.close());

describe('v2 spaces', () => {
  it('resolves a key to id and homepage, and answers an unknown key with an empty list', async () => {
    const res = await call('GET', '/wiki/api/v2/spaces?keys=DOCS&limit=1');
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(1);
    expect(res.body.results[0]).toMatchObject({ key: 'DOCS', name: 'Documentation', homepageId: homeId });
    expect(server.page(homeId)?.title).toBe('Documentation Home');
    expect((await call('GET', '/wiki/api/v2/spaces?keys=NOPE')).body.results).toEqual([]);
    expect((await call('GET', `/wiki/api/v2/spaces/${spaceId}`)).body.key).toBe('DOCS');
  });
});

describe('v2 page create and read', () => {
  it('creates under the homepage by default, returns 200, and hides the body unless asked', async () => {
    const created = await call(
      'POST',
      '/wiki/api/v2/pages',
      v2Page(spaceId, 'Create default parent', '<p>Hello</p>'),
    );
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ parentId: homeId, spaceId, version: { number: 1 } });
    expect(created.body.id).toMatch(/^\d+$/);
    const plain = await call('GET', `/wiki/api/v2/pages/${created.body.id}`);
    expect(plain.body.body).toEqual({});
    const withBody = await call('GET', `/wiki/api/v2/pages/${created.body.id}?body-format=storage`);
    expect(withBody.body.body.storage).toEqual({ representation: 'storage', value: '<p>Hello</p>' });
  });

  it('accepts the nested body form and root-level creation', async () => {
    const res = await call('POST', '/wiki/api/v2/pages?root-level=true', {
      spaceId,
      title: 'Root level page',
      body: { storage: { representation: 'storage', value: '<p>n</p>' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.parentId).toBeUndefined();
    expect(server.page(res.body.id)?.parentId).toBeUndefined();
    expect(server.page(res.body.id)?.body).toBe('<p>n</p>');
  });

  it('refuses a duplicate title in the space, ignoring case, in the v2 envelope', async () => {
    await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Unique Title'));
    const dup = await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'unique TITLE'));
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0]).toMatchObject({
      status: 400,
      title: 'A page with this title already exists: A page already exists with the same TITLE in this space',
    });
    const otherSpace = (await call('GET', '/wiki/api/v2/spaces?keys=OPS')).body.results[0].id;
    expect((await call('POST', '/wiki/api/v2/pages', v2Page(otherSpace, 'Unique Title'))).status).toBe(200);
  });

  it('refuses titles over 255 characters and bodies over 5 MB', async () => {
    expect((await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'x'.repeat(256)))).status).toBe(400);
    expect((await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'y'.repeat(255)))).status).toBe(200);
    const huge = `<p>${'a'.repeat(5 * 1024 * 1024)}</p>`;
    expect((await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Huge', huge))).status).toBe(413);
  });

  it('refuses malformed storage with a Woodstox-style message and the fragment position', async () => {
    const res = await call(
      'POST',
      '/wiki/api/v2/pages',
      v2Page(spaceId, 'Bad xhtml', '<p>one</p>\n<p>two</b>'),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].title).toBe(
      'Error parsing xhtml: Unexpected close tag </b>; expected </p>.\n at [row,col {unknown-source}]: [2,10]',
    );
    const cdata = await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Bad cdata', '<p>a ]]> b</p>'));
    expect(cdata.body.errors[0].title).toMatch(
      /^Error parsing xhtml: String '\]\]>' not allowed in textual content/,
    );
    const entity = await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Bad entity', '<p>&bogus;</p>'));
    expect(entity.body.errors[0].title).toMatch(/^Error parsing xhtml: Undeclared general entity "bogus"/);
    expect(server.pages().some((p) => p.title.startsWith('Bad '))).toBe(false);
  });

  it('filters GET /pages by exact title and status', async () => {
    await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Findable'));
    const exact = await call('GET', `/wiki/api/v2/pages?space-id=${spaceId}&title=Findable`);
    expect(exact.body.results.map((p: { title: string }) => p.title)).toEqual(['Findable']);
    expect((await call('GET', `/wiki/api/v2/pages?space-id=${spaceId}&title=findable`)).body.results).toEqual(
      [],
    );
  });
});

describe('v2 page update', () => {
  it('requires exactly current+1 and answers a stale version with 409 and the v2 message', async () => {
    const { body: page } = await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Versioned'));
    const stale = await call('PUT', `/wiki/api/v2/pages/${page.id}`, v2Update(page.id, 'Versioned', 1));
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0].title).toBe(
      'Version must be incremented when updating a page. Current Version: [1]. Provided version: [1]',
    );
    expect(
      (await call('PUT', `/wiki/api/v2/pages/${page.id}`, v2Update(page.id, 'Versioned', 3))).status,
    ).toBe(409);
    const ok = await call(
      'PUT',
      `/wiki/api/v2/pages/${page.id}`,
      v2Update(page.id, 'Versioned', 2, { version: { number: 2, message: 'm', minorEdit: true } }),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.version).toMatchObject({ number: 2, message: 'm', minorEdit: true });
    // Every accepted PUT is a new version, even with an identical body.
    const same = await call('PUT', `/wiki/api/v2/pages/${page.id}`, v2Update(page.id, 'Versioned', 3));
    expect(same.body.version.number).toBe(3);
    const versions = await call('GET', `/wiki/api/v2/pages/${page.id}/versions`);
    expect(versions.body.results.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
  });

  it('reads an older version of a page in both APIs', async () => {
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'History', body: '<p>one</p>' });
    server.editAsPerson(page.id, { body: '<p>two</p>', title: 'History 2' });
    const old = await call('GET', `/wiki/api/v2/pages/${page.id}?version=1&body-format=storage`);
    expect(old.body).toMatchObject({
      title: 'History',
      version: { number: 1 },
      body: { storage: { value: '<p>one</p>' } },
    });
    const v1 = await call(
      'GET',
      `/wiki/rest/api/content/${page.id}?status=historical&version=1&expand=body.storage`,
    );
    expect(v1.body.body.storage.value).toBe('<p>one</p>');
    const detail = await call('GET', `/wiki/api/v2/pages/${page.id}/versions/2`);
    expect(detail.body).toMatchObject({ number: 2, prevVersion: 1 });
    expect((await call('GET', `/wiki/api/v2/pages/${page.id}?version=9`)).status).toBe(404);
  });

  it('moves with parentId and refuses a cycle', async () => {
    const { body: a } = await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Move A'));
    const { body: b } = await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Move B', '<p/>', a.id));
    const cycle = await call(
      'PUT',
      `/wiki/api/v2/pages/${a.id}`,
      v2Update(a.id, 'Move A', 2, { parentId: b.id }),
    );
    expect(cycle.status).toBe(400);
    const moved = await call(
      'PUT',
      `/wiki/api/v2/pages/${b.id}`,
      v2Update(b.id, 'Move B', 2, { parentId: homeId }),
    );
    expect(moved.body.parentId).toBe(homeId);
    expect(server.children(a.id)).toEqual([]);
  });

  it('updates the title alone with PUT /pages/{id}/title', async () => {
    const { body: page } = await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Old name'));
    const res = await call('PUT', `/wiki/api/v2/pages/${page.id}/title`, {
      status: 'current',
      title: 'New name',
    });
    expect(res.body).toMatchObject({ title: 'New name', version: { number: 2 } });
  });

  it('shows who edited when a person changed the page', async () => {
    const { body: page } = await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Edited by a person'));
    server.editAsPerson(page.id, { body: '<p>by hand</p>', authorName: 'Pat Person' });
    const res = await call('GET', `/wiki/rest/api/content/${page.id}?expand=version`);
    expect(res.body.version).toMatchObject({ number: 2, by: { displayName: 'Pat Person' } });
    expect(res.body.version.by.accountId).not.toBe(page.authorId);
  });
});

describe('trash, restore and purge', () => {
  it('trashes, re-parents children, frees the title, restores and purges', async () => {
    const { body: parent } = await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Trash parent'));
    const { body: kid } = await call(
      'POST',
      '/wiki/api/v2/pages',
      v2Page(spaceId, 'Trash kid', '<p/>', parent.id),
    );
    expect((await call('DELETE', `/wiki/api/v2/pages/${parent.id}?purge=true`)).status).toBe(400);
    expect((await call('DELETE', `/wiki/api/v2/pages/${parent.id}`)).status).toBe(204);
    expect(server.page(parent.id)?.status).toBe('trashed');
    expect(server.page(kid.id)?.parentId).toBe(homeId);
    expect((await call('GET', `/wiki/api/v2/pages/${parent.id}`)).status).toBe(404);
    expect((await call('GET', `/wiki/api/v2/pages/${parent.id}?status=trashed`)).body.status).toBe('trashed');
    const listed = await call('GET', `/wiki/api/v2/pages?space-id=${spaceId}&limit=250`);
    expect(listed.body.results.some((p: { id: string }) => p.id === parent.id)).toBe(false);

    const restored = await call(
      'PUT',
      `/wiki/api/v2/pages/${parent.id}`,
      v2Update(parent.id, 'Trash parent', 2),
    );
    expect(restored.body.status).toBe('current');
    expect(server.page(parent.id)?.version.number).toBe(1);

    await call('DELETE', `/wiki/api/v2/pages/${parent.id}`);
    expect((await call('POST', '/wiki/api/v2/pages', v2Page(spaceId, 'Trash parent'))).status).toBe(200);
    expect((await call('DELETE', `/wiki/api/v2/pages/${parent.id}?purge=true`)).status).toBe(204);
    expect(server.page(parent.id)).toBeUndefined();
  });
});

describe('v2 tree reads and pagination', () => {
  it('pages through more than 250 children with opaque cursors, next links and Link headers', async () => {
    const root = server.seedPage({ spaceKey: 'OPS', title: 'Big root' });
    for (let i = 0; i < 260; i++)
      server.seedPage({ spaceKey: 'OPS', title: `Child ${i}`, parentId: root.id });
    const first = await call('GET', `/wiki/api/v2/pages/${root.id}/direct-children?limit=250`);
    expect(first.body.results).toHaveLength(250);
    expect(first.body._links.next).toMatch(/^\/wiki\/api\/v2\/pages\/\d+\/direct-children\?.*cursor=/);
    expect(first.body._links.base).toBe(server.url);
    expect(first.headers.get('link')).toContain(`<${first.body._links.next}>; rel="next"`);
    const second = await call('GET', first.body._links.next);
    expect(second.body.results).toHaveLength(10);
    expect(second.body._links.next).toBeUndefined();
    const titles = [...first.body.results, ...second.body.results].map((c: { title: string }) => c.title);
    expect(titles).toEqual(Array.from({ length: 260 }, (_, i) => `Child ${i}`));
  });

  it('rejects limits outside 1–250 and foreign cursors', async () => {
    expect((await call('GET', '/wiki/api/v2/pages?limit=251')).status).toBe(400);
    expect((await call('GET', '/wiki/api/v2/pages?limit=0')).status).toBe(400);
    expect((await call('GET', '/wiki/api/v2/pages?cursor=nonsense')).status).toBe(400);
  });

  it('lists descendants with depth and ancestors top-down', async () => {
    const a = server.seedPage({ spaceKey: 'DOCS', title: 'Tree A' });
    const b = server.seedPage({ spaceKey: 'DOCS', title: 'Tree B', parentId: a.id });
    const c = server.seedPage({ spaceKey: 'DOCS', title: 'Tree C', parentId: b.id });
    const all = await call('GET', `/wiki/api/v2/pages/${a.id}/descendants`);
    expect(all.body.results.map((d: { id: string; depth: number }) => [d.id, d.depth])).toEqual([
      [b.id, 1],
      [c.id, 2],
    ]);
    expect((await call('GET', `/wiki/api/v2/pages/${a.id}/descendants?depth=1`)).body.results).toHaveLength(
      1,
    );
    expect((await call('GET', `/wiki/api/v2/pages/${a.id}/descendants?depth=6`)).status).toBe(400);
    const ancestors = await call('GET', `/wiki/api/v2/pages/${c.id}/ancestors`);
    expect(ancestors.body.results.map((x: { id: string }) => x.id)).toEqual([homeId, a.id, b.id]);
  });
});

describe('v2 content properties and labels', () => {
  it('creates, reads, updates with the +1 rule and deletes a property', async () => {
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'Props' });
    const created = await call('POST', `/wiki/api/v2/pages/${page.id}/properties`, {
      key: 'cmsync',
      value: { v: 1 },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ key: 'cmsync', value: { v: 1 }, version: { number: 1 } });
    const dup = await call('POST', `/wiki/api/v2/pages/${page.id}/properties`, { key: 'cmsync', value: 1 });
    expect(dup.status).toBe(400);
    const path = `/wiki/api/v2/pages/${page.id}/properties/${created.body.id}`;
    expect((await call('PUT', path, { key: 'cmsync', value: 2, version: { number: 1 } })).status).toBe(409);
    const updated = await call('PUT', path, { key: 'cmsync', value: { v: 2 }, version: { number: 2 } });
    expect(updated.body.version.number).toBe(2);
    expect(server.page(page.id)?.properties.cmsync).toMatchObject({ value: { v: 2 }, version: 2 });
    const byKey = await call('GET', `/wiki/api/v2/pages/${page.id}/properties?key=cmsync`);
    expect(byKey.body.results).toHaveLength(1);
    expect((await call('DELETE', path)).status).toBe(204);
    expect((await call('GET', path)).status).toBe(404);
  });

  it('reads labels written through v1', async () => {
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'Labelled' });
    await call('POST', `/wiki/rest/api/content/${page.id}/label`, [{ prefix: 'global', name: 'Docs' }]);
    const res = await call('GET', `/wiki/api/v2/pages/${page.id}/labels`);
    expect(res.body.results).toEqual([expect.objectContaining({ name: 'docs', prefix: 'global' })]);
  });
});

describe('error envelopes and robustness', () => {
  it('answers unknown v2 routes and ids with a v2 404', async () => {
    const res = await call('GET', '/wiki/api/v2/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.errors[0]).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await call('GET', '/wiki/api/v2/pages/999999999')).body.errors[0].status).toBe(404);
  });

  it('answers a body that is not JSON with 400, not a crash', async () => {
    const res = await fetch(`${server.origin}/wiki/api/v2/pages`, {
      method: 'POST',
      headers: { authorization: CLOUD_AUTH },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect((await call('GET', '/wiki/api/v2/spaces')).status).toBe(200);
  });
});
