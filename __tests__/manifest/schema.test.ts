/**
 * Manifest validation: anything but a well-formed schema-1 manifest for this run's target is
 * refused as a whole, with a reason, so the engine rebuilds instead of trusting it.
 */
import {
  fromKnownPages,
  migrate,
  parseManifest,
  serializeManifest,
  toKnownPages,
  type LoadResult,
} from '../../src/manifest/manifest.js';
import { MANIFEST_SCHEMA, pageKeyProblem } from '../../src/manifest/schema.js';
import { known, sampleManifest, target } from './helpers.js';

/** The sample manifest as plain JSON, to damage in place. */
function sampleJson(): Record<string, unknown> & { pages: Record<string, Record<string, unknown>> } {
  return JSON.parse(serializeManifest(sampleManifest()));
}

function parse(json: unknown): LoadResult {
  return parseManifest(JSON.stringify(json), target);
}

function problemOf(result: LoadResult): string {
  return 'problem' in result ? `${result.problem}: ${result.detail}` : 'ok';
}

describe('a valid manifest', () => {
  test('round-trips through its file text', () => {
    const manifest = sampleManifest();
    expect(parseManifest(serializeManifest(manifest), target)).toEqual({ manifest });
  });

  test('gives back the known pages it was made from, sorted by key', () => {
    const sorted = [...known].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(toKnownPages(sampleManifest())).toEqual(sorted);
    expect(sorted.map((p) => p.key)).toEqual(['', 'faq.md', 'guide/', 'guide/install.md']);
  });

  test('shares no arrays or objects with the pages it came from or gives out', () => {
    const pages = structuredClone(known);
    const manifest = fromKnownPages(
      { ...target, converterVersion: '1', updatedAt: '2025-01-01T00:00:00Z' },
      pages,
    );
    pages[2].labels?.push('mutated');
    const given = toKnownPages(manifest).find((p) => p.key === 'guide/install.md')?.attachments;
    expect(given).toBeDefined();
    if (given) given['x.png'] = 'e';
    expect(manifest.pages['guide/install.md']).toEqual({
      pageId: '1002',
      version: 7,
      title: 'Install',
      parentId: '1001',
      hash: 'c'.repeat(64),
      attachments: { 'diagram.png': 'd'.repeat(64) },
      labels: ['setup', 'install'],
    });
  });

  test('has a header naming the tool, schema and target, and a stable file layout', () => {
    const text = serializeManifest(sampleManifest());
    expect(JSON.parse(text)).toMatchObject({
      schema: MANIFEST_SCHEMA,
      tool: 'cmsync',
      ...target,
      converterVersion: '1',
    });
    expect(text.endsWith('}\n')).toBe(true);
    const shuffled = sampleManifest([...known].reverse());
    expect(serializeManifest(shuffled)).toBe(text);
  });

  test('keeps a "__proto__" page key as data', () => {
    const json = sampleJson();
    const pages: Record<string, unknown> = JSON.parse(
      '{"__proto__": {"pageId": "9", "version": 1, "title": "P"}}',
    );
    json.pages = { ...json.pages, ...(pages as Record<string, Record<string, unknown>>) };
    const result = parse(json);
    if (!('manifest' in result)) throw new Error(problemOf(result));
    expect(Object.getPrototypeOf(result.manifest.pages)).toBe(Object.prototype);
    expect(Object.keys(result.manifest.pages)).toContain('__proto__');
  });

  test('duplicate keys in the known pages are a caller bug', () => {
    expect(() =>
      fromKnownPages({ ...target, converterVersion: '1', updatedAt: '2025-01-01T00:00:00Z' }, [
        known[1],
        { ...known[1], pageId: '77' },
      ]),
    ).toThrow(/"guide\/" appears twice/);
  });

  test('an invalid manifest is never written', () => {
    const manifest = sampleManifest();
    manifest.pages['faq.md'].version = 0;
    expect(() => serializeManifest(manifest)).toThrow(/page "faq.md": version must be a positive integer/);
  });
});

