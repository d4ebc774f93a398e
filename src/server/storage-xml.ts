/**
 * Strict validation (and parsing) of Confluence storage format, as Confluence does on every page
 * write: the fragment must be well-formed XML once wrapped in a root that declares the `ac:` and
 * `ri:` namespaces; only XML's five entities, numeric references and XHTML 1.0's named entities
 * resolve. Failures read like Confluence's Woodstox messages:
 * `Error parsing xhtml: <reason>\n at [row,col {unknown-source}]: [R,C]` (confluence-api.md §4.3).
 */
import { SaxesParser } from 'saxes';
import { XHTML_ENTITIES } from './xhtml-entities.js';

/** A parsed storage element or text run (CDATA included, as text). */
export type StorageNode = StorageElement | { type: 'text'; value: string };

export interface StorageElement {
  type: 'element';
  /** Qualified name as written, e.g. `p`, `ac:structured-macro`. */
  name: string;
  attributes: Record<string, string>;
  children: StorageNode[];
}

export type StorageParseResult =
  { ok: true; root: StorageElement } | { ok: false; message: string; row: number; col: number };

const NAMESPACES =
  'xmlns:ac="http://atlassian.com/content" xmlns:ri="http://atlassian.com/resource/identifier"';
const PREFIX = `<cmsync-storage ${NAMESPACES}>`;
const SUFFIX = '</cmsync-storage>';

const ENTITY_TEXT: Record<string, string> = Object.fromEntries(
  Object.entries(XHTML_ENTITIES).map(([name, cp]) => [name, String.fromCodePoint(cp)]),
);

/**
 * Checks that `xml` is storage Confluence would accept.
 * Exported for the tests of other modules: converter output must pass it.
 */
export function validateStorage(xml: string): { ok: true } | { ok: false; message: string } {
  const result = parseStorage(xml);
  return result.ok ? { ok: true } : { ok: false, message: result.message };
}

/** Parses a storage fragment into a tree under a synthetic root, or explains why it is not valid. */
export function parseStorage(xml: string): StorageParseResult {
  const parser = new SaxesParser({ xmlns: true, position: true });
  Object.assign(parser.ENTITIES, ENTITY_TEXT);
  const root: StorageElement = { type: 'element', name: '#root', attributes: {}, children: [] };
  const stack: StorageElement[] = [];
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attr] of Object.entries(tag.attributes)) {
      if (!name.startsWith('xmlns')) attributes[name] = attr.value;
    }
    const element: StorageElement = { type: 'element', name: tag.name, attributes, children: [] };
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  // saxes emits closetag for the open element before it reports a mismatched close tag.
  let lastClosed = '';
  parser.on('closetag', () => {
    const closed = stack.pop();
    lastClosed = closed?.name ?? '';
    if (stack.length === 0 && closed) root.children = closed.children;
  });
  const addText = (value: string): void => {
    if (stack.length > 1) stack[stack.length - 1].children.push({ type: 'text', value });
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  const prefixLength = PREFIX.length;
  const failure = (message: string): StorageParseResult => {
    // Positions are reported for the user's fragment: strip the wrapper from line 1. saxes' column
    // counts the characters read, i.e. it is the 1-based column of the character that failed.
    const row = parser.line;
    const col = Math.max(1, row === 1 ? parser.column - prefixLength : parser.column);
    return {
      ok: false,
      message: `Error parsing xhtml: ${message}\n at [row,col {unknown-source}]: [${row},${col}]`,
      row,
      col,
    };
  };

  try {
    parser.write(PREFIX);
    parser.write(xml);
  } catch (error) {
    return failure(describe(error, xml.slice(0, Math.max(0, parser.position - prefixLength)), lastClosed));
  }
  if (stack.length > 1) {
    return failure(`Unexpected EOF; was expecting a close tag for element <${stack[stack.length - 1].name}>`);
  }
  try {
    parser.write(SUFFIX).close();
  } catch (error) {
    // The fragment ended inside a tag, comment or CDATA section.
    return failure(`Unexpected EOF in the middle of markup (${saxesReason(error)})`);
  }
  return { ok: true, root };
}

function saxesReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // saxes prefixes `line:column: `; the position is reported separately.
  return text.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '');
}

/** Rewords saxes' messages in Woodstox's terms where Confluence users know them. */
function describe(error: unknown, before: string, lastClosed: string): string {
  const reason = saxesReason(error);
  if (reason.includes(']]>')) {
    return "String ']]>' not allowed in textual content, except as the end marker of CDATA section";
  }
  if (reason === 'undefined entity') {
    const name = /&([^;&\s]*);?$/.exec(before)?.[1] ?? '';
    return `Undeclared general entity "${name}"`;
  }
  if (reason.startsWith('unexpected close tag')) {
    const closing = /<\/([^>\s]*)\s*>?$/.exec(before)?.[1];
    if (closing && lastClosed === 'cmsync-storage')
      return `Unexpected close tag </${closing}>; no open element`;
    if (closing && lastClosed) return `Unexpected close tag </${closing}>; expected </${lastClosed}>.`;
  }
  if (reason.startsWith('unbound namespace prefix')) {
    return `Undeclared namespace prefix ${reason.replace(/^unbound namespace prefix:\s*/, '')}`;
  }
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}
