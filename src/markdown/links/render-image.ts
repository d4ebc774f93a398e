/**
 * Turn an image (Markdown `![alt](src)`, a reference image, or an allow-listed `<img>`) into an
 * `ac:image`: a local file becomes an attachment of the page (`ri:attachment`, SVG kept as SVG),
 * an http(s) URL stays remote (`ri:url`). Anything else is reported and shown as its alt text.
 */
import type { Position } from 'unist';
import type { State } from '../state.js';
import { text, x, type XNode } from '../xml/nodes.js';
import { classifyUrl } from './url.js';

export interface ImageSpec {
  url: string;
  alt: string | null | undefined;
  title: string | null | undefined;
  /** Pixels, from `{width=…}` or `<img width>`; anything but a whole number is refused. */
  width?: string | undefined;
  height?: string | undefined;
  position: Position | undefined;
}

/** Remote images must be http(s) (a protocol-relative `//host/a.png` was made https). */
const REMOTE_SCHEMES = new Set(['http', 'https']);

export function renderImage(state: State, spec: ImageSpec): XNode[] {
  const alt = spec.alt ?? '';
  const fallback = (message: string, severity: 'warning' | 'error' = 'warning'): XNode[] => {
    state.report(severity, `${message}; shown as its alt text`, spec.position);
    return alt ? [text(alt)] : [];
  };
  const target = classifyUrl(spec.url);
  let resource: XNode;
  switch (target.kind) {
    case 'empty':
      return fallback('Image has no source');
    case 'anchor':
      return fallback(`Image source #${target.fragment} is not a file`);
    case 'blocked':
      return fallback(`Image with a \`${target.scheme}:\` URL is not allowed`);
    case 'external':
      if (!REMOTE_SCHEMES.has(target.scheme)) {
        return fallback(`Image with a \`${target.scheme}:\` URL cannot be shown`);
      }
      resource = x('ri:url', { 'ri:value': target.href });
      break;
    case 'local': {
      const resolved = state.ctx.resolve(target.path);
      // A missing picture leaves a hole in the page: the page still publishes (with the alt
      // text) and the run fails until the file is added or the path fixed. A link to a missing
      // file stays a warning (the spec's rule): the text still reads.
      if (resolved.kind === 'missing')
        return fallback(`Image ${target.path} does not exist (add the file or fix the path)`, 'error');
      if (resolved.kind === 'outside') return fallback(`Image ${target.path} is outside the workspace`);
      if (resolved.kind === 'page') return fallback(`Image source ${target.path} is a page, not an image`);
      resource = x('ri:attachment', { 'ri:filename': state.attachments.add(resolved.path) });
      break;
    }
  }
  const attributes: Record<string, string | undefined> = {
    'ac:alt': alt || undefined,
    'ac:title': spec.title || undefined,
    'ac:width': pixels(state, 'width', spec.width, spec.position),
    'ac:height': pixels(state, 'height', spec.height, spec.position),
  };
  return [x('ac:image', attributes, resource)];
}

function pixels(
  state: State,
  what: string,
  value: string | undefined,
  position: Position | undefined,
): string | undefined {
  if (value === undefined || value === '') return undefined;
  const match = /^\s*(\d{1,5})\s*(?:px)?\s*$/i.exec(value);
  // Percentages make Confluence's image macro fail to render on attachments (md2conf notes it).
  if (!match) {
    state.report('warning', `Image ${what} "${value}" is not a whole number of pixels; ignored`, position);
    return undefined;
  }
  return String(Number(match[1]));
}
