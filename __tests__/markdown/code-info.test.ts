/** Info strings of fenced code: language aliases and options. */
import { parseCodeInfo } from '../../src/markdown/code/info.js';
import { codeLanguage } from '../../src/markdown/code/languages.js';

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
  ['firstline=ten', {}],
  ['{.class} unknown=1 titlex', {}],
  ['', {}],
])('meta `%s`', (meta, expected) => {
  expect(parseCodeInfo('py', meta)).toEqual({ language: 'python', ...expected });
});
