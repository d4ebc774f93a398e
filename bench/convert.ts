/**
 * Conversion benchmark: throughput of `parseDocument` + `toStorage` over a generated corpus of
 * realistic docs (≥ 5 MB: headings, prose, lists, tables, code, links, images, alerts, footnotes),
 * and the peak memory while doing it. Pure CPU: no file system, no network.
 *
 * The limit: conversion must never be the bottleneck of a publish, so it must take less time than
 * publishing the same pages — even a run that rewrites every page (a `CONVERTER_VERSION` bump).
 * Publishing the corpus costs at least one write per page, one more for its labels, and one per
 * attachment it references (counted from the conversion results); at the 20 ms per request and
 * concurrency 4 of `bench/publish.ts` that is `requests × 20 ms ÷ 4` (real Confluence answers in
 * 100–500 ms, so this limit is ten times stricter than production). The ratio line prints
 * measured ÷ limit: below 1.00 is within the limit; the share line says how much of a full
 * publish conversion is. Runs that change few pages convert only those (see bench/incremental.ts). Parsing (remark:
 * micromark + mdast-util-from-markdown) and rendering (`toStorage`) are timed apart, because the
 * parser, not cmsync's code, is where nearly all the time goes.
 *
 * Run alone with `npx tsx bench/convert.ts`.
 */
import { pathToFileURL } from 'node:url';
import { parseDocument, toStorage, type LinkContext, type LinkTarget } from '../src/markdown/index.js';

export interface ConvertBenchOptions {
  /** Minimum corpus size in bytes (default 5 MiB). */
  minBytes?: number;
  /** Seed of the generator (default 1). */
  seed?: number;
}

const LATENCY_MS = 20;
const CONCURRENCY = 4;
const SHARE = 1; // conversion may take at most as long as publishing the same pages

export async function benchConvert(options: ConvertBenchOptions = {}): Promise<string[]> {
  const corpus = generateCorpus(options.minBytes ?? 5 * 1024 * 1024, options.seed ?? 1);
  const bytes = corpus.reduce((sum, doc) => sum + Buffer.byteLength(doc.source), 0);

  // One warm-up pass over a slice, so the figures measure steady state rather than the JIT.
  for (const doc of corpus.slice(0, 50)) toStorage(parseDocument(doc.source, doc.path), context(doc.path));

  globalThis.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  let storageBytes = 0;
  let diagnostics = 0;
  let requests = 0;
  let parseMs = 0;
  const started = performance.now();
  for (const [index, doc] of corpus.entries()) {
    const t0 = performance.now();
    const parsed = parseDocument(doc.source, doc.path);
    parseMs += performance.now() - t0;
    const result = toStorage(parsed, context(doc.path));
    storageBytes += result.storage.length;
    diagnostics += result.diagnostics.length + parsed.diagnostics.length;
    requests += 1 + (parsed.frontMatter.labels?.length ? 1 : 0) + result.attachments.length;
    if (index % 10 === 0) {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }
  }
  const wallMs = performance.now() - started;
  const after = process.memoryUsage();
  peakRss = Math.max(peakRss, after.rss);
  peakHeap = Math.max(peakHeap, after.heapUsed);

  const mb = bytes / (1024 * 1024);
  const seconds = wallMs / 1000;
  const publishMs = (requests * LATENCY_MS) / CONCURRENCY;
  const limitMs = publishMs * SHARE;
  return [
    `corpus: ${corpus.length} files, ${mb.toFixed(2)} MiB of Markdown → ${(storageBytes / 1048576).toFixed(2)} MiB of storage (${diagnostics} diagnostics)`,
    `time: ${seconds.toFixed(2)} s wall → ${(mb / seconds).toFixed(2)} MiB/s, ${(corpus.length / seconds).toFixed(0)} files/s, ${(wallMs / corpus.length).toFixed(2)} ms/file`,
    `split: parseDocument ${(parseMs / 1000).toFixed(2)} s (${((100 * parseMs) / wallMs).toFixed(0)}%), toStorage ${((wallMs - parseMs) / 1000).toFixed(2)} s`,
    `memory: peak RSS ${(peakRss / 1048576).toFixed(0)} MiB, peak heap ${(peakHeap / 1048576).toFixed(0)} MiB (heap before ${(before.heapUsed / 1048576).toFixed(0)} MiB)`,
    `limit: not the bottleneck = less than publishing the same pages (${requests} requests × ${LATENCY_MS} ms ÷ ${CONCURRENCY} = ${(limitMs / 1000).toFixed(2)} s) → ratio ${(wallMs / limitMs).toFixed(2)} (below 1.00 is within the limit); conversion is ${((100 * wallMs) / (wallMs + publishMs)).toFixed(0)}% of a full publish`,
  ];
}

interface CorpusDoc {
  path: string;
  source: string;
}

/** Links to `.md` files are pages, images and other files attachments, as in a real tree. */
function context(file: string): LinkContext {
  return {
    file,
    resolve(relativePath: string): LinkTarget {
      if (relativePath.endsWith('.md')) return { kind: 'page', title: titleOf(relativePath) };
      return { kind: 'file', path: relativePath };
    },
  };
}

