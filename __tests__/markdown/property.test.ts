/**
 * Whatever Markdown comes in, the storage that comes out is strict, namespace-aware XML,
 * passes the embedded server's validator, and holds only the elements, attributes and macros the
 * converter means to emit: 2000 generated hostile documents on every run (a fixed seed, so a
 * failure reproduces). `server-accepts.test.ts` sends 500 more through the embedded server.
 */
import fc from 'fast-check';
import { parseDocument, toStorage } from '../../src/markdown/index.js';
import { validateStorage } from '../../src/server/storage-xml.js';
import { parseFragment } from '../support/canonical-xml.js';
import { documentArb, hostileContext, optionsArb } from './arbitraries.js';
import { shapeProblems } from './storage-shape.js';

const RUNS = 2000;

test(`${RUNS} generated documents convert to valid, safe storage`, () => {
  fc.assert(
    fc.property(documentArb, optionsArb, (source, options) => {
      const doc = parseDocument(source, 'docs/page.md');
      const { storage, diagnostics } = toStorage(doc, hostileContext(), options);
      const root = parseFragment(storage); // throws (failing the property) unless strict XML
      expect(validateStorage(storage)).toEqual({ ok: true });
      expect(shapeProblems(root)).toEqual([]);
      for (const diagnostic of [...doc.diagnostics, ...diagnostics]) {
        expect(diagnostic.file).toBe('docs/page.md');
        expect(diagnostic.line).toBeGreaterThanOrEqual(1);
        expect(diagnostic.column).toBeGreaterThanOrEqual(1);
      }
    }),
    { numRuns: RUNS, seed: 20260417 },
  );
});

test('converting is deterministic and leaves the parsed document unchanged', () => {
  fc.assert(
    fc.property(documentArb, optionsArb, (source, options) => {
      const doc = parseDocument(source, 'docs/page.md');
      const first = toStorage(doc, hostileContext(), options);
      const other = toStorage(doc, hostileContext(), { htmlAllowList: [] });
      const again = toStorage(doc, hostileContext(), options);
      expect(again).toEqual(first);
      expect(
        toStorage(parseDocument(source, 'docs/page.md'), hostileContext(), { htmlAllowList: [] }),
      ).toEqual(other);
    }),
    { numRuns: 150, seed: 7 },
  );
});
