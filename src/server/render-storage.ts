/**
 * Storage format → readable HTML for the browsable view: code macros as `<pre>`, panels as
 * coloured boxes, images from attachment download URLs, page links as links. Only a known set of
 * XHTML elements and attributes passes through; every text and attribute is escaped, so nothing in
 * a page body can script the view.
 */
import { parseStorage, type StorageElement, type StorageNode } from './storage-xml.js';

/** What the renderer needs from the site: URLs for pages and attachments. */
export interface RenderLinks {
  /** URL of the page titled `title` (in `spaceKey`, default the current space), if it exists. */
  pageUrl(title: string, spaceKey?: string): string | undefined;
  /** Download URL of an attachment of the current page (or of the page titled `pageTitle`). */
  attachmentUrl(filename: string, pageTitle?: string, spaceKey?: string): string | undefined;
  /** Links to the current page's children, for the `children` macro. */
  childLinks(): { title: string; url: string }[];
}

const PASS_THROUGH = new Set(
  (
    'p h1 h2 h3 h4 h5 h6 ul ol li table thead tbody tfoot tr td th colgroup col strong b em i u s del sub sup ' +
    'code pre blockquote br hr span div dl dt dd small big cite abbr kbd var q'
  ).split(' '),
);
const VOID = new Set(['br', 'hr', 'col']);
const KEPT_ATTRIBUTES = new Set(['colspan', 'rowspan', 'id', 'title']);
const PANEL_COLOURS: Record<string, string> = {
  info: '#deebff',
  note: '#fffae6',
  tip: '#e3fcef',
  warning: '#ffebe6',
  panel: '#f4f5f7',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function safeUrl(url: string): string | undefined {
  return /^(https?:|mailto:|#|\/)/i.test(url.trim()) ? url : undefined;
}

/** Renders a storage body; an invalid body is shown as escaped source with the parse error. */
export function renderStorage(storage: string, links: RenderLinks): string {
  const parsed = parseStorage(storage);
  if (!parsed.ok) {
    return `<p class="error">${escapeHtml(parsed.message)}</p><pre>${escapeHtml(storage)}</pre>`;
  }
  return renderNodes(parsed.root.children, links);
}

function renderNodes(nodes: StorageNode[], links: RenderLinks): string {
  return nodes.map((n) => (n.type === 'text' ? escapeHtml(n.value) : renderElement(n, links))).join('');
}

function textOf(node: StorageNode): string {
  return node.type === 'text' ? node.value : node.children.map(textOf).join('');
}

function child(el: StorageElement, name: string): StorageElement | undefined {
  return el.children.find((c): c is StorageElement => c.type === 'element' && c.name === name);
}

function parameters(el: StorageElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of el.children) {
    if (c.type === 'element' && c.name === 'ac:parameter') out[c.attributes['ac:name'] ?? ''] = textOf(c);
  }
  return out;
}

function renderElement(el: StorageElement, links: RenderLinks): string {
  if (el.name === 'a') {
    const href = safeUrl(el.attributes.href ?? '');
    const inner = renderNodes(el.children, links);
    return href ? `<a href="${escapeHtml(href)}">${inner}</a>` : inner;
  }
  if (PASS_THROUGH.has(el.name)) {
    const attrs = Object.entries(el.attributes)
      .filter(([k]) => KEPT_ATTRIBUTES.has(k))
      .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
      .join('');
    if (VOID.has(el.name)) return `<${el.name}${attrs}>`;
    return `<${el.name}${attrs}>${renderNodes(el.children, links)}</${el.name}>`;
  }
  switch (el.name) {
    case 'ac:structured-macro':
    case 'ac:macro':
      return renderMacro(el, links);
    case 'ac:image':
      return renderImage(el, links);
    case 'ac:link':
      return renderLink(el, links);
    case 'ac:task-list':
      return `<ul class="tasks">${renderNodes(el.children, links)}</ul>`;
    case 'ac:task': {
      const done = textOf(child(el, 'ac:task-status') ?? { type: 'text', value: '' }).trim() === 'complete';
      const body = child(el, 'ac:task-body');
      return `<li><input type="checkbox" disabled${done ? ' checked' : ''}> ${body ? renderNodes(body.children, links) : ''}</li>`;
    }
    case 'ac:task-id':
    case 'ac:task-uuid':
    case 'ac:task-status':
    case 'ac:parameter':
      return '';
    case 'ac:emoticon':
      return escapeHtml(el.attributes['ac:emoji-fallback'] ?? `:${el.attributes['ac:name'] ?? ''}:`);
    case 'ac:adf-extension':
      return renderAdfPanel(el, links);
    default:
      // Layouts, bodies and unknown elements: keep the content, drop the wrapper.
      return el.name.startsWith('ac:layout')
        ? `<div class="${escapeHtml(el.name.replace(':', '-'))}">${renderNodes(el.children, links)}</div>`
        : renderNodes(el.children, links);
  }
}

function renderMacro(el: StorageElement, links: RenderLinks): string {
  const name = el.attributes['ac:name'] ?? '';
  const params = parameters(el);
  const rich = child(el, 'ac:rich-text-body');
  const plain = child(el, 'ac:plain-text-body');
  const body = rich ? renderNodes(rich.children, links) : '';
  switch (name) {
    case 'code':
    case 'noformat': {
      const title = params.title ? `<div class="code-title">${escapeHtml(params.title)}</div>` : '';
      const lang = params.language ? ` data-language="${escapeHtml(params.language)}"` : '';
      return `${title}<pre class="code"${lang}><code>${escapeHtml(plain ? textOf(plain) : '')}</code></pre>`;
    }
    case 'info':
    case 'note':
    case 'tip':
    case 'warning':
    case 'panel': {
      // A `panel` shows its own background when it is a plain hex colour.
      const own =
        name === 'panel' && /^#[0-9a-f]{3,6}$/i.test(params.bgColor ?? '') ? params.bgColor : undefined;
      const colour = own ?? PANEL_COLOURS[name];
      const title = params.title ? `<strong>${escapeHtml(params.title)}</strong>` : '';
      return `<div class="panel panel-${name}" style="background:${colour}">${title}${body}</div>`;
    }
    case 'expand':
      return `<details><summary>${escapeHtml(params.title || 'Expand')}</summary>${body}</details>`;
    case 'status':
      return `<span class="status status-${escapeHtml((params.colour ?? 'grey').toLowerCase())}">${escapeHtml(params.title ?? '')}</span>`;
    case 'anchor':
      return `<a id="${escapeHtml(params[''] ?? '')}"></a>`;
    case 'toc':
      return '<div class="macro">[table of contents]</div>';
    case 'children': {
      const items = links
        .childLinks()
        .map((c) => `<li><a href="${escapeHtml(c.url)}">${escapeHtml(c.title)}</a></li>`);
      return `<ul class="children">${items.join('')}</ul>`;
    }
    default:
      return `<div class="macro">[macro ${escapeHtml(name)}]${body}</div>`;
  }
}

function renderAdfPanel(el: StorageElement, links: RenderLinks): string {
  const node = child(el, 'ac:adf-node');
  const content = node ? child(node, 'ac:adf-content') : undefined;
  const type = node?.children.find(
    (c): c is StorageElement =>
      c.type === 'element' && c.name === 'ac:adf-attribute' && c.attributes.key === 'panel-type',
  );
  const kind = type ? textOf(type) : 'panel';
  const colour =
    { note: '#eae6ff', success: '#e3fcef', error: '#ffebe6', warning: '#fffae6' }[kind] ?? '#deebff';
  return `<div class="panel panel-${escapeHtml(kind)}" style="background:${colour}">${content ? renderNodes(content.children, links) : ''}</div>`;
}

function resourceTarget(el: StorageElement, links: RenderLinks): { url?: string; label: string } {
  const attachment = child(el, 'ri:attachment');
  if (attachment) {
    const filename = attachment.attributes['ri:filename'] ?? '';
    const page = child(attachment, 'ri:page');
    const url = links.attachmentUrl(
      filename,
      page?.attributes['ri:content-title'],
      page?.attributes['ri:space-key'],
    );
    return { url, label: filename };
  }
  const page = child(el, 'ri:page');
  if (page) {
    const title = page.attributes['ri:content-title'] ?? '';
    return { url: links.pageUrl(title, page.attributes['ri:space-key']), label: title };
  }
  const url = child(el, 'ri:url')?.attributes['ri:value'];
  return { url: url ? safeUrl(url) : undefined, label: url ?? '' };
}

function renderImage(el: StorageElement, links: RenderLinks): string {
  const { url, label } = resourceTarget(el, links);
  const alt = el.attributes['ac:alt'] ?? label;
  const width = el.attributes['ac:width'] ? ` width="${escapeHtml(el.attributes['ac:width'])}"` : '';
  if (!url) return `<span class="missing">[image ${escapeHtml(label)}]</span>`;
  return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}"${width}>`;
}

function renderLink(el: StorageElement, links: RenderLinks): string {
  const target = resourceTarget(el, links);
  const anchor = el.attributes['ac:anchor'];
  const bodyEl = child(el, 'ac:link-body') ?? child(el, 'ac:plain-text-link-body');
  const inner = bodyEl ? renderNodes(bodyEl.children, links) : escapeHtml(target.label || anchor || '');
  const base = target.url ?? (child(el, 'ri:page') || child(el, 'ri:attachment') ? undefined : '');
  if (base === undefined) return `<span class="missing">${inner}</span>`;
  const href = anchor ? `${base}#${encodeURIComponent(anchor)}` : base;
  return `<a href="${escapeHtml(href)}">${inner}</a>`;
}
