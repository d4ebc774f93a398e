import { ConfluenceError } from '../../src/confluence/errors.js';
import { startServer } from '../../src/server/index.js';
import { runSync } from '../../src/sync/engine.js';
import { settingProblem, spaceNotFound } from '../../src/sync/setup.js';
import { baseConfig, deps, makeWorkspace, serverConfig, writeFiles } from './fixtures.js';

const config = baseConfig('/tmp', { confluenceUrl: 'https://wiki.acme.com', token: 'sekrit-token' });
const network = (code: string) =>
  new ConfluenceError({ status: 0, method: 'GET', path: '/rest/api/space/DOCS', code, message: 'x' });

describe('setting problems', () => {
  test('a host that does not resolve, and an untrusted certificate, say what to do', () => {
    expect(settingProblem(network('ENOTFOUND'), config)).toMatchObject({
      setting: 'confluence-url',
      message: expect.stringMatching(/\(ENOTFOUND\): the host name does not resolve/),
    });
    expect(settingProblem(network('SELF_SIGNED_CERT_IN_CHAIN'), config)?.message).toMatch(
      /NODE_EXTRA_CA_CERTS/,
    );
    expect(settingProblem(network('ECONNREFUSED'), config)?.message).toMatch(/firewall/);
  });

  test('a space not found at a URL without a path points at confluence-url too', () => {
    expect(spaceNotFound(config).diagnostic.message).toMatch(/`confluence-url` may lack its path/);
    const withPath = { ...config, confluenceUrl: 'https://acme.atlassian.net/wiki' };
    expect(spaceNotFound(withPath).diagnostic.message).not.toMatch(/may lack its path/);
  });

  test('a refused token is named without the token itself', () => {
    const denied = new ConfluenceError({ status: 401, method: 'PUT', path: '/wiki/api/v2/pages/1' });
    const problem = settingProblem(denied, config);
    expect(problem).toMatchObject({ setting: 'token' });
    expect(problem?.message).not.toContain('sekrit-token');
  });
});

describe('Data Center serving a wrong PAT as anonymous (CONFSERVER-98199)', () => {
  test('is reported as a token problem, not as an unknown space; a right PAT still publishes', async () => {
    const server = await startServer({ flavor: 'datacenter', auth: { anonymous: true } });
    try {
      const ws = await makeWorkspace({ 'docs/a.md': '# A\n' });
      const wrong = serverConfig(server, ws, { token: 'expired-pat' });
      const report = await runSync(wrong, deps(wrong));
      expect(report.failed).toBe(true);
      expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([
        expect.objectContaining({ setting: 'token', message: expect.stringMatching(/anonymous visitor/) }),
      ]);
      expect(report.diagnostics.map((d) => d.message).join()).not.toContain('expired-pat');

      const right = serverConfig(server, ws);
      expect((await runSync(right, deps(right))).failed).toBe(false);
    } finally {
      await server.close();
    }
  });
});

test('a run stopped by a wrong token still reports the errors in the files', async () => {
  const server = await startServer();
  try {
    const ws = await makeWorkspace({
      'docs/a.md': '# A\n',
      'docs/sub/bad.md': new Uint8Array([0x23, 0x20, 0x42, 0x0a, 0xff, 0x0a]),
    });
    const wrong = serverConfig(server, ws, { token: 'wrong' });
    const report = await runSync(wrong, deps(wrong));
    expect(report.failed).toBe(true);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ setting: 'token' }),
        expect.objectContaining({ file: 'docs/sub/bad.md', message: expect.stringMatching(/not UTF-8/) }),
      ]),
    );
  } finally {
    await server.close();
  }
});

test('a page larger than Confluence accepts fails with what to do; the other pages publish', async () => {
  const server = await startServer({ maxRequestBytes: 4096 });
  try {
    const ws = await makeWorkspace({
      'docs/a.md': '# A\n',
      'docs/huge.md': `# Huge\n\n${'word '.repeat(2000)}\n`,
    });
    const config = serverConfig(server, ws);
    const report = await runSync(config, deps(config));
    expect(report.failed).toBe(true);
    expect(report.pages.find((p) => p.key === 'a.md')?.outcome).toBe('created');
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'docs/huge.md',
        message: expect.stringMatching(/split the Markdown file/),
      }),
    );
  } finally {
    await server.close();
  }
});

test("one page's failure (a 500 after its retries) is reported at its file; the run goes on", async () => {
  const server = await startServer();
  try {
    const ws = await makeWorkspace({ 'docs/a.md': '# A\n', 'docs/b.md': '# B\n', 'docs/c.md': '# C\n' });
    const config = serverConfig(server, ws, { concurrency: 1 });
    const first = await runSync(config, deps(config));
    expect(first.failed).toBe(false);
    await writeFiles(ws, {
      'docs/a.md': '# A\n\nEdited.\n',
      'docs/b.md': '# B\n\nEdited.\n',
      'docs/c.md': '# C\n\nEdited.\n',
    });
    const a = server.pages({ spaceKey: 'DOCS' }).find((p) => p.title === 'A');
    server.queueFault({ status: 500, match: new RegExp(`^PUT .*/pages/${a?.id}$`), times: 50 });
    const again = await runSync(config, deps(config, { known: first.known }));
    expect(again.counts).toMatchObject({ failed: 1, updated: 2 });
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ file: 'docs/a.md', message: expect.stringMatching(/"A" was not published/) }),
    ]);
  } finally {
    await server.close();
  }
});
