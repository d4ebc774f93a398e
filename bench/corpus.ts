/**
 * Deterministic generated docs trees for benchmarks: folders of realistic pages with code,
 * tables, links between pages and a few images, so publish costs look like a real docs repo.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PNG_1PX = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5d6f0a40000000049454e44ae426082',
  'hex',
);

export interface CorpusOptions {
  pages: number;
  /** Pages per folder (folders get an index.md). */
  perFolder?: number;
  /** Every n-th page gets an image. */
  imageEvery?: number;
}

/** Writes the tree into `dir` (its `docs/` subfolder) and returns the docs-relative page paths. */
export function writeCorpus(dir: string, options: CorpusOptions): string[] {
  const perFolder = options.perFolder ?? 50;
  const imageEvery = options.imageEvery ?? 25;
  const docs = path.join(dir, 'docs');
  const written: string[] = [];
  const folders = Math.ceil(options.pages / perFolder);
  let n = 0;
  for (let f = 0; f < folders && n < options.pages; f++) {
    const folder = `area-${String(f).padStart(3, '0')}`;
    mkdirSync(path.join(docs, folder, 'img'), { recursive: true });
    writeFileSync(path.join(docs, folder, 'index.md'), `# Area ${f}\n\nOverview of area ${f}.\n`);
    written.push(`${folder}/index.md`);
    n++;
    for (let i = 1; i < perFolder && n < options.pages; i++, n++) {
      const name = `topic-${String(i).padStart(3, '0')}.md`;
      const withImage = n % imageEvery === 0;
      if (withImage) writeFileSync(path.join(docs, folder, 'img', `fig-${i}.png`), PNG_1PX);
      writeFileSync(path.join(docs, folder, name), pageBody(f, i, withImage));
      written.push(`${folder}/${name}`);
    }
  }
  return written;
}

function pageBody(f: number, i: number, withImage: boolean): string {
  const prev =
    i > 1 ? `[previous topic](topic-${String(i - 1).padStart(3, '0')}.md)` : '[area overview](index.md)';
  return `# Area ${f} topic ${i}

This page explains topic ${i} of area ${f}. See the ${prev} for context.

## Configuration

| Key | Default | Meaning |
| --- | --- | --- |
| \`timeout\` | \`30\` | Seconds before giving up |
| \`retries\` | \`3\` | Attempts on a transient error |

\`\`\`ts
export function topic${i}(input: string): string {
  return input.trim().toLowerCase();
}
\`\`\`

> [!NOTE]
> Values are read at start-up.
${withImage ? `\n![Figure ${i}](img/fig-${i}.png)\n` : ''}
- first point about topic ${i}
- second point, with **emphasis** and \`code\`
`;
}
