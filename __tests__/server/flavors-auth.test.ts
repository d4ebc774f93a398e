import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type EmbeddedConfluence, startServer } from '../../src/server/index.js';
import { CLOUD_AUTH, client, DC_AUTH } from './helpers.js';

describe('Cloud authentication', () => {
  let server: EmbeddedConfluence;
  beforeAll(async () => {
    server = await startServer({ auth: { users: [{ email: 'ci@example.com', token: 's3cret' }] } });
  });
  afterAll(() => server.close());

  it('accepts the configured Basic credentials and returns the user', async () => {
    const call = client(server, 'Basic ' + Buffer.from('ci@example.com:s3cret').toString('base64'));
    const me = await call('GET', '/wiki/rest/api/user/current');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ type: 'known', email: 'ci@example.com' });
    expect(me.body.accountId).toBeTruthy();
  });

  it('answers a wrong or missing credential with 401 in the envelope of the API called', async () => {
    const wrong = client(server, 'Basic ' + Buffer.from('ci@example.com:nope').toString('base64'));
    const v2 = await wrong('GET', '/wiki/api/v2/spaces');
    expect(v2.status).toBe(401);
    expect(v2.body.errors[0]).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    const v1 = await client(server, undefined)('GET', '/wiki/rest/api/space/DOCS');
    expect(v1.status).toBe(401);
    expect(v1.body).toMatchObject({ statusCode: 401, reason: 'Unauthorized' });
    // A Data Center PAT means nothing to Cloud.
    expect((await client(server, DC_AUTH)('GET', '/wiki/rest/api/space/DOCS')).status).toBe(401);
    expect(server.countRequests({ write: true })).toBe(0);
  });
});

describe('Data Center flavour', () => {
  let server: EmbeddedConfluence;
  beforeAll(async () => {
    server = await startServer({ flavor: 'datacenter', contextPath: '/wiki-dc' });
  });
  afterAll(() => server.close());

  it('serves v1 under the context path with Bearer PATs, and no v2', async () => {
    expect(server.url).toBe(`${server.origin}/wiki-dc`);
    const call = client(server, DC_AUTH);
    const space = await call('GET', '/wiki-dc/rest/api/space/DOCS');
    expect(space.status).toBe(200);
    expect(space.body._links.self).toBe(`${server.url}/rest/api/space/DOCS`);
    expect((await call('GET', '/wiki-dc/api/v2/spaces')).status).toBe(404);
    expect((await call('GET', '/wiki/api/v2/spaces')).status).toBe(404);
    expect((await call('GET', '/wiki/rest/api/space/DOCS')).status).toBe(404);
    expect((await client(server, 'Bearer wrong')('GET', '/wiki-dc/rest/api/space/DOCS')).status).toBe(401);
    const me = await call('GET', '/wiki-dc/rest/api/user/current');
    expect(me.body).toMatchObject({ username: 'demo', displayName: 'Demo User' });
    expect(me.body.userKey).toBeTruthy();
  });

  it('reports Data Center page URLs and has no archive endpoint', async () => {
    const call = client(server, DC_AUTH);
    const home = server.space('DOCS')!.homepageId;
    const page = await call('GET', `/wiki-dc/rest/api/content/${home}`);
    expect(page.body._links.webui).toBe(`/pages/viewpage.action?pageId=${home}`);
    // Only /content/{id} matches, and not for POST.
    expect((await call('POST', '/wiki-dc/rest/api/content/archive', { pages: [{ id: home }] })).status).toBe(
      405,
    );
    expect(server.page(home)?.status).toBe('current');
  });

  it('defaults to the /confluence context path', async () => {
    const dc = await startServer({ flavor: 'datacenter' });
    try {
      expect(dc.url).toBe(`${dc.origin}/confluence`);
      expect((await client(dc, DC_AUTH)('GET', '/confluence/rest/api/space/DOCS')).status).toBe(200);
    } finally {
      await dc.close();
    }
  });
});

describe('authentication off', () => {
  it('serves anonymous requests as the default user', async () => {
    const server = await startServer({ auth: false });
    try {
      const res = await client(server, undefined)('GET', '/wiki/rest/api/user/current');
      expect(res.status).toBe(200);
      expect(res.body.displayName).toBe('Demo User');
      expect((await client(server, CLOUD_AUTH)('GET', '/wiki/api/v2/spaces')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
