import { ConfluenceError } from '../../src/confluence/errors.js';
import { settingProblem, spaceNotFound } from '../../src/sync/setup.js';
import { baseConfig } from './fixtures.js';

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
