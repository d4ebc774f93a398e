/**
 * JSON shapes of the v2 API (field sets from the v2 OpenAPI document): pages, spaces, versions,
 * properties, labels, attachments.
 */
import type { AttachmentRecord, PageRecord, PropertyRecord, SpaceRecord, VersionRecord } from '../model.js';
import { latestVersion } from '../model.js';
import type { Site } from '../site.js';

export function versionV2(v: VersionRecord | PageRecord['version']): Record<string, unknown> {
  return {
    createdAt: v.createdAt,
    message: v.message,
    number: v.number,
    minorEdit: v.minorEdit,
    authorId: v.authorId,
  };
}

export function pageV2(
  site: Site,
  page: PageRecord,
  options: { body?: boolean } = {},
): Record<string, unknown> {
  const parent = page.parentId !== undefined ? site.store.page(page.parentId) : undefined;
  return {
    id: page.id,
    status: page.status,
    title: page.title,
    spaceId: page.spaceId,
    // The document types these as plain strings: a space-root page has neither.
    ...(parent ? { parentId: parent.id, parentType: 'page' } : {}),
    position: page.position,
    authorId: page.authorId,
    ownerId: page.authorId,
    lastOwnerId: null,
    createdAt: page.createdAt,
    version: versionV2(page.version),
    body: options.body ? { storage: { representation: 'storage', value: page.body } } : {},
    _links: {
      webui: site.webuiPath(page),
      editui: `/pages/resumedraft.action?draftId=${page.id}`,
      tinyui: `/x/${Buffer.from(page.id).toString('base64url')}`,
      base: site.baseUrl,
    },
  };
}

export function spaceV2(site: Site, space: SpaceRecord): Record<string, unknown> {
  return {
    id: space.id,
    key: space.key,
    name: space.name,
    type: 'global',
    status: 'current',
    authorId: space.authorId,
    createdAt: space.createdAt,
    homepageId: space.homepageId,
    _links: { webui: `/spaces/${encodeURIComponent(space.key)}` },
  };
}

/** Item of `direct-children` / `children` / `descendants`. */
export function childV2(
  page: PageRecord,
  extra: { type?: boolean; parent?: boolean; depth?: number } = {},
): Record<string, unknown> {
  return {
    id: page.id,
    status: page.status,
    title: page.title,
    ...(extra.type ? { type: 'page' } : {}),
    spaceId: page.spaceId,
    ...(extra.parent ? { parentId: page.parentId ?? null } : {}),
    ...(extra.depth !== undefined ? { depth: extra.depth } : {}),
    childPosition: page.position,
  };
}

export function propertyV2(p: PropertyRecord): Record<string, unknown> {
  return {
    id: p.id,
    key: p.key,
    value: p.value,
    version: {
      createdAt: p.version.createdAt,
      message: p.version.message,
      number: p.version.number,
      minorEdit: p.version.minorEdit,
      authorId: p.version.authorId,
    },
  };
}

export function labelV2(site: Site, name: string): Record<string, unknown> {
  return { id: site.labels.idOf(name), name, prefix: 'global' };
}

export function attachmentV2(site: Site, a: AttachmentRecord): Record<string, unknown> {
  const v = latestVersion(a);
  const page = site.store.page(a.pageId);
  const download = site.downloadPath(a.pageId, a.title, v.number, 'v2');
  const webui = page
    ? `${site.webuiPath(page)}?preview=${encodeURIComponent('/' + a.pageId + '/' + a.title)}`
    : '';
  return {
    id: a.id,
    status: a.status,
    title: a.title,
    createdAt: v.createdAt,
    pageId: a.pageId,
    mediaType: v.mediaType,
    mediaTypeDescription: v.mediaType,
    comment: v.comment,
    fileId: a.fileId,
    fileSize: v.data.length,
    webuiLink: webui,
    downloadLink: download,
    version: {
      createdAt: v.createdAt,
      message: '',
      number: v.number,
      minorEdit: v.minorEdit,
      authorId: v.authorId,
    },
    _links: { webui, download, base: site.baseUrl },
  };
}