describe('a damaged manifest is corrupt, as a whole', () => {
  test.each([
    ['not JSON', '{"schema": 1,', /not valid JSON/],
    ['a JSON array', '[]', /not a JSON object/],
    ['JSON null', 'null', /not a JSON object/],
    ['an empty file', '', /not valid JSON/],
  ])('%s', (_name, text, reason) => {
    const result = parseManifest(text, target);
    expect(result).toEqual({ problem: 'corrupt', detail: expect.stringMatching(reason) });
    expect(problemOf(result)).toMatch(/rebuilds the state from Confluence/);
  });

  const pageCases: Array<[string, (page: Record<string, unknown>) => void, RegExp]> = [
    ['version as a string', (p) => (p.version = '7'), /version must be a positive integer/],
    ['version 0', (p) => (p.version = 0), /version must be a positive integer/],
    ['a fractional version', (p) => (p.version = 1.5), /version must be a positive integer/],
    ['a numeric page id', (p) => (p.pageId = 1002), /pageId must be a non-empty string/],
    ['an empty title', (p) => (p.title = ''), /title must be a non-empty string/],
    ['an empty hash', (p) => (p.hash = ''), /hash must be a non-empty string/],
    ['a null parent id', (p) => (p.parentId = null), /parentId must be a non-empty string/],
    ['labels as a string', (p) => (p.labels = 'setup'), /labels must be a list/],
    ['a numeric label', (p) => (p.labels = ['ok', 3]), /labels must be a list/],
    ['attachments as a list', (p) => (p.attachments = ['diagram.png']), /attachments must map/],
    ['a numeric attachment hash', (p) => (p.attachments = { 'a.png': 1 }), /attachments must map/],
    ['an unknown field', (p) => (p.comment = 'hi'), /unknown field "comment"/],
    ['no page id', (p) => delete p.pageId, /pageId must be/],
    ['no version', (p) => delete p.version, /version must be/],
    ['no title', (p) => delete p.title, /title must be/],
  ];
  test.each(pageCases)('one page with %s', (_name, damage, reason) => {
    const json = sampleJson();
    damage(json.pages['guide/install.md']);
    expect(parse(json)).toEqual({
      problem: 'corrupt',
      detail: expect.stringMatching(new RegExp(`page "guide/install.md": ${reason.source}`)),
    });
  });

  test('a page entry that is not an object', () => {
    const json = sampleJson();
    json.pages['faq.md'] = [] as unknown as Record<string, unknown>;
    expect(problemOf(parse(json))).toMatch(/^corrupt: .*page "faq.md": entry is not an object/);
  });

  const headerCases: Array<[string, (json: Record<string, unknown>) => void, RegExp]> = [
    ['another tool', (j) => (j.tool = 'mark'), /tool must be "cmsync"/],
    ['no tool', (j) => delete j.tool, /tool must be "cmsync"/],
    ['no Confluence URL', (j) => delete j.confluenceUrl, /confluenceUrl must be/],
    ['a numeric space', (j) => (j.space = 7), /space must be/],
    ['no parent page id', (j) => delete j.parentPageId, /parentPageId must be/],
    ['no docs dir', (j) => delete j.docsDir, /docsDir must be a string/],
    ['no converter version', (j) => delete j.converterVersion, /converterVersion must be/],
    ['a vague updatedAt', (j) => (j.updatedAt = 'yesterday'), /updatedAt must be an ISO 8601 time/],
    ['an unknown flavour', (j) => (j.flavor = 'server'), /flavor must be "cloud" or "datacenter"/],
    ['no pages', (j) => delete j.pages, /pages must be an object/],
    ['pages as a list', (j) => (j.pages = []), /pages must be an object/],
    ['an unknown header field', (j) => (j.extra = true), /unknown field "extra"/],
  ];
  test.each(headerCases)('a header with %s', (_name, damage, reason) => {
    const json = sampleJson();
    damage(json);
    expect(parse(json)).toEqual({ problem: 'corrupt', detail: expect.stringMatching(reason) });
  });

  test.each(['../escape.md', '/abs.md', 'guide//x.md', 'guide/./x.md', 'guide\\x.md', 'a/../b.md'])(
    'a page key that could leave the docs folder: %j',
    (key) => {
      expect(pageKeyProblem(key)).toBeDefined();
      const json = sampleJson();
      json.pages[key] = { pageId: '9', version: 1, title: 'X' };
      expect(problemOf(parse(json))).toMatch(/^corrupt: .*page key/);
    },
  );

  test.each(['', 'a.md', 'guide/', 'guide/deep/x.md'])('a normal page key %j is accepted', (key) => {
    expect(pageKeyProblem(key)).toBeUndefined();
  });
});

describe('schemas', () => {
  test.each([
    [0, 'old-schema', /schema 0, which this cmsync \(schema 1\) cannot migrate/],
    [-3, 'old-schema', /schema -3/],
    [2, 'new-schema', /schema 2, newer than the 1 this cmsync understands/],
    [99, 'new-schema', /schema 99/],
  ])('schema %d is %s', (schema, problem, reason) => {
    const json = { ...sampleJson(), schema };
    expect(parse(json)).toEqual({ problem, detail: expect.stringMatching(reason) });
  });

  test.each([['1'], [1.5], [null]])('a schema of %j is corrupt', (schema) => {
    expect(problemOf(parse({ ...sampleJson(), schema }))).toMatch(/^corrupt: .*no integer "schema" field/);
  });

  test('no schema field at all is corrupt', () => {
    const json = sampleJson();
    delete json.schema;
    expect(problemOf(parse(json))).toMatch(/^corrupt: /);
  });

  test('a migration chain brings an old schema up to the current one', () => {
    const v0 = { schema: 0, tool: 'cmsync', entries: [] };
    const steps = new Map([
      [0, (old: Record<string, unknown>) => ({ ...old, schema: 1, pages: old.entries })],
    ]);
    expect(migrate(v0, steps)).toEqual({
      ok: true,
      value: { schema: 1, tool: 'cmsync', entries: [], pages: [] },
    });
    expect(migrate({ schema: -1 }, steps)).toMatchObject({ ok: false, problem: 'old-schema' });
  });
});

describe('the target', () => {
  test.each([
    ['confluenceUrl', 'https://other.atlassian.net/wiki'],
    ['space', 'OTHER'],
    ['parentPageId', '2000'],
    ['docsDir', 'handbook'],
  ] as const)('a manifest with another %s is not trusted', (field, value) => {
    const result = parseManifest(serializeManifest(sampleManifest()), { ...target, [field]: value });
    expect(result).toEqual({ problem: 'other-target', detail: expect.stringContaining(`${field} "`) });
    expect(problemOf(result)).toMatch(/another publication .*rebuilds the state from Confluence/);
  });

  test('equivalent spellings of the URL and docs dir are the same target', () => {
    const same = { ...target, confluenceUrl: 'https://ACME.atlassian.net/wiki/', docsDir: './docs/' };
    expect(parseManifest(serializeManifest(sampleManifest()), same)).toHaveProperty('manifest');
  });
});
