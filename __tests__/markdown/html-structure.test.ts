/** Raw HTML with an allow-list: pairing tags across Markdown, and what is shown as written. */
import { convert } from './convert-helpers.js';

const allow = (...htmlAllowList: string[]) => ({ htmlAllowList });

test('details split around Markdown becomes one expand macro', () => {
  const { storage } = convert(
    '<details>\n<summary>More</summary>\n\n*Hidden*\n\n</details>',
    allow('details', 'summary'),
  );
  expect(storage).toBe(
    '<ac:structured-macro ac:name="expand" ac:schema-version="1"><ac:parameter ac:name="title">More</ac:parameter><ac:rich-text-body><p><em>Hidden</em></p></ac:rich-text-body></ac:structured-macro>',
  );
});

test('nested details nest', () => {
  const { storage } = convert(
    '<details>\n\n<details>\n\nInner\n\n</details>\n\n</details>',
    allow('details'),
  );
  expect(storage.match(/ac:name="expand"/g)).toHaveLength(2);
  expect(storage).toContain('<ac:rich-text-body><ac:structured-macro ac:name="expand"');
});

test('an element not on the allow-list is shown as written, entities and all', () => {
  const { storage, diagnostics } = convert(
    '<font>\n<mark title="a&amp;b">x &amp; y</mark>\n</font>',
    allow('sub'),
  );
  expect(storage).toBe(
    '<p>&lt;font&gt;\n&lt;mark title="a&amp;amp;b"&gt;x &amp;amp; y&lt;/mark&gt;\n&lt;/font&gt;</p>',
  );
  expect(diagnostics.map((d) => d.message)).toEqual([
    'Raw HTML <font> is not an element cmsync can render; shown as text',
    'Raw HTML <mark> is not an element cmsync can render; shown as text',
  ]);
});

test('layout wrappers (div, p, span, center …) lose their tags and keep their content, with one notice', () => {
  const { storage, diagnostics } = convert(
    '<div align="center">\n  <img src="https://e.com/a.png">\n</div>\n\n<center><span>x</span></center>',
    allow('img'),
  );
  expect(storage).toBe('<p><ac:image><ri:url ri:value="https://e.com/a.png"/></ac:image></p>\n<p>x</p>');
  expect(diagnostics.map((d) => [d.severity, d.line, d.column])).toEqual([['notice', 1, 1]]);
});

test('inside an allowed element, entities are decoded', () => {
  expect(convert('H<sub>2&amp;3</sub>', allow('sub')).storage).toBe('<p>H<sub>2&amp;3</sub></p>');
});

test('a stray end tag is text; an unclosed element is text with a warning', () => {
  const stray = convert('a</sub>b', allow('sub'));
  expect(stray.storage).toBe('<p>a&lt;/sub&gt;b</p>');
  const open = convert('a<sub>b', allow('sub'));
  expect(open.storage).toBe('<p>a&lt;sub&gt;b</p>');
  expect(open.diagnostics[0]).toMatchObject({
    severity: 'warning',
    message: 'Raw HTML <sub> is never closed; shown as text',
    line: 1,
    column: 2,
  });
});

test('mis-nested tags: the inner unclosed element is unwrapped', () => {
  expect(convert('<sup>a<sub>b</sup>c', allow('sub', 'sup')).storage).toBe(
    '<p><sup>a&lt;sub&gt;b</sup>c</p>',
  );
});

test('block elements are not allowed inside a paragraph', () => {
  const { storage, diagnostics } = convert('Text <details>x</details>', allow('details'));
  expect(storage).toBe('<p>Text &lt;details&gt;x&lt;/details&gt;</p>');
  expect(diagnostics[0].message).toBe('Raw HTML <details> cannot be used here; shown as text');
});

test('each raw HTML block is its own paragraph', () => {
  expect(convert('<b>one</b>\n\n<b>two</b>', allow('b')).storage).toBe(
    '<p><strong>one</strong></p>\n<p><strong>two</strong></p>',
  );
});

test('comments disappear, bogus comments are shown', () => {
  expect(convert('a <!-- hidden --> b <?php echo 1 ?> c', allow('b')).storage).toBe(
    '<p>a  b &lt;?php echo 1 ?&gt; c</p>',
  );
});

test('an unfinished tag at the end is kept as text', () => {
  expect(convert('<b>x</b', allow('b')).storage).toBe('<p>&lt;b&gt;x&lt;/b</p>');
});

test('td spans are kept only when they are small whole numbers', () => {
  const { storage } = convert(
    '<table><tr><td colspan="2" rowspan="x">a</td><td colspan="1">b</td></tr></table>',
    allow('table', 'tr', 'td'),
  );
  expect(storage).toBe('<table><tbody><tr><td colspan="2">a</td><td>b</td></tr></tbody></table>');
});

