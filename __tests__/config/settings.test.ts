import { buildConfig, ConfigError } from '../../src/config/settings.js';

const base = {
  'confluence-url': 'https://acme.atlassian.net/wiki/',
  username: 'me@acme.com',
  token: 't0k3n',
  space: 'DOCS',
  'parent-page-id': '12345',
};

function settingOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.setting;
    throw e;
  }
  return undefined;
}

describe('buildConfig', () => {
  test('defaults match the spec', () => {
    const c = buildConfig(base, { workspace: '/ws' });
    expect(c).toMatchObject({
      confluenceUrl: 'https://acme.atlassian.net/wiki',
      docsDir: 'docs',
      mode: 'publish',
      onConflict: 'fail',
      onDelete: 'keep',
      force: false,
      concurrency: 4,
      notifyWatchers: false,
      manifestKey: 'cmsync-manifest',
      deployment: 'auto',
      htmlAllowList: [],
    });
  });

  test('mode auto becomes preview on pull_request and publish otherwise', () => {
    expect(buildConfig(base, { workspace: '/ws', eventName: 'pull_request' }).mode).toBe('preview');
    expect(buildConfig(base, { workspace: '/ws', eventName: 'push' }).mode).toBe('publish');
    // pull_request_target checks out the base branch: auto refuses instead of previewing (or publishing) it.
    expect(() => buildConfig(base, { workspace: '/ws', eventName: 'pull_request_target' })).toThrow(
      /auto does not preview on pull_request_target: that event checks out the base branch/,
    );
    expect(
      buildConfig({ ...base, mode: 'preview' }, { workspace: '/ws', eventName: 'pull_request_target' }).mode,
    ).toBe('preview');
    // Reviews and the merge queue are about unmerged content: auto neither publishes nor previews.
    for (const eventName of ['pull_request_review', 'pull_request_review_comment', 'merge_group'])
      expect(() => buildConfig(base, { workspace: '/ws', eventName })).toThrow(
        /would publish a pull request's unmerged/,
      );
    expect(buildConfig(base, { workspace: '/ws', eventName: 'schedule' }).mode).toBe('publish');
  });

  test('a preview may run without a token, a publish may not', () => {
    expect(buildConfig({ ...base, token: '', mode: 'preview' }, { workspace: '/ws' }).token).toBe('');
    expect(settingOf(() => buildConfig({ ...base, token: '' }, { workspace: '/ws' }))).toBe('token');
  });

  test.each([
    ['confluence-url', { 'confluence-url': 'not a url' }],
    ['confluence-url', { 'confluence-url': 'https://u:p@acme.atlassian.net/wiki' }],
    ['parent-page-id', { 'parent-page-id': 'Home' }],
    ['space', { space: ' ' }],
    ['docs-dir', { 'docs-dir': '../elsewhere' }],
    ['on-conflict', { 'on-conflict': 'merge' }],
    ['on-delete', { 'on-delete': 'purge' }],
    ['force', { force: 'yes' }],
    ['concurrency', { concurrency: '0' }],
    ['max-delete-ratio', { 'max-delete-ratio': '2' }],
    ['allow-html', { 'allow-html': 'br,script' }],
  ])('rejects a bad %s and names it', (setting, override) => {
    expect(settingOf(() => buildConfig({ ...base, ...override }, { workspace: '/ws' }))).toBe(setting);
  });

  test('error messages never quote the token', () => {
    try {
      buildConfig({ ...base, concurrency: 'x' }, { workspace: '/ws' });
    } catch (e) {
      expect(String(e)).not.toContain('t0k3n');
    }
  });

  test('allow-html and deployment are normalised', () => {
    const c = buildConfig(
      { ...base, 'allow-html': 'BR, sub  kbd', deployment: 'datacenter' },
      { workspace: '/ws' },
    );
    expect(c.htmlAllowList).toEqual(['br', 'sub', 'kbd']);
    expect(c.deployment).toBe('datacenter');
  });
});
