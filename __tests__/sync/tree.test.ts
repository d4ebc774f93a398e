import { buildTree, type SourceDoc } from '../../src/sync/tree.js';

const doc = (path: string, extra: Partial<SourceDoc> = {}): SourceDoc => ({
  path,
  file: `docs/${path}`,
  publish: true,
  ...extra,
});

describe('page tree', () => {
  test('folders are pages: index.md preferred, then README.md, else generated; the root is a container', () => {
    const tree = buildTree(
      [
        doc('guide/index.md', { title: 'The guide' }),
        doc('guide/README.md'),
        doc('guide/install.md'),
        doc('api/README.md', { h1Title: 'API' }),
        doc('api/v1/endpoints.md'),
        doc('top.md'),
      ],
      'docs',
    );
    const n = tree.nodes;
    expect([...n.keys()]).toEqual([
      '',
      'api/',
      'api/v1/',
      'api/v1/endpoints.md',
      'guide/',
      'guide/install.md',
      'guide/README.md',
      'top.md',
    ]);
    expect(n.get('')).toMatchObject({
      container: true,
      parentKey: null,
      children: ['api/', 'guide/', 'top.md'],
    });
    expect(n.get('guide/')).toMatchObject({
      title: 'The guide',
      sourceFile: 'docs/guide/index.md',
      parentKey: '',
    });
    expect(n.get('guide/README.md')).toMatchObject({ title: 'README', parentKey: 'guide/' });
    expect(n.get('api/')).toMatchObject({ title: 'API', sourceFile: 'docs/api/README.md' });
    expect(n.get('api/v1/')).toMatchObject({
      title: 'V1',
      generated: true,
      reportPath: 'docs/api/v1/',
      children: ['api/v1/endpoints.md'],
    });
  });

  test('siblings: front matter order first, then name (numbers compared as numbers)', () => {
    const tree = buildTree(
      [
        doc('b.md'),
        doc('a.md'),
        doc('10-x.md'),
        doc('9-y.md'),
        doc('z.md', { order: 1 }),
        doc('m.md', { order: 0 }),
      ],
      'docs',
    );
    expect(tree.nodes.get('')?.children).toEqual(['m.md', 'z.md', '9-y.md', '10-x.md', 'a.md', 'b.md']);
  });

  test('the root index becomes the root content; without a title it keeps the parent page title', () => {
    const titled = buildTree([doc('index.md', { h1Title: 'Home' }), doc('a.md')], 'docs');
    expect(titled.nodes.get('')).toMatchObject({ title: 'Home', sourceFile: 'docs/index.md' });
    expect(titled.nodes.get('')?.keepRemoteTitle).toBeUndefined();
    const untitled = buildTree([doc('README.md'), doc('a.md')], 'docs');
    expect(untitled.nodes.get('')).toMatchObject({ keepRemoteTitle: true, sourceFile: 'docs/README.md' });
    expect(untitled.nodes.get('')?.container).toBeUndefined();
  });

  test('publish: false skips a file; a skipped index skips nothing else', () => {
    const tree = buildTree(
      [
        doc('guide/index.md', { publish: false, title: 'Hidden guide' }),
        doc('guide/a.md'),
        doc('draft.md', { publish: false }),
      ],
      'docs',
    );
    expect([...tree.nodes.keys()]).toEqual(['', 'guide/', 'guide/a.md']);
    expect(tree.nodes.get('guide/')).toMatchObject({ generated: true, title: 'Guide' });
    expect(tree.skipped.map((s) => [s.key, s.title])).toEqual([
      ['guide/index.md', 'Hidden guide'],
      ['draft.md', 'Draft'],
    ]);
  });

  test('a folder holding only skipped files is not a page', () => {
    const tree = buildTree([doc('drafts/a.md', { publish: false }), doc('b.md')], 'docs');
    expect([...tree.nodes.keys()]).toEqual(['', 'b.md']);
  });

  test('labels are normalised, with warnings; invalid files and over-long titles are marked invalid', () => {
    const bad = { severity: 'error' as const, message: 'bad yaml', file: 'docs/bad.md' };
    const tree = buildTree(
      [
        doc('a.md', { labels: ['Team A', 'x:y'] }),
        doc('bad.md', { invalid: [bad] }),
        doc('long.md', { title: 'L'.repeat(300) }),
      ],
      'docs',
    );
    expect(tree.nodes.get('a.md')?.labels).toEqual(['team-a', 'xy']);
    expect(tree.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', file: 'docs/a.md' })]);
    expect(tree.nodes.get('bad.md')?.invalid).toEqual([bad]);
    expect(tree.nodes.get('long.md')?.invalid?.[0].message).toMatch(/255/);
  });
});
