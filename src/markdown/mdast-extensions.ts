/**
 * Node types cmsync adds to mdast. The transforms in `transforms/` (run once by `parseDocument`)
 * create `alert`, `toc` and `emoji`; the raw-HTML structuring (`html/structure.ts`, run only with
 * an allow-list) creates `htmlElement` and `htmlText`. Declaring them in mdast's content maps
 * lets the handler registry be checked against them like any other node type.
 */
import type { Data, Literal, Node, Parent } from 'unist';
import type { BlockContent, DefinitionContent, PhrasingContent } from 'mdast';

/** The GitHub alert kinds (`> [!NOTE]` …). */
export type AlertKind = 'note' | 'tip' | 'important' | 'warning' | 'caution';

/** `> [!NOTE]` blockquote, with the marker line removed from its children. */
export interface Alert extends Parent {
  type: 'alert';
  kind: AlertKind;
  children: (BlockContent | DefinitionContent)[];
}

/** A paragraph holding only `[TOC]` or `[[_TOC_]]`. */
export interface Toc extends Node {
  type: 'toc';
}

/**
 * A `:shortcode:` gemoji knows. `value` is the shortcode as written, so that text extraction
 * (heading slugs, titles) sees `:rocket:` as GitHub does.
 */
export interface Emoji extends Literal {
  type: 'emoji';
  value: string;
  /** The shortcode without colons, e.g. `+1`. */
  name: string;
  /** The emoji character(s). */
  emoji: string;
}

/** Extra data the `image-attributes` transform stores on images (`![a](b.png){width=300}`). */
export interface ImageSizeData extends Data {
  width?: string;
  height?: string;
}

/** One attribute of an allow-listed raw HTML element, as the HTML tokenizer decoded it. */
export interface HtmlAttribute {
  name: string;
  value: string;
}

/**
 * An allow-listed raw HTML element whose start and end tags were matched, possibly across
 * several `html` nodes with Markdown in between (`<details>` … `</details>`).
 */
export interface HtmlElement extends Parent {
  type: 'htmlElement';
  tagName: string;
  attributes: HtmlAttribute[];
  /** True when it sits among blocks (root, blockquote, list item); false inside a paragraph. */
  flow: boolean;
  /** The start tag as written, shown as text if the element has to be unwrapped. */
  openRaw: string;
  /** The end tag as written (empty for void elements). */
  closeRaw: string;
  children: (BlockContent | PhrasingContent | HtmlElement | HtmlText | DefinitionContent)[];
}

/** Text from raw HTML: entity-decoded inside allowed elements, the literal source elsewhere. */
export interface HtmlText extends Literal {
  type: 'htmlText';
  value: string;
  /** The source as written, kept so the text can be shown literally if its element is unwrapped. */
  raw: string;
}

declare module 'mdast' {
  interface RootContentMap {
    alert: Alert;
    toc: Toc;
    emoji: Emoji;
    htmlElement: HtmlElement;
    htmlText: HtmlText;
  }
  interface BlockContentMap {
    alert: Alert;
    toc: Toc;
  }
  interface PhrasingContentMap {
    emoji: Emoji;
  }
}
