import fc from 'fast-check';
import { normaliseLabels } from '../../src/sync/labels.js';
import { applyMoves, longestIncreasingSubsequence, siblingMoves } from '../../src/sync/order.js';
import { chooseTitle, findTitleCollisions, readableName, titleProblem } from '../../src/sync/titles.js';

describe('titles', () => {
  test.each([
    ['getting-started.md', 'Getting started'],
    ['api_reference', 'Api reference'],
    ['02-install.md', 'Install'],
    ['2024.md', '2024'],
    ['FAQ.md', 'FAQ'],
  ])('%s reads as "%s"', (name, title) => {
    expect(readableName(name)).toBe(title);
  });

  test('front matter title, then the first H1, then the name', () => {
    expect(chooseTitle({ frontMatter: ' Set  up ', h1: 'Heading', name: 'a.md' })).toEqual({
      title: 'Set up',
      explicit: true,
    });
    expect(chooseTitle({ h1: 'Heading', name: 'a.md' })).toEqual({ title: 'Heading', explicit: true });
    expect(chooseTitle({ frontMatter: '  ', name: 'user-guide.md' })).toEqual({
      title: 'User guide',
      explicit: false,
    });
  });

  test('collisions ignore case and are reported at every file involved', () => {
    const problems = findTitleCollisions([
      { key: 'a.md', title: 'Setup', file: 'docs/a.md' },
      { key: 'b.md', title: 'SETUP', file: 'docs/b.md' },
      { key: 'c.md', title: 'Other', file: 'docs/c.md' },
    ]);
    expect([...problems.keys()].sort()).toEqual(['a.md', 'b.md']);
    expect(problems.get('a.md')?.message).toMatch(/also the title of docs\/b\.md/);
    expect(problems.get('b.md')?.message).toMatch(/also the title of docs\/a\.md/);
  });

  test('a title longer than Confluence allows is a problem', () => {
    expect(titleProblem('x'.repeat(255), 'f.md')).toBeUndefined();
    expect(titleProblem('x'.repeat(256), 'f.md')).toMatchObject({ severity: 'error', file: 'f.md' });
  });
});

describe('labels', () => {
  test('lower-case, whitespace to dashes, forbidden characters dropped with a warning, no duplicates', () => {
    const { labels, diagnostics } = normaliseLabels(
      ['Getting Started', 'docs', 'DOCS', 'v1.2', '!!!'],
      'docs/a.md',
    );
    expect(labels).toEqual(['getting-started', 'docs', 'v12']);
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/"v1\.2".*"\.".*published as "v12"/),
      expect.stringMatching(/"!!!".*dropped/),
    ]);
    expect(diagnostics.every((d) => d.file === 'docs/a.md' && d.severity === 'warning')).toBe(true);
  });
});

describe('sibling order', () => {
  test('the longest increasing subsequence', () => {
    expect([...longestIncreasingSubsequence([3, 0, 1, 4, 2])].sort()).toEqual([1, 2, 4]);
    expect(longestIncreasingSubsequence([]).size).toBe(0);
  });

  test('one page out of place costs one move', () => {
    const moves = siblingMoves(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'a']);
    expect(moves).toEqual([{ pageId: 'a', position: 'after', targetId: 'd' }]);
  });

  test('a page that belongs first is placed before the first page that stays', () => {
    expect(siblingMoves(['b', 'c', 'a'], ['a', 'b', 'c'])).toEqual([
      { pageId: 'a', position: 'before', targetId: 'b' },
    ]);
  });

  test('any order is reached with the fewest moves, unmanaged siblings left in place', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        (nums, extra) => {
          const current = nums.map(String);
          const desired = [...current].sort((a, b) => Number(a) - Number(b));
          const unmanaged = Array.from({ length: extra }, (_, i) => `u${i}`);
          const withUnmanaged = [...unmanaged, ...current];
          const moves = siblingMoves(withUnmanaged, desired);
          const after = applyMoves(withUnmanaged, moves).filter((id) => !id.startsWith('u'));
          expect(after).toEqual(desired);
          const inOrder = longestIncreasingSubsequence(current.map(Number)).size;
          expect(moves.length).toBe(current.length - inOrder);
        },
      ),
    );
  });
});

describe('the leading H1', () => {
  test('is dropped when it is the title or repeats the front matter title, kept when it differs', async () => {
    const { dropsFirstH1 } = await import('../../src/sync/local.js');
    expect(dropsFirstH1(undefined, 'Guide')).toBe(true);
    expect(dropsFirstH1('Guide', ' guide ')).toBe(true);
    expect(dropsFirstH1('User guide', 'Introduction')).toBe(false);
    expect(dropsFirstH1('User guide', undefined)).toBe(false);
  });
});
