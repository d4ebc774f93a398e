import {
  fromV1Attachment,
  fromV1Content,
  fromV2Page,
  labelNames,
  parseOwner,
} from '../../src/confluence/parse.js';
import { flavorFromProbe, flavorWithoutProbe } from '../../src/confluence/detect.js';

describe('owner property', () => {
  test('a well-formed value', () => {
    expect(parseOwner({ v: 1, path: 'guide/a.md', hash: 'abc', version: 1, extra: true })).toEqual({
      v: 1,
      path: 'guide/a.md',
      hash: 'abc',
      version: 1,
    });
  });

  test.each([null, 'x', [], { v: 2, path: 'a.md' }, { v: 1 }, { v: 1, path: 3 }])(
    'malformed %p is ignored',
    (value) => {
      expect(parseOwner(value)).toBeUndefined();
    },
  );

  test('malformed optional fields are dropped', () => {
    expect(parseOwner({ v: 1, path: 'a.md', hash: 5, version: '2' })).toEqual({ v: 1, path: 'a.md' });
  });
});

describe('v1 content', () => {
  const dc = { flavor: 'datacenter' as const, base: 'http://h/confluence' };

  test('parent is the last ancestor; owner from metadata.properties', () => {
    const page = fromV1Content(
      {
        id: '30',
        title: 'Install',
        status: 'current',
        version: {
          number: 3,
          message: 'cmsync abc',
          by: { userKey: 'u1', displayName: 'Ann' },
          when: '2026-01-01',
        },
        ancestors: [{ id: '10' }, { id: '20' }],
        metadata: { properties: { cmsync: { key: 'cmsync', value: { v: 1, path: 'install.md' } } } },
      },
      dc,
    );
    expect(page).toMatchObject({
      id: '30',
      parentId: '20',
      version: { number: 3, message: 'cmsync abc', authorId: 'u1', authorName: 'Ann' },
      owner: { v: 1, path: 'install.md' },
      url: 'http://h/confluence/pages/viewpage.action?pageId=30',
    });
  });

  test('a space-root page has no parent; a malformed owner is ignored', () => {
    const page = fromV1Content(
      {
        id: '1',
        title: 'Home',
        ancestors: [],
        metadata: { properties: { cmsync: { key: 'cmsync', value: 'junk' } } },
      },
      dc,
    );
    expect(page.parentId).toBeUndefined();
    expect(page.owner).toBeUndefined();
  });

  test('attachments read extensions, then metadata', () => {
    expect(
      fromV1Attachment({
        id: 'att5',
        title: 'a.png',
        extensions: { mediaType: 'image/png', fileSize: 10 },
        metadata: { comment: 'sha256:1' },
        version: { number: 2 },
      }),
    ).toEqual({
      id: 'att5',
      title: 'a.png',
      mediaType: 'image/png',
      fileSize: 10,
      comment: 'sha256:1',
      version: 2,
    });
  });
});

describe('v2 pages and labels', () => {
  test('v2 page with a known space key', () => {
    const page = fromV2Page(
      {
        id: '7',
        status: 'current',
        title: 'T',
        spaceId: '99',
        parentId: '3',
        version: { number: 1, message: '' },
      },
      { flavor: 'cloud', base: 'https://a.atlassian.net/wiki', spaceKey: 'DOCS' },
      { v: 1, path: 't.md' },
    );
    expect(page).toMatchObject({ id: '7', parentId: '3', spaceId: '99', owner: { path: 't.md' } });
    expect(page.url).toBe('https://a.atlassian.net/wiki/spaces/DOCS/pages/7');
  });

  test('only global labels count', () => {
    expect(
      labelNames([{ name: 'docs', prefix: 'global' }, { name: 'fav', prefix: 'my' }, { name: 'x' }]),
    ).toEqual(['docs', 'x']);
  });
});

describe('flavour detection decisions', () => {
  test('explicit deployment wins over the host', () => {
    expect(flavorWithoutProbe('datacenter', 'https://acme.atlassian.net/wiki')?.flavor).toBe('datacenter');
  });
  test('Atlassian hosts are Cloud; others need a probe', () => {
    expect(flavorWithoutProbe('auto', 'https://acme.atlassian.net/wiki')?.flavor).toBe('cloud');
    expect(flavorWithoutProbe('auto', 'https://api.atlassian.com/ex/confluence/1')?.flavor).toBe('cloud');
    expect(flavorWithoutProbe('auto', 'https://wiki.example.com')).toBeUndefined();
  });
  test('probe answers', () => {
    expect([200, 401, 403, 404, 500].map(flavorFromProbe)).toEqual([
      'cloud',
      'cloud',
      'cloud',
      'datacenter',
      undefined,
    ]);
  });
});
