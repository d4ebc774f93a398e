/**
 * YAML front matter → `FrontMatter`. Invalid YAML or a key of the wrong type is an error
 * diagnostic at the offending line and column, and the file is not published (`ok: false`);
 * unknown keys are kept in `extra`.
 *
 * Keys: `title` (string; a number is accepted as text), `labels` (a list, each item one label, or
 * one string split on commas), `order` / `nav_order` / `sidebar_position` (a number; the first of these
 * present wins), `confluence` / `publish` (boolean; `false` skips the file).
 */
import { isMap, isScalar, LineCounter, parseDocument as parseYaml } from 'yaml';
import type { Yaml } from 'mdast';
import { getErrorMessage, type Diagnostic } from '../util/diagnostics.js';
import type { FrontMatter } from './types.js';

const ORDER_KEYS = ['order', 'nav_order', 'sidebar_position'];
const KNOWN_KEYS = new Set(['title', 'labels', ...ORDER_KEYS, 'confluence', 'publish']);

export interface FrontMatterResult {
  frontMatter: FrontMatter;
  diagnostics: Diagnostic[];
}

export function emptyFrontMatter(): FrontMatter {
  return { publish: true, extra: {} };
}

export function parseFrontMatter(node: Yaml, file: string): FrontMatterResult {
  const frontMatter = emptyFrontMatter();
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const doc = parseYaml(node.value, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // The YAML starts on the line after the opening `---`.
  const firstLine = (node.position?.start.line ?? 1) + 1;
  const error = (message: string, offset: number): void => {
    const pos = lineCounter.linePos(offset);
    diagnostics.push({ severity: 'error', message, file, line: firstLine + pos.line - 1, column: pos.col });
  };

  if (doc.errors.length > 0) {
    for (const problem of doc.errors)
      error(`Invalid YAML front matter: ${headline(problem.message)}`, problem.pos[0]);
    return { frontMatter, diagnostics };
  }
  if (doc.contents === null) return { frontMatter, diagnostics };
  if (!isMap(doc.contents)) {
    error('Front matter must be a mapping of keys to values', doc.contents.range?.[0] ?? 0);
    return { frontMatter, diagnostics };
  }

  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (problem) {
    // An alias bomb (`&a [*a, *a …]`) or similar: refused rather than expanded.
    error(`Invalid YAML front matter: ${headline(getErrorMessage(problem))}`, 0);
    return { frontMatter, diagnostics };
  }
  const map = doc.contents;
  const value = (key: string): { value: unknown; offset: number } | undefined => {
    if (!Object.hasOwn(data, key)) return undefined;
    const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    const node = pair?.value ?? pair?.key;
    const offset =
      node && typeof node === 'object' && 'range' in node && Array.isArray(node.range) ? node.range[0] : 0;
    return { value: data[key], offset: typeof offset === 'number' ? offset : 0 };
  };

  const title = value('title');
  if (title !== undefined && title.value !== null) {
    if (typeof title.value === 'string' || typeof title.value === 'number') {
      frontMatter.title = String(title.value).trim() || undefined;
      frontMatter.titleLine = firstLine + lineCounter.linePos(title.offset).line - 1;
    } else error('Front matter `title` must be a string', title.offset);
  }

  const labels = value('labels');
  if (labels !== undefined && labels.value !== null) {
    if (typeof labels.value === 'string') frontMatter.labels = splitLabels(labels.value);
    else if (
      Array.isArray(labels.value) &&
      labels.value.every((l) => typeof l === 'string' || typeof l === 'number')
    ) {
      // `[Getting Started]` is one label (the sync layer makes it `getting-started`), not two.
      frontMatter.labels = labels.value.map((l) => String(l).trim()).filter((l) => l !== '');
    } else error('Front matter `labels` must be a list of strings or one string', labels.offset);
  }

  for (const key of ORDER_KEYS) {
    const order = value(key);
    if (order === undefined || order.value === null) continue;
    if (typeof order.value === 'number' && Number.isFinite(order.value)) {
      frontMatter.order ??= order.value;
    } else error(`Front matter \`${key}\` must be a number`, order.offset);
  }

  for (const key of ['confluence', 'publish']) {
    const flag = value(key);
    if (flag === undefined || flag.value === null) continue;
    if (typeof flag.value === 'boolean') {
      if (!flag.value) frontMatter.publish = false;
    } else error(`Front matter \`${key}\` must be true or false`, flag.offset);
  }

  for (const [key, v] of Object.entries(data)) if (!KNOWN_KEYS.has(key)) frontMatter.extra[key] = v;
  return { frontMatter, diagnostics };
}

/** `"api, getting started"` → `api`, `getting started`: commas separate, spaces belong to a label. */
function splitLabels(value: string): string[] {
  return value
    .split(',')
    .map((label) => label.trim())
    .filter((label) => label !== '');
}

/** yaml's messages can span several lines with a code excerpt; the first line says it all. */
function headline(message: string): string {
  return message.split('\n')[0];
}
