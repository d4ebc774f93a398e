/**
 * Input the converter cannot or must not convert is reported at a file, line and column, never
 * thrown: content nested too deeply, bytes that are not UTF-8.
 */
import { parseDocument, toStorage } from '../../src/markdown/index.js';
import { MAX_HTML_NESTING, MAX_NESTING, MAX_RENDER_DEPTH } from '../../src/markdown/limits.js';
import { validateStorage } from '../../src/server/storage-xml.js';
import { convert } from './convert-helpers.js';
import { fakeContext } from './fake-context.js';

const nestingError = expect.stringMatching(
  new RegExp(`^Content is nested more than ${MAX_NESTING} levels deep here .*this file is not published$`),
);

describe('nesting', () => {
  test.each([
    ['5000 nested quotes', 'Intro\n\n' + '>'.repeat(5000) + ' x\n', 3],
    ['3000 nested bullets', 'Intro\n\n' + '- '.repeat(3000) + 'x\n', 3],
    [
      '300 nested indented lists',
      'Intro\n\n' + Array.from({ length: 300 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n'),
      undefined,
    ],
    ['5000 nested emphasis', 'Intro\n\n' + '*'.repeat(5000) + 'x' + '*'.repeat(5000), 3],
    ['150 nested quotes', 'Intro\n\n' + '>'.repeat(150) + ' x\n', 3],
  ])('%s: an error at its line, the file not published', (_name, source, line) => {
    const doc = parseDocument(source, 'docs/deep.md');
    expect(doc.ok).toBe(false);
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', file: 'docs/deep.md', message: nestingError }),
    ]);
    const [error] = doc.diagnostics;
    if (line !== undefined) expect(error.line).toBe(line);
    else expect(error.line).toBeGreaterThan(2);
    expect(error.column).toBeGreaterThanOrEqual(1);
    // Converting it anyway is harmless: an empty page, no exception.
    expect(toStorage(doc, fakeContext()).storage).toBe('');
  });

  test(`${MAX_NESTING} levels are still converted`, () => {
    const doc = parseDocument('>'.repeat(MAX_NESTING - 2) + ' x\n', 'docs/page.md');
    expect(doc.ok).toBe(true);
    const { storage } = toStorage(doc, fakeContext());
    expect(storage.match(/<blockquote>/g)).toHaveLength(MAX_NESTING - 2);
  });

  test('5000 nested allowed <sub>: a warning at the line, the rest shown as text, the page converts', () => {
    const source = 'Intro\n\n' + '<sub>'.repeat(5000) + 'x' + '</sub>'.repeat(5000);
    const { storage, diagnostics } = convert(source, { htmlAllowList: ['sub'] });
    expect(validateStorage(storage)).toEqual({ ok: true });
    expect(storage.match(/<sub>/g)).toHaveLength(MAX_HTML_NESTING);
    expect(storage).toContain('&lt;sub&gt;x');
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        message: `Raw HTML is nested more than ${MAX_HTML_NESTING} elements deep here; deeper tags are shown as text`,
        file: 'docs/page.md',
        line: 3,
        column: 5 * MAX_HTML_NESTING + 1,
      },
    ]);
  });

  test('deep raw HTML inside deep blocks is cut off by the renderer, with one warning', () => {
    // 8 quotes, each holding 45 nested details: nesting that exists only once HTML is structured.
    const level = (depth: number): string[] => {
      const prefix = '> '.repeat(depth);
      const inner = depth < 8 ? level(depth + 1) : [`${prefix}> core`];
      return [prefix + '<details>'.repeat(45), prefix, ...inner, prefix, prefix + '</details>'.repeat(45)];
    };
    const { storage, diagnostics } = convert(level(1).join('\n'), { htmlAllowList: ['details'] });
    expect(validateStorage(storage)).toEqual({ ok: true });
    expect(storage).toContain('core');
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: `Content is nested more than ${MAX_RENDER_DEPTH} levels deep here; the rest of it is shown as plain text`,
      }),
    ]);
    expect(diagnostics[0].line).toBeGreaterThan(1);
  });
});

describe('encoding', () => {
  test('bytes that are not UTF-8: an error at the first bad byte, the file not published', () => {
    const bytes = Buffer.concat([
      Buffer.from('# Caf\u00e9\n\nLine two: '),
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    ]);
    const doc = parseDocument(bytes, 'docs/latin1.md');
    expect(doc.ok).toBe(false);
    expect(doc.diagnostics).toEqual([
      {
        severity: 'error',
        message: 'docs/latin1.md is not UTF-8 (byte 0xE9 here); save it as UTF-8. It is not published',
        file: 'docs/latin1.md',
        line: 3,
        column: 14,
      },
    ]);
  });

  test('UTF-8 bytes (with or without a BOM) parse like the string', () => {
    const text = '# Título\n\nÉmoji 😀 and ∑.';
    for (const bytes of [
      Buffer.from(text),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    ]) {
      const doc = parseDocument(bytes, 'docs/a.md');
      expect(doc.ok).toBe(true);
      expect(doc.diagnostics).toEqual([]);
      expect(doc.h1Title).toBe('Título');
      expect(toStorage(doc, fakeContext()).storage).toBe(
        toStorage(parseDocument(text, 'docs/a.md'), fakeContext()).storage,
      );
    }
  });

  test.each([
    [[0xc0, 0xaf], 'overlong'],
    [[0xed, 0xa0, 0x80], 'a surrogate'],
    [[0xf4, 0x90, 0x80, 0x80], 'past U+10FFFF'],
    [[0xe2, 0x82], 'truncated'],
  ])('%j (%s) is not UTF-8', (sequence) => {
    const doc = parseDocument(Buffer.concat([Buffer.from('ok '), Buffer.from(sequence)]), 'docs/a.md');
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'error', line: 1, column: 4 });
  });

  test('text already decoded with replacement characters gets a warning at the first one', () => {
    const doc = parseDocument('Fine\n\nCaf\uFFFD here', 'docs/a.md');
    expect(doc.ok).toBe(true);
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'docs/a.md', line: 3, column: 4 }),
    ]);
  });
});
