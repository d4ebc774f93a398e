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
import { runAction, type ActionRun } from '../support/run-action.js';

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
    // on-delete: keep (the default): the removed file's page stays, so it is not counted as deleted.
    expect(body).toContain(
      '1 created, 1 updated, 1 moved/retitled, 0 deleted, 0 conflicts, 1 removed from docs, page kept (on-delete: keep)',
    );
    expect(body).toMatch(/Brand new/);
    expect(body).toMatch(/Renamed page.*\(was Old name\)/);
    expect(body).toMatch(/\| 📌 kept \| \[Gone\]\(http/);
    expect(body).not.toContain('Also pending on merge');
    expect(body).toContain('-Install with npm ci.');
    expect(body).toContain('+Install with npm ci --omit=dev.');
    expect(body).toContain('https://github.example/o/r/actions/runs/42');
    expect(body).not.toContain('Stays');
    expect(run.outputs).toMatchObject({
      created: '1',
      updated: '1',
      moved: '1',
      deleted: '0',
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

describe('a preview is about what this pull request changes', () => {
  // main: a, b (links to e), e published; c removed with on-delete: keep; b then edited by a
  // person in Confluence. Every PR below starts from that main: the conflict on b and the kept
  // page of c are drift that a merge would meet, not something the PR did.
  let server: EmbeddedConfluence;
  let gh: FakeGitHub;
  let repo: Repo;
  let main: string;
  let inputs: Record<string, string>;
  const MARK = '<!-- cmsync-preview space=DOCS docs=docs -->';
  const PENDING = 'Also pending on merge (not from this pull request)';

  const preview = async (extra: Record<string, string> = {}, base?: string): Promise<ActionRun> => {
    const head = repo.commit('pr step');
    return runAction(repo.dir, inputs, {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: payloadFor(repo, base ?? main, head),
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_API_URL: gh.url,
      GITHUB_RUN_ID: '5',
      GITHUB_SHA: head,
      ...extra,
    });
  };
  const comment = (): string => {
    const ours = gh.comments.filter((c) => c.body.includes(MARK));
    expect(ours).toHaveLength(1);
    return ours[0].body;
  };
  /** The comment up to the pending section: what the PR itself does. */
  const ownPart = (body: string): string => body.split(PENDING)[0];

  beforeAll(async () => {
    server = await startServer();
    gh = await startFakeGitHub();
    repo = Repo.init();
    repo
      .write('docs/a.md', '# A\n\nText a.\n')
      .write('docs/b.md', '# B\n\nText b, see [E](e.md).\n')
      .write('docs/c.md', '# C\n\nText c.\n')
      .write('docs/e.md', '# E\n\nText e.\n')
      .write('src/x.ts', 'x');
    repo.commit('base');
    inputs = {
      'confluence-url': server.url,
      username: 'demo@example.com',
      token: 'demo-token',
      space: 'DOCS',
      'parent-page-id': server.space('DOCS')!.homepageId,
      'docs-dir': 'docs',
      'github-token': 'gh-token',
    };
    expect((await runAction(repo.dir, inputs)).code).toBe(0);
    repo.remove('docs/c.md');
    main = repo.commit('remove c');
    expect((await runAction(repo.dir, inputs)).code).toBe(0);
    const b = server.pages({ spaceKey: 'DOCS' }).find((p) => p.title === 'B')!;
    server.editAsPerson(b.id, { body: '<p>hand edit</p>', authorName: 'Ann' });
    repo.git('checkout', '-q', '-b', 'pr');
  });

  afterAll(async () => {
    await server.close();
    await gh.close();
    removeAll();
  });

  test('drift a merge would meet is listed apart and does not fail the check', async () => {
    repo.write('docs/a.md', '# A\n\nText a, improved.\n');
    const run = await preview();
    expect(run.code).toBe(0);
    const body = comment();
    expect(body).toContain(
      'cmsync preview: ✅ no problems · 0 created, 1 updated, 0 moved/retitled, 0 deleted, 0 conflicts',
    );
    expect(ownPart(body)).toContain('`docs/a.md`');
    expect(ownPart(body)).not.toMatch(/docs\/b\.md|docs\/c\.md|Problems to fix/);
    expect(body).toContain(
      `<details><summary>${PENDING}: 1 conflict, 1 removed from docs, page kept (on-delete: keep)</summary>`,
    );
    expect(body).toMatch(/⚠️ conflict \| \[B\].*edited in Confluence by Ann/);
    expect(body).toMatch(/📌 kept \| \[C\]/);
    expect(run.stdout).not.toMatch(/::error/);
    expect(run.outputs).toMatchObject({ updated: '1', conflicts: '0', deleted: '0' });
    expect(run.summary).toContain(PENDING);
  });

  test('a conflict on a page the pull request changes blocks: the merge would meet it', async () => {
    repo.write('docs/b.md', '# B\n\nText b, improved, see [E](e.md).\n');
    const run = await preview();
    expect(run.code).not.toBe(0);
    expect(ownPart(comment())).toMatch(/1 updated, 0 moved\/retitled, 0 deleted, 1 conflict\b/);
    expect(ownPart(comment())).toMatch(/⚠️ conflict \| \[B\]/);
    expect(run.stdout).toMatch(
      /::error title=cmsync,file=docs\/b\.md,line=1::B: .*edited in Confluence by Ann/,
    );
    repo.write('docs/b.md', '# B\n\nText b, see [E](e.md).\n');
  });

  test('a link the pull request breaks in a file it does not touch blocks, at that file', async () => {
    repo.remove('docs/e.md');
    const run = await preview();
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(
      /::warning title=cmsync,file=docs\/b\.md,line=3,col=\d+::Link target e\.md does not exist/,
    );
    const own = ownPart(comment());
    expect(own).toContain('Problems to fix before merging');
    expect(own).toContain('0 deleted');
    expect(own).toContain('1 removed from docs, page kept (on-delete: keep)');
    expect(own).toMatch(/📌 kept \| \[E\]/);
    repo.write('docs/e.md', '# E\n\nText e.\n');
  });

  test('a title collision with a file the pull request adds is reported at both files and blocks', async () => {
    repo.write('docs/a.md', '# A\n\nText a.\n').write('docs/d.md', '# b\n\nAnother B.\n');
    const run = await preview();
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(
      /::error title=cmsync,file=docs\/d\.md,line=\d+::title "b" is also the title of docs\/b\.md/,
    );
    expect(run.stdout).toMatch(
      /::error title=cmsync,file=docs\/b\.md,line=\d+::title "B" is also the title of docs\/d\.md/,
    );
    repo.remove('docs/d.md');
  });

  test('once the pull request no longer changes the docs, the comment says so and the check passes', async () => {
    repo.write('src/x.ts', 'y');
    const run = await preview();
    expect(run.code).toBe(0);
    const body = comment();
    expect(body).toContain('### 📘 cmsync preview: no changes');
    expect(ownPart(body)).toContain('This pull request does not change any Confluence page.');
    expect(ownPart(body)).not.toMatch(/\| Action \|/);
    expect(run.outputs).toMatchObject({ created: '0', updated: '0', deleted: '0', conflicts: '0' });
  });

  test('when git cannot tell the pull request’s changes, the whole plan is shown and the comment says why', async () => {
    const run = await preview({}, 'f'.repeat(40));
    expect(run.code).not.toBe(0); // the drifted page B is a conflict again, as a full publish would meet it
    const body = comment();
    expect(body).toContain('could not be worked out from git');
    expect(body).not.toContain(PENDING);
    expect(body).toMatch(/1 conflict, 1 removed from docs, page kept/);
  });
});
