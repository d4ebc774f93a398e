/**
 * Pure conversions from Confluence's wire shapes (`wire.ts`) to the flavour-free types the sync
 * engine sees (`types.ts`).
 */
import type { Flavor, OwnerProperty, PageVersion, RemoteAttachment, RemotePage, SpaceInfo } from './types.js';
import { OWNER_PROPERTY_KEY } from './types.js';
import { pageUrl } from './url.js';
import type {
  V1Content,
  V1Label,
  V1Space,
  V1Version,
  V2Attachment,
  V2Child,
  V2Label,
  V2Page,
  V2Space,
  V2Version,
} from './wire.js';

/** What a parser needs to build page URLs. */
export interface PageContext {
  flavor: Flavor;
  base: string;
  /** Space key when the caller knows it (URLs on Cloud use it). */
  spaceKey?: string;
}

/**
 * The `cmsync` property value, or `undefined` when it is missing or malformed (someone edited it
 * by hand, or another tool uses the key): a malformed marker must not make a page "owned".
 */
export function parseOwner(value: unknown): OwnerProperty | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (record.v !== 1 || typeof record.path !== 'string') return undefined;
  const owner: OwnerProperty = { v: 1, path: record.path };
  if (typeof record.hash === 'string') owner.hash = record.hash;
  if (typeof record.version === 'number' && Number.isInteger(record.version)) owner.version = record.version;
  return owner;
}

export function v2Version(version: V2Version | undefined): PageVersion {
  return {
    number: version?.number ?? 0,
    message: version?.message ?? '',
    minorEdit: version?.minorEdit,
    authorId: version?.authorId,
    createdAt: version?.createdAt,
  };
}

export function v1Version(version: V1Version | undefined): PageVersion {
  return {
    number: version?.number ?? 0,
    message: version?.message ?? '',
    minorEdit: version?.minorEdit,
    authorId: version?.by?.accountId ?? version?.by?.userKey ?? version?.by?.username,
    authorName: version?.by?.displayName,
    createdAt: version?.when,
  };
}

export function fromV2Page(page: V2Page, context: PageContext, owner?: unknown): RemotePage {
  return {
    id: String(page.id),
    title: page.title,
    spaceId: page.spaceId === undefined ? undefined : String(page.spaceId),
    parentId: page.parentId ? String(page.parentId) : undefined,
    status: page.status,
    version: v2Version(page.version),
    url: pageUrl({ ...context, id: String(page.id), webui: page._links?.webui }),
    owner: parseOwner(owner),
    position: page.position ?? undefined,
  };
}

/** A v2 direct-children item; the listing carries no version (number 0 = unknown). */
export function fromV2Child(child: V2Child, context: PageContext, parentId: string): RemotePage {
  return {
    id: String(child.id),
    title: child.title,
    spaceId: child.spaceId,
    parentId,
    status: child.status ?? 'current',
    version: { number: 0, message: '' },
    url: pageUrl({ ...context, id: String(child.id) }),
    position: child.childPosition ?? undefined,
  };
}

/** A v1 page; `parentId` is the last ancestor, `owner` the expanded `metadata.properties.cmsync`. */
export function fromV1Content(content: V1Content, context: PageContext): RemotePage {
  const ancestors = content.ancestors ?? [];
  const last = ancestors[ancestors.length - 1];
  const position = content.extensions?.position;
  return {
    id: String(content.id),
    title: content.title,
    spaceId: content.space?.id === undefined ? undefined : String(content.space.id),
    parentId: last ? String(last.id) : undefined,
    status: content.status ?? 'current',
    version: v1Version(content.version),
    url: pageUrl({
      ...context,
      spaceKey: context.spaceKey ?? content.space?.key,
      id: String(content.id),
      webui: content._links?.webui,
    }),
    owner: parseOwner(content.metadata?.properties?.[OWNER_PROPERTY_KEY]?.value),
    position: position === undefined || position === null || position === '' ? undefined : Number(position),
  };
}

export function fromV2Space(space: V2Space): SpaceInfo {
  return {
    id: String(space.id),
    key: space.key,
    name: space.name,
    homepageId: space.homepageId ?? undefined,
  };
}

export function fromV1Space(space: V1Space): SpaceInfo {
  return {
    id: String(space.id),
    key: space.key,
    name: space.name,
    homepageId: space.homepage?.id === undefined ? undefined : String(space.homepage.id),
  };
}

export function fromV2Attachment(attachment: V2Attachment): RemoteAttachment {
  return {
    id: String(attachment.id),
    title: attachment.title,
    mediaType: attachment.mediaType,
    fileSize: attachment.fileSize,
    comment: attachment.comment,
    version: attachment.version?.number,
  };
}

export function fromV1Attachment(attachment: V1Content): RemoteAttachment {
  return {
    id: String(attachment.id),
    title: attachment.title,
    mediaType: attachment.extensions?.mediaType ?? attachment.metadata?.mediaType,
    fileSize: attachment.extensions?.fileSize,
    comment: attachment.extensions?.comment ?? attachment.metadata?.comment,
    version: attachment.version?.number,
  };
}

/**
 * Label names as cmsync writes them: `global` ones (personal `my:` labels and `team:` labels
 * belong to people, not to the source).
 */
export function labelNames(labels: Array<V1Label | V2Label>): string[] {
  return labels.filter((label) => !label.prefix || label.prefix === 'global').map((label) => label.name);
}
