import {
  blockingProblems,
  COMMENT_LIMIT,
  SUMMARY_LIMIT,
  headline,
  previewMarker,
  renderPreviewComment,
  renderPreviewSummary,
  renderPreviewText,
  textDiff,
  type PreviewEntry,
  type PreviewModel,
} from '../../src/report/preview.js';
import { storageToText } from '../../src/report/storage-text.js';

const marker = previewMarker('DOCS', 'docs');

function model(entries: PreviewEntry[], extra: Partial<PreviewModel> = {}): PreviewModel {
  return {
    entries,
    diagnostics: [],
    space: 'DOCS',
    marker,
    confluenceChecked: true,
    summaryUrl: 'https://github.example/run/1',
    ...extra,
  };
}

describe('preview comment', () => {
  test('headline counts every kind and the table links current pages', () => {
    const text = renderPreviewComment(
      model([
        { kind: 'create', title: 'New page', path: 'docs/new.md', reason: 'new file' },
        {
          kind: 'update',
          title: 'Config',
          path: 'docs/config.md',
          url: 'https://acme.atlassian.net/wiki/spaces/DOCS/pages/2',
          reason: 'content changed',
          before: 'a\nb',
          after: 'a\nc',
        },
        {
          kind: 'move',
          title: 'Renamed',
          previousTitle: 'Old name',
          path: 'docs/renamed.md',
          url: 'https://x.example/3',
          reason: 'retitled',
        },
        {
          kind: 'delete',
          title: 'Gone',
          path: 'docs/gone.md',
          url: 'https://x.example/4',
          reason: 'file removed (on-delete: archive)',
        },
        {
          kind: 'conflict',
          title: 'Edited',
          path: 'docs/edited.md',
          url: 'https://x.example/5',
          reason: 'edited in Confluence by Ann',
        },
        { kind: 'unchanged', title: 'Same', path: 'docs/same.md', reason: '' },
      ]),
    );
    expect(text.startsWith(marker)).toBe(true);
    expect(text).toContain('1 created, 1 updated, 1 moved/retitled, 1 deleted, 1 conflict');
    expect(text).toContain('[Config](https://acme.atlassian.net/wiki/spaces/DOCS/pages/2)');
    expect(text).toContain('(was Old name)');
    expect(text).toMatch(/<details><summary>✏️ Config .*\+1 −1<\/summary>/);
    expect(text).toContain('-b\n+c');
    expect(text).not.toContain('docs/same.md');
  });

  test('titles cannot break the table or inject HTML', () => {
    const text = renderPreviewComment(
      model([
        { kind: 'create', title: 'a | <img src=x onerror=alert(1)>', path: 'docs/a.md', reason: 'new' },
      ]),
    );
    expect(text).toContain('a \\| &lt;img');
    expect(text).not.toContain('<img');
  });

  test('a diff containing a code fence gets a longer fence', () => {
    const text = renderPreviewComment(
      model([
        { kind: 'update', title: 'T', path: 'docs/t.md', reason: 'x', before: 'x', after: '```js\ny\n```' },
      ]),
    );
    expect(text).toContain('````diff');
  });

  test('stays under the limit, dropping diffs then rows, and points at the job summary', () => {
    const big = 'line of text that changes\n'.repeat(400);
    const entries: PreviewEntry[] = Array.from({ length: 400 }, (_, i) => ({
      kind: 'update' as const,
      title: `Page ${i}`,
      path: `docs/p${i}.md`,
      url: `https://x.example/${i}`,
      reason: 'content changed',
      before: big,
      after: big.replace(/changes/g, `changed ${i}`),
    }));
    const text = renderPreviewComment(model(entries));
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(text).toMatch(
      /more diff\(s\) did not fit here: see the \[job summary\]\(https:\/\/github\.example\/run\/1\)/,
    );
    const small = renderPreviewComment(model(entries), 4000);
    expect(small.length).toBeLessThanOrEqual(4000);
    expect(small).toMatch(/more page\(s\) in the \[job summary\]/);
  });

  test('no changes says so; a fork preview says Confluence was not consulted', () => {
    expect(
      renderPreviewComment(model([{ kind: 'unchanged', title: 'S', path: 'docs/s.md', reason: '' }])),
    ).toContain('does not change any Confluence page');
    expect(renderPreviewComment(model([], { confluenceChecked: false }))).toContain(
      'Confluence was not consulted',
    );
  });

  test('problems are listed with file and line', () => {
    const text = renderPreviewComment(
      model([{ kind: 'create', title: 'N', path: 'docs/n.md', reason: 'new' }], {
        diagnostics: [
          {
            severity: 'warning',
            message: 'link target x.md does not exist',
            file: 'docs/n.md',
            line: 4,
            column: 2,
          },
        ],
      }),
    );
    expect(text).toContain('Problems to fix before merging (1)');
    expect(text).toContain('`docs/n.md:4` link target x.md does not exist');
  });

  test('the summary variant escapes and keeps every diff', () => {
    const html = renderPreviewSummary(
      model([
        { kind: 'update', title: '<b>T</b>', path: 'docs/t.md', reason: 'x', before: 'a', after: '<i>b</i>' },
      ]),
    );
    expect(html).not.toContain('<b>T</b>');
    expect(html).toContain('&lt;i&gt;b&lt;/i&gt;');
  });
});

