import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type EmbeddedConfluence, startServer } from '../../src/server/index.js';
import { client, upload } from './helpers.js';

let server: EmbeddedConfluence;
beforeAll(async () => {
  server = await startServer({ spaces: [{ key: 'ENG', name: 'Engineering' }] });
});
afterAll(() => server.close());

describe('in-process handle', () => {
  it('exposes spaces, pages, children and an indented tree', () => {
    const space = server.space('ENG')!;
    expect(server.space('DOCS')).toBeUndefined();
    const a = server.seedPage({ spaceKey: 'ENG', title: 'A', body: '<p>a</p>' });
    const b = server.seedPage({ spaceKey: 'ENG', title: 'B', parentId: a.id });
    server.seedPage({ spaceKey: 'ENG', title: 'C' });
    server.editAsPerson(b.id, { body: '<p>b2</p>' });
    expect(server.children(space.homepageId).map((p) => p.title)).toEqual(['A', 'C']);
    expect(server.renderTree(space.homepageId)).toBe(
      [
        `Engineering Home (${space.homepageId}, v1)`,
        `  A (${a.id}, v1)`,
        `    B (${b.id}, v2)`,
        `  C (${Number(b.id) + 1}, v1)`,
      ].join('\n'),
    );
    expect(server.page(b.id)).toMatchObject({
      spaceKey: 'ENG',
      parentId: a.id,
      body: '<p>b2</p>',
      status: 'current',
    });
  });

  it('returns copies, so tests cannot corrupt the store', () => {
    const page = server.seedPage({ spaceKey: 'ENG', title: 'Copy me' });
    page.title = 'Changed outside';
    page.labels.push('x');
    expect(server.page(page.id)).toMatchObject({ title: 'Copy me', labels: [] });
  });

  it('lists trashed pages only when asked, and attachments with their data', async () => {
    const page = server.seedPage({ spaceKey: 'ENG', title: 'Soon trashed' });
    await client(server)(
      'PUT',
      `/wiki/rest/api/content/${page.id}/child/attachment`,
      upload('f.txt', 'hey', 'sha256:1'),
      {
        'X-Atlassian-Token': 'no-check',
      },
    );
    expect(server.attachments(page.id)).toEqual([
      expect.objectContaining({
        title: 'f.txt',
        size: 3,
        comment: 'sha256:1',
        version: 1,
        mediaType: 'text/plain',
      }),
    ]);
    await client(server)('DELETE', `/wiki/api/v2/pages/${page.id}`);
    expect(server.pages({ spaceKey: 'ENG' }).some((p) => p.id === page.id)).toBe(false);
    expect(server.pages({ spaceKey: 'ENG', includeTrashed: true }).some((p) => p.id === page.id)).toBe(true);
  });
});
