/**
 * Fixture pairs: `__tests__/fixtures/convert/<case>/input.md` → `output.xml`, compared as canonical
 * XML (see `support/canonical-xml.ts`). Optional per case:
 * - `options.json`: `ConvertOptions` plus `file` (the page's path, default `docs/page.md`);
 * - `links.json`: what each path resolves to (anything not listed is `missing`); a page's
 *   `anchors` are written as an array;
 * - `diagnostics.json`: the expected diagnostics (parse and conversion), compared exactly.
 * `UPDATE=1` rewrites `output.xml` and `diagnostics.json` from the converter's output; review the
 * diff like code.
 */
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, toStorage, type ConvertOptions, type LinkTarget } from '../../src/markdown/index.js';
import { validateStorage } from '../../src/server/storage-xml.js';
import { canonicalXml, compareXml } from '../support/canonical-xml.js';
import { fakeContext } from './fake-context.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'convert');
const update = 'UPDATE' in process.env;
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function readJson<T>(file: string, fallback: T): T {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback;
}

test('there are fixtures', () => {
  expect(cases.length).toBeGreaterThan(10);
});

describe.each(cases)('fixture %s', (name) => {
  const dir = path.join(root, name);
  const { file = 'docs/page.md', ...options } = readJson<ConvertOptions & { file?: string }>(
    path.join(dir, 'options.json'),
    {},
  );
  const links = Object.fromEntries(
    Object.entries(
      readJson<Record<string, LinkTarget & { anchors?: string[] }>>(path.join(dir, 'links.json'), {}),
    ).map(([key, target]) => [
      key,
      target.kind === 'page' && target.anchors ? { ...target, anchors: new Set(target.anchors) } : target,
    ]),
  ) as Record<string, LinkTarget>;
  const source = readFileSync(path.join(dir, 'input.md'), 'utf8');
  const doc = parseDocument(source, file);
  const result = toStorage(doc, fakeContext(links, file), options);
  const diagnostics = [...doc.diagnostics, ...result.diagnostics];

  test('matches output.xml', () => {
    const expectedFile = path.join(dir, 'output.xml');
    if (update) writeFileSync(expectedFile, canonicalXml(result.storage));
    if (!existsSync(expectedFile))
      throw new Error(`${expectedFile} is missing; run with UPDATE=1 and review it`);
    const { equal, diff } = compareXml(result.storage, readFileSync(expectedFile, 'utf8'));
    if (!equal) throw new Error(`Output differs from ${name}/output.xml:\n${diff}`);
  });

  test('is storage Confluence accepts', () => {
    expect(validateStorage(result.storage)).toEqual({ ok: true });
  });

  test('reports the expected diagnostics', () => {
    const expectedFile = path.join(dir, 'diagnostics.json');
    if (update) {
      if (diagnostics.length > 0) writeFileSync(expectedFile, JSON.stringify(diagnostics, null, 2) + '\n');
      else if (existsSync(expectedFile)) unlinkSync(expectedFile);
    }
    expect(diagnostics).toEqual(readJson(expectedFile, []));
  });
});
