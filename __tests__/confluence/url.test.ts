import { apiUrl, normaliseBaseUrl, pageUrl, pathOf, resolveNextLink } from '../../src/confluence/url.js';

describe('normaliseBaseUrl', () => {
  test('trailing slashes go', () => {
    expect(normaliseBaseUrl('https://acme.atlassian.net/wiki///')).toEqual({
      url: 'https://acme.atlassian.net/wiki',
      warnings: [],
    });
    expect(normaliseBaseUrl(' http://127.0.0.1:8090/confluence/ ').url).toBe(
      'http://127.0.0.1:8090/confluence',
    );
    expect(normaliseBaseUrl('https://wiki.example.com/').url).toBe('https://wiki.example.com');
  });

  test('a Cloud URL without /wiki gets it, with a warning', () => {
    const result = normaliseBaseUrl('https://acme.atlassian.net');
    expect(result.url).toBe('https://acme.atlassian.net/wiki');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain('/wiki');
  });

  test('a pasted Cloud page URL is cut back to /wiki', () => {
    const result = normaliseBaseUrl('https://acme.atlassian.net/wiki/spaces/DOCS/pages/123/Home');
    expect(result.url).toBe('https://acme.atlassian.net/wiki');
    expect(result.warnings).toHaveLength(1);
  });

  test('the API gateway keeps its path (no /wiki added)', () => {
    expect(normaliseBaseUrl('https://api.atlassian.com/ex/confluence/abc-123/').url).toBe(
      'https://api.atlassian.com/ex/confluence/abc-123',
    );
  });

  test('credentials in the URL are refused without echoing them', () => {
    expect(() => normaliseBaseUrl('https://me:hunter2@acme.atlassian.net/wiki')).toThrow(
      /must not contain credentials/,
    );
    try {
      normaliseBaseUrl('https://me:hunter2@acme.atlassian.net/wiki');
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });

  test('non-http schemes and garbage are refused', () => {
    expect(() => normaliseBaseUrl('ftp://host/wiki')).toThrow(/https:\/\//);
    expect(() => normaliseBaseUrl('not a url')).toThrow(/not a valid URL/);
  });
});

describe('API URLs', () => {
  test('v1 and v2 roots under the base, query encoded, undefined left out', () => {
    expect(
      apiUrl('https://a.atlassian.net/wiki', 'v2', '/pages', {
        'space-id': 1,
        title: 'A & B',
        cursor: undefined,
      }),
    ).toBe('https://a.atlassian.net/wiki/api/v2/pages?space-id=1&title=A+%26+B');
    expect(apiUrl('http://127.0.0.1:1/confluence', 'v1', '/content/5')).toBe(
      'http://127.0.0.1:1/confluence/rest/api/content/5',
    );
  });

  test('pathOf drops the origin', () => {
    expect(pathOf('https://a.atlassian.net/wiki/api/v2/pages?limit=1')).toBe('/wiki/api/v2/pages?limit=1');
  });
});

describe('following _links.next', () => {
  test('v2 links are host-relative and include /wiki', () => {
    expect(resolveNextLink('https://a.atlassian.net/wiki', '/wiki/api/v2/pages?cursor=abc')).toBe(
      'https://a.atlassian.net/wiki/api/v2/pages?cursor=abc',
    );
  });

  test('v1 links are relative to the base (context path included)', () => {
    expect(resolveNextLink('https://a.atlassian.net/wiki', '/rest/api/content/search?cql=x&start=250')).toBe(
      'https://a.atlassian.net/wiki/rest/api/content/search?cql=x&start=250',
    );
    expect(resolveNextLink('http://h:1/confluence', '/rest/api/content/1/child/page?start=25')).toBe(
      'http://h:1/confluence/rest/api/content/1/child/page?start=25',
    );
    expect(resolveNextLink('http://h:1/confluence', '/confluence/rest/api/x?start=2')).toBe(
      'http://h:1/confluence/rest/api/x?start=2',
    );
  });

  test('through the API gateway, /wiki is dropped from v2 links', () => {
    expect(resolveNextLink('https://api.atlassian.com/ex/confluence/c1', '/wiki/api/v2/pages?cursor=z')).toBe(
      'https://api.atlassian.com/ex/confluence/c1/api/v2/pages?cursor=z',
    );
  });

  test('an absolute link is re-rooted on our origin (the token never goes elsewhere)', () => {
    expect(
      resolveNextLink('https://a.atlassian.net/wiki', 'https://evil.example.com/wiki/api/v2/pages?cursor=1'),
    ).toBe('https://a.atlassian.net/wiki/api/v2/pages?cursor=1');
  });
});

describe('page URLs', () => {
  test('Cloud uses the space key, else webui', () => {
    expect(
      pageUrl({ flavor: 'cloud', base: 'https://a.atlassian.net/wiki', id: '42', spaceKey: 'DOCS' }),
    ).toBe('https://a.atlassian.net/wiki/spaces/DOCS/pages/42');
    expect(
      pageUrl({
        flavor: 'cloud',
        base: 'https://a.atlassian.net/wiki',
        id: '42',
        webui: '/spaces/X/pages/42/T',
      }),
    ).toBe('https://a.atlassian.net/wiki/spaces/X/pages/42/T');
  });

  test('Data Center uses viewpage.action, which survives renames', () => {
    expect(
      pageUrl({
        flavor: 'datacenter',
        base: 'http://h/confluence',
        id: '42',
        spaceKey: 'DOCS',
        webui: '/display/DOCS/T',
      }),
    ).toBe('http://h/confluence/pages/viewpage.action?pageId=42');
  });
});
