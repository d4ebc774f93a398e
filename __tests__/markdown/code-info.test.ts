/** Info strings of fenced code: language aliases and options. */
import { parseCodeInfo } from '../../src/markdown/code/info.js';
import { codeLanguage, DATA_CENTER_LANGUAGES } from '../../src/markdown/code/languages.js';
import { convert } from './convert-helpers.js';

test.each([
  ['js', 'javascript'],
  ['JS', 'javascript'],
  ['sh', 'bash'],
  ['shell', 'bash'],
  ['yml', 'yaml'],
  ['ts', 'typescript'],
  ['tsx', 'tsx'],
  ['c#', 'csharp'],
  ['c++', 'cpp'],
  ['py', 'python'],
  ['html', 'xml'],
  ['mermaid', 'mermaid'],
  ['shell-session', 'bash'],
  ['console', 'bash'],
  ['brainfuck', 'none'],
  ['constructor', 'none'],
  [null, 'none'],
])('language %s → %s', (lang, expected) => {
  expect(codeLanguage(lang)).toBe(expected);
});

test.each([
  ['title="my file.py"', { title: 'my file.py' }],
  ["title='my file.py'", { title: 'my file.py' }],
  ['title=file.py', { title: 'file.py' }],
  ['title Some long title', { title: 'Some long title' }],
  ['linenumbers', { lineNumbers: true }],
  ['linenumbers=false collapse', { lineNumbers: false, collapse: true }],
  ['firstline=10 title=x', { firstLine: '10', title: 'x' }],
  [
    'firstline=ten',
    {
      problems: [
        {
          written: 'firstline=ten',
          message: 'Code block option `firstline=ten` is not a whole number; ignored',
        },
      ],
    },
  ],
  [
    'linenumbers=maybe collapse=false',
    {
      collapse: false,
      problems: [
        {
          written: 'linenumbers=maybe',
          message: 'Code block option `linenumbers=maybe` is not true or false; ignored',
        },
      ],
    },
  ],
  ['{.class} unknown=1 titlex', {}],
  ['', {}],
])('meta `%s`', (meta, expected) => {
  expect(parseCodeInfo('py', meta)).toEqual({ language: 'python', ...expected });
});

test.each([
  ['title="x.py"', null, { language: 'none', title: 'x.py' }],
  ['title="my', 'file.py" linenumbers', { language: 'none', title: 'my file.py', lineNumbers: true }],
  ['js{1,3}', null, { language: 'javascript' }],
  ['js{1,3}', 'title="a.js"', { language: 'javascript', title: 'a.js' }],
  ['{.python}', null, { language: 'python' }],
  ['{.python', '.numberLines}', { language: 'python' }],
  ['py', 'title=""', { language: 'python' }],
  ['shell-session', null, { language: 'bash' }],
])('info `%s %s`', (lang, meta, expected) => {
  expect(parseCodeInfo(lang, meta)).toEqual(expected);
});

test('a title-only info string keeps its title, with no language', () => {
  const { storage } = convert('```title="x.py"\nprint(1)\n```\n\n```py title=""\nx\n```');
  expect(storage).toContain(
    '<ac:parameter ac:name="language">none</ac:parameter><ac:parameter ac:name="title">x.py</ac:parameter>',
  );
  expect(storage.match(/ac:name="title"/g)).toHaveLength(1);
});

describe('Data Center languages', () => {
  test.each([
    ['ts', 'javascript'],
    ['tsx', 'javascript'],
    ['jsx', 'javascript'],
    ['json', 'javascript'],
    ['html', 'html/xml'],
    ['xml', 'html/xml'],
    ['c', 'cpp'],
    ['kotlin', 'java'],
    ['dockerfile', 'bash'],
    ['go', 'none'],
    ['rust', 'none'],
    ['mermaid', 'none'],
    ['yml', 'yaml'],
    ['c#', 'csharp'],
    [null, 'none'],
  ])('%s → %s', (lang, expected) => {
    expect(codeLanguage(lang, 'datacenter')).toBe(expected);
    // The Cloud ids are unchanged by the option.
    expect(codeLanguage(lang)).toBe(codeLanguage(lang, 'cloud'));
  });

  test('every alias maps to an id the Data Center code macro knows', () => {
    const words = [
      'js',
      'ts',
      'tsx',
      'jsx',
      'json',
      'go',
      'rs',
      'kt',
      'toml',
      'gql',
      'md',
      'docker',
      'svg',
      'h',
    ];
    for (const word of words) expect(DATA_CENTER_LANGUAGES.has(codeLanguage(word, 'datacenter'))).toBe(true);
  });

  test('the converter option picks the list; mermaid stays a visible code block', () => {
    const source = '```mermaid\ngraph TD; A-->B\n```\n\n```ts\nlet x = 1;\n```';
    const dc = convert(source, { codeLanguages: 'datacenter' }).storage;
    expect(dc.match(/language">([^<]*)</g)).toEqual(['language">none<', 'language">javascript<']);
    expect(dc).toContain('<![CDATA[graph TD; A-->B]]>');
    const cloud = convert(source).storage;
    expect(cloud.match(/language">([^<]*)</g)).toEqual(['language">mermaid<', 'language">typescript<']);
  });
});

test('an unusable option value is a warning at the option, line and column', () => {
  const { diagnostics, storage } = convert('Text\n\n> ```py  firstline=abc\n> x\n> ```');
  expect(storage).not.toContain('firstline');
  expect(diagnostics).toEqual([
    {
      severity: 'warning',
      message: 'Code block option `firstline=abc` is not a whole number; ignored',
      file: 'docs/page.md',
      line: 3,
      column: 10,
    },
  ]);
});
