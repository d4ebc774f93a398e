/** The public surface of the converter module, and its contract-level behaviour. */
import {
  documentAnchors,
  parseDocument,
  SUPPORTED_HTML_ELEMENTS,
  toStorage,
} from '../../src/markdown/index.js';
import { ALLOWABLE_HTML, buildConfig } from '../../src/config/settings.js';
import { fakeContext } from './fake-context.js';

test('exposes the public API', async () => {
  expect(Object.keys(await import('../../src/markdown/index.js')).sort()).toEqual([
    'CONVERTER_VERSION',
    'SUPPORTED_HTML_ELEMENTS',
    'documentAnchors',
    'parseDocument',
    'toStorage',
  ]);
});

test('CONVERTER_VERSION is a non-empty string', async () => {
  const { CONVERTER_VERSION } = await import('../../src/markdown/index.js');
  expect(CONVERTER_VERSION).toMatch(/^\S+$/);
});

test('toStorage refuses a tree it did not parse', () => {
  const doc = { ...parseDocument('x', 'a.md'), tree: { type: 'root', children: [] } };
  expect(() => toStorage(doc, fakeContext())).toThrow(TypeError);
});

test('the leading H1 is dropped by default and kept on request', () => {
  const doc = parseDocument('# Title\n\nBody', 'a.md');
  expect(toStorage(doc, fakeContext()).storage).toBe('<p>Body</p>');
  expect(toStorage(doc, fakeContext(), { dropFirstH1: false }).storage).toMatch(
    /^<h1>.*Title<\/h1>\n<p>Body<\/p>$/,
  );
});

test('a later H1 is never dropped', () => {
  const doc = parseDocument('Intro\n\n# Heading', 'a.md');
  expect(toStorage(doc, fakeContext()).storage).toContain('<h1>');
});

test('only the context is asked about other files, with decoded paths and no fragment or query', () => {
  const ctx = fakeContext();
  toStorage(
    parseDocument('[a](my%20doc.md?x=1#part) ![i](img/a%2Bb.png) [e](https://e.com/x.md)', 'a.md'),
    ctx,
  );
  expect(ctx.asked).toEqual(['my doc.md', 'img/a+b.png']);
});

test('attachments are listed once each, in order of first use', () => {
  const { attachments } = toStorage(
    parseDocument('![a](a.png) [b](b.pdf) ![a again](a.png)', 'a.md'),
    fakeContext({
      'a.png': { kind: 'file', path: 'docs/a.png' },
      'b.pdf': { kind: 'file', path: 'docs/b.pdf' },
    }),
  );
  expect(attachments).toEqual([
    { path: 'docs/a.png', filename: 'a.png' },
    { path: 'docs/b.pdf', filename: 'b.pdf' },
  ]);
});

test('the same document converts the same way every time', () => {
  const doc = parseDocument('# T\n\n## A\n\n## A\n\n- [ ] x[^1]\n\n[^1]: n', 'a.md');
  expect(toStorage(doc, fakeContext())).toEqual(toStorage(doc, fakeContext()));
});

describe('documentAnchors', () => {
  const doc = parseDocument('# Other Page\n\n## Install\n\n## Install\n\n### Usage `npm`', 'docs/other.md');

  test('lists the heading slugs a link from another page can use, as toStorage names them', () => {
    expect(documentAnchors(doc)).toEqual({
      anchors: new Set(['install', 'install-1', 'usage-npm']),
      titleAnchor: 'other-page',
    });
    const storage = toStorage(doc, fakeContext()).storage;
    for (const anchor of documentAnchors(doc).anchors) expect(storage).toContain(`>${anchor}</ac:parameter>`);
  });

  test('raw HTML tags do not count towards a heading slug (GitHub slugs the visible text)', () => {
    const html = parseDocument(
      '# T\n\n## <b>html</b> x\n\n## a<br>b\n\n## c<!-- note -->d\n\n[go](#html-x)',
      'a.md',
    );
    const expected = new Set(['html-x', 'ab', 'cd']);
    expect(documentAnchors(html).anchors).toEqual(expected);
    for (const allowed of [[], ['b', 'br']]) {
      const result = toStorage(html, fakeContext(), { htmlAllowList: allowed });
      for (const anchor of expected) expect(result.storage).toContain(`>${anchor}</ac:parameter>`);
      expect(result.storage).toContain('<ac:link ac:anchor="html-x">');
      expect(result.diagnostics.filter((d) => d.message.includes('#'))).toEqual([]);
    }
  });

  test('raw <a name>/<a id> anchors count when `a` is allowed, as toStorage emits them', () => {
    const html = parseDocument('# T\n\n<a name="sec"></a>\nText with <a id="here">x</a>.', 'a.md');
    expect(documentAnchors(html, { htmlAllowList: ['a'] }).anchors).toEqual(new Set(['sec', 'here']));
    expect(documentAnchors(html).anchors).toEqual(new Set());
  });

  test('a kept H1 is an ordinary anchor', () => {
    expect(documentAnchors(doc, { dropFirstH1: false })).toEqual({
      anchors: new Set(['other-page', 'install', 'install-1', 'usage-npm']),
    });
  });
});

test('the allow-html setting accepts exactly the elements the converter can render', () => {
  expect([...ALLOWABLE_HTML].sort()).toEqual([...SUPPORTED_HTML_ELEMENTS].sort());
  const config = buildConfig(
    {
      'confluence-url': 'https://acme.atlassian.net/wiki',
      username: 'me@acme.com',
      token: 't',
      space: 'DOCS',
      'parent-page-id': '1',
      'allow-html': 'b, strong, i, em, code, tfoot',
    },
    { workspace: '/ws' },
  );
  expect(config.htmlAllowList).toEqual(['b', 'strong', 'i', 'em', 'code', 'tfoot']);
});
