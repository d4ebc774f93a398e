/**
 * The CLI prints a converter diagnostic's place as `file:line:column` (the shared report text
 * has `file:line`); kept with the converter tests because the columns come from here.
 */
import { location, withColumns } from '../../src/cli/locations.js';
import { parseDocument, toStorage } from '../../src/markdown/index.js';
import type { Diagnostic } from '../../src/util/diagnostics.js';
import { fakeContext } from './fake-context.js';

test('location is file:line:column when known', () => {
  expect(location({ severity: 'warning', message: 'm', file: 'a.md', line: 3, column: 7 })).toBe('a.md:3:7');
  expect(location({ severity: 'warning', message: 'm', file: 'a.md', line: 3 })).toBe('a.md:3');
  expect(location({ severity: 'warning', message: 'm', file: 'a.md' })).toBe('a.md');
  expect(location({ severity: 'warning', message: 'm' })).toBe('');
});

test('report lines get the column of their diagnostic, other lines are untouched', () => {
  const { diagnostics } = toStorage(
    parseDocument('Intro\n\nSee [x](nope.md) and ![i](gone.png).', 'docs/good.md'),
    fakeContext({}, 'docs/good.md'),
  );
  const setting: Diagnostic = { severity: 'error', message: 'bad', setting: 'space' };
  const text = [
    '🆕 created   Good page  (docs/good.md) — new page',
    ...diagnostics.map((d) => `${d.severity}: ${d.file}:${d.line}: ${d.message}`),
    'error: space: bad',
    '1 created — 2 request(s)',
  ].join('\n');
  expect(withColumns(text, [...diagnostics, setting]).split('\n')).toEqual([
    '🆕 created   Good page  (docs/good.md) — new page',
    'warning: docs/good.md:3:5: Link target nope.md does not exist; shown as plain text',
    'error: docs/good.md:3:22: Image gone.png does not exist (add the file or fix the path); shown as its alt text',
    'error: space: bad',
    '1 created — 2 request(s)',
  ]);
});

test('two diagnostics on the same line each get their own column', () => {
  const d = (column: number): Diagnostic => ({
    severity: 'warning',
    message: 'same',
    file: 'a.md',
    line: 1,
    column,
  });
  expect(withColumns('warning: a.md:1: same\nwarning: a.md:1: same', [d(2), d(9)])).toBe(
    'warning: a.md:1:2: same\nwarning: a.md:1:9: same',
  );
});
