import { authorizationHeader, secretsOf } from '../../src/confluence/auth.js';
import { ConfluenceClient } from '../../src/confluence/index.js';

describe('authorization header', () => {
  test('Basic base64(email:token) with a username', () => {
    const header = authorizationHeader({ username: 'demo@example.com', token: 'demo-token' });
    expect(header).toBe(`Basic ${Buffer.from('demo@example.com:demo-token').toString('base64')}`);
  });

  test('Bearer <token> without a username (Data Center PAT)', () => {
    expect(authorizationHeader({ username: '', token: 'demo-pat' })).toBe('Bearer demo-pat');
  });

  test('UTF-8 user names are encoded as UTF-8', () => {
    const header = authorizationHeader({ username: 'jörg@example.com', token: 't' });
    expect(Buffer.from(header.slice(6), 'base64').toString('utf8')).toBe('jörg@example.com:t');
  });
});

describe('secrets to mask', () => {
  test('Basic: the token, the header value and its base64 part', () => {
    const b64 = Buffer.from('me@example.com:s3cret').toString('base64');
    expect(secretsOf({ username: 'me@example.com', token: 's3cret' })).toEqual([
      's3cret',
      `Basic ${b64}`,
      b64,
    ]);
  });

  test('Bearer: the token (the header contains it verbatim)', () => {
    expect(secretsOf({ username: '', token: 'pat' })).toEqual(['pat']);
  });

  test('ConfluenceClient.create hands every secret to onSecret before any request', async () => {
    const secrets: string[] = [];
    const requests: string[] = [];
    const client = await ConfluenceClient.create({
      baseUrl: 'https://acme.atlassian.net/wiki/',
      username: 'me@example.com',
      token: 's3cret',
      onSecret: (secret) => secrets.push(secret),
      onRequest: (event) => requests.push(event.path),
    });
    const b64 = Buffer.from('me@example.com:s3cret').toString('base64');
    expect(secrets).toEqual(['s3cret', `Basic ${b64}`, b64]);
    expect(requests).toEqual([]);
    expect(client.flavor).toBe('cloud');
    expect(client.baseUrl).toBe('https://acme.atlassian.net/wiki');
    // The header lives in a private field: neither JSON nor inspection shows it.
    expect(JSON.stringify(client)).not.toContain(b64);
  });
});

test('a Cloud URL without /wiki gets it, with a warning in the log', async () => {
  const warnings: string[] = [];
  const client = await ConfluenceClient.create({
    baseUrl: 'https://acme.atlassian.net/',
    username: 'me@example.com',
    token: 't',
    log: { debug: () => {}, info: () => {}, warning: (m) => warnings.push(m) },
  });
  expect(client.baseUrl).toBe('https://acme.atlassian.net/wiki');
  expect(warnings).toHaveLength(1);
});
