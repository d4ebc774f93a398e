/**
 * Generated docs trees for the fault-injection and crash tests: folders of pages with front
 * matter order, labels, links to siblings and images, deterministic byte for byte.
 */
import { PNG, type Files } from './harness.js';

export interface TreeShape {
  folders: number;
  pagesPerFolder: number;
  /** Every n-th page embeds an image of its own. */
  imageEvery: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `folders × (pagesPerFolder + 1)` pages: each folder has an index page and its pages. */
export function bigTree(shape: TreeShape): Files {
  const files: Files = { 'README.md': '# Generated\n' };
  let n = 0;
  for (let f = 1; f <= shape.folders; f++) {
    const dir = `docs/section-${pad(f)}`;
    // Folders in reverse order of their names, so sibling order comes from front matter.
    files[`${dir}/index.md`] =
      `---\ntitle: Section ${pad(f)}\norder: ${shape.folders - f}\n---\nPages about area ${f}.\n`;
    for (let p = 1; p <= shape.pagesPerFolder; p++) {
      n++;
      const name = `page-${pad(p)}`;
      const lines = [
        '---',
        ...(p % 3 === 0 ? [`labels: [Area ${f}, generated]`] : []),
        ...(p % 4 === 0 ? [`order: ${shape.pagesPerFolder - p}`] : []),
        '---',
        `# Topic ${pad(f)}.${pad(p)}`,
        '',
        `Text of topic ${f}.${p}, with **bold** words and \`code\`.`,
        '',
      ];
      if (p > 1) lines.push(`See [the previous topic](page-${pad(p - 1)}.md).`, '');
      if (n % shape.imageEvery === 0) {
        const image = `img/figure-${n}.png`;
        files[`${dir}/${image}`] = new Uint8Array([...PNG, n % 256, Math.floor(n / 256)]);
        lines.push(`![figure ${n}](${image})`, '');
      }
      files[`${dir}/${name}.md`] = lines.join('\n');
    }
  }
  return files;
}
