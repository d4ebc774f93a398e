/**
 * The registry: one handler per node type. Types listed with `ignore` are deliberate: front matter
 * is read by `parseDocument`, definitions are used through `state.definitions`, footnote
 * definitions are rendered by the footnote pass. Any type not listed here goes to `unknownNode`,
 * which shows it as text with a warning rather than dropping it.
 */
import type { Handlers } from '../handler-types.js';
import { alert } from './alert.js';
import { blockquote } from './blockquote.js';
import { hardBreak } from './break.js';
import { code } from './code.js';
import { strikethrough } from './delete.js';
import { emoji } from './emoji.js';
import { emphasis } from './emphasis.js';
import { footnoteReference } from './footnote-reference.js';
import { heading } from './heading.js';
import { html } from './html.js';
import { htmlElement } from './html-element.js';
import { htmlText } from './html-text.js';
import { ignore } from './ignore.js';
import { image } from './image.js';
import { imageReference } from './image-reference.js';
import { inlineCode } from './inline-code.js';
import { link } from './link.js';
import { linkReference } from './link-reference.js';
import { list } from './list.js';
import { listItem } from './list-item.js';
import { paragraph } from './paragraph.js';
import { root } from './root.js';
import { strong } from './strong.js';
import { table } from './table.js';
import { tableCell } from './table-cell.js';
import { tableRow } from './table-row.js';
import { text } from './text.js';
import { thematicBreak } from './thematic-break.js';
import { toc } from './toc.js';

export const handlers = {
  alert,
  blockquote,
  break: hardBreak,
  code,
  delete: strikethrough,
  emoji,
  emphasis,
  footnoteReference,
  heading,
  html,
  htmlElement,
  htmlText,
  image,
  imageReference,
  inlineCode,
  link,
  linkReference,
  list,
  listItem,
  paragraph,
  root,
  strong,
  table,
  tableCell,
  tableRow,
  text,
  thematicBreak,
  toc,
  definition: ignore,
  footnoteDefinition: ignore,
  yaml: ignore,
} satisfies Handlers;