describe('kept pages and the pending section', () => {
  const kept: PreviewEntry = {
    kind: 'delete',
    policy: 'keep',
    title: 'Old',
    path: 'docs/old.md',
    url: 'https://x.example/9',
    reason: 'its file was removed; page kept (on-delete: keep)',
  };
  const drift: PreviewEntry = {
    kind: 'conflict',
    title: 'Hand-edited',
    path: 'docs/hand.md',
    url: 'https://x.example/8',
    reason: 'edited in Confluence by Ann',
  };
  const scope = { kind: 'pull-request', from: 'a', to: 'b' } as const;

  test('a page kept by on-delete: keep is not counted as deleted', () => {
    const trashed: PreviewEntry = { ...kept, title: 'Trashed', path: 'docs/t.md', policy: 'trash' };
    const m = model([kept, trashed]);
    expect(headline(m)).toBe(
      '✅ no problems · 0 created, 0 updated, 0 moved/retitled, 1 deleted, 0 conflicts, 1 removed from docs, page kept (on-delete: keep)',
    );
    const text = renderPreviewComment(m);
    expect(text).toMatch(/\| 📌 kept \| \[Old\]/);
    expect(text).toMatch(/\| 🗑️ delete \| \[Trashed\]/);
    expect(renderPreviewSummary(m)).toContain('<td>📌 kept</td>');
    expect(renderPreviewText(m)).toMatch(/kept +Old/);
  });

  test('drift is in a labelled, collapsed section after the PR’s own changes and out of the headline', () => {
    const text = renderPreviewComment(
      model([{ kind: 'create', title: 'New', path: 'docs/new.md', reason: 'new page' }], {
        scope,
        pending: {
          entries: [drift, kept],
          diagnostics: [{ severity: 'warning', file: 'docs/z.md', message: 'old broken link' }],
        },
      }),
    );
    expect(text).toContain(
      'cmsync preview: ✅ no problems · 1 created, 0 updated, 0 moved/retitled, 0 deleted, 0 conflicts\n',
    );
    const [own, pending] = text.split(
      '<details><summary>Also pending on merge (not from this pull request): ',
    );
    expect(own).toContain('New');
    expect(own).not.toMatch(/Hand-edited|Old|old broken link|Problems to fix/);
    expect(pending).toMatch(/^1 conflict, 1 removed from docs, page kept \(on-delete: keep\)<\/summary>/);
    expect(pending).toContain('does not fail this check');
    expect(pending).toMatch(/⚠️ conflict \| \[Hand-edited\]/);
    expect(pending).toContain('`docs/z.md` old broken link');
  });

  test('a PR without changes says "no changes" even with drift pending', () => {
    const m = model([{ kind: 'unchanged', title: 'S', path: 'docs/s.md', reason: '' }], {
      scope,
      pending: { entries: [drift], diagnostics: [] },
    });
    expect(headline(m)).toBe('no changes');
    const text = renderPreviewComment(m);
    expect(text).toContain('### 📘 cmsync preview: no changes');
    expect(text).toContain('This pull request does not change any Confluence page.');
    expect(text).toContain('Also pending on merge (not from this pull request): 1 conflict');
    expect(renderPreviewSummary(m)).toContain('<h3>Also pending on merge (not from this pull request)</h3>');
  });

  test('a full-scan preview says the PR’s own changes could not be told apart', () => {
    const m = model([drift], { scope: { kind: 'full', reason: 'the base commit cannot be fetched' } });
    expect(renderPreviewComment(m)).toMatch(
      /could not be worked out from git \(the base commit cannot be fetched\), so this preview shows everything/,
    );
    expect(renderPreviewSummary(m)).toContain('could not be worked out from git');
  });

  test('near the limit, pending rows go before the PR’s own rows', () => {
    const many = (prefix: string): PreviewEntry[] =>
      Array.from({ length: 60 }, (_, i) => ({
        kind: 'update' as const,
        title: `${prefix} ${i}`,
        path: `docs/${prefix}${i}.md`,
        reason: 'content changed',
      }));
    const text = renderPreviewComment(
      model(many('own'), { scope, pending: { entries: many('drift'), diagnostics: [] } }),
      6000,
    );
    expect(text.length).toBeLessThanOrEqual(6000);
    expect(text).toContain('own 59');
    expect(text).toMatch(/…and \d+ more page\(s\) in the \[job summary\]/);
  });
});

