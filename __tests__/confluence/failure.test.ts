import { ConfluenceError } from '../../src/confluence/errors.js';
import {
  confluenceMessageOf,
  CREDENTIALS_REJECTED,
  networkCode,
  networkError,
  responseError,
} from '../../src/confluence/failure.js';

const json = 'application/json';

describe('error envelopes', () => {
  test('v2: errors[0].title', () => {
    const body = JSON.stringify({
      errors: [
        {
          status: 409,
          code: 'CONFLICT',
          title:
            'Version must be incremented when updating a page. Current Version: [6]. Provided version: [5]',
          detail: null,
        },
      ],
    });
    expect(confluenceMessageOf(body, json)).toBe(
      'Version must be incremented when updating a page. Current Version: [6]. Provided version: [5]',
    );
  });

  test('v2: title and detail', () => {
    const body = JSON.stringify({ errors: [{ title: 'Bad request', detail: 'parentId is not a page' }] });
    expect(confluenceMessageOf(body, json)).toBe('Bad request: parentId is not a page');
  });

  test('v2: detail alone', () => {
    expect(confluenceMessageOf(JSON.stringify({ errors: [{ detail: 'only detail' }] }), json)).toBe(
      'only detail',
    );
  });

  test('v1: message', () => {
    const body = JSON.stringify({
      statusCode: 400,
      data: { authorized: false, valid: true, errors: [], successful: false },
      message: 'Error parsing xhtml: Unexpected close tag </p>; expected </ac:structured-macro>.',
      reason: 'Bad Request',
    });
    expect(confluenceMessageOf(body, 'application/json;charset=UTF-8')).toBe(
      'Error parsing xhtml: Unexpected close tag </p>; expected </ac:structured-macro>.',
    );
  });

  test('gateway: {code, message}', () => {
    expect(confluenceMessageOf('{"code":401,"message":"Unauthorized; scope does not match"}', json)).toBe(
      'Unauthorized; scope does not match',
    );
  });

  test('HTML pages and empty bodies give nothing; short plain text is kept', () => {
    expect(confluenceMessageOf('<html><body>Bad gateway</body></html>', 'text/html')).toBeUndefined();
    expect(confluenceMessageOf('', json)).toBeUndefined();
    expect(confluenceMessageOf('{not json', json)).toBeUndefined();
    expect(confluenceMessageOf('Service down for maintenance', 'text/plain')).toBe(
      'Service down for maintenance',
    );
  });
});

describe('responseError', () => {
  const base = {
    method: 'POST',
    url: 'https://acme.atlassian.net/wiki/api/v2/pages?x=1',
    contentType: json,
    retries: 0,
  };

  test('carries status, method, path (no origin) and Confluence message; kind from the message', () => {
    const error = responseError({
      ...base,
      status: 400,
      body: JSON.stringify({
        errors: [
          {
            title:
              'A page with this title already exists: A page already exists with the same TITLE in this space',
          },
        ],
      }),
      file: 'docs/a.md',
    });
    expect(error).toBeInstanceOf(ConfluenceError);
    expect(error.kind).toBe('title-exists');
    expect(error.path).toBe('/wiki/api/v2/pages?x=1');
    expect(error.method).toBe('POST');
    expect(error.file).toBe('docs/a.md');
    expect(error.message).not.toContain('acme.atlassian.net');
  });

  test('401 explains which settings to check', () => {
    const error = responseError({ ...base, status: 401, body: '' });
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(CREDENTIALS_REJECTED);
    expect(error.message).toContain('`username`');
    expect(error.message).toContain('personal access token');
  });

  test('a redirect names where to and the setting to fix', () => {
    const error = responseError({
      ...base,
      status: 302,
      body: '',
      location: 'https://login.example.com/sso?token=abc',
    });
    expect(error.message).toContain('https://login.example.com/sso');
    expect(error.message).not.toContain('token=abc');
    expect(error.message).toContain('confluence-url');
  });

  test('after retries the message says so', () => {
    const error = responseError({ ...base, method: 'GET', status: 429, body: '', retries: 5 });
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toContain('gave up after 5 retries');
  });
});

describe('network failures', () => {
  test('the code is found in undici cause chains and timeouts', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    expect(networkCode(refused)).toBe('ECONNREFUSED');
    expect(networkCode(new DOMException('timed out', 'TimeoutError'))).toBe('ETIMEDOUT');
    expect(networkCode(new Error('???'))).toBe('ENETWORK');
  });

  test('the error names the origin and the code', () => {
    const cause = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    });
    const error = networkError({
      method: 'GET',
      url: 'http://127.0.0.1:9/confluence/rest/api/space/DOCS',
      cause,
      retries: 2,
    });
    expect(error.kind).toBe('network');
    expect(error.status).toBe(0);
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.message).toBe(
      'Cannot reach Confluence at http://127.0.0.1:9: ECONNREFUSED (GET /confluence/rest/api/space/DOCS, gave up after 2 retries)',
    );
  });
});
