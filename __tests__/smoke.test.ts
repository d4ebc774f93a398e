import { getErrorMessage } from '../src/util/diagnostics.js';
import { ConfluenceError } from '../src/confluence/errors.js';
test('errors classify', () => {
  const e = new ConfluenceError({ status: 409, method: 'PUT', path: '/x' });
  expect(e.kind).toBe('conflict');
  expect(getErrorMessage(e)).toContain('409');
});
