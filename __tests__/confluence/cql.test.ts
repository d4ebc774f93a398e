import { cqlString, subtreeCql, titleBatches, titlesCql } from '../../src/confluence/cql.js';

describe('CQL building', () => {
  test('strings are quoted with " and \\ escaped', () => {
    expect(cqlString('plain')).toBe('"plain"');
    expect(cqlString('say "hi"')).toBe('"say \\"hi\\""');
    expect(cqlString('back\\slash')).toBe('"back\\\\slash"');
  });

  test('subtree and titles queries', () => {
    expect(subtreeCql('123')).toBe('ancestor=123 and type=page');
    expect(subtreeCql('12 or 1=1')).toBe('ancestor="12 or 1=1" and type=page');
    expect(titlesCql('DOCS', ['A', 'B "quoted"'])).toBe(
      'space="DOCS" and type=page and title in ("A","B \\"quoted\\"")',
    );
  });
});

describe('title batches', () => {
  const encoded = (key: string, titles: string[]) =>
    new URLSearchParams({ cql: titlesCql(key, titles) }).toString().length;

  test('a few titles make one batch; case-insensitive duplicates are dropped', () => {
    expect(titleBatches('DOCS', ['Intro', 'intro', 'Setup'])).toEqual([['Intro', 'Setup']]);
  });

  test('many long titles are split under the URL budget, keeping every title once', () => {
    const titles = Array.from({ length: 400 }, (_, i) => `Päge ${i} — ${'x'.repeat(60)} & "q"`);
    const batches = titleBatches('DOCS', titles);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(encoded('DOCS', batch)).toBeLessThanOrEqual(6000);
    expect(batches.flat()).toEqual(titles);
  });

  test('at most maxTitles per batch', () => {
    const batches = titleBatches(
      'DOCS',
      Array.from({ length: 25 }, (_, i) => `T${i}`),
      { maxTitles: 10 },
    );
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
  });

  test('a single over-long title still gets its own batch', () => {
    const long = 'y'.repeat(300);
    expect(titleBatches('DOCS', ['a', long, 'b'], { maxEncodedLength: 200 })).toEqual([['a'], [long], ['b']]);
  });
});
