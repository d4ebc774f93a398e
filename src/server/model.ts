/**
 * Records the embedded server keeps in memory. `StoredPage` (types.ts) is the public snapshot;
 * these add what the routes need (space id, creation data, version history, users).
 */
import type { StoredPage } from './types.js';

export interface UserRecord {
  /** Cloud account id. */
  accountId: string;
  /** Data Center user key. */
  userKey: string;
  username: string;
  displayName: string;
  email: string;
  /** The anonymous visitor of a Data Center site with anonymous access on: sees no space, no page. */
  anonymous?: boolean;
}

export interface SpaceRecord {
  id: string;
  key: string;
  name: string;
  homepageId: string;
  createdAt: string;
  authorId: string;
}

export interface VersionRecord {
  number: number;
  message: string;
  minorEdit: boolean;
  authorId: string;
  createdAt: string;
  title: string;
  body: string;
}

export interface PropertyRecord {
  id: string;
  key: string;
  value: unknown;
  version: { number: number; message: string; minorEdit: boolean; createdAt: string; authorId: string };
}

export interface PageRecord {
  id: string;
  spaceKey: string;
  spaceId: string;
  title: string;
  parentId?: string;
  status: StoredPage['status'];
  body: string;
  version: StoredPage['version'];
  labels: string[];
  properties: Map<string, PropertyRecord>;
  position: number;
  createdAt: string;
  authorId: string;
  history: VersionRecord[];
}

export interface AttachmentVersion {
  number: number;
  data: Uint8Array;
  comment: string;
  minorEdit: boolean;
  createdAt: string;
  authorId: string;
  mediaType: string;
}

export interface AttachmentRecord {
  id: string;
  pageId: string;
  title: string;
  fileId: string;
  status: 'current' | 'trashed';
  createdAt: string;
  versions: AttachmentVersion[];
}

/** The latest version of an attachment (there is always one). */
export function latestVersion(attachment: AttachmentRecord): AttachmentVersion {
  return attachment.versions[attachment.versions.length - 1];
}

/** The public, copy-on-read view of a page. */
export function snapshotPage(page: PageRecord): StoredPage {
  const properties: StoredPage['properties'] = {};
  for (const p of page.properties.values()) {
    properties[p.key] = { id: p.id, value: structuredClone(p.value), version: p.version.number };
  }
  return {
    id: page.id,
    spaceKey: page.spaceKey,
    title: page.title,
    ...(page.parentId !== undefined ? { parentId: page.parentId } : {}),
    status: page.status,
    body: page.body,
    version: { ...page.version },
    labels: [...page.labels],
    properties,
    position: page.position,
  };
}

/**
 * The page as it was at version `n` (title, body and version data from the history), or
 * `undefined` when there is no such version. Shares everything else with the current page.
 */
export function pageAtVersion(page: PageRecord, n: number): PageRecord | undefined {
  const v = page.history.find((h) => h.number === n);
  if (!v) return undefined;
  return {
    ...page,
    title: v.title,
    body: v.body,
    version: {
      number: v.number,
      message: v.message,
      minorEdit: v.minorEdit,
      authorId: v.authorId,
      createdAt: v.createdAt,
    },
  };
}
