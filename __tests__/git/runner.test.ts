/** What a failed git command contributes to a `full` reason. */
import { gitMessage } from '../../src/git/runner.js';

test('picks the fatal line out of fetch progress', () => {
  const stderr =
    'From https://github.com/acme/docs\n * branch abc -> FETCH_HEAD\nfatal: remote error: not our ref abc\n';

  expect(gitMessage(stderr)).toBe('fatal: remote error: not our ref abc');
});

test('falls back to the first non-empty line', () => {
  expect(gitMessage('\n  warning: something odd  \nmore\n')).toBe('warning: something odd');
  expect(gitMessage('')).toBe('');
});

test('masks credentials in a remote URL', () => {
  const stderr = "fatal: unable to access 'https://x-access-token:ghs_secret123@github.com/acme/docs/': 403";

  expect(gitMessage(stderr)).toBe("fatal: unable to access 'https://***@github.com/acme/docs/': 403");
});
