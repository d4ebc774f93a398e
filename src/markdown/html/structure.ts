/**
 * Raw HTML with an allow-list: match start and end tags of allowed elements across sibling nodes
 * and build `htmlElement` nodes around what lies between, Markdown included.
 *
 * remark splits raw HTML into separate `html` nodes around Markdown: `<details>` (one node), a
 * paragraph, `</details>` (another node); `Press <kbd>` `Ctrl` `</kbd>` inside a paragraph. So
 * the children of one parent are tokenized together: each `html` node becomes tokens (parse5),
 * other nodes pass through, and a stack pairs the tags. What cannot be paired or is not allowed
 * stays as the text the author wrote. Run lazily by `state.all`, this never modifies the parsed
 * tree: it returns a new list of children.
 */
import type { Html, Nodes } from 'mdast';
import type { Position } from 'unist';
import type { State } from '../state.js';
import type { HtmlElement, HtmlText } from '../mdast-extensions.js';
import {
  BLOCK_ELEMENTS,
  SUPPORTED_HTML_ELEMENTS,
  TABLE_STRUCTURE,
  VOID_ELEMENTS,
  WRAPPER_ELEMENTS,
  keptAttributes,
  mayOpen,
} from './policy.js';
import { isCommentOnly, tokenizeHtml } from './tokenize.js';
import { MAX_HTML_NESTING } from '../limits.js';
import { lineIndexAt, lineStartsOf } from '../text-utils.js';

type Item = Nodes;

const SUPPORTED: ReadonlySet<string> = new Set(SUPPORTED_HTML_ELEMENTS);

/**
 * Marks the end of an `html` node among blocks: each raw HTML block is its own paragraph, even
 * when the next block is raw HTML too.
 */
const BOUNDARY = { type: 'boundary' } as const;

interface Frame {
  element: HtmlElement | undefined;
  /** Whether this level holds blocks. */
  flow: boolean;
  items: (Item | typeof BOUNDARY)[];
}

/** Node types that are inline content: at block level, runs of them are wrapped in a paragraph. */
const PHRASING = new Set([
  'text',
  'emphasis',
  'strong',
  'delete',
  'inlineCode',
  'break',
  'link',
  'linkReference',
  'image',
  'imageReference',
  'footnoteReference',
  'emoji',
  'htmlText',
]);

export function structureHtml(state: State, children: readonly Nodes[], flow: boolean): Nodes[] {
  const allow = state.settings.htmlAllowList;
  const top: Frame = { element: undefined, flow, items: [] };
  const stack: Frame[] = [top];
  const current = (): Frame => stack[stack.length - 1];

  const unwrapTop = (why = 'is never closed'): void => {
    const frame = stack.pop();
    if (!frame?.element) return;
    state.report(
      'warning',
      `Raw HTML <${frame.element.tagName}> ${why}; shown as text`,
      frame.element.position,
    );
    current().items.push(
      rawText(frame.element.openRaw, frame.element.position),
      ...frame.items.map(asWrittenItem),
    );
  };

  for (const child of children) {
    if (child.type !== 'html') {
      current().items.push(child);
      continue;
    }
    if (isCommentOnly(child.value)) continue;
    const locate = locator(state, child);
    for (const token of tokenizeHtml(child.value)) {
      const position = locate(token.offset);
      const frame = current();
      if (token.type === 'comment') continue;
      if (token.type === 'text') {
        const node: HtmlText = { type: 'htmlText', value: token.value, raw: token.raw, position };
        frame.items.push(node);
        continue;
      }
      if ((token.type === 'start' || token.type === 'end') && WRAPPER_ELEMENTS.has(token.name)) {
        if (!state.wrapperNoticeGiven) {
          state.wrapperNoticeGiven = true;
          state.report(
            'notice',
            `Raw HTML <${token.name}> has no Confluence equivalent; its tags (and those of other layout wrappers on this page) are left out, their content is kept`,
            position,
          );
        }
        continue;
      }
      if (token.type === 'start') {
        const name = token.name;
        const enclosing = frame.element?.tagName;
        if (!allow.has(name) || !mayOpen(name, enclosing, frame.flow)) {
          state.report(
            'warning',
            allow.has(name)
              ? `Raw HTML <${name}> cannot be used here; shown as text`
              : SUPPORTED.has(name)
                ? `Raw HTML <${name}> is not in the allow-html setting; shown as text`
                : `Raw HTML <${name}> is not an element cmsync can render; shown as text`,
            position,
          );
          frame.items.push(rawText(token.raw, position));
          continue;
        }
        if (!VOID_ELEMENTS.has(name) && stack.length > MAX_HTML_NESTING) {
          if (!state.htmlDepthWarningGiven) {
            state.htmlDepthWarningGiven = true;
            state.report(
              'warning',
              `Raw HTML is nested more than ${MAX_HTML_NESTING} elements deep here; deeper tags are shown as text`,
              position,
            );
          }
          frame.items.push(rawText(token.raw, position));
          continue;
        }
        if (token.attributes.some((attribute) => attribute.name.startsWith('on'))) {
          state.report('warning', `Event handler attributes on <${name}> were removed`, position);
        }
        const element: HtmlElement = {
          type: 'htmlElement',
          tagName: name,
          attributes: keptAttributes(name, token.attributes),
          flow: frame.flow,
          openRaw: token.raw,
          closeRaw: '',
          children: [],
          position,
        };
        if (VOID_ELEMENTS.has(name)) frame.items.push(element);
        else stack.push({ element, flow: name === 'details', items: [] });
        continue;
      }
      // An end tag: close the innermost open element of that name, unwrapping any left open inside.
      let index = stack.length - 1;
      while (index > 0 && stack[index].element?.tagName !== token.name) index--;
      if (index === 0) {
        frame.items.push(rawText(token.raw, position));
        continue;
      }
      while (stack.length - 1 > index) unwrapTop();
      const closing = stack.pop() as Frame;
      const element = closing.element as HtmlElement;
      element.closeRaw = token.raw;
      element.children = finish(closing) as HtmlElement['children'];
      if (TABLE_STRUCTURE.has(element.tagName) && !validStructure(element)) {
        state.report(
          'warning',
          `Raw HTML <${element.tagName}> has content a table cannot hold; shown as text`,
          element.position,
        );
        current().items.push(...unwrapTable(element));
      } else current().items.push(element);
    }
    // Among blocks, only `<details>` and `<table>` may hold blocks: any other element opened
    // there (`<summary>`, `<b>` …) must close before its HTML block ends (the next blank line).
    for (
      let top = current().element;
      top?.flow && !BLOCK_ELEMENTS.has(top.tagName);
      top = current().element
    ) {
      unwrapTop('is not closed before the end of its HTML block');
    }
    if (current().flow) current().items.push(BOUNDARY);
  }
  while (stack.length > 1) unwrapTop();
  top.items = top.items.map(asWrittenItem);
  return finish(top);
}

