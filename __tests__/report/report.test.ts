import { emitAnnotations, type AnnotationProperties } from '../../src/report/annotations.js';
import { computeOutputs } from '../../src/report/outputs.js';
import { renderSummary, SUMMARY_BUDGET } from '../../src/report/summary.js';
import { failureLine } from '../../src/report/text.js';
import type { PageOutcome, PageResult, SyncReport } from '../../src/sync/types.js';
import type { Diagnostic } from '../../src/util/diagnostics.js';

function report(pages: PageResult[], diagnostics: Diagnostic[] = []): SyncReport {
  const counts = Object.fromEntries(
    ['created', 'updated', 'moved', 'unchanged', 'deleted', 'conflict', 'skipped', 'failed'].map((o) => [
      o,
      0,
    ]),
  ) as Record<PageOutcome, number>;
  for (const p of pages) counts[p.outcome] += 1;
  return {
    pages,
    diagnostics,
    counts,
    requests: {
      requests: 7,
      byKind: { 'PUT page': 2, 'GET search': 5 },
      reads: 5,
      writes: 2,
      retries: 1,
      waitedMs: 1500,
    },
    durationMs: 2500,
    failed: counts.failed > 0,
    known: [],
  };
}

describe('job summary', () => {
  test('escapes titles, paths and messages and links only http(s) URLs', () => {
    const html = renderSummary({
      report: report(
        [
          {
            key: 'a.md',
            path: 'docs/a.md',
            title: '<script>alert(1)</script>',
            outcome: 'created',
            url: 'javascript:alert(1)',
          },
          {
            key: 'b.md',
            path: 'docs/b&c.md',
            title: 'B "quoted"',
            outcome: 'updated',
            url: 'https://x.example/p?a=1&b=2',
          },
        ],
        [{ severity: 'warning', message: 'missing <img>', file: 'docs/a.md', line: 3, column: 1 }],
      ),
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://x.example/p?a=1&amp;b=2"');
    expect(html).toContain('docs/b&amp;c.md');
    expect(html).toContain('missing &lt;img&gt;');
  });

  test('shows the smart-sync statistics when the engine gives them', () => {
    const r = report([]);
    r.stats = {
      scanned: 10,
      changed: 1,
      written: 1,
      unchanged: 9,
      requests: 1,
      fullPublishRequests: 24,
      requestsSaved: 23,
    };
    expect(renderSummary({ report: r })).toContain(
      '10 page(s) scanned, 1 changed, 1 written, 9 unchanged; 1 request(s) made, 23 saved versus a full publish (24)',
    );
    expect(JSON.parse(computeOutputs(r).stats)).toEqual(r.stats);
  });

  test('reports requests, retries, waits and time', () => {
    const html = renderSummary({ report: report([]) });
    expect(html).toContain('7 Confluence request(s) (5 read, 2 write');
    expect(html).toContain('1 retry');
    expect(html).toContain('waited 1.5 s');
  });

  test('stays within the size budget and says how many pages were left out', () => {
    const pages: PageResult[] = Array.from({ length: 20000 }, (_, i) => ({
      key: `p${i}.md`,
      path: `docs/${'x'.repeat(40)}/${i}.md`,
      title: `Page ${i} ${'y'.repeat(40)}`,
      outcome: 'unchanged',
      url: `https://acme.atlassian.net/wiki/spaces/DOCS/pages/${i}`,
    }));
    const html = renderSummary({ report: report(pages) });
    expect(html.length).toBeLessThanOrEqual(SUMMARY_BUDGET);
    expect(html).toMatch(/\d+ more page\(s\) not listed/);
  });
});

describe('annotations', () => {
  test('caps each kind at 10, errors first, and returns the rest', () => {
    const seen: { kind: string; props: AnnotationProperties }[] = [];
    const sink = {
      error: (_m: string, props: AnnotationProperties) => seen.push({ kind: 'error', props }),
      warning: (_m: string, props: AnnotationProperties) => seen.push({ kind: 'warning', props }),
      notice: (_m: string, props: AnnotationProperties) => seen.push({ kind: 'notice', props }),
    };
    const diags: Diagnostic[] = [
      ...Array.from({ length: 15 }, (_, i) => ({
        severity: 'warning' as const,
        message: `w${i}`,
        file: 'a.md',
        line: i + 1,
      })),
      ...Array.from({ length: 12 }, (_, i) => ({
        severity: 'error' as const,
        message: `e${i}`,
        file: 'b.md',
        line: i + 1,
        column: 2,
      })),
    ];
    const overflow = emitAnnotations(diags, sink);
    expect(seen.filter((s) => s.kind === 'error')).toHaveLength(10);
    expect(seen.filter((s) => s.kind === 'warning')).toHaveLength(10);
    expect(overflow).toHaveLength(7);
    expect(seen[0]).toEqual({
      kind: 'error',
      props: { title: 'cmsync', file: 'b.md', startLine: 1, startColumn: 2 },
    });
  });
});

describe('outputs', () => {
  test('counts and pages JSON use the action.yml names', () => {
    const out = computeOutputs(
      report([
        { key: 'a.md', path: 'docs/a.md', title: 'A', outcome: 'created', id: '1', url: 'https://x/1' },
        { key: 'b.md', path: 'docs/b.md', title: 'B', outcome: 'conflict', id: '2' },
      ]),
    );
    expect(out).toMatchObject({
      created: '1',
      updated: '0',
      conflicts: '1',
      failed: '0',
      deleted: '0',
      'changed-files': '[]',
    });
    expect(JSON.parse(out.pages)).toEqual([
      { path: 'docs/a.md', id: '1', title: 'A', url: 'https://x/1', action: 'created' },
      { path: 'docs/b.md', id: '2', title: 'B', url: null, action: 'conflict' },
    ]);
  });
});

describe('failure line', () => {
  const page = (outcome: PageOutcome): PageResult => ({
    key: `${outcome}.md`,
    path: `docs/${outcome}.md`,
    title: outcome,
    outcome,
  });

  test('a wrong setting is named, not "0 page(s) failed"', () => {
    const line = failureLine(
      report([], [{ severity: 'error', setting: 'token', message: 'Confluence refused the credentials' }]),
    );
    expect(line).toBe('cmsync: token: Confluence refused the credentials');
  });

  test('pages that failed or met a conflict are counted with what was written', () => {
    expect(failureLine(report([page('failed'), page('conflict'), page('created')]))).toBe(
      'cmsync: 1 page(s) failed, 1 conflict(s); the 1 page(s) written are recorded and a re-run continues from there.',
    );
  });

  test('errors in the Markdown alone are said to be so', () => {
    const line = failureLine(
      report([page('updated')], [{ severity: 'error', file: 'docs/a.md', message: 'x' }]),
    );
    expect(line).toMatch(/^cmsync: 1 error\(s\) in the Markdown .*fix the files and push\.$/);
  });
});
