/**
 * The pull-request preview run from src (not the bundle): annotations, failure count, outputs,
 * links and a failed preview, against the embedded Confluence server and a local GitHub stand-in.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../../src/server/index.js';
import type { EmbeddedConfluence } from '../../src/server/types.js';
import { Repo, removeAll } from '../git/git-fixtures.js';
import { startFakeGitHub, type FakeGitHub } from '../support/github-api.js';
import { runActionFromSource as runAction } from '../support/run-action-src.js';

const MARKER = '<!-- cmsync-preview space=DOCS docs=docs -->';

function payloadFor(repo: Repo, base: string, head: string, login = 'dev'): string {
  const file = path.join(path.dirname(repo.dir), `${path.basename(repo.dir)}-src-event.json`);
  writeFileSync(
    file,
    JSON.stringify({
      number: 7,
      pull_request: {
        number: 7,
        base: { sha: base, ref: 'main' },
        head: { sha: head, repo: { full_name: 'o/r' } },
        user: { login },
      },
      repository: { full_name: 'o/r' },
    }),
  );
  return file;
}

const long = (title: string): string =>
  `# ${title}\n\n${Array.from({ length: 12 }, (_, i) => `Paragraph ${i} that stays the same.`).join('\n\n')}\n`;

describe('pull-request preview (from src)', () => {
  let server: EmbeddedConfluence;
  let gh: FakeGitHub;
  let repo: Repo;
  let base: string;
  let head: string;
  let inputs: Record<string, string>;
  const prEnv = (): Record<string, string> => ({
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: payloadFor(repo, base, head),
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '42',
    GITHUB_SHA: head,
  });

  beforeAll(async () => {
    server = await startServer();
    gh = await startFakeGitHub();
    repo = Repo.init();
    repo
      .write('docs/guide.md', '# Guide\n\nInstall with `npm ci`.\n')
      .write('docs/old-name.md', long('Old name'))
      .write('docs/stays.md', '# Stays\n\nUntouched.\n');
    base = repo.commit('docs');
    inputs = {
      'confluence-url': server.url,
      username: 'demo@example.com',
      token: 'demo-token',
      space: 'DOCS',
      'parent-page-id': server.space('DOCS')!.homepageId,
      'docs-dir': 'docs',
      'github-token': 'gh-token',
    };
    const published = await runAction(repo.dir, inputs);
    expect(published.code).toBe(0);

    repo.write('docs/guide.md', '# Guide\n\nInstall with `npm ci --omit=dev`.\n');
    repo.git('mv', 'docs/old-name.md', 'docs/renamed.md');
    repo.write('docs/renamed.md', `${long('Renamed page')}\nOne more paragraph.\n`);
    repo.write('docs/new.md', '# Brand new\n\nFresh.\n\nSee [the missing page](missing.md).\n');
    repo.write('docs/twin.md', '# Stays\n\nSame title as stays.md.\n');
    head = repo.commit('PR changes');
    const guide = server.pages({ spaceKey: 'DOCS' }).find((p) => p.title === 'Guide')!;
    server.editAsPerson(guide.id, { body: '<p>Edited by hand</p>', authorName: 'Ann' });
  });

  afterAll(async () => {
    await server.close();
    await gh.close();
    removeAll();
  });

  test('each problem is annotated once and the failure counts what the comment lists', async () => {
    const run = await runAction(repo.dir, inputs, prEnv());
    expect(run.code).not.toBe(0);
    const annotations = run.stdout.split('\n').filter((l) => /^::(error|warning|notice) title=/.test(l));
    expect(new Set(annotations).size).toBe(annotations.length);
    // the conflict and the broken link, each once
    expect(annotations.filter((l) => l.includes('edited in Confluence by Ann'))).toHaveLength(1);
    expect(annotations.filter((l) => l.includes('missing.md'))).toHaveLength(1);
    const body = gh.comments.find((c) => c.body.includes(MARKER))!.body;
    const listed = Number(/Problems to fix before merging \((\d+)\)/.exec(body)?.[1]);
    const problemAnnotations = annotations.filter((l) => !l.startsWith('::notice'));
    expect(problemAnnotations).toHaveLength(listed);
    expect(run.stdout).toContain(`::error::cmsync preview: ${listed} problem(s)`);
    expect(body).toMatch(new RegExp(`### 📘 cmsync preview: ❌ ${listed} problems block this merge · `));
  });

  test('the comment links the PR files at its head; a renamed and edited page counts as moved', () => {
    const body = gh.comments.find((c) => c.body.includes(MARKER))!.body;
    expect(body).toContain(`https://github.example/o/r/blob/${head}/docs/new.md?plain=1#L5`);
    expect(body).toContain(`[\`docs/renamed.md\`](https://github.example/o/r/blob/${head}/docs/renamed.md)`);
    expect(body).toMatch(/ 1 moved\/retitled/);
    expect(body).toContain('✏️ update, ↪️ move');
  });

  test('the pages output carries the id of existing pages', async () => {
    const run = await runAction(repo.dir, inputs, prEnv());
    const pages = JSON.parse(run.outputs.pages) as { path: string; id: string | null; action: string }[];
    const renamed = pages.find((p) => p.path === 'docs/renamed.md')!;
    const id = server.pages({ spaceKey: 'DOCS' }).find((p) => p.title === 'Old name')!.id;
    expect(renamed.id).toBe(id);
    expect(pages.find((p) => p.path === 'docs/new.md')?.id).toBeNull();
  });

  test('a preview that cannot reach Confluence says so in the comment at this head and fails', async () => {
    const run = await runAction(repo.dir, { ...inputs, token: 'wrong-token-123' }, prEnv());
    expect(run.code).not.toBe(0);
    const ours = gh.comments.filter((c) => c.body.includes(MARKER));
    expect(ours).toHaveLength(1);
    expect(ours[0].body).toContain(`the preview failed at ${head.slice(0, 7)}`);
    expect(ours[0].body).not.toContain('Problems to fix before merging');
    expect(ours[0].body).not.toContain('wrong-token-123');
    expect(run.stdout).toMatch(/::error::cmsync preview failed at/);
  });

  test('an outage on a pull request that touches no docs neither adds a comment nor fails', async () => {
    const before = gh.comments.length;
    // A pull request whose merge base is its head: it changes no file at all.
    const untouched = { ...prEnv(), GITHUB_EVENT_PATH: payloadFor(repo, head, head) };
    const run = await runAction(repo.dir, { ...inputs, token: 'wrong-token-123' }, untouched);
    expect(run.code).toBe(0);
    expect(gh.comments.length).toBe(before);
    expect(run.stdout).toMatch(/::warning::cmsync preview failed at .*changes no docs/);
  });
});

describe('Dependabot pull request without a manifest or credentials', () => {
  test('edits, renames and removals are classified from git, not shown as new pages', async () => {
    const gh = await startFakeGitHub();
    const repo = Repo.init();
    try {
      repo
        .write('docs/guide.md', '# Guide\n\nInstall with `npm ci`.\n')
        .write('docs/old-name.md', long('Old name'))
        .write('docs/gone.md', '# Gone\n\nTo be removed.\n')
        .write('docs/stays.md', '# Stays\n\nUntouched.\n');
      const base = repo.commit('docs');
      repo.write('docs/guide.md', '# Guide\n\nInstall with `npm ci --omit=dev`.\n');
      repo.git('mv', 'docs/old-name.md', 'docs/renamed.md');
      repo.write('docs/renamed.md', `${long('Renamed page')}\nOne more paragraph.\n`);
      repo.remove('docs/gone.md');
      repo.write('docs/new.md', '# Brand new\n\nFresh.\n');
      const head = repo.commit('bump');
      const run = await runAction(
        repo.dir,
        {
          'confluence-url': 'http://127.0.0.1:9/wiki',
          space: 'DOCS',
          'parent-page-id': '1',
          'docs-dir': 'docs',
          'github-token': 'gh-token',
        },
        {
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: payloadFor(repo, base, head, 'dependabot[bot]'),
          GITHUB_REPOSITORY: 'o/r',
          GITHUB_API_URL: gh.url,
          GITHUB_ACTOR: 'dependabot[bot]',
          GITHUB_SHA: head,
        },
      );
      expect(run.code).toBe(0);
      const body = gh.comments.find((c) => c.body.includes(MARKER))!.body;
      expect(body).toContain(
        '1 created, 2 updated, 1 moved/retitled, 0 deleted, 0 conflicts, 1 removed from docs, page kept (on-delete: keep)',
      );
      expect(body).toMatch(/\| ✏️ update \| Guide \|/);
      expect(body).toMatch(
        /\| ✏️ update, ↪️ move \| Renamed page \|.*renamed from docs\/old-name\.md and edited/,
      );
      expect(body).toMatch(/\| 📌 kept \| gone \| `docs\/gone\.md` \|/);
      expect(body).not.toContain('docs/stays.md');
      const pages = JSON.parse(run.outputs.pages) as { path: string; action: string }[];
      expect(pages.find((p) => p.path === 'docs/guide.md')?.action).toBe('update');
    } finally {
      await gh.close();
    }
  });
});