describe('textDiff', () => {
  test('counts added and removed lines; equal text has no diff', () => {
    expect(textDiff('a\nb\nc', 'a\nB\nc\nd')).toMatchObject({ added: 2, removed: 1 });
    expect(textDiff('same', 'same')).toBeUndefined();
  });
});

describe('storageToText', () => {
  test('renders storage as readable lines', () => {
    const text = storageToText(
      '<h2>Install</h2><p>Run <code>npm</code> &amp; go.</p>' +
        '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">bash</ac:parameter><ac:plain-text-body><![CDATA[npm ci]]></ac:plain-text-body></ac:structured-macro>' +
        '<ul><li>a</li></ul><ac:task-list><ac:task><ac:task-status>complete</ac:task-status><ac:task-body>done</ac:task-body></ac:task></ac:task-list>' +
        '<p><ac:image><ri:attachment ri:filename="x.png"/></ac:image></p>',
    );
    expect(text.split('\n')).toEqual([
      '## Install',
      'Run npm & go.',
      '```bash',
      'npm ci',
      '```',
      '- a',
      '- [x] done',
      '[image: x.png]',
    ]);
  });

  test('falls back to stripping tags for input that is not XML', () => {
    expect(storageToText('<p>broken <b>xml</p>')).toBe('broken xml');
  });
});

