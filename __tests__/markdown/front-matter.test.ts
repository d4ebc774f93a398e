/** Front matter keys, their types, and where problems are reported; the title-candidate H1. */
import { parseDocument } from '../../src/markdown/index.js';

const parse = (source: string) => parseDocument(source, 'docs/a.md');

describe('front matter', () => {
  test('reads title, labels, order and keeps other keys in extra', () => {
    const doc = parse('---\ntitle: Hello\nlabels: [a, b]\norder: 2\nowner: team\n---\nBody');
    expect(doc.ok).toBe(true);
    expect(doc.frontMatter).toEqual({
      title: 'Hello',
      titleLine: 2,
      labels: ['a', 'b'],
      order: 2,
      publish: true,
      extra: { owner: 'team' },
    });
    expect(parse('Intro\n\n# x').h1Line).toBeUndefined();
    expect(parse('<!-- c -->\n\n# Title').h1Line).toBe(3);
  });

  test('a labels string is split on commas; spaces stay inside a label', () => {
    expect(parse('---\nlabels: "api, guide  beta,,"\n---\n').frontMatter.labels).toEqual([
      'api',
      'guide  beta',
    ]);
  });

  test('each list item is one label, spaces and all', () => {
    expect(parse('---\nlabels: [Getting Started, api]\n---\n').frontMatter.labels).toEqual([
      'Getting Started',
      'api',
    ]);
    expect(parse('---\nlabels:\n  - Release notes\n  - 2024\n---\n').frontMatter.labels).toEqual([
      'Release notes',
      '2024',
    ]);
  });

  test('nav_order and sidebar_position are order too; `order` wins', () => {
    expect(parse('---\nnav_order: 5\n---\n').frontMatter.order).toBe(5);
    expect(parse('---\nsidebar_position: 1.5\n---\n').frontMatter.order).toBe(1.5);
    expect(parse('---\nsidebar_position: 9\norder: 3\n---\n').frontMatter.order).toBe(3);
  });

  test.each(['confluence: false', 'publish: false'])('`%s` skips the page', (line) => {
    expect(parse(`---\n${line}\n---\n`).frontMatter.publish).toBe(false);
  });

  test('a numeric title is text', () => {
    expect(parse('---\ntitle: 2024\n---\n').frontMatter.title).toBe('2024');
  });

  test('no front matter, or an empty one, gives the defaults', () => {
    expect(parse('Just text').frontMatter).toEqual({ publish: true, extra: {} });
    expect(parse('---\n---\nText').frontMatter).toEqual({ publish: true, extra: {} });
  });

  test('invalid YAML is an error at its line and column, and the file is not ok', () => {
    const doc = parse('---\ntitle: ok\nlabels: [a, b\n---\nBody');
    expect(doc.ok).toBe(false);
    expect(doc.diagnostics).toHaveLength(1);
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'error', file: 'docs/a.md' });
    expect(doc.diagnostics[0].message).toMatch(/^Invalid YAML front matter/);
    expect(doc.diagnostics[0].line).toBeGreaterThanOrEqual(3);
    expect(doc.diagnostics[0].column).toBeGreaterThanOrEqual(1);
  });

  test('a duplicate key is an error', () => {
    const doc = parse('---\ntitle: a\ntitle: b\n---\n');
    expect(doc.ok).toBe(false);
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'error', line: 3 });
  });

  test.each([
    ['title: [a, b]', 'Front matter `title` must be a string', 2, 8],
    ['labels: {a: 1}', 'Front matter `labels` must be a list of strings or one string', 2, 9],
    ['order: first', 'Front matter `order` must be a number', 2, 8],
    ['confluence: "no"', 'Front matter `confluence` must be true or false', 2, 13],
  ])('`%s` is a type error at the value', (line, message, row, column) => {
    const doc = parse(`---\n${line}\n---\n`);
    expect(doc.ok).toBe(false);
    expect(doc.diagnostics).toEqual([{ severity: 'error', message, file: 'docs/a.md', line: row, column }]);
  });

  test('front matter that is not a mapping is an error', () => {
    const doc = parse('---\n- a\n- b\n---\n');
    expect(doc.ok).toBe(false);
    expect(doc.diagnostics[0].message).toBe('Front matter must be a mapping of keys to values');
  });

  test('an alias bomb is refused, not expanded', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill('*' + String.fromCharCode(97 + i))
          .join(',')}]`,
      );
    const doc = parse(`---\n${bomb.join('\n')}\n---\n`);
    expect(doc.ok).toBe(false);
  });
});

describe('h1Title', () => {
  test('is the first # H1 when it is the first content', () => {
    expect(parse('---\ntitle: x\n---\n\n# The *Title*\n\nText').h1Title).toBe('The Title');
    expect(parse('<!-- lint -->\n\n# After a comment').h1Title).toBe('After a comment');
  });
  test('is the visible text: raw HTML tags do not count, as for the heading anchor', () => {
    expect(parse('# <b>Bold</b> guide').h1Title).toBe('Bold guide');
    expect(parse('# Line<br>break').h1Title).toBe('Linebreak');
    expect(parse('# Code `x` here').h1Title).toBe('Code x here');
  });
  test('is undefined when something comes first, or the heading is not level 1', () => {
    expect(parse('Intro\n\n# Late').h1Title).toBeUndefined();
    expect(parse('## Two').h1Title).toBeUndefined();
  });
});
