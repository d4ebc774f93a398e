/** URL classification and attachment file names. */
import { classifyUrl } from '../../src/markdown/links/url.js';
import { AttachmentRegistry } from '../../src/markdown/links/attachments.js';

test.each([
  ['#Part%20two', { kind: 'anchor', fragment: 'Part two' }],
  ['https://e.com/a?b#c', { kind: 'external', href: 'https://e.com/a?b#c', scheme: 'https' }],
  ['mailto:a@e.com', { kind: 'external', href: 'mailto:a@e.com', scheme: 'mailto' }],
  // Protocol-relative: https, the scheme Confluence serves pages with (remote images must be http(s)).
  ['//cdn.e.com/x', { kind: 'external', href: 'https://cdn.e.com/x', scheme: 'https' }],
  [' JavaScript:x', { kind: 'blocked', scheme: 'javascript' }],
  ['java\tscript:x', { kind: 'blocked', scheme: 'javascript' }],
  ['data:image/png;base64,AA', { kind: 'blocked', scheme: 'data' }],
  ['guide/my%20page.md?plain=1#intro', { kind: 'local', path: 'guide/my page.md', fragment: 'intro' }],
  ['/docs/x.md', { kind: 'local', path: '/docs/x.md', fragment: undefined }],
  ['bad%zzescape.md', { kind: 'local', path: 'bad%zzescape.md', fragment: undefined }],
  ['C:\\docs\\a.md', { kind: 'local', path: 'C:\\docs\\a.md', fragment: undefined }],
  ['', { kind: 'empty' }],
  ['?only=query', { kind: 'empty' }],
])('%j', (url, expected) => {
  expect(classifyUrl(url)).toEqual(expected);
});

describe('AttachmentRegistry', () => {
  test('the first path keeps its base name; another with the same name gets a path hash', () => {
    const registry = new AttachmentRegistry();
    expect(registry.add('docs/a/logo.png')).toBe('logo.png');
    const second = registry.add('docs/b/logo.png');
    expect(second).toMatch(/^logo-[0-9a-f]{8}\.png$/);
    expect(registry.add('docs/c/LOGO.png')).toMatch(/^LOGO-[0-9a-f]{8}\.png$/);
    expect(registry.add('docs/b/logo.png')).toBe(second);
    expect(registry.list().map((ref) => ref.path)).toEqual([
      'docs/a/logo.png',
      'docs/b/logo.png',
      'docs/c/LOGO.png',
    ]);
  });

  test('names are the same in every conversion', () => {
    const names = (): string[] => {
      const registry = new AttachmentRegistry();
      return ['x/a.png', 'y/a.png', 'README'].map((path) => registry.add(path));
    };
    expect(names()).toEqual(names());
    expect(names()[2]).toBe('README');
  });
});
