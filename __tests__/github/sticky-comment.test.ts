import { getOctokit } from '@actions/github';
import { upsertStickyComment } from '../../src/github/sticky-comment.js';
import { memoryLogger } from '../../src/util/log.js';
import { startFakeGitHub, type FakeGitHub } from '../support/github-api.js';

const marker = '<!-- cmsync-preview space=DOCS docs=docs -->';
const target = { owner: 'o', repo: 'r', issueNumber: 7 };

describe('sticky PR comment', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await startFakeGitHub({ perPage: 2 });
  });
  afterEach(() => gh.close());

  const upsert = (body: string | undefined) =>
    upsertStickyComment({
      octokit: getOctokit('t', { baseUrl: gh.url }),
      target,
      marker,
      body,
      emptyBody: `${marker}\nno changes`,
      log: memoryLogger(),
    });

  test('two runs leave exactly one comment, found across pages of other comments', async () => {
    for (let i = 0; i < 5; i++)
      gh.comments.push({ id: i + 1, body: `chatter ${i}`, issue: 7, user: 'someone' });
    const first = await upsert(`${marker}\nfirst`);
    const second = await upsert(`${marker}\nsecond`);
    expect(first.action).toBe('created');
    expect(second.action).toBe('updated');
    const ours = gh.comments.filter((c) => c.body.includes(marker));
    expect(ours).toHaveLength(1);
    expect(ours[0].body).toContain('second');
  });

  test('an identical body is not re-sent', async () => {
    await upsert(`${marker}\nsame`);
    const before = gh.requests.filter((r) => r.method !== 'GET').length;
    expect((await upsert(`${marker}\nsame`)).action).toBe('unchanged');
    expect(gh.requests.filter((r) => r.method !== 'GET').length).toBe(before);
  });

  test('no changes: an existing comment is marked, none is created', async () => {
    expect((await upsert(undefined)).action).toBe('none');
    expect(gh.comments).toHaveLength(0);
    await upsert(`${marker}\nsomething`);
    expect((await upsert(undefined)).action).toBe('updated');
    expect(gh.comments[0].body).toContain('no changes');
  });

  test('duplicates from an earlier race are removed', async () => {
    gh.comments.push(
      { id: 1, body: `${marker}\na`, issue: 7, user: 'github-actions[bot]' },
      { id: 2, body: `${marker}\nb`, issue: 7, user: 'github-actions[bot]' },
    );
    await upsert(`${marker}\nc`);
    expect(gh.comments.filter((c) => c.body.includes(marker)).map((c) => c.id)).toEqual([1]);
  });

  test("a person's comment quoting the marker is never updated or deleted", async () => {
    const quoted = `> ${marker}\n> old preview\n\nWhy does this say 3 pages?`;
    gh.comments.push({ id: 1, body: quoted, issue: 7, user: 'alice' });
    expect((await upsert(`${marker}\nfirst`)).action).toBe('created');
    expect((await upsert(`${marker}\nsecond`)).action).toBe('updated');
    expect(gh.comments.find((c) => c.id === 1)?.body).toBe(quoted);
    const ours = gh.comments.filter((c) => c.user === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(ours[0].body).toContain('second');
    expect(gh.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });

  test("a person's PAT finds its own comment again; another account's comment with the marker is left alone", async () => {
    gh.poster = 'docs-bot-user';
    gh.comments.push({ id: 1, body: `${marker}\nby someone else's token`, issue: 7, user: 'alice' });
    expect((await upsert(`${marker}\nfirst`)).action).toBe('created');
    expect((await upsert(`${marker}\nsecond`)).action).toBe('updated');
    expect((await upsert(`${marker}\nthird`)).action).toBe('updated');
    const mine = gh.comments.filter((c) => c.user === 'docs-bot-user');
    expect(mine).toHaveLength(1);
    expect(mine[0].body).toContain('third');
    expect(gh.comments.find((c) => c.id === 1)?.body).toContain("someone else's");
  });

  test('a read-only token is reported, not thrown', async () => {
    gh.readOnly = true;
    const result = await upsert(`${marker}\nx`);
    expect(result.action).toBe('not-posted');
    expect(result.action === 'not-posted' && result.reason).toMatch(/read-only/);
  });
});
