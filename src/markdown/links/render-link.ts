/**
 * Turn a link (Markdown `[x](url)`, a reference link, or an allow-listed `<a href>`) into storage:
 * an anchor link, a page link by title, an attachment link, an external `<a>`, or, when the target
 * is unusable, the label as plain text plus a warning. A dead link is never emitted.
 */
import type { Position } from 'unist';
import type { State } from '../state.js';
import { text, x, type XNode } from '../xml/nodes.js';
import { linkBody, type LinkLabel } from './link-body.js';
import { classifyUrl } from './url.js';

export interface LinkSpec {
  url: string;
  title: string | null | undefined;
  label: LinkLabel;
  position: Position | undefined;
}

export function renderLink(state: State, spec: LinkSpec): XNode[] {
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
      const body = label.rich.length > 0 ? label.rich : [text(target.href)];
      return [x('a', { href: target.href, title: spec.title || undefined }, body)];
    }
    case 'anchor': {
      if (target.fragment === '') return asText();
      if (!state.anchors.has(target.fragment)) {
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
        case 'page':
          return [
            x(
              'ac:link',
              { 'ac:anchor': target.fragment },
              x('ri:page', { 'ri:content-title': resolved.title, 'ri:space-key': resolved.spaceKey }),
              linkBody(label),
            ),
          ];
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
