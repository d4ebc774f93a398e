/** The one serializer: every escape of the storage format. */
import {
  escapeAttribute,
  escapeText,
  serialize,
  serializeCdata,
  stripForbidden,
} from '../../src/markdown/xml/serialize.js';
import { cdata, text, x } from '../../src/markdown/xml/nodes.js';

test('text escapes &, < and >', () => {
  expect(escapeText('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d "e"');
});

test('attributes also escape quotes and keep tabs and newlines as references', () => {
  expect(escapeAttribute('a"b\t\n\r&<')).toBe('a&quot;b&#9;&#10;&#13;&amp;&lt;');
});

test('CDATA splits every ]]>', () => {
  expect(serializeCdata('a]]>b]]>')).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>');
});

test('characters XML 1.0 forbids are removed everywhere', () => {
  expect(stripForbidden('\u0000a\u0008\tb\n\u000b\u000cc\r\u001f\ufffe\uffffd')).toBe(
    'a\tb\ncd\r'.replace('cd\r', 'c\rd'),
  );
  expect(stripForbidden('x\ud800y\udc00z\ud83d\ude00')).toBe('xyz\ud83d\ude00');
  expect(serialize([x('p', { title: 'a\u0001' }, text('b\u0002'), cdata('c\u0003'))])).toBe(
    '<p title="a">b<![CDATA[c]]></p>',
  );
});

test('empty elements are self-closed and undefined attributes left out', () => {
  expect(serialize([x('br'), x('a', { href: 'h', title: undefined })], '\n')).toBe('<br/>\n<a href="h"/>');
});

test('an invalid element or attribute name is a bug and throws', () => {
  expect(() => serialize([x('p onclick="x"')])).toThrow('Invalid XML name');
  expect(() => serialize([x('p', { 'on click': 'x' })])).toThrow('Invalid XML name');
});
