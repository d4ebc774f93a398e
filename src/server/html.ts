/**
 * The browsable view for a person: the spaces with their page trees at `/` (and the context
 * root), and one page per URL the APIs report as `webui` (Cloud `/wiki/spaces/KEY/pages/ID/…`,
 * Data Center `<context>/pages/viewpage.action?pageId=ID`). Read-only, unauthenticated (the server
 * listens on loopback), never subject to injected faults.
 */
import type { HtmlPage } from './http.js';
import { latestVersion, type PageRecord } from './model.js';
import { escapeHtml, type RenderLinks, renderStorage } from './render-storage.js';
import type { Site } from './site.js';

const VISIBLE = new Set(['current', 'archived', 'draft']);

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#172b4d}
a{color:#0052cc}nav{font-size:13px;color:#6b778c}ul.tree{list-style:none;padding-left:1.2rem}
.meta{color:#6b778c;font-size:13px}.label{background:#dfe1e6;border-radius:3px;padding:0 .4rem;margin-right:.3rem}
pre.code{background:#f4f5f7;padding:.6rem;overflow:auto}.panel{padding:.6rem 1rem;border-radius:3px;margin:.6rem 0}
.status{font-size:12px;font-weight:bold;border:1px solid;padding:0 .3rem;border-radius:3px}.missing{color:#de350b}
.macro{color:#6b778c;font-style:italic}table{border-collapse:collapse}td,th{border:1px solid #c1c7d0;padding:.2rem .5rem}
.archived{color:#6b778c}`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** Where the HTML view serves an attachment without authentication. */
function viewFilePath(pageId: string, filename: string): string {
  return `/_view/attachments/${pageId}/${encodeURIComponent(filename)}`;
}

export function createHtmlView(site: Site): (path: string, query: URLSearchParams) => HtmlPage | undefined {
  const { store } = site;
  const ctx = site.contextPath;
  const pageUrl = (page: PageRecord): string => {
    const webui = site.webuiPath(page);
    return ctx + webui;
  };

  const tree = (page: PageRecord): string => {
    const children = store.childrenOf(page.id, page.spaceKey, VISIBLE);
    const cls = page.status === 'current' ? '' : ` class="${page.status}"`;
    const own = `<a${cls} href="${escapeHtml(pageUrl(page))}">${escapeHtml(page.title)}</a> <span class="meta">v${page.version.number}${page.status === 'current' ? '' : ` · ${page.status}`}</span>`;
    return `<li>${own}${children.length ? `<ul class="tree">${children.map(tree).join('')}</ul>` : ''}</li>`;
  };

  const index = (): HtmlPage => {
    const sections = store.spaces().map((space) => {
      const roots = store.childrenOf(undefined, space.key, VISIBLE);
      return `<h2>${escapeHtml(space.name)} <span class="meta">(${escapeHtml(space.key)})</span></h2><ul class="tree">${roots.map(tree).join('')}</ul>`;
    });
    const heading = `<h1>Embedded Confluence</h1><p class="meta">${escapeHtml(site.flavor)} · API at ${escapeHtml(site.baseUrl)}</p>`;
    return { status: 200, html: layout('Embedded Confluence', heading + sections.join('')) };
  };

  const view = (id: string): HtmlPage => {
    const page = store.page(id);
    if (!page || page.status === 'trashed') {
      return {
        status: 404,
        html: layout('Not found', `<h1>Page not found</h1><p><a href="/">All spaces</a></p>`),
      };
    }
    const links: RenderLinks = {
      pageUrl: (title, spaceKey) => {
        const target = store.pageByTitle(spaceKey ?? page.spaceKey, title);
        return target ? pageUrl(target) : undefined;
      },
      attachmentUrl: (filename, pageTitle, spaceKey) => {
        const owner = pageTitle ? store.pageByTitle(spaceKey ?? page.spaceKey, pageTitle) : page;
        const attachment = owner ? site.attachments.list(owner.id, filename)[0] : undefined;
        if (!owner || !attachment) return undefined;
        return viewFilePath(owner.id, filename);
      },
      childLinks: () =>
        store
          .childrenOf(page.id, page.spaceKey, new Set(['current']))
          .map((c) => ({ title: c.title, url: pageUrl(c) })),
    };
    const crumbs = [
      `<a href="/">Spaces</a>`,
      ...store.ancestors(page).map((a) => `<a href="${escapeHtml(pageUrl(a))}">${escapeHtml(a.title)}</a>`),
    ];
    const author = site.user(page.version.authorId).displayName;
    const meta = `<p class="meta">Version ${page.version.number} by ${escapeHtml(author)} · ${escapeHtml(page.version.createdAt)}${page.version.message ? ` · “${escapeHtml(page.version.message)}”` : ''}${page.status === 'current' ? '' : ` · ${escapeHtml(page.status)}`}</p>`;
    const labels = page.labels.length
      ? `<p>${page.labels.map((l) => `<span class="label">${escapeHtml(l)}</span>`).join('')}</p>`
      : '';
    const files = site.attachments.list(page.id);
    const attachments = files.length
      ? `<h3>Attachments</h3><ul>${files
          .map((a) => {
            const v = latestVersion(a);
            const href = viewFilePath(page.id, a.title);
            return `<li><a href="${escapeHtml(href)}">${escapeHtml(a.title)}</a> <span class="meta">v${v.number} · ${v.data.length} bytes · ${escapeHtml(v.mediaType)}</span></li>`;
          })
          .join('')}</ul>`
      : '';
    const body = `<nav>${crumbs.join(' / ')}</nav><h1>${escapeHtml(page.title)}</h1>${meta}${labels}<hr><main>${renderStorage(page.body, links)}</main>${attachments}`;
    return { status: 200, html: layout(page.title, body) };
  };

  // Attachments for the person browsing: the API's download URL needs credentials, which would
  // make the browser prompt for a login on every image of the demo.
  const file = (pageId: string, filename: string): HtmlPage | undefined => {
    const attachment = site.attachments.list(pageId, filename)[0];
    if (!attachment) return undefined;
    const v = latestVersion(attachment);
    return { status: 200, html: '', file: { data: v.data, contentType: v.mediaType } };
  };

  return (path, query) => {
    if (path === '/' || path === ctx || path === `${ctx}/`) return index();
    const f = /^\/_view\/attachments\/(\d+)\/([^/]+)$/.exec(path);
    if (f) return file(f[1], decodeURIComponent(f[2]));
    if (site.flavor === 'cloud') {
      const m = /^\/wiki\/spaces\/[^/]+\/pages\/(\d+)(?:\/.*)?$/.exec(path);
      return m ? view(m[1]) : undefined;
    }
    if (path === `${ctx}/pages/viewpage.action`) return view(query.get('pageId') ?? '');
    return undefined;
  };
}
