/**
 * Raw HTML → tokens, with parse5's spec-compliant tokenizer (no tree building, so a `<details>`
 * whose `</details>` is in a later `html` node is just a start tag here). Every token keeps the
 * exact source it came from, so anything that is not rendered can be shown as written; whatever
 * the tokenizer leaves at the end (an unfinished `</details`) becomes text, never lost.
 */
import { Tokenizer, type TokenHandler } from 'parse5';

export type HtmlToken =
  | {
      type: 'start';
      name: string;
      attributes: { name: string; value: string }[];
      selfClosing: boolean;
      raw: string;
      offset: number;
    }
  | { type: 'end'; name: string; raw: string; offset: number }
  /**
   * `value` is entity-decoded; `raw` is as written. `unclosedComment`: a `<!--` without `-->`,
   * shown as text (GitHub hides everything after it; here nothing is lost, and it is reported).
   */
  | { type: 'text'; value: string; raw: string; offset: number; unclosedComment?: true }
  /** `<!-- … -->`: never rendered (GitHub hides them too). */
  | { type: 'comment'; raw: string; offset: number };

export function tokenizeHtml(source: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let consumed = 0;
  const slice = (start: number, end: number): string => {
    consumed = Math.max(consumed, end);
    return source.slice(start, end);
  };
  const character = (token: {
    chars: string;
    location: { startOffset: number; endOffset: number } | null;
  }): void => {
    if (!token.location) return;
    const { startOffset, endOffset } = token.location;
    const raw = slice(startOffset, endOffset);
    const last = tokens[tokens.length - 1];
    if (last && last.type === 'text' && last.offset + last.raw.length === startOffset) {
      last.value += token.chars;
      last.raw += raw;
    } else tokens.push({ type: 'text', value: token.chars, raw, offset: startOffset });
  };
  const handler: TokenHandler = {
    onStartTag(token) {
      if (!token.location) return;
      const { startOffset, endOffset } = token.location;
      tokens.push({
        type: 'start',
        name: token.tagName,
        attributes: token.attrs.map(({ name, value }) => ({ name, value })),
        selfClosing: token.selfClosing,
        raw: slice(startOffset, endOffset),
        offset: startOffset,
      });
    },
    onEndTag(token) {
      if (!token.location) return;
      const { startOffset, endOffset } = token.location;
      tokens.push({
        type: 'end',
        name: token.tagName,
        raw: slice(startOffset, endOffset),
        offset: startOffset,
      });
    },
    onComment(token) {
      if (!token.location) return;
      const { startOffset, endOffset } = token.location;
      const raw = slice(startOffset, endOffset);
      // Only real comments are hidden; "bogus comments" (`<![CDATA[ … >`, `<?php … >`) are text
      // the author can see on GitHub, so they are shown as written.
      if (!raw.startsWith('<!--')) tokens.push({ type: 'text', value: raw, raw, offset: startOffset });
      else if (isClosedComment(raw)) tokens.push({ type: 'comment', raw, offset: startOffset });
      else tokens.push({ type: 'text', value: raw, raw, offset: startOffset, unclosedComment: true });
    },
    onDoctype(token) {
      if (!token.location) return;
      const { startOffset, endOffset } = token.location;
      const raw = slice(startOffset, endOffset);
      tokens.push({ type: 'text', value: raw, raw, offset: startOffset });
    },
    onCharacter: character,
    onWhitespaceCharacter: character,
    onNullCharacter: character,
    onEof() {},
  };
  const tokenizer = new Tokenizer({ sourceCodeLocationInfo: true }, handler);
  tokenizer.write(source, true);
  if (consumed < source.length) {
    const rest = source.slice(consumed);
    tokens.push({ type: 'text', value: rest, raw: rest, offset: consumed });
  }
  return tokens;
}

/** Whether raw HTML is nothing but comments and whitespace (then it is left out of the page). */
export function isCommentOnly(source: string): boolean {
  return /^\s*(?:<!--(?!-?>)[\s\S]*?-->\s*)+$/.test(source);
}

/** `<!-- … -->`, and the empty `<!-->` and `<!--->` (comments to HTML and CommonMark). */
function isClosedComment(raw: string): boolean {
  return raw.endsWith('-->') && (raw.length >= 7 || raw === '<!-->' || raw === '<!--->');
}

/** Raw HTML without its comments (`<!-- c --> visible` → ` visible`). */
export function withoutComments(source: string): string {
  if (!source.includes('<!--')) return source;
  return tokenizeHtml(source)
    .filter((token) => token.type !== 'comment')
    .map((token) => token.raw)
    .join('');
}

/** Offset of a `<!--` that is never closed, if any. */
export function unclosedCommentAt(source: string): number | undefined {
  if (!source.includes('<!--')) return undefined;
  for (const token of tokenizeHtml(source))
    if (token.type === 'text' && token.unclosedComment) return token.offset;
  return undefined;
}
