import { buildLocalPages, codeLanguagesFor } from '../../src/sync/local.js';
import { baseConfig, makeWorkspace } from './fixtures.js';

describe('codeLanguagesFor', () => {
  const auto = (url: string) => ({ deployment: 'auto' as const, confluenceUrl: url });

  test('an explicit deployment wins', () => {
    expect(
      codeLanguagesFor({ deployment: 'datacenter', confluenceUrl: 'https://acme.atlassian.net/wiki' }),
    ).toBe('datacenter');
    expect(
      codeLanguagesFor({ deployment: 'cloud', confluenceUrl: 'https://wiki.acme.com' }, 'datacenter'),
    ).toBe('cloud');
  });

  test('auto: an Atlassian host is Cloud, else the remembered flavour, else the Data Center list', () => {
    expect(codeLanguagesFor(auto('https://acme.atlassian.net/wiki'))).toBe('cloud');
    expect(codeLanguagesFor(auto('https://wiki.acme.com/confluence'), 'cloud')).toBe('cloud');
    expect(codeLanguagesFor(auto('https://wiki.acme.com/confluence'))).toBe('datacenter');
    expect(codeLanguagesFor(auto('not a url'))).toBe('datacenter');
  });
});

describe('buildLocalPages', () => {
  test('links to a heading of another page are checked against that page', async () => {
    const ws = await makeWorkspace({
      'docs/a.md': '# A\n\nSee [setup](b.md#setup) and [nowhere](b.md#nope).\n',
      'docs/b.md': '# B\n\n## Setup\n\ntext\n',
    });
    const build = await buildLocalPages(baseConfig(ws));
    const a = build.pages.find((p) => p.key === 'a.md');
    expect(a?.storage).toContain('ac:anchor="setup"');
    expect(build.diagnostics).toEqual([
      expect.objectContaining({ file: 'docs/a.md', line: 3, message: expect.stringMatching(/nope/) }),
    ]);
  });

  test('the code-macro language list follows the deployment', async () => {
    const ws = await makeWorkspace({ 'docs/a.md': '```dockerfile\nFROM node\n```\n' });
    const cloud = await buildLocalPages(baseConfig(ws, { deployment: 'cloud' }));
    const dc = await buildLocalPages(baseConfig(ws, { deployment: 'datacenter' }));
    const page = (build: typeof cloud) => build.pages.find((p) => p.key === 'a.md');
    expect(page(cloud)?.storage).toContain('<ac:parameter ac:name="language">docker</ac:parameter>');
    expect(page(dc)?.storage).toContain('<ac:parameter ac:name="language">bash</ac:parameter>');
    expect(page(cloud)?.hash).not.toEqual(page(dc)?.hash);
  });

  test('a title collision is reported at the line each title comes from', async () => {
    const ws = await makeWorkspace({
      'docs/a.md': '---\norder: 1\ntitle: Same\n---\nBody\n',
      'docs/b.md': '<!-- note -->\n\n# Same\n\nBody\n',
    });
    const build = await buildLocalPages(baseConfig(ws));
    const { plan } = await import('../../src/sync/plan.js');
    const result = plan({
      pages: build.pages,
      known: new Map(),
      parentPageId: '1',
      converterVersion: 'x',
      docsDir: 'docs',
      renames: [],
      skipped: build.skipped,
      options: { force: false, onConflict: 'fail', onDelete: 'keep', maxDeleteRatio: 0.25, fullScan: false },
    });
    expect(result.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'docs/a.md',
          line: 3,
          message: expect.stringMatching(/title "Same"/),
        }),
        expect.objectContaining({
          file: 'docs/b.md',
          line: 3,
          message: expect.stringMatching(/title "Same"/),
        }),
      ]),
    );
  });
});
