import type { Html, Parents } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { isFlow } from '../flow.js';
import { text, x, type XNode } from '../xml/nodes.js';
import { withoutComments } from '../html/tokenize.js';

/**
 * Raw HTML with no allow-list (the default): shown as the text the author wrote, escaped, so no
 * markup, script or Confluence macro can get through. A block keeps its line breaks. HTML
 * comments are invisible on GitHub and are left out here too. With an allow-list, raw HTML never
 * reaches this handler: `state.all` has already structured it into `htmlElement`/`htmlText`.
 */
export function html(state: State, node: Html, parent: Parents | undefined): HandlerResult {
  // Comments are left out, the rest is kept: `<!-- c --> visible` shows ` visible`.
  const value = withoutComments(node.value);
  if (value.trim() === '') return undefined;
  if (!state.rawHtmlNoticeGiven && value.includes('<')) {
    state.rawHtmlNoticeGiven = true;
    state.report(
      'notice',
      'Raw HTML is shown as text; to render supported elements (details, img, table …), list them in the allow-html setting',
      node.position,
    );
  }
  if (!isFlow(parent)) return text(value);
  const lines: XNode[] = [];
  value
    .trimEnd()
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (index > 0) lines.push(x('br'));
      lines.push(text(line));
    });
  return x('p', {}, lines);
}
