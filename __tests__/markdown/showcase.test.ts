/**
 * The example docs' Markdown showcase, converted as `npm run demo` converts it (the demo's
 * allow-list), must show what its text says it shows.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, toStorage, type LinkTarget } from '../../src/markdown/index.js';
import { validateStorage } from '../../src/server/storage-xml.js';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = 'examples/docs/reference/markdown-showcase.md';
const demoAllowList = ['br', 'sub', 'sup', 'kbd', 'details', 'summary', 'img', 'a'];

function convert(): { storage: string; messages: string[] } {
  const doc = parseDocument(readFileSync(path.join(repo, file), 'utf8'), file);
  const result = toStorage(
    doc,
    {
      file,
      resolve(relativePath: string): LinkTarget {
        const target = path.posix.join(path.posix.dirname(file), relativePath);
        if (!existsSync(path.join(repo, target))) return { kind: 'missing' };
        return target.endsWith('.md')
          ? { kind: 'page', title: path.posix.basename(target) }
          : { kind: 'file', path: target };
      },
    },
    { htmlAllowList: demoAllowList },
  );
  return {
    storage: result.storage,
    messages: [...doc.diagnostics, ...result.diagnostics].map((d) => d.message),
  };
}

test('the showcase is storage Confluence accepts', () => {
  expect(validateStorage(convert().storage)).toEqual({ ok: true });
});

test('a numbered list starting at 7 really starts at 7, apart from the list before it', () => {
  const { storage } = convert();
  expect(storage).toMatch(/<ol><li>First<\/li><li>Second<\/li><li>Third<\/li><\/ol>/);
  expect(storage).toMatch(/<ol start="7"><li>Seventh<\/li>/);
});

test('the only problems are the ones the showcase announces', () => {
  const { messages } = convert();
  // The link to a file that does not exist, and the HTML table the demo does not allow.
  const unexpected = messages.filter(
    (message) =>
      !message.includes('old-guide.md') &&
      !/^Raw HTML <(table|tr|th|td|b)> is not in the allow-html/.test(message),
  );
  expect(unexpected).toEqual([]);
  expect(messages.filter((message) => message.includes('old-guide.md'))).toHaveLength(1);
});
