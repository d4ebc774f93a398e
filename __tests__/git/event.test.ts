/** Reading the GitHub event payload into detection options. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { eventFromEnvironment } from '../../src/git/changes.js';
import { removeAll, tempDir } from './git-fixtures.js';

afterAll(removeAll);

function eventFile(payload: unknown): string {
  const file = path.join(tempDir(), 'event.json');
  writeFileSync(file, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return file;
}

const BEFORE = 'a'.repeat(40);
const AFTER = 'b'.repeat(40);

test('push: before, after and forced come from the payload', () => {
  const file = eventFile({
    before: BEFORE,
    after: AFTER,
    forced: false,
    created: false,
    ref: 'refs/heads/main',
  });

  expect(
    eventFromEnvironment({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: file, GITHUB_SHA: 'c'.repeat(40) }),
  ).toEqual({
    eventName: 'push',
    before: BEFORE,
    after: AFTER,
    forced: false,
  });
});

test('push: after falls back to GITHUB_SHA', () => {
  const file = eventFile({ before: BEFORE });

  expect(
    eventFromEnvironment({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: file, GITHUB_SHA: AFTER }),
  ).toEqual({
    eventName: 'push',
    before: BEFORE,
    after: AFTER,
  });
});

test.each(['pull_request', 'pull_request_target'])(
  '%s: base and head shas of the pull request',
  (eventName) => {
    const file = eventFile({
      number: 7,
      pull_request: { base: { ref: 'main', sha: BEFORE }, head: { ref: 'topic', sha: AFTER } },
    });

    expect(eventFromEnvironment({ GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: file })).toEqual({
      eventName,
      baseSha: BEFORE,
      headSha: AFTER,
    });
  },
);

test('other events carry only their name, even with commit-like fields', () => {
  const file = eventFile({ before: BEFORE, after: AFTER });

  expect(eventFromEnvironment({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_EVENT_PATH: file })).toEqual({
    eventName: 'workflow_dispatch',
  });
});

test.each([
  ['malformed JSON', () => eventFile('{"before": ')],
  ['a JSON array', () => eventFile([BEFORE])],
  ['fields of the wrong type', () => eventFile({ before: 42, after: null, forced: 'yes' })],
  ['a missing file', () => path.join(tempDir(), 'absent.json')],
])('a payload with %s yields only the event name', (_label, file) => {
  expect(eventFromEnvironment({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: file() })).toEqual({
    eventName: 'push',
  });
});

test('no environment at all yields an empty event name', () => {
  expect(eventFromEnvironment({})).toEqual({ eventName: '' });
});
