import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import type { Alert, AlertKind } from '../mdast-extensions.js';
import { macro, richTextBody } from '../xml/macros.js';

/**
 * GitHub alerts → Confluence panels, chosen by intent, as md2conf maps them. Confluence's macro
 * names are misleading (confluence-api.md §5.2): `info` is the blue "i", `tip` the green check,
 * `note` the yellow/orange "!" (shown as "Warning" in the UI) and `warning` the red "x" (shown as
 * "Error"). So NOTE→info, TIP→tip, WARNING→note, CAUTION→warning, each titled with GitHub's label.
 * Confluence has no purple panel for IMPORTANT, so it is the classic `panel` macro (Cloud and Data
 * Center) in GitHub's purple, not a second yellow one that looks like WARNING.
 */
const PANELS: Record<AlertKind, { macro: string; title: string; colours?: Record<string, string> }> = {
  note: { macro: 'info', title: 'Note' },
  tip: { macro: 'tip', title: 'Tip' },
  important: {
    macro: 'panel',
    title: 'Important',
    colours: {
      borderStyle: 'solid',
      borderColor: '#8250df',
      titleBGColor: '#8250df',
      titleColor: '#ffffff',
      bgColor: '#fbefff',
    },
  },
  warning: { macro: 'note', title: 'Warning' },
  caution: { macro: 'warning', title: 'Caution' },
};

export function alert(state: State, node: Alert): HandlerResult {
  const panel = PANELS[node.kind];
  return macro(panel.macro, { title: panel.title, ...panel.colours }, richTextBody(state.all(node)));
}