/** The children of a closed frame: runs of inline content wrapped in paragraphs at block level. */
function finish(frame: Frame): Item[] {
  const structural = frame.element !== undefined && TABLE_STRUCTURE.has(frame.element.tagName);
  const items = frame.items.filter((item) => !(structural && item.type !== 'boundary' && isBlank(item)));
  if (!frame.flow) return items.filter((item): item is Item => item.type !== 'boundary');
  const result: Item[] = [];
  let run: Item[] = [];
  const flush = (): void => {
    while (run.length > 0 && isBlank(run[0])) run.shift();
    while (run.length > 0 && isBlank(run[run.length - 1])) run.pop();
    if (run.length > 0) result.push({ type: 'paragraph', children: run } as Item);
    run = [];
  };
  for (const item of items) {
    if (item.type === 'boundary') flush();
    else if (isInline(item)) run.push(item);
    else {
      flush();
      result.push(item);
    }
  }
  flush();
  return result;
}

function isInline(item: Item): boolean {
  if (item.type === 'htmlElement') return !BLOCK_ELEMENTS.has(item.tagName) && item.tagName !== 'summary';
  return PHRASING.has(item.type);
}

function isBlank(item: Item): boolean {
  return item.type === 'htmlText' && item.value.trim() === '' && item.raw.trim() === '';
}

/** Table structure holds only its own kind of children. */
function validStructure(element: HtmlElement): boolean {
  const expected =
    element.tagName === 'table'
      ? ['thead', 'tbody', 'tfoot', 'tr']
      : element.tagName === 'tr'
        ? ['td', 'th']
        : ['tr'];
  return element.children.every((child) => child.type === 'htmlElement' && expected.includes(child.tagName));
}

/** A rejected table, back to text: its tags as written, its cells' content kept. */
function unwrapTable(element: HtmlElement): Item[] {
  const inner = element.children.flatMap((child): Item[] =>
    child.type === 'htmlElement' &&
    (TABLE_STRUCTURE.has(child.tagName) || child.tagName === 'td' || child.tagName === 'th')
      ? unwrapTable(child)
      : [asWritten(child)],
  );
  return [rawText(element.openRaw, element.position), ...inner, rawText(element.closeRaw, element.position)];
}

/** Text outside any rendered element is shown exactly as written (`&amp;` stays `&amp;`). */
function asWritten(item: Item): Item {
  return item.type === 'htmlText' ? { ...item, value: item.raw } : item;
}

function asWrittenItem(item: Item | typeof BOUNDARY): Item | typeof BOUNDARY {
  return item.type === 'boundary' ? item : asWritten(item);
}

function rawText(raw: string, position: Position | undefined): HtmlText {
  return { type: 'htmlText', value: raw, raw, position };
}

/** Source position of `offset` within the `html` node (lines exact; columns exact on its first line). */
export function locator(state: State, node: Html): (offset: number) => Position | undefined {
  const start = node.position?.start;
  if (!start) return () => undefined;
  // Computed once per node, then a binary search per token: linear in the size of the HTML.
  const starts = lineStartsOf(node.value);
  return (offset) => {
    const index = lineIndexAt(starts, offset);
    let column: number;
    if (index === 0) column = start.column + offset;
    else {
      // Inside a list item or quote, the node's later lines lack the container's prefix (`> `,
      // indentation); they end where the source lines end, so columns are counted from there.
      column = offset - starts[index] + 1;
      const sourceStarts = state.lineStarts();
      const line = start.line - 1 + index;
      if (state.source !== '' && line < sourceStarts.length) {
        const sourceLineEnd =
          line + 1 < sourceStarts.length ? sourceStarts[line + 1] : state.source.length + 1;
        const valueLineEnd = index + 1 < starts.length ? starts[index + 1] : node.value.length + 1;
        const fromSource = sourceLineEnd - sourceStarts[line] - (valueLineEnd - offset) + 1;
        if (fromSource >= column) column = fromSource;
      }
    }
    const point = { line: start.line + index, column };
    return { start: point, end: point };
  };
}
