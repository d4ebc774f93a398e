/**
 * Turn a link (Markdown `[x](url)`, a reference link, or an allow-listed `<a href>`) into storage:
 * an anchor link, a page link by title, an attachment link, an external `<a>`, or, when the target
 * is unusable, the label as plain text plus a warning. A dead link is never emitted.
 */
import type { Position } from 'unist';
import type { State } from '../state.js';
import { text, x, type XNode } from '../xml/nodes.js';
import { linkBody, type LinkLabel } from './link-body.js';
import { LINK_SCHEMES, classifyUrl } from './url.js';

/** Anchors of footnotes (`fn-1`, `fnref-1`): not headings, and not known before conversion. */
const FOOTNOTE_ANCHOR = /^fn(?:ref)?-/;

export interface LinkSpec {
  url: string;
  title: string | null | undefined;
  label: LinkLabel;
  position: Position | undefined;
}

export function renderLink(state: State, spec: LinkSpec): XNode[] {
  const after = spec.label.after ?? [];
  const link = linkOnly(state, spec);
  return after.length > 0 ? [...link, ...after] : link;
}

function linkOnly(state: State, spec: LinkSpec): XNode[] {
  const { label, position } = spec;
  const asText = (): XNode[] => label.rich;
  // Confluence links cannot nest (an allow-listed `<a>` inside a Markdown link): keep the label.
  if (state.linkDepth > 0) return asText();

  const target = classifyUrl(spec.url);
  switch (target.kind) {
    case 'empty':
      state.report('warning', 'Link has no target; shown as plain text', position);
      return asText();
    case 'blocked':
      state.report(
        'warning',
        `Link with a \`${target.scheme}:\` URL is not allowed; shown as plain text`,
        position,
      );
      return asText();
    case 'external': {
      if (!LINK_SCHEMES.has(target.scheme)) {
        state.report(
          'warning',
          `Link with a \`${target.scheme}:\` URL is not supported (only http, https, mailto and tel); shown as plain text`,
          position,
        );
        return asText();
      }
      const body = label.rich.length > 0 ? label.rich : [text(target.href)];
      return [x('a', { href: target.href, title: spec.title || undefined }, body)];
    }
    case 'anchor': {
      // `#` alone is the top of the page, as in a browser; the dropped title heading is there too.
      // Their anchor is emitted at the top of the page (see `root`).
      if (target.fragment === '') {
        state.topAnchor ??= state.titleAnchor ?? freeAnchor(state, 'top');
        return [x('ac:link', { 'ac:anchor': state.topAnchor }, linkBody(label))];
      }
      if (target.fragment === state.titleAnchor) state.topAnchor = state.titleAnchor;
      else if (!state.anchors.has(target.fragment)) {
        state.report(
          'warning',
          `No heading or footnote on this page has the anchor #${target.fragment}`,
          position,
        );
      }
      return [x('ac:link', { 'ac:anchor': target.fragment }, linkBody(label))];
    }
    case 'local': {
      const resolved = state.ctx.resolve(target.path);
      switch (resolved.kind) {
        case 'page': {
          let anchor = target.fragment;
          // A link to the other page's dropped title heading goes to the top of that page.
          if (anchor !== undefined && anchor === resolved.titleAnchor) anchor = undefined;
          else if (anchor !== undefined && resolved.anchors && !resolved.anchors.has(anchor)) {
            if (!FOOTNOTE_ANCHOR.test(anchor)) {
              state.report(
                'warning',
                `Link target ${target.path} has no heading with the anchor #${anchor}`,
                position,
              );
            }
          }
          return [
            x(
              'ac:link',
              { 'ac:anchor': anchor },
              x('ri:page', { 'ri:content-title': resolved.title, 'ri:space-key': resolved.spaceKey }),
              linkBody(label),
            ),
          ];
        }
        case 'file': {
          const filename = state.attachments.add(resolved.path);
          return [x('ac:link', {}, x('ri:attachment', { 'ri:filename': filename }), linkBody(label))];
        }
        case 'missing':
          state.report('warning', `Link target ${target.path} does not exist; shown as plain text`, position);
          return asText();
        case 'outside':
          state.report(
            'warning',
            `Link target ${target.path} is outside the workspace; shown as plain text`,
            position,
          );
          return asText();
      }
    }
  }
}

/** `base`, or `base-1`, `base-2` … whichever no heading or footnote on the page uses. */
function freeAnchor(state: State, base: string): string {
  let name = base;
  for (let i = 1; state.anchors.has(name); i++) name = `${base}-${i}`;
  return name;
}
