/** Runs that have no commit range to compare, or no git at all: always a full run, never a throw. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { detectChanges, type DetectOptions } from '../../src/git/changes.js';
import { memoryLogger } from '../../src/util/log.js';
import { Repo, page, removeAll, tempDir } from './git-fixtures.js';

afterAll(removeAll);

let repo: Repo;
let before: string;
let after: string;

beforeAll(() => {
  repo = Repo.init();
  before = repo.write('a.md', page('A')).commit('first');
  after = repo.write('b.md', page('B')).commit('second');
});

function detect(options: Partial<DetectOptions>) {
  return detectChanges({
    workspace: repo.dir,
    eventName: 'push',
    before,
    after,
    force: false,
    log: memoryLogger(),
    ...options,
  });
}

test('the same push is incremental, so the cases below are full for their own reason', async () => {
  await expect(detect({})).resolves.toMatchObject({ kind: 'incremental', changed: ['b.md'] });
});

test.each([
  ['schedule', /^the schedule event has no commit range/],
  ['workflow_dispatch', /^the workflow_dispatch event has no commit range/],
  ['merge_group', /^the merge_group event has no commit range/],
  ['', /^a run without an event name has no commit range/],
  ['toString', /^the toString event has no commit range/],
])('a %j event is a full run', async (eventName, reason) => {
  await expect(detect({ eventName })).resolves.toEqual({
    kind: 'full',
    reason: expect.stringMatching(reason),
  });
});

test('force is a full run, whatever the event', async () => {
  const log = memoryLogger();

  await expect(detect({ force: true, log })).resolves.toEqual({
    kind: 'full',
    reason: expect.stringMatching(/force is set/),
  });
  expect(log.lines.filter((line) => line.includes('git '))).toEqual([]);
});

test('a folder that is not a git repository is a full run', async () => {
  const plain = tempDir();
  mkdirSync(path.join(plain, 'docs'));

  await expect(detect({ workspace: plain })).resolves.toEqual({
    kind: 'full',
    reason: expect.stringMatching(/^not a git repository \(fatal: not a git repository/),
  });
});

test('a workspace that does not exist is a full run', async () => {
  const missing = path.join(tempDir(), 'nowhere');

  await expect(detect({ workspace: missing })).resolves.toEqual({
    kind: 'full',
    reason: `not a git repository: ${missing} does not exist`,
  });
});

test('a repository without commits is a full run', async () => {
  const empty = Repo.init();

  await expect(detect({ workspace: empty.dir, after: undefined })).resolves.toEqual({
    kind: 'full',
    reason: expect.stringMatching(/HEAD\) does not exist/),
  });
});
