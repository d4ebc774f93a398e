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
    '<div>\n<span title="a&amp;b">x &amp; y</span>\n</div>',
    allow('sub'),
  );
  expect(storage).toBe(
    '<p>&lt;div&gt;\n&lt;span title="a&amp;amp;b"&gt;x &amp;amp; y&lt;/span&gt;\n&lt;/div&gt;</p>',
  );
  expect(diagnostics.map((d) => d.message)).toEqual([
    'Raw HTML <div> is not in the html-allow-list; shown as text',
    'Raw HTML <span> is not in the html-allow-list; shown as text',
  ]);
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