test('an <a> inside a Markdown link is just its content (links cannot nest)', () => {
  const { storage } = convert('[x <a href="https://b.com">y</a>](https://a.com)', allow('a'));
  expect(storage).toBe('<p><a href="https://a.com">x y</a></p>');
});

test('an allow-list naming unsupported elements has no effect on them', () => {
  expect(convert('<script>x</script>', allow('script')).storage).toBe(
    '<p>&lt;script&gt;x&lt;/script&gt;</p>',
  );
});

test('a supported element that is not allowed points at the allow-html setting', () => {
  const { diagnostics } = convert('H<sub>2</sub>O', allow('b'));
  expect(diagnostics.map((d) => d.message)).toEqual([
    'Raw HTML <sub> is not in the allow-html setting; shown as text',
  ]);
});

test('allowed raw HTML inside a list item renders, with no "raw HTML is text" notice', () => {
  const { storage, diagnostics } = convert(
    '1. step\n\n   <img src="img/a.png" width="200">\n\n   <details><summary>More</summary>\n\n   x\n\n   </details>',
    allow('img', 'details', 'summary'),
    { 'img/a.png': { kind: 'file', path: 'docs/img/a.png' } },
  );
  expect(storage).toContain('<ac:image ac:width="200"><ri:attachment ri:filename="a.png"/></ac:image>');
  expect(storage).toContain('<ac:parameter ac:name="title">More</ac:parameter>');
  expect(storage).not.toContain('&lt;');
  expect(diagnostics).toEqual([]);
});

describe('positions of raw HTML tokens', () => {
  const where = (source: string): [number | undefined, number | undefined][] =>
    convert(source, allow('b', 'sub', 'details', 'summary')).diagnostics.map((d) => [d.line, d.column]);

  test('on the first line and on later lines of an HTML block', () => {
    expect(where('<b onclick=x>a</b>\n<b\n  onclick=y>b</b>')).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(
      where('text\n\n<details>\n<summary onclick=1>s</summary>\n  <b onclick=2>x</b>\n</details>'),
    ).toEqual([
      [4, 1],
      [5, 3],
    ]);
  });

  test('inside a list item and a quote, columns count the container prefix', () => {
    expect(where('- item\n\n  <details>\n  <summary onclick=x>x</summary>\n  </details>')).toEqual([[4, 3]]);
    expect(where('> <b>\n>   x <sub onclick=1>y</sub></b>')).toEqual([[2, 7]]);
    expect(where('> para\n>\n> > <details>\n> > <summary onclick=x>s</summary>\n> > </details>')).toEqual([
      [4, 5],
    ]);
  });

  test('with CRLF line endings', () => {
    expect(
      where('- item\r\n\r\n  <details>\r\n  <summary onclick=x>x</summary>\r\n  </details>\r\n'),
    ).toEqual([[4, 3]]);
  });

  test('in a large block, every token still gets its own line', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `<b onclick=${i}>${i}</b>`);
    const found = where(lines.join('\n'));
    expect(found).toHaveLength(300);
    expect(found.every(([line, column], i) => line === i + 1 && column === 1)).toBe(true);
  });
});

test('line starts and the binary search agree with a plain scan', async () => {
  const { lineIndexAt, lineStartsOf } = await import('../../src/markdown/text-utils.js');
  const value = 'a\nbc\n\nd\r\ne';
  const starts = lineStartsOf(value);
  expect(starts).toEqual([0, 2, 5, 6, 9]);
  for (let offset = 0; offset < value.length; offset++) {
    expect(lineIndexAt(starts, offset)).toBe(value.slice(0, offset).split('\n').length - 1);
  }
});

test('an inline element among blocks must close in its own HTML block (no <p> inside <p>)', () => {
  const { storage, diagnostics } = convert('<b>\n\ntext\n\n</b>', allow('b'));
  expect(storage).toBe('<p>&lt;b&gt;</p>\n<p>text</p>\n<p>&lt;/b&gt;</p>');
  expect(diagnostics[0]).toMatchObject({
    message: 'Raw HTML <b> is not closed before the end of its HTML block; shown as text',
    line: 1,
    column: 1,
  });
});

test('an unclosed <summary> does not swallow what follows into the title', () => {
  const { storage, diagnostics } = convert(
    '<details>\n<summary>Unclosed details\n\ntext\n\n<details><summary>x</summary>y</details>\n\n</details>',
    allow('details', 'summary'),
  );
  expect(storage).not.toMatch(/ac:name="title">Unclosed/);
  expect(storage).toContain('<p>&lt;summary&gt;Unclosed details</p><p>text</p>');
  expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
    [2, 'Raw HTML <summary> is not closed before the end of its HTML block; shown as text'],
  ]);
});
