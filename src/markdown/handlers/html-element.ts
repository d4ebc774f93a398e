import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import type { HtmlElement } from '../mdast-extensions.js';
import { renderHtmlElement } from '../html/render.js';

/** An allow-listed raw HTML element (see `html/render.ts` for each element's mapping). */
export function htmlElement(state: State, node: HtmlElement): HandlerResult {
  return renderHtmlElement(state, node);
}