describe('audit: problems, headline, links, bounds', () => {
  const collision = {
    severity: 'error' as const,
    message: 'title "Setup" is also used by docs/b.md',
    file: 'docs/a.md',
    line: 1,
  };
  const link = {
    severity: 'warning' as const,
    message: 'link target x.md does not exist',
    file: 'docs/c.md',
    line: 7,
  };

  test('each problem once: a page in error is not counted again, a conflict is; errors first', () => {
    const m = model(
      [
        { kind: 'error', title: 'Setup', path: 'docs/a.md', reason: collision.message },
        { kind: 'conflict', title: 'Edited', path: 'docs/e.md', reason: 'edited in Confluence by Ann' },
        { kind: 'create', title: 'C', path: 'docs/c.md', reason: 'new page' },
      ],
      { diagnostics: [link, collision, { severity: 'notice', message: 'fyi' }] },
    );
    const problems = blockingProblems(m);
    expect(problems.map((d) => d.severity)).toEqual(['error', 'error', 'warning']);
    expect(problems).toHaveLength(3);
    expect(headline(m)).toMatch(/^❌ 3 problems block this merge · /);
    const text = renderPreviewComment(m);
    expect(text).toContain('Problems to fix before merging (3)');
    // errors before warnings in the list
    expect(text.indexOf('title &quot;Setup&quot;')).toBeLessThan(text.indexOf('link target x.md'));
    expect(text).toContain('Edited: edited in Confluence by Ann');
    expect(renderPreviewSummary(m)).toContain('Problems to fix before merging (3)');
  });

  test('a renamed and edited page counts as moved too', () => {
    const m = model([
      {
        kind: 'update',
        moved: true,
        title: 'New title',
        previousTitle: 'Old title',
        path: 'docs/n.md',
        reason: 'content changed, retitled',
        before: 'a',
        after: 'b',
      },
    ]);
    expect(headline(m)).toBe(
      '✅ no problems · 0 created, 1 updated, 1 moved/retitled, 0 deleted, 0 conflicts',
    );
    expect(renderPreviewComment(m)).toContain('| ✏️ update, ↪️ move |');
  });

  test('sources and problems link to the head of the pull request', () => {
    const sourceUrl = 'https://github.example/o/r/blob/abc123';
    const m = model(
      [
        { kind: 'create', title: 'C', path: 'docs/c (1).md', reason: 'new page' },
        { kind: 'delete', title: 'Gone', path: 'docs/gone.md', reason: 'removed', policy: 'archive' },
      ],
      { diagnostics: [link], sourceUrl },
    );
    const text = renderPreviewComment(m);
    expect(text).toContain('[`docs/c (1).md`](https://github.example/o/r/blob/abc123/docs/c%20%281%29.md)');
    expect(text).toContain('[`docs/c.md:7`](https://github.example/o/r/blob/abc123/docs/c.md?plain=1#L7)');
    expect(text).toContain('| `docs/gone.md` |');
    expect(renderPreviewSummary(m)).toContain(
      'href="https://github.example/o/r/blob/abc123/docs/c.md?plain=1#L7"',
    );
  });

  test('the job summary stays under its byte limit and names pages left without a diff', () => {
    const big = Array.from({ length: 2000 }, (_, i) => `ünïcödé line ${i}`).join('\n');
    const entries: PreviewEntry[] = Array.from({ length: 40 }, (_, i) => ({
      kind: 'update' as const,
      title: `Page ${i}`,
      path: `docs/p${i}.md`,
      reason: 'content changed',
      before: 'start',
      after: `start\n${big}`,
    }));
    entries.push({
      kind: 'update',
      title: 'Unread',
      path: 'docs/unread.md',
      reason: 'content changed',
      after: 'x',
    });
    const m = model(entries);
    const summary = renderPreviewSummary(m);
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(summary).toMatch(/No diff is shown for \d+ updated page\(s\)/);
    expect(summary).toContain('<code>docs/unread.md</code>');
    expect(summary).toContain('<code>docs/p39.md</code>');
    const comment = renderPreviewComment(m);
    expect(comment).toContain('`docs/unread.md`');
    expect(comment).toContain('`docs/p39.md`');
    // a diff the comment leaves out is pointed at the summary only when the summary has it
    const small = renderPreviewSummary(m, 200_000);
    expect(small).toContain('docs/p39.md');
    const tiny = renderPreviewComment(m, COMMENT_LIMIT, 1000);
    expect(tiny).not.toMatch(/did not fit here: see the/);
  });

  test('a long problem list gives way before the pages table, and a hard cut closes what is open', () => {
    const problems = Array.from({ length: 300 }, (_, i) => ({
      severity: 'warning' as const,
      message: `broken link ${'x'.repeat(2000)} ${i}`,
      file: `docs/p${i}.md`,
      line: 3,
    }));
    const entries: PreviewEntry[] = Array.from({ length: 100 }, (_, i) => ({
      kind: 'create' as const,
      title: `Page ${i}`,
      path: `docs/p${i}.md`,
      reason: 'new page',
    }));
    const text = renderPreviewComment(model(entries, { diagnostics: problems }));
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(text).toContain('Problems to fix before merging (300)');
    expect(text).toMatch(/- …and \d+ more in the \[job summary\]/);
    expect(text).toContain('| Page 99 |');
    expect(text).not.toContain('x'.repeat(500));

    const titles = Array.from({ length: 10 }, (_, i) => ({
      kind: 'create' as const,
      title: `T${i} ${'y'.repeat(3000)}`,
      path: `docs/t${i}.md`,
      reason: 'new',
    }));
    const cut = renderPreviewComment(
      model(titles, {
        scope: { kind: 'pull-request', from: 'a', to: 'b' },
        pending: { entries: titles.map((t) => ({ ...t, kind: 'conflict' as const })), diagnostics: [] },
      }),
      2500,
    );
    expect(cut.length).toBeLessThanOrEqual(2500);
    const problemsOnly = model([{ kind: 'create', title: 'P', path: 'docs/p.md', reason: 'new' }], {
      diagnostics: problems,
    });
    const summary = renderPreviewSummary(problemsOnly, 20_000);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(20_000);
    expect(summary).toMatch(/<\/li>\n<\/ul>\n*<p>…truncated/);
    const open = (cut.match(/<details>/g) ?? []).length;
    expect((cut.match(/<\/details>/g) ?? []).length).toBe(open);
  });
});
