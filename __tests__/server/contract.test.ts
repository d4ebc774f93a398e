/**
 * Contract test: every route the embedded server implements exists, with that method, in
 * Atlassian's OpenAPI documents (copies in ./openapi), and a representative response of each
 * route validates against the documented response schema (ajv 8, OpenAPI 3.0 `nullable`).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { routeTables, startServer, type EmbeddedConfluence } from '../../src/server/index.js';
import { Site } from '../../src/server/site.js';
import { type Call, client, upload } from './helpers.js';

type OpenApi = { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
const load = (name: string): OpenApi =>
  JSON.parse(readFileSync(new URL(`./openapi/${name}`, import.meta.url), 'utf8')) as OpenApi;
const V2 = load('confluence-cloud-v2.json');
const V1 = load('confluence-cloud-v1.json');
const V1_PREFIX = '/wiki/rest/api';

/**
 * Routes the documents do not describe, with the reason. Nothing else may be missing.
 */
const DEVIATIONS: Record<string, string> = {
  'download GET /attachments/{pageId}/{filename}':
    'The attachment download URL (`downloadLink`) is a plain servlet path, not part of the REST API documents.',
};

const segments = (path: string): string[] => path.split('/').filter(Boolean);
const isParam = (segment: string): boolean => /^\{.+\}$/.test(segment);

/** Finds the document path a server route corresponds to, comparing templates by shape. */
function documentPath(doc: OpenApi, path: string, method: string): string | undefined {
  const wanted = segments(path);
  const candidates = Object.keys(doc.paths).filter((p) => {
    const have = segments(p);
    return (
      have.length === wanted.length &&
      have.every((s, i) => (isParam(s) ? true : !isParam(wanted[i]) && s === wanted[i])) &&
      doc.paths[p][method.toLowerCase()] !== undefined
    );
  });
  // Prefer the most literal match: `/content/{id}/child/page` over `/content/{id}/child/{type}`.
  return candidates.sort(
    (a, b) => segments(a).filter(isParam).length - segments(b).filter(isParam).length,
  )[0];
}

const tables = routeTables(
  new Site('cloud', '/wiki', { accountId: 'x', userKey: 'x', username: 'x', displayName: 'x', email: '' }),
);
const allRoutes = [
  ...tables.v2.list().map((r) => ({ family: 'v2' as const, ...r })),
  ...tables.v1.list().map((r) => ({ family: 'v1' as const, ...r })),
  ...tables.download.list().map((r) => ({ family: 'download' as const, ...r })),
];

function lookup(
  family: 'v1' | 'v2' | 'download',
  method: string,
  path: string,
): { doc: OpenApi; name: string; path: string } | undefined {
  if (family === 'v2') {
    const found = documentPath(V2, path, method);
    return found ? { doc: V2, name: 'v2', path: found } : undefined;
  }
  if (family === 'v1') {
    const found = documentPath(V1, V1_PREFIX + path, method);
    return found ? { doc: V1, name: 'v1', path: found } : undefined;
  }
  return undefined;
}

describe('routes exist in the OpenAPI documents', () => {
  it.each(allRoutes.map((r) => [`${r.family} ${r.method} ${r.path}`, r] as const))('%s', (key, route) => {
    const found = lookup(route.family, route.method, route.path);
    if (DEVIATIONS[key]) {
      expect(found).toBeUndefined();
      return;
    }
    expect(found).toBeDefined();
  });
});

// ---- response validation ----

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
ajv.addSchema(V2 as object, 'v2.json');
ajv.addSchema(V1 as object, 'v1.json');

const pointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

