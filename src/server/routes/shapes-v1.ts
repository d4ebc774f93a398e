/**
 * JSON shapes of the v1 API (Cloud `/wiki/rest/api`, Data Center `/rest/api`): content with its
 * `expand` options, spaces, users, labels, properties and attachments.
 */
import type { AttachmentRecord, PageRecord, PropertyRecord, SpaceRecord, UserRecord } from '../model.js';
import { latestVersion } from '../model.js';
import type { Site } from '../site.js';

/** Parsed `expand` parameter: `version,ancestors,metadata.properties.cmsync` … */
export class Expand {
  private readonly items: Set<string>;
  constructor(raw: string | null) {
    this.items = new Set(
      (raw ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }
  /** True when `path` or anything below it is asked for. */
  has(path: string): boolean {
    for (const item of this.items) if (item === path || item.startsWith(path + '.')) return true;
    return false;
  }
  /** Property keys asked for with `metadata.properties.<key>`; `'all'` for `metadata.properties`. */
  propertyKeys(): string[] | 'all' {
    if (this.items.has('metadata.properties')) return 'all';
    return [...this.items].filter((i) => i.startsWith('metadata.properties.')).map((i) => i.slice(20));
  }
}

export function userV1(site: Site, user: UserRecord): Record<string, unknown> {
  const links = { self: `${site.baseUrl}/rest/api/user?accountId=${encodeURIComponent(user.accountId)}` };
  if (user.anonymous)
    return {
      type: 'anonymous',
      displayName: 'Anonymous',
      _links: { self: `${site.baseUrl}/rest/api/user/anonymous` },
    };
  if (site.flavor === 'datacenter') {
    return {
      type: 'known',
      username: user.username,
      userKey: user.userKey,
      displayName: user.displayName,
      _links: links,
    };
  }
  return {
    type: 'known',
    accountId: user.accountId,
    accountType: 'atlassian',
    email: user.email,
    publicName: user.displayName,
    displayName: user.displayName,
    isExternalCollaborator: false,
    _links: links,
  };
}

export function spaceV1(site: Site, space: SpaceRecord): Record<string, unknown> {
  return {
    id: Number(space.id),
    key: space.key,
    name: space.name,
    type: 'global',
    status: 'current',
    _expandable: { homepage: `/rest/api/content/${space.homepageId}` },
    _links: {
      webui:
        site.flavor === 'datacenter'
          ? `/display/${encodeURIComponent(space.key)}`
          : `/spaces/${encodeURIComponent(space.key)}`,
      self: `${site.baseUrl}/rest/api/space/${encodeURIComponent(space.key)}`,
    },
  };
}

function versionV1(site: Site, v: PageRecord['version'], content?: PageRecord): Record<string, unknown> {
  return {
    by: userV1(site, site.user(v.authorId)),
    when: v.createdAt,
    message: v.message,
    number: v.number,
    minorEdit: v.minorEdit,
    ...(content ? { _expandable: { content: `/rest/api/content/${content.id}` } } : {}),
    _links: {},
  };
}

export function propertyV1(site: Site, page: PageRecord, p: PropertyRecord): Record<string, unknown> {
  return {
    id: p.id,
    key: p.key,
    value: p.value,
    version: {
      when: p.version.createdAt,
      message: p.version.message,
      number: p.version.number,
      minorEdit: p.version.minorEdit,
    },
    _links: { self: `${site.baseUrl}/rest/api/content/${page.id}/property/${encodeURIComponent(p.key)}` },
  };
}

export function labelV1(site: Site, name: string): Record<string, unknown> {
  return { prefix: 'global', name, id: site.labels.idOf(name), label: name };
}

function linksV1(site: Site, page: PageRecord): Record<string, string> {
  return {
    webui: site.webuiPath(page),
    edit: `/pages/resumedraft.action?draftId=${page.id}`,
    tinyui: `/x/${Buffer.from(page.id).toString('base64url')}`,
    self: `${site.baseUrl}/rest/api/content/${page.id}`,
  };
}

/** A page as v1 content, with the requested expansions. */
export function contentV1(site: Site, page: PageRecord, expand: Expand): Record<string, unknown> {
  const space = site.store.spaceByKey(page.spaceKey);
  const json: Record<string, unknown> = { id: page.id, type: 'page', status: page.status, title: page.title };
  const expandable: Record<string, string> = {};
  const base = `/rest/api/content/${page.id}`;
  if (expand.has('space') && space) json.space = spaceV1(site, space);
  else expandable.space = `/rest/api/space/${encodeURIComponent(page.spaceKey)}`;
  if (expand.has('container') && space) json.container = spaceV1(site, space);
  else expandable.container = `/rest/api/space/${encodeURIComponent(page.spaceKey)}`;
  if (expand.has('version')) json.version = versionV1(site, page.version, page);
  else expandable.version = '';
  if (expand.has('ancestors')) {
    json.ancestors = site.store.ancestors(page).map((a) => ({
      id: a.id,
      type: 'page',
      status: a.status,
      title: a.title,
      _links: linksV1(site, a),
      _expandable: {},
    }));
  } else expandable.ancestors = '';
  if (expand.has('body.storage')) {
    json.body = { storage: { value: page.body, representation: 'storage', _expandable: { content: base } } };
  } else expandable.body = '';
  if (expand.has('metadata')) json.metadata = metadataV1(site, page, expand);
  else expandable.metadata = '';
  if (expand.has('children.page')) {
    const children = site.store.childrenOf(page.id, page.spaceKey, new Set(['current']));
    json.children = {
      page: {
        results: children.map((c) => contentV1(site, c, new Expand(null))),
        start: 0,
        limit: children.length,
        size: children.length,
        _links: { self: `${site.baseUrl}${base}/child/page` },
      },
    };
  } else expandable.children = `${base}/child`;
  json.extensions = { position: page.position };
  json._expandable = expandable;
  json._links = linksV1(site, page);
  return json;
}

function metadataV1(site: Site, page: PageRecord, expand: Expand): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (expand.has('metadata.labels')) {
    metadata.labels = {
      results: page.labels.map((l) => labelV1(site, l)),
      start: 0,
      limit: 200,
      size: page.labels.length,
      _links: {},
    };
  }
  const keys = expand.propertyKeys();
  if (keys === 'all' || keys.length > 0) {
    const properties: Record<string, unknown> = {};
    for (const p of page.properties.values()) {
      if (keys === 'all' || keys.includes(p.key)) properties[p.key] = propertyV1(site, page, p);
    }
    metadata.properties = properties;
  }
  metadata._expandable = { currentuser: '', properties: '', frontend: '', labels: '' };
  return metadata;
}

/** An attachment as v1 content. */
export function attachmentV1(site: Site, a: AttachmentRecord, expand: Expand): Record<string, unknown> {
  const v = latestVersion(a);
  const page = site.store.page(a.pageId);
  const json: Record<string, unknown> = {
    id: a.id,
    type: 'attachment',
    status: a.status,
    title: a.title,
    metadata: {
      mediaType: v.mediaType,
      comment: v.comment,
      labels: { results: [], start: 0, limit: 200, size: 0 },
    },
    extensions: { mediaType: v.mediaType, fileSize: v.data.length, comment: v.comment, fileId: a.fileId },
  };
  if (expand.has('version')) {
    json.version = versionV1(site, {
      number: v.number,
      message: '',
      minorEdit: v.minorEdit,
      authorId: v.authorId,
      createdAt: v.createdAt,
    });
  } else {
    // Clients read the attachment version without asking for it; Confluence includes it.
    json.version = { number: v.number, when: v.createdAt, minorEdit: v.minorEdit, message: '', _links: {} };
  }
  if (page && expand.has('container')) json.container = contentV1(site, page, new Expand(null));
  json._links = {
    webui: page
      ? `${site.webuiPath(page)}?preview=${encodeURIComponent('/' + a.pageId + '/' + a.title)}`
      : '',
    download: site.downloadPath(a.pageId, a.title, v.number),
    self: `${site.baseUrl}/rest/api/content/${a.id}`,
  };
  json._expandable = { container: `/rest/api/content/${a.pageId}` };
  return json;
}
