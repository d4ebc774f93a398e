/**
 * Nothing a Markdown author writes can inject markup: no `<script>`, no event attribute, no
 * Confluence macro or `ri:` resource the converter did not mean to emit, whatever the allow-list;
 * and every escape (text, attribute, CDATA) holds against the strings that break naive ones.
 */
import { SUPPORTED_HTML_ELEMENTS } from '../../src/markdown/index.js';
import { parseFragment } from '../support/canonical-xml.js';
import { attributeOf, convert, elements, textContent } from './convert-helpers.js';
import { shapeProblems } from './storage-shape.js';

const EVERYTHING = [
  ...SUPPORTED_HTML_ELEMENTS,
  'script',
  'iframe',
  'style',
  'ac:structured-macro',
  'ri:page',
  'svg',
];

describe.each([
  ['no allow-list', []],
  ['every element allowed', EVERYTHING],
])('raw HTML with %s', (_label, htmlAllowList) => {
  const options = { htmlAllowList };

  test('<script> is shown as text, never an element', () => {
    const { storage } = convert(
      '<script>alert(1)</script>\n\nInline <script>alert(2)</script> too.',
      options,
    );
    expect(storage).not.toMatch(/<script/i);
    expect(storage).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(shapeProblems(parseFragment(storage))).toEqual([]);
  });

  test('a Confluence macro in raw HTML is shown as text', () => {
    const source =
      '<ac:structured-macro ac:name="html"><ac:plain-text-body><![CDATA[<b>x</b>]]></ac:plain-text-body></ac:structured-macro>\n\n' +
      'Inline <ac:structured-macro ac:name="jira"/> and <ri:page ri:content-title="X"/> and <ac:emoticon ac:name="smile"/>.';
    const { storage } = convert(source, options);
    const names = elements(storage).map((element) => element.name);
    expect(names).not.toContain('ac:structured-macro');
    expect(names).not.toContain('ri:page');
    expect(names).not.toContain('ac:emoticon');
    expect(storage).toContain('&lt;ac:structured-macro ac:name="html"&gt;');
  });

  test('event attributes, style and unknown attributes never come through', () => {
    const source =
      '<img src="https://example.com/a.png" onerror="alert(1)" style="background:url(javascript:x)" class="c">\n\n' +
      '<details ontoggle="alert(1)"><summary onclick="alert(1)">S</summary>\n\nBody\n\n</details>\n\n' +
      '<table onmouseover="x"><tr><td style="x:expression(alert(1))">c</td></tr></table>';
    const { storage } = convert(source, options);
    const attributes = elements(storage).flatMap((element) => element.attributes.map(([name]) => name));
    expect(attributes.filter((name) => /^on|^style$|^class$/.test(name))).toEqual([]);
    expect(shapeProblems(parseFragment(storage))).toEqual([]);
  });

  test('an allowed <a> or <img> cannot carry a script URL', () => {
    const source =
      '<a href="javascript:alert(1)">a</a> <a href=" JaVa&#x09;ScRiPt:alert(1)">b</a> <img src="data:image/svg+xml,<svg onload=alert(1)>" alt="c">';
    const { storage } = convert(source, options);
    expect(
      elements(storage).filter((element) => element.name === 'a' || element.name === 'ac:image'),
    ).toEqual([]);
  });
});

