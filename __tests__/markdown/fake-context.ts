/** A LinkContext for tests: a fixed table of what each path resolves to, anything else missing. */
import type { LinkContext, LinkTarget } from '../../src/markdown/index.js';

export function fakeContext(
  links: Record<string, LinkTarget> = {},
  file = 'docs/page.md',
): LinkContext & { asked: string[] } {
  const asked: string[] = [];
  return {
    file,
    asked,
    resolve(relativePath: string): LinkTarget {
      asked.push(relativePath);
      return Object.hasOwn(links, relativePath) ? links[relativePath] : { kind: 'missing' };
    },
  };
}
