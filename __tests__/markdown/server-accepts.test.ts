/**
 * The embedded Confluence server accepts converter output over real HTTP: a fixed sample of
 * generated hostile documents and every fixture are created as pages (`POST /api/v2/pages`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseDocument, toStorage, SUPPORTED_HTML_ELEMENTS } from '../../src/markdown/index.js';
import { startServer, type EmbeddedConfluence } from '../../src/server/index.js';
import { documentArb, hostileContext } from './arbitraries.js';

let server: EmbeddedConfluence;
let spaceId: string;
const auth = 'Basic ' + Buffer.from('demo@example.com:demo-token').toString('base64');

beforeAll(async () => {
  server = await startServer();
  const response = await fetch(`${server.url}/api/v2/spaces?keys=DOCS`, { headers: { authorization: auth } });
  const json = (await response.json()) as { results: { id: string }[] };
  spaceId = json.results[0].id;
});

afterAll(async () => {
  await server.close();
});

async function createPage(title: string, storage: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}/api/v2/pages`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      spaceId,
      status: 'current',
      title,
      body: { representation: 'storage', value: storage },
    }),
  });
  return { status: response.status, text: await response.text() };
}

const GENERATED = 500;

test(`${GENERATED} generated hostile documents are accepted as pages over HTTP, body unchanged`, async () => {
  const sources = fc.sample(documentArb, { numRuns: GENERATED, seed: 42 });
  for (const [index, source] of sources.entries()) {
    const { storage } = toStorage(parseDocument(source, 'docs/page.md'), hostileContext(), {
      htmlAllowList: index % 2 === 0 ? SUPPORTED_HTML_ELEMENTS : [],
      codeLanguages: index % 3 === 0 ? 'datacenter' : 'cloud',
    });
    const result = await createPage(`Generated ${index}`, storage);
    expect({ index, status: result.status }).toEqual({ index, status: 200 });
    const id = (JSON.parse(result.text) as { id: string }).id;
    expect(server.page(id)?.body).toBe(storage);
  }
});

test('every fixture is accepted as a page', async () => {
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'convert');
  for (const name of readdirSync(root)) {
    const source = readFileSync(path.join(root, name, 'input.md'), 'utf8');
    const { storage } = toStorage(parseDocument(source, 'docs/page.md'), hostileContext(), {
      htmlAllowList: SUPPORTED_HTML_ELEMENTS,
    });
    const result = await createPage(`Fixture ${name}`, storage);
    expect({ name, status: result.status, text: result.status === 200 ? '' : result.text }).toEqual({
      name,
      status: 200,
      text: '',
    });
  }
});
