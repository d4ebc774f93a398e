import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type EmbeddedConfluence, startServer } from '../../src/server/index.js';
import { client, upload } from './helpers.js';

describe('HTML view (Cloud)', () => {
  let server: EmbeddedConfluence;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('lists spaces with their page trees as nested links', async () => {
    const parent = server.seedPage({ spaceKey: 'DOCS', title: 'Parent <b>' });
    server.seedPage({ spaceKey: 'DOCS', title: 'Child', parentId: parent.id });
    for (const path of ['/', '/wiki', '/wiki/']) {
      const res = await fetch(server.origin + path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('Parent &#60;b&#62;');
      expect(html).toMatch(
        /<ul class="tree"><li><a href="\/wiki\/spaces\/DOCS\/pages\/\d+\/Child">Child<\/a>/,
      );
    }
  });

  it('renders a page at its webui URL with escaping, macros, links and images', async () => {
    const body =
      '<p>Hi <script>alert(1)</script><a href="javascript:alert(2)">js</a></p>' +
      '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[if (a < b) {}]]></ac:plain-text-body></ac:structured-macro>' +
      '<ac:structured-macro ac:name="warning"><ac:rich-text-body><p>Careful</p></ac:rich-text-body></ac:structured-macro>' +
      '<p><ac:link><ri:page ri:content-title="Target page"/><ac:plain-text-link-body><![CDATA[go]]></ac:plain-text-link-body></ac:link></p>' +
      '<ac:image><ri:attachment ri:filename="d.png"/></ac:image>';
    const page = server.seedPage({ spaceKey: 'DOCS', title: 'Rendered', body });
    const target = server.seedPage({ spaceKey: 'DOCS', title: 'Target page' });
    await client(server)('PUT', `/wiki/rest/api/content/${page.id}/child/attachment`, upload('d.png', [1]), {
      'X-Atlassian-Token': 'no-check',
    });
    const { body: api } = await client(server)('GET', `/wiki/api/v2/pages/${page.id}`);
    const res = await fetch(server.url + api._links.webui);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<pre class="code"><code>if (a &#60; b) {}</code></pre>');
    expect(html).toContain('class="panel panel-warning"');
    expect(html).toMatch(new RegExp(`<a href="/wiki/spaces/DOCS/pages/${target.id}/Target\\+page">go</a>`));
    // The view serves attachments itself, without credentials, so a browser never prompts.
    expect(html).toContain(`<img src="/_view/attachments/${page.id}/d.png"`);
    const image = await fetch(`${server.origin}/_view/attachments/${page.id}/d.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect(html).toContain('Version 1 by Site Admin');
    expect(html).toContain('d.png</a>');
  });

  it('is not subject to faults and 404s unknown pages', async () => {
    server.setFaults({ rate503: 1 });
    try {
      expect((await fetch(`${server.origin}/wiki/spaces/DOCS/pages/1/Nope`)).status).toBe(404);
      expect((await fetch(`${server.origin}/`)).status).toBe(200);
    } finally {
      server.clearFaults();
    }
  });
});

describe('HTML view (Data Center)', () => {
  it('serves viewpage.action under the context path', async () => {
    const server = await startServer({ flavor: 'datacenter' });
    try {
      const home = server.space('DOCS')!.homepageId;
      const res = await fetch(`${server.url}/pages/viewpage.action?pageId=${home}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<h1>DOCS Home</h1>');
      expect((await fetch(`${server.url}/`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
