/**
 * JSON shapes of the Confluence answers and request bodies cmsync uses, as far as it reads or
 * writes them (Cloud REST v2, and v1 as shared by Cloud and Data Center). Fields Confluence
 * may leave out are optional; `parse.ts` turns these into the flavour-free types of `types.ts`.
 */

// ---- v2 (Cloud) ----------------------------------------------------------------------------

export interface V2Links {
  next?: string;
  base?: string;
}

export interface V2List<T> {
  results: T[];
  _links?: V2Links;
}

export interface V2Version {
  number: number;
  message?: string | null;
  minorEdit?: boolean;
  authorId?: string;
  createdAt?: string;
}

export interface V2Page {
  id: string;
  status: string;
  title: string;
  spaceId?: string;
  parentId?: string | null;
  position?: number | null;
  version?: V2Version;
  _links?: { webui?: string; base?: string };
  /** Present only when asked for with `body-format=storage`. */
  body?: { storage?: { value: string } };
}

export interface V2Space {
  id: string;
  key: string;
  name?: string;
  homepageId?: string | null;
}

export interface V2Property {
  id: string;
  key: string;
  value: unknown;
  version?: { number: number };
}

/** Item of `GET /pages/{id}/direct-children`: pages, folders, whiteboards… */
export interface V2Child {
  id: string;
  status?: string;
  title: string;
  type?: string;
  spaceId?: string;
  childPosition?: number | null;
}

export interface V2Attachment {
  id: string;
  title: string;
  mediaType?: string;
  fileSize?: number;
  comment?: string;
  version?: { number: number };
}

export interface V2Label {
  id?: string;
  name: string;
  prefix?: string;
}

export interface V2StorageBody {
  representation: 'storage';
  value: string;
}

export interface V2CreatePageBody {
  spaceId: string;
  status: 'current';
  title: string;
  parentId: string;
  body: V2StorageBody;
}

export interface V2UpdatePageBody {
  id: string;
  status: 'current';
  title: string;
  parentId?: string;
  body: V2StorageBody;
  version: { number: number; message: string; minorEdit: boolean };
}

// ---- v1 (Cloud and Data Center) ------------------------------------------------------------

export interface V1List<T> {
  results: T[];
  start?: number;
  limit?: number;
  size?: number;
  _links?: { next?: string; base?: string; context?: string };
}

export interface V1Version {
  number: number;
  message?: string | null;
  minorEdit?: boolean;
  when?: string;
  by?: { accountId?: string; userKey?: string; username?: string; displayName?: string };
}

export interface V1Property {
  id?: string | number;
  key: string;
  value: unknown;
  version?: { number: number };
}

export interface V1Content {
  id: string;
  type?: string;
  status?: string;
  title: string;
  space?: { id?: string | number; key?: string };
  version?: V1Version;
  ancestors?: Array<{ id: string }>;
  metadata?: {
    properties?: Record<string, V1Property | undefined>;
    mediaType?: string;
    comment?: string;
  };
  extensions?: { position?: number | string | null; mediaType?: string; fileSize?: number; comment?: string };
  _links?: { webui?: string };
  /** Present only when asked for with `expand=body.storage`. */
  body?: { storage?: { value: string } };
}

export interface V1Space {
  id: string | number;
  key: string;
  name?: string;
  homepage?: { id: string | number };
}

export interface V1Label {
  prefix?: string;
  name: string;
  id?: string | number;
}

export interface V1StorageBody {
  storage: { value: string; representation: 'storage' };
}

export interface V1CreatePageBody {
  type: 'page';
  title: string;
  space: { key: string };
  ancestors: Array<{ id: string }>;
  body: V1StorageBody;
  metadata?: { properties: Record<string, { key: string; value: unknown }> };
}

export interface V1UpdatePageBody {
  id: string;
  type: 'page';
  status: 'current';
  title: string;
  ancestors?: Array<{ id: string }>;
  body: V1StorageBody;
  version: { number: number; message: string; minorEdit: boolean };
}

/** Answer of the attachment collection endpoints (or a single attachment for `/data`). */
export type V1AttachmentAnswer = V1List<V1Content> | V1Content;