function responseSchemaRef(
  doc: OpenApi,
  name: string,
  path: string,
  method: string,
  status: number,
): string | undefined {
  const response = doc.paths[path][method.toLowerCase()].responses?.[String(status)] as
    { content?: Record<string, { schema?: unknown }> } | undefined;
  if (!response) throw new Error(`${name} ${method} ${path} documents no ${status} response`);
  if (!response.content?.['application/json']?.schema) return undefined;
  return `${name}.json#/paths/${pointer(path)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
}

interface Exchange {
  family: 'v1' | 'v2';
  method: string;
  template: string;
  status: number;
  body: unknown;
}

let server: EmbeddedConfluence;
let call: Call;
const exchanges: Exchange[] = [];

/** Makes a request and remembers it with the route template it exercised. */
async function exercise(
  family: 'v1' | 'v2',
  method: string,
  template: string,
  actual: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<Exchange> {
  const base = family === 'v2' ? '/wiki/api/v2' : V1_PREFIX;
  const res = await call(method, base + actual, body, headers);
  const exchange = { family, method, template, status: res.status, body: res.body };
  exchanges.push(exchange);
  return exchange;
}

beforeAll(async () => {
  server = await startServer();
  call = client(server);
  const home = server.space('DOCS')!.homepageId;
  const spaceId = (await exercise('v2', 'GET', '/spaces', '/spaces?keys=DOCS')).body as {
    results: { id: string }[];
  };
  const sid = spaceId.results[0].id;
  await exercise('v2', 'GET', '/spaces/{id}', `/spaces/${sid}`);
  await exercise('v2', 'GET', '/spaces/{id}/pages', `/spaces/${sid}/pages?body-format=storage`);
  const created = (
    await exercise('v2', 'POST', '/pages', '/pages', {
      spaceId: sid,
      status: 'current',
      title: 'Contract page',
      body: { representation: 'storage', value: '<p>c</p>' },
    })
  ).body as { id: string };
  const id = created.id;
  const child = server.seedPage({ spaceKey: 'DOCS', title: 'Contract child', parentId: id });
  await exercise('v2', 'GET', '/pages', `/pages?space-id=${sid}&body-format=storage`);
  await exercise(
    'v2',
    'GET',
    '/pages/{id}',
    `/pages/${id}?body-format=storage&include-labels=true&include-properties=true`,
  );
  await exercise('v2', 'PUT', '/pages/{id}', `/pages/${id}`, {
    id,
    status: 'current',
    title: 'Contract page',
    body: { representation: 'storage', value: '<p>d</p>' },
    version: { number: 2, message: 'm' },
  });
  await exercise('v2', 'PUT', '/pages/{id}/title', `/pages/${id}/title`, {
    status: 'current',
    title: 'Contract page 2',
  });
  await exercise('v2', 'GET', '/pages/{id}/direct-children', `/pages/${id}/direct-children`);
  await exercise('v2', 'GET', '/pages/{id}/children', `/pages/${id}/children`);
  await exercise('v2', 'GET', '/pages/{id}/descendants', `/pages/${home}/descendants`);
  await exercise('v2', 'GET', '/pages/{id}/ancestors', `/pages/${child.id}/ancestors`);
  const prop = (
    await exercise('v2', 'POST', '/pages/{id}/properties', `/pages/${id}/properties`, {
      key: 'k',
      value: { a: 1 },
    })
  ).body as { id: string };
  await exercise('v2', 'GET', '/pages/{id}/properties', `/pages/${id}/properties`);
  await exercise('v2', 'GET', '/pages/{id}/properties/{propertyId}', `/pages/${id}/properties/${prop.id}`);
  await exercise('v2', 'PUT', '/pages/{id}/properties/{propertyId}', `/pages/${id}/properties/${prop.id}`, {
    key: 'k',
    value: 2,
    version: { number: 2 },
  });
  await exercise('v2', 'DELETE', '/pages/{id}/properties/{propertyId}', `/pages/${id}/properties/${prop.id}`);
  await call('POST', `${V1_PREFIX}/content/${id}/label`, [{ prefix: 'global', name: 'tag' }]);
  await exercise('v2', 'GET', '/pages/{id}/labels', `/pages/${id}/labels`);
  await call(
    'PUT',
    `${V1_PREFIX}/content/${id}/child/attachment`,
    upload('a.png', [1, 2], 'c', 'image/png'),
    {
      'X-Atlassian-Token': 'no-check',
    },
  );
  const atts = (await exercise('v2', 'GET', '/pages/{id}/attachments', `/pages/${id}/attachments`)).body as {
    results: { id: string }[];
  };
  await exercise('v2', 'GET', '/attachments/{id}', `/attachments/${atts.results[0].id}`);
  await exercise('v2', 'GET', '/pages/{id}/versions', `/pages/${id}/versions`);
  await exercise('v2', 'DELETE', '/attachments/{id}', `/attachments/${atts.results[0].id}`);
  await exercise('v2', 'GET', '/pages/{id}/versions/{versionNumber}', `/pages/${id}/versions/2`);

  // v1
  await exercise('v1', 'GET', '/space/{key}', '/space/DOCS');
  await exercise('v1', 'GET', '/user/current', '/user/current');
  await exercise(
    'v1',
    'GET',
    '/content/search',
    `/content/search?cql=${encodeURIComponent(`ancestor = ${home}`)}&expand=version,ancestors,space,body.storage,metadata.labels,metadata.properties.k,container,children.page&limit=1`,
  );
  await exercise('v1', 'GET', '/content', '/content?spaceKey=DOCS&expand=version,ancestors');
  const v1 = (
    await exercise('v1', 'POST', '/content', '/content', {
      type: 'page',
      title: 'Contract v1',
      space: { key: 'DOCS' },
      ancestors: [{ id: home }],
      body: { storage: { value: '<p>v1</p>', representation: 'storage' } },
      metadata: {
        properties: { k: { key: 'k', value: { v: 1 } } },
        labels: [{ prefix: 'global', name: 'x' }],
      },
    })
  ).body as { id: string };
  await exercise(
    'v1',
    'GET',
    '/content/{id}',
    `/content/${v1.id}?expand=version,ancestors,space,body.storage,metadata.labels,metadata.properties.k,container,children.page`,
  );
  await exercise('v1', 'PUT', '/content/{id}', `/content/${v1.id}`, {
    type: 'page',
    title: 'Contract v1',
    version: { number: 2, minorEdit: true },
    body: { storage: { value: '<p>v2</p>', representation: 'storage' } },
  });
  await exercise('v1', 'GET', '/content/{id}/child/page', `/content/${home}/child/page?expand=version`);
  await exercise(
    'v1',
    'PUT',
    '/content/{pageId}/move/{position}/{targetId}',
    `/content/${v1.id}/move/append/${id}`,
  );
  await exercise('v1', 'GET', '/content/{id}/property', `/content/${v1.id}/property`);
  await exercise('v1', 'POST', '/content/{id}/property', `/content/${v1.id}/property`, {
    key: 'p',
    value: ['one'],
  });
  await exercise('v1', 'GET', '/content/{id}/property/{key}', `/content/${v1.id}/property/p`);
  await exercise('v1', 'POST', '/content/{id}/property/{key}', `/content/${v1.id}/property/q`, {
    value: 'q',
  });
  await exercise('v1', 'PUT', '/content/{id}/property/{key}', `/content/${v1.id}/property/p`, {
    key: 'p',
    value: { n: 2 },
    version: { number: 2 },
  });
  await exercise('v1', 'DELETE', '/content/{id}/property/{key}', `/content/${v1.id}/property/p`);
  await exercise('v1', 'POST', '/content/{id}/label', `/content/${v1.id}/label`, [
    { prefix: 'global', name: 'y' },
    { prefix: 'global', name: 'z' },
  ]);
  await exercise('v1', 'GET', '/content/{id}/label', `/content/${v1.id}/label`);
  await exercise('v1', 'DELETE', '/content/{id}/label', `/content/${v1.id}/label?name=y`);
  await exercise('v1', 'DELETE', '/content/{id}/label/{label}', `/content/${v1.id}/label/z`);
  const xsrf = { 'X-Atlassian-Token': 'no-check' };
  const posted = (
    await exercise(
      'v1',
      'POST',
      '/content/{id}/child/attachment',
      `/content/${v1.id}/child/attachment`,
      upload('b.txt', 'b', 'c'),
      xsrf,
    )
  ).body as { results: { id: string }[] };
  await exercise(
    'v1',
    'PUT',
    '/content/{id}/child/attachment',
    `/content/${v1.id}/child/attachment`,
    upload('b.txt', 'bb'),
    xsrf,
  );
  await exercise(
    'v1',
    'POST',
    '/content/{id}/child/attachment/{attachmentId}/data',
    `/content/${v1.id}/child/attachment/${posted.results[0].id}/data`,
    upload('b.txt', 'bbb'),
    xsrf,
  );
  await exercise(
    'v1',
    'GET',
    '/content/{id}/child/attachment',
    `/content/${v1.id}/child/attachment?expand=version,container`,
  );
  const archive = server.seedPage({ spaceKey: 'DOCS', title: 'Contract archive' });
  const task = (
    await exercise('v1', 'POST', '/content/archive', '/content/archive', { pages: [{ id: archive.id }] })
  ).body as {
    id: string;
  };
  await exercise('v1', 'GET', '/longtask/{id}', `/longtask/${task.id}`);
  // v1 deletes attachments through the content route too (Data Center has no v2).
  await exercise('v1', 'DELETE', '/content/{id}', `/content/${posted.results[0].id.replace(/^att/, '')}`);
  await exercise('v1', 'DELETE', '/content/{id}', `/content/${v1.id}`);
  await exercise('v2', 'DELETE', '/pages/{id}', `/pages/${id}`);
});
afterAll(() => server?.close());

describe('responses match the documented schemas', () => {
  it('exercises every API route once', () => {
    const exercised = new Set(exchanges.map((e) => `${e.family} ${e.method} ${e.template}`));
    const apiRoutes = allRoutes
      .filter((r) => r.family !== 'download')
      .map((r) => `${r.family} ${r.method} ${r.path}`);
    expect(apiRoutes.filter((r) => !exercised.has(r))).toEqual([]);
  });

  it('has a validator that notices a wrong shape', () => {
    const where = lookup('v2', 'GET', '/pages/{id}')!;
    const ref = responseSchemaRef(where.doc, where.name, where.path, 'GET', 200)!;
    const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    expect(validate({ id: 65536, version: { number: '1' } })).toBe(false);
  });

  it('answers each representative request with a documented success status and shape', () => {
    const failures: string[] = [];
    for (const e of exchanges) {
      const where = lookup(e.family, e.method, e.template)!;
      const label = `${e.family} ${e.method} ${e.template} → ${e.status}`;
      if (![200, 202, 204].includes(e.status)) {
        failures.push(`${label}: ${JSON.stringify(e.body).slice(0, 200)}`);
        continue;
      }
      const ref = responseSchemaRef(where.doc, where.name, where.path, e.method, e.status);
      if (!ref) {
        if (e.status !== 204 && e.body !== '') failures.push(`${label}: body sent but none documented`);
        continue;
      }
      const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
      if (!validate(e.body)) failures.push(`${label}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(failures).toEqual([]);
  });
});