describe('URLs written in Markdown', () => {
  test.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    '&#106;avascript:alert(1)',
    'java%0Ascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
  ])('[x](%s) is plain text with a warning', (url) => {
    const { storage, diagnostics } = convert(`[click](${url})`);
    const links = elements(storage).filter((element) => element.name === 'a' || element.name === 'ac:link');
    if (url.startsWith('java%0A')) {
      // Percent-encoded: not a scheme at all, so a (missing) local path — still never a link.
      expect(diagnostics[0].message).toMatch(/does not exist/);
    } else expect(diagnostics[0].message).toMatch(/is not allowed/);
    expect(links).toEqual([]);
    expect(storage).toBe('<p>click</p>');
  });

  test('images with script or data URLs are their alt text', () => {
    const { storage, diagnostics } = convert(
      '![alt one](javascript:alert(1)) ![alt two](data:image/png;base64,AAAA)',
    );
    expect(storage).toBe('<p>alt one alt two</p>');
    expect(diagnostics.map((d) => d.severity)).toEqual(['warning', 'warning']);
  });

  test('quotes, ampersands and markup in URLs and titles stay inside their attribute', () => {
    const title = '"><script>alert(1)</script><ac:structured-macro ac:name="html"/>';
    const href = 'https://example.com/?a=1&b="2"&c=]]';
    const { storage } = convert(`[x](<${href}> '${title}')`);
    expect(attributeOf(storage, 'a', 'href')).toBe(href);
    expect(attributeOf(storage, 'a', 'title')).toBe(title);
    expect(storage).toContain('&amp;');
    expect(storage).toContain('&quot;');
    expect(elements(storage).map((element) => element.name)).toEqual(['p', 'a']);
  });

  test('a hostile page title from the link context stays one attribute value', () => {
    const title = 'Evil"/><ac:structured-macro ac:name="html"/>]]>&amp;';
    const { storage } = convert('[x](evil.md)', {}, { 'evil.md': { kind: 'page', title } });
    expect(attributeOf(storage, 'ri:page', 'ri:content-title')).toBe(title);
    expect(elements(storage).map((element) => element.name)).toEqual([
      'p',
      'ac:link',
      'ri:page',
      'ac:plain-text-link-body',
    ]);
  });

  test('alt text and image titles with markup are attribute values', () => {
    const { storage } = convert('![<b>alt</b> & "q"](https://example.com/a.png "t\\"<x>")');
    expect(attributeOf(storage, 'ac:image', 'ac:alt')).toBe('<b>alt</b> & "q"');
    expect(attributeOf(storage, 'ac:image', 'ac:title')).toBe('t"<x>');
  });
});

describe('CDATA and text escapes', () => {
  test('`]]>` in a code block splits the CDATA section and reads back intact', () => {
    const { storage } = convert('```\na ]]> b ]]]]> c\n```');
    expect(storage).toContain('<![CDATA[a ]]]]><![CDATA[> b ]]]]]]><![CDATA[> c]]>');
    expect(textContent(parseFragment(storage))).toBe('nonea ]]> b ]]]]> c');
  });

  test('`]]>` in inline code and text is escaped text', () => {
    const { storage } = convert('`]]>` and ]]> too');
    expect(storage).toBe('<p><code>]]&gt;</code> and ]]&gt; too</p>');
  });

  test('`]]>` in a plain-text link label splits the CDATA section', () => {
    const { storage } = convert(
      '[a \\]\\]> b](other.md)',
      {},
      { 'other.md': { kind: 'page', title: 'Other' } },
    );
    expect(storage).toContain('<![CDATA[a ]]]]><![CDATA[> b]]>');
    expect(textContent(parseFragment(storage))).toBe('a ]]> b');
  });

  test('a code block cannot inject through its language or title', () => {
    const { storage } = convert(
      '```js title="</ac:parameter><ac:structured-macro ac:name=\'html\'>"\nx\n```',
    );
    expect(elements(storage).filter((element) => element.name === 'ac:structured-macro')).toHaveLength(1);
    expect(textContent(elements(storage)[2])).toBe("</ac:parameter><ac:structured-macro ac:name='html'>");
  });

  test('characters XML forbids are removed, everything else is kept', () => {
    const { storage } = convert('a\u0001b\u0008c\u000bd\u000ce\u001bf\ufffeg\uffffh\ud800i\udc00j 😀 \u007f');
    expect(storage).toBe('<p>abcdefghij 😀 \u007f</p>');
  });

  test('only XML entities and numeric references are written, never HTML named entities', () => {
    const { storage } = convert('&nbsp; &copy; &amp; < > " \' &bogus; [x](https://e.com/?a&b "&quot;")');
    expect(
      storage.match(/&[a-z]+;/gi)?.every((entity) => ['&amp;', '&lt;', '&gt;', '&quot;'].includes(entity)),
    ).toBe(true);
    expect(storage).toContain('\u00a0 © &amp; &lt; &gt; " \' &amp;bogus;');
  });
});
