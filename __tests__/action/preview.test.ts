/**
 * The pull-request preview end to end: a real git repository with a published base and a PR head,
 * the bundled Action run as on a `pull_request` runner, the embedded Confluence server and a
 * local stand-in for GitHub's REST API (GITHUB_API_URL).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../../src/server/index.js';
import type { EmbeddedConfluence } from '../../src/server/types.js';
import { Repo, removeAll } from '../git/git-fixtures.js';
import { startFakeGitHub, type FakeGitHub } from '../support/github-api.js';
import { runAction } from '../support/run-action.js';

const MARKER = '<!-- cmsync-preview space=DOCS docs=docs -->';

function payloadFor(repo: Repo, base: string, head: string, headRepo = 'o/r'): string {
  const file = path.join(path.dirname(repo.dir), `${path.basename(repo.dir)}-event.json`);
  writeFileSync(
    file,
    JSON.stringify({
      number: 7,
      pull_request: {
        number: 7,
        base: { sha: base, ref: 'main' },
        head: { sha: head, repo: { full_name: headRepo } },
        user: { login: 'dev' },
      },
      repository: { full_name: 'o/r' },
    }),
  );
  return file;
}

describe('pull-request preview', () => {
  let server: EmbeddedConfluence;
  let gh: FakeGitHub;
  let repo: Repo;
  let base: string;
  let head: string;
  let inputs: Record<string, string>;
  let prEnv: (extra?: Record<string, string>, headRepo?: string) => Record<string, string>;

  beforeAll(async () => {
    server = await startServer();
    gh = await startFakeGitHub();
    repo = Repo.init();
    repo
      .write('docs/guide.md', '# Guide\n\nInstall with `npm ci`.\n\nThen run the tests.\n')
      .write('docs/old-name.md', '# Old name\n\nA page that will be renamed.\n')
      .write('docs/gone.md', '# Gone\n\nA page that will be deleted.\n')
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
    expect(published.outputs.created).toBe('4');

    repo.write('docs/guide.md', '# Guide\n\nInstall with `npm ci --omit=dev`.\n\nThen run the tests.\n');
    repo.git('mv', 'docs/old-name.md', 'docs/renamed.md');
    repo.write('docs/renamed.md', '# Renamed page\n\nA page that will be renamed.\n');
    repo.remove('docs/gone.md');
    repo.write('docs/new.md', '# Brand new\n\nFresh content.\n');
    head = repo.commit('PR changes');
    prEnv = (extra = {}, headRepo = 'o/r') => ({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: payloadFor(repo, base, head, headRepo),
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_RUN_ID: '42',
      GITHUB_SHA: head,
      ...extra,
    });
  });

  afterAll(async () => {
    await server.close();
    await gh.close();
    removeAll();
  });

  test('writes nothing to Confluence and posts one comment describing every change', async () => {
    const writes = server.countRequests({ write: true });
    const run = await runAction(repo.dir, inputs, prEnv());
    expect(run.stdout).not.toMatch(/crashed/);
    expect(run.code).toBe(0);
    expect(server.countRequests({ write: true })).toBe(writes);

    const ours = gh.comments.filter((c) => c.body.includes(MARKER));
    expect(ours).toHaveLength(1);
    const body = ours[0].body;
    expect(body).toContain('1 created, 1 updated, 1 moved/retitled, 1 deleted, 0 conflicts');
    expect(body).toMatch(/Brand new/);
    expect(body).toMatch(/Renamed page.*\(was Old name\)/);
    expect(body).toMatch(/\| 🗑️ delete \| \[Gone\]\(http/);
    expect(body).toContain('-Install with npm ci.');
    expect(body).toContain('+Install with npm ci --omit=dev.');
    expect(body).toContain('https://github.example/o/r/actions/runs/42');
    expect(body).not.toContain('Stays');
    expect(run.outputs).toMatchObject({
      created: '1',
      updated: '1',
      moved: '1',
      deleted: '1',
      conflicts: '0',
    });
    expect(run.summary).toContain('cmsync preview');
  });

  test('a second run keeps exactly one comment', async () => {
    const run = await runAction(repo.dir, inputs, prEnv());
    expect(run.code).toBe(0);
    expect(gh.comments.filter((c) => c.body.includes(MARKER))).toHaveLength(1);
  });

  test('a fork PR (no secrets, read-only token) previews from the repository alone and says so', async () => {
    gh.readOnly = true;
    server.resetRequests();
    const before = gh.comments.map((c) => c.body);
    const run = await runAction(repo.dir, { ...inputs, token: '', username: '' }, prEnv({}, 'someone/r'));
    gh.readOnly = false;
    expect(run.code).toBe(0);
    expect(server.countRequests()).toBe(0);
    expect(gh.comments.map((c) => c.body)).toEqual(before);
    expect(run.summary).toContain('Confluence was not consulted');
    expect(run.summary).toMatch(/comment could not be posted: this pull request comes from a fork/);
  });

  test('a page edited in Confluence since the last publish is a conflict that fails the check', async () => {
    const guide = server.pages({ spaceKey: 'DOCS' }).find((p) => p.title === 'Guide')!;
    server.editAsPerson(guide.id, { body: '<p>Edited by hand</p>', authorName: 'Ann' });
    const run = await runAction(repo.dir, inputs, prEnv());
    expect(run.code).not.toBe(0);
    const body = gh.comments.find((c) => c.body.includes(MARKER))!.body;
    expect(body).toContain('1 conflict');
    expect(body).toContain('Ann');
    expect(run.stdout).toMatch(
      /::error title=cmsync,file=docs\/guide\.md,line=1::Guide: .*edited in Confluence by Ann/,
    );
  });

  test('a broken link is an annotation at its line and fails the check', async () => {
    repo.write('docs/new.md', '# Brand new\n\nFresh content.\n\nSee [the missing page](missing.md).\n');
    head = repo.commit('broken link');
    const run = await runAction(repo.dir, inputs, prEnv());
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(
      /::warning title=cmsync,file=docs\/new\.md,line=5,col=5::Link target missing\.md does not exist/,
    );
    const body = gh.comments.find((c) => c.body.includes(MARKER))!.body;
    expect(body).toContain('Problems to fix before merging');
  });
});

describe('preview size limit', () => {
  test('a PR changing many large pages stays within GitHub’s comment limit and points at the summary', async () => {
    const server = await startServer();
    const gh = await startFakeGitHub();
    const repo = Repo.init();
    try {
      const para = (tag: string) =>
        Array.from(
          { length: 80 },
          (_, i) => `Line ${i} of the text, version ${tag}, with enough words to be long.`,
        ).join('\n\n');
      for (let i = 0; i < 120; i++) repo.write(`docs/p${i}.md`, `# Page ${i}\n\n${para('one')}\n`);
      const base = repo.commit('base');
      const inputs = {
        'confluence-url': server.url,
        username: 'demo@example.com',
        token: 'demo-token',
        space: 'DOCS',
        'parent-page-id': server.space('DOCS')!.homepageId,
        'docs-dir': 'docs',
        'github-token': 'gh-token',
      };
      expect((await runAction(repo.dir, inputs)).code).toBe(0);
      for (let i = 0; i < 120; i++) repo.write(`docs/p${i}.md`, `# Page ${i}\n\n${para('two')}\n`);
      const head = repo.commit('rewrite');
      const run = await runAction(repo.dir, inputs, {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: payloadFor(repo, base, head),
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_API_URL: gh.url,
        GITHUB_RUN_ID: '9',
      });
      expect(run.code).toBe(0);
      expect(gh.comments).toHaveLength(1);
      const body = gh.comments[0].body;
      expect(body.length).toBeLessThanOrEqual(65536);
      expect(body).toContain('120 updated');
      expect(body).toMatch(/did not fit here: see the \[job summary\]/);
    } finally {
      await server.close();
      await gh.close();
      removeAll();
    }
  });
});
