/**
 * What differs between Confluence Cloud (REST v2, plus v1 where v2 has no endpoint) and Data
 * Center (REST v1 only). `cloud.ts` and `datacenter.ts` implement it; everything else in the
 * client is shared and never asks which flavour it talks to.
 */
import type { RequestTrace } from './http.js';
import type { PageContext } from './parse.js';
import type {
  CreatePageInput,
  Flavor,
  GetPageOptions,
  OwnerProperty,
  RemoteAttachment,
  RemotePage,
  SpaceInfo,
  UpdatePageInput,
} from './types.js';

/** The stored `cmsync` property: its id (Cloud updates by id), version and raw value. */
export interface StoredProperty {
  id: string;
  version: number;
  value: unknown;
}

export interface Dialect {
  readonly flavor: Flavor;
  /** True when `postPage` writes the owner property in the same request (Data Center). */
  readonly ownerWrittenOnCreate: boolean;

  /** Throws ConfluenceError kind `not-found` naming the key. */
  getSpace(key: string): Promise<SpaceInfo>;
  getPage(id: string, options?: GetPageOptions): Promise<RemotePage>;
  getPageStorage(id: string): Promise<string>;
  listChildren(id: string): Promise<RemotePage[]>;
  /** Pages titled exactly `title` in the space, from the database (not the lagging search index). */
  findTitle(space: SpaceInfo, title: string, file?: string): Promise<RemotePage[]>;

  /** One create request, never retried after a lost answer (the caller looks first). */
  postPage(input: CreatePageInput): Promise<RemotePage>;
  putPage(input: UpdatePageInput, trace: RequestTrace): Promise<RemotePage>;

  getOwner(pageId: string): Promise<StoredProperty | undefined>;
  /** One create request for the property (a POST: not retried after a lost answer). */
  createOwner(pageId: string, owner: OwnerProperty): Promise<void>;
  updateOwner(
    pageId: string,
    stored: StoredProperty,
    owner: OwnerProperty,
    trace: RequestTrace,
  ): Promise<void>;

  trashPage(id: string, trace: RequestTrace): Promise<void>;
  archivePage(id: string, trace: RequestTrace): Promise<void>;

  listAttachments(pageId: string): Promise<RemoteAttachment[]>;
  /** Trash one attachment (never purge); `id` without the `att` prefix. */
  trashAttachment(id: string, trace: RequestTrace): Promise<void>;
  getLabels(pageId: string): Promise<string[]>;

  /** URL-building context for pages of a space. */
  pageContext(spaceKey?: string): PageContext;
}
