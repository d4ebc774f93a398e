/** The parser of `git diff-tree -z --name-status` output, on records git can emit. */
import { parseNameStatus } from '../../src/git/name-status.js';

const z = (...fields: string[]): string => fields.map((field) => `${field}\0`).join('');

test('sorts each status into changed, deleted and renamed', () => {
  const output = z(
    'A',
    'new.md',
    'M',
    'edited.md',
    'T',
    'now-a-link.md',
    'D',
    'gone.md',
    'R087',
    'old.md',
    'moved.md',
  );

  expect(parseNameStatus(output)).toEqual({
    changed: ['new.md', 'edited.md', 'now-a-link.md'],
    deleted: ['gone.md'],
    renamed: [{ from: 'old.md', to: 'moved.md', similarity: 87 }],
  });
});

test('a copy counts its destination as changed and leaves the source alone', () => {
  expect(parseNameStatus(z('C075', 'src.md', 'copy.md'))).toEqual({
    changed: ['copy.md'],
    deleted: [],
    renamed: [],
  });
});

test('paths keep newlines, tabs, quotes and non-ASCII characters', () => {
  const odd = 'docs/line\nbreak\t"quoted" 日本.md';

  expect(parseNameStatus(z('M', odd, 'R100', odd, `${odd}.moved`))).toEqual({
    changed: [odd],
    deleted: [],
    renamed: [{ from: odd, to: `${odd}.moved`, similarity: 100 }],
  });
});

test('no output means no changes', () => {
  expect(parseNameStatus('')).toEqual({ changed: [], deleted: [], renamed: [] });
});

test.each([
  ['a record cut short', z('R090', 'only-from.md')],
  ['a missing path', z('M')],
  ['an unknown status', z('X', 'what.md')],
  ['a malformed score', z('R1x0', 'a.md', 'b.md')],
  ['a score above 100', z('R101', 'a.md', 'b.md')],
])('rejects %s', (_label, output) => {
  expect(() => parseNameStatus(output)).toThrow(/git diff output/);
});
