/**
 * Markdown source → `ParsedDocument`: front matter, the title-candidate `# H1`, and the tree
 * after cmsync's transforms. Options play no part here, so one parse serves any conversion.
 */
import type { Heading, Root, RootContent } from 'mdast';
import type { Diagnostic } from '../util/diagnostics.js';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { ParsedDocument } from './types.js';
import { emptyFrontMatter, parseFrontMatter } from './front-matter.js';
import { isCommentOnly } from './html/tokenize.js';
import { applyTransforms } from './transforms/index.js';
import { MarkdownTree } from './tree.js';
import { headingText } from './anchors.js';
import { decodeUtf8 } from './encoding.js';
import { MAX_NESTING, prescanNesting, tooDeep } from './limits.js';
import './mdast-extensions.js';

/**
 * Frozen once: a frozen processor cannot be reconfigured, and `parse` keeps no state on it, so
 * sharing it between calls shares nothing mutable.
 */
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/**
 * Parse one Markdown file (`file` is its workspace-relative POSIX path, for diagnostics). Given
 * the file's bytes, they are decoded here: bytes that are not UTF-8 are an error (the file is not
 * published). Content nested too deeply to convert is an error too, at its line.
 */
export function parseDocument(input: string | Uint8Array, file: string): ParsedDocument {
  const problems: Diagnostic[] = [];
  let source: string;
  if (typeof input === 'string') {
    source = input;
    const replacement = source.indexOf('\uFFFD');
    if (replacement !== -1) {
      problems.push({
        severity: 'warning',
        message:
          'Contains U+FFFD replacement characters (\uFFFD): the file was probably not saved as UTF-8, so some characters are lost',
        file,
        ...lineAndColumn(source, replacement),
      });
    }
  } else {
    const decoded = decodeUtf8(input);
    source = decoded.text;
    if (decoded.invalid) {
      const { line, column, byte } = decoded.invalid;
      problems.push({
        severity: 'error',
        message: `${file} is not UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} here); save it as UTF-8. It is not published`,
        file,
        line,
        column,
      });
    }
  }

  const deepLine = prescanNesting(source);
  let root: Root | undefined;
  if (!deepLine) {
    try {
      root = processor.parse(source) as Root;
    } catch (error) {
      // The parser and its GFM transforms recurse per nesting level; a RangeError is the stack.
      if (!(error instanceof RangeError)) throw error;
    }
  }
  if (!root) return tooDeeplyNested(source, file, problems, deepLine?.line ?? deepestLine(source));
  const deep = tooDeep(root);
  if (deep) {
    return tooDeeplyNested(source, file, problems, deep.position?.start.line, deep.position?.start.column);
  }

  const yaml = root.children[0]?.type === 'yaml' ? root.children[0] : undefined;
  const { frontMatter, diagnostics } = yaml
    ? parseFrontMatter(yaml, file)
    : { frontMatter: emptyFrontMatter(), diagnostics: [] };
  diagnostics.push(...problems);
  applyTransforms(root, source);
  const titleHeading = leadingH1(root.children);
  return {
    frontMatter,
    // The visible text, as for its anchor: `# <b>Guide</b>` is titled "Guide", not "<b>Guide</b>".
    h1Title: titleHeading ? headingText(titleHeading).trim() || undefined : undefined,
    ...(titleHeading?.position ? { h1Line: titleHeading.position.start.line } : {}),
    diagnostics,
    tree: new MarkdownTree(root, source, file, titleHeading),
    ok: !diagnostics.some((diagnostic) => diagnostic.severity === 'error'),
  };
}

/** A document that cannot be converted: an error at the deepest point, and an empty tree. */
function tooDeeplyNested(
  source: string,
  file: string,
  problems: Diagnostic[],
  line: number | undefined,
  column = 1,
): ParsedDocument {
  const diagnostics: Diagnostic[] = [
    ...problems,
    {
      severity: 'error',
      message: `Content is nested more than ${MAX_NESTING} levels deep here (quotes, lists, emphasis or links inside each other); cmsync cannot convert it, so this file is not published`,
      file,
      line: line ?? 1,
      column,
    },
  ];
  const root: Root = { type: 'root', children: [] };
  return {
    frontMatter: emptyFrontMatter(),
    diagnostics,
    tree: new MarkdownTree(root, source, file, undefined),
    ok: false,
  };
}

/** The line with the most leading `>`/list markers (where a parser stack overflow came from). */
function deepestLine(source: string): number {
  let best = 1;
  let bestCount = -1;
  source.split('\n').forEach((text, index) => {
    const count = /^[\s>*+\-\d.)]*/.exec(text)?.[0].length ?? 0;
    if (count > bestCount) {
      best = index + 1;
      bestCount = count;
    }
  });
  return best;
}

function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The first content node, when it is a `# H1` (front matter, definitions and comments skipped). */
function leadingH1(children: readonly RootContent[]): Heading | undefined {
  for (const child of children) {
    if (child.type === 'yaml' || child.type === 'definition') continue;
    if (child.type === 'html' && isCommentOnly(child.value)) continue;
    return child.type === 'heading' && child.depth === 1 ? child : undefined;
  }
  return undefined;
}