function titleOf(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.md$/, '').replace(/-/g, ' ');
}

/** A small deterministic PRNG (mulberry32), so every run converts the same corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the a service request page deploy configuration token cache retry timeout value user team ' +
  'release build pipeline server client response error handler option default input output ' +
  'run step job workflow branch commit review docs markdown confluence space parent child ' +
  'ordering label attachment image link section table code example note important because ' +
  'when then however instead which also only every each first last next before after during'
).split(' ');

export function generateCorpus(minBytes: number, seed: number): CorpusDoc[] {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
  const sentence = (): string => {
    const words = Array.from({ length: int(6, 18) }, () => pick(WORDS));
    const decorated = words.map((word, i) =>
      i > 0 && rand() < 0.06
        ? `**${word}**`
        : rand() < 0.05
          ? `\`${word}\``
          : rand() < 0.03
            ? `*${word}*`
            : word,
    );
    const text = decorated.join(' ');
    return text[0].toUpperCase() + text.slice(1) + '.';
  };
  const paragraph = (links: string[]): string => {
    const sentences = Array.from({ length: int(2, 6) }, sentence);
    if (rand() < 0.5) sentences.push(`See [${pick(WORDS)} ${pick(WORDS)}](${pick(links)}) for details.`);
    if (rand() < 0.2) sentences.push(`Read more at <https://example.com/${pick(WORDS)}>.`);
    if (rand() < 0.1) sentences.push('It matters a lot[^1].');
    return sentences.join(' ');
  };
  const table = (): string => {
    const cols = int(2, 5);
    const header = `| ${Array.from({ length: cols }, () => pick(WORDS)).join(' | ')} |`;
    const rule = `|${Array.from({ length: cols }, () => pick([' --- ', ':--', '--:', ':-:'])).join('|')}|`;
    const rows = Array.from(
      { length: int(2, 8) },
      () => `| ${Array.from({ length: cols }, () => `\`${pick(WORDS)}\` ${pick(WORDS)}`).join(' | ')} |`,
    );
    return [header, rule, ...rows].join('\n');
  };
  const code = (): string => {
    const lang = pick(['ts', 'js', 'yaml', 'sh', 'python', 'json', 'go', '']);
    const lines = Array.from(
      { length: int(3, 25) },
      (_, i) =>
        `${'  '.repeat(i % 3)}const ${pick(WORDS)}${i} = call("${pick(WORDS)}", ${i}); // ${pick(WORDS)} < ${pick(WORDS)} && done`,
    );
    return (
      '```' +
      lang +
      (rand() < 0.3 ? ` title="${pick(WORDS)}.${lang || 'txt'}"` : '') +
      '\n' +
      lines.join('\n') +
      '\n```'
    );
  };
  const list = (): string => {
    const task = rand() < 0.25;
    return Array.from(
      { length: int(3, 8) },
      () => `- ${task ? pick(['[ ] ', '[x] ']) : ''}${sentence()}`,
    ).join('\n');
  };
  const alert = (): string =>
    `> [!${pick(['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION'])}]\n> ${sentence()} ${sentence()}`;

  const docs: CorpusDoc[] = [];
  let total = 0;
  for (let n = 0; total < minBytes; n++) {
    const folder = `area-${String(Math.floor(n / 40)).padStart(3, '0')}`;
    const path = `docs/${folder}/topic-${String(n % 40).padStart(3, '0')}.md`;
    const links = [
      `topic-${String((n + 1) % 40).padStart(3, '0')}.md`,
      '../index.md',
      `topic-${String((n + 7) % 40).padStart(3, '0')}.md#configuration`,
      'files/spec.pdf',
    ];
    const blocks: string[] = [
      `---\ntitle: Topic ${n}\nlabels: [${pick(WORDS)}, ${pick(WORDS)}]\norder: ${n % 40}\n---`,
      `# Topic ${n}`,
      paragraph(links),
    ];
    const sections = int(2, 7);
    for (let s = 0; s < sections; s++) {
      blocks.push(`## ${pick(WORDS)} ${pick(WORDS)}`);
      for (let b = int(2, 5); b > 0; b--) {
        const kind = rand();
        if (kind < 0.4) blocks.push(paragraph(links));
        else if (kind < 0.55) blocks.push(list());
        else if (kind < 0.7) blocks.push(code());
        else if (kind < 0.8) blocks.push(table());
        else if (kind < 0.88) blocks.push(alert());
        else if (kind < 0.95) blocks.push(`![${pick(WORDS)} diagram](img/${pick(WORDS)}-${int(1, 9)}.png)`);
        else blocks.push(`### ${pick(WORDS)}\n\n${paragraph(links)}`);
      }
    }
    blocks.push('More in the footnote[^1].\n\n[^1]: A footnote with a [link](https://example.com).');
    const source = blocks.join('\n\n') + '\n';
    docs.push({ path, source });
    total += Buffer.byteLength(source);
  }
  return docs;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchConvert()) console.log(line);
}
