import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import type { Alert, AlertKind } from '../mdast-extensions.js';
import { macro, richTextBody } from '../xml/macros.js';

/**
 * GitHub alerts → Confluence panels, chosen by intent, as md2conf maps them. Confluence's macro
 * names are misleading (confluence-api.md §5.2): `info` is the blue "i", `tip` the green check,
 * `note` the yellow/orange "!" (shown as "Warning" in the UI) and `warning` the red "x" (shown as
 * "Error"). So NOTE→info, TIP→tip, IMPORTANT→note, WARNING→note, CAUTION→warning; the panel is
 * titled with GitHub's label so IMPORTANT and WARNING stay distinguishable.
 */
const PANELS: Record<AlertKind, { macro: string; title: string }> = {
  note: { macro: 'info', title: 'Note' },
  tip: { macro: 'tip', title: 'Tip' },
  important: { macro: 'note', title: 'Important' },
  warning: { macro: 'note', title: 'Warning' },
  caution: { macro: 'warning', title: 'Caution' },
};

export function alert(state: State, node: Alert): HandlerResult {
  const panel = PANELS[node.kind];
  return macro(panel.macro, { title: panel.title }, richTextBody(state.all(node)));
}
