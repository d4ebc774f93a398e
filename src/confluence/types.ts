/**
 * The Confluence operations cmsync needs, independent of API flavour. `ConfluenceClient`
 * (client.ts) implements them over Cloud v2 (+ v1 where v2 has no endpoint) or Data Center v1.
 * The sync engine depends only on this interface.
 */

export type Flavor = 'cloud' | 'datacenter';

/** The content property key cmsync writes on every page it owns. */
export const OWNER_PROPERTY_KEY = 'cmsync';

/** Value of the `cmsync` content property: marks the page as owned and names its source. */
export interface OwnerProperty {
  /** Schema of this value. */
  v: 1;
  /** Page key: docs-dir-relative POSIX path of the source (`guide/install.md`, or `guide/` for a folder page). */
  path: string;
  /**
   * Content hash and page version at the time the property was written (creation, rename).
   * Later updates carry the hash in the version message instead (`cmsync <hash>`), so that an
   * update costs one write; a rebuild trusts `hash` only while the page is still at `version`.
   */
  hash?: string;
  version?: number;
}

/** Version message cmsync writes: `cmsync <hash>`; parsed back when rebuilding state. */
export const VERSION_MESSAGE_PREFIX = 'cmsync ';

export interface PageVersion {
  number: number;
  /** Version message. cmsync writes `cmsync <hash>` so the hash survives a lost manifest. */
  message: string;
  minorEdit?: boolean;
  /** Account id / user key of whoever wrote this version, when Confluence says. */
  authorId?: string;
  /** Display name of the author, when available (v1 `version.by.displayName`). */
  authorName?: string;
  createdAt?: string;
}

export interface RemotePage {
  id: string;
  title: string;
  spaceId?: string;
  /** Direct parent page id (undefined for a space-root page). */
  parentId?: string;
  status: string;
  version: PageVersion;
  /** Absolute URL of the page in the Confluence UI. */
  url: string;
  /** The `cmsync` content property, when the page has one (only filled by `listSubtree`/`getPage`). */
  owner?: OwnerProperty;
  /** Position among siblings, when the listing reports one. */
  position?: number;
}

export interface GetPageOptions {
  /** Fill `version.authorName` where the API needs another request for it. */
  authorName?: boolean;
  /**
   * `false`: only the page and its version are needed; where the owner property costs a
   * request of its own (Cloud), it is not read and `owner` stays undefined.
   */
  owner?: boolean;
}

export interface RemoteAttachment {
  id: string;
  title: string;
  mediaType?: string;
  fileSize?: number;
  /** Attachment comment; cmsync writes `sha256:<hex>` there to skip unchanged uploads. */
  comment?: string;
  version?: number;
}

export interface SpaceInfo {
  id: string;
  key: string;
  name?: string;
  homepageId?: string;
}

export interface CreatePageInput {
  space: SpaceInfo;
  parentId: string;
  title: string;
  storage: string;
  /** Version message (cmsync puts its content hash here). */
  message: string;
  /** Written as the `cmsync` content property in the same logical operation. */
  owner: OwnerProperty;
  /**
   * Leave the owner property to the caller (`setOwner(id, owner, { isNew: true })`), for a page
   * that is not complete until its attachments and labels are in: marked only then, a page whose
   * run stopped half way is unmarked, and the next run adopts and completes it instead of
   * trusting a mark that claims content the page does not have.
   */
  deferOwner?: boolean;
  /** Workspace-relative source file, for error messages. */
  file?: string;
}

export interface UpdatePageInput {
  id: string;
  title: string;
  /** New parent when the page moves; omit to keep it. */
  parentId?: string;
  storage: string;
  /** The version this update creates: the current version + 1. A stale number gets a 409. */
  version: number;
  message: string;
  minorEdit: boolean;
  file?: string;
}

export interface UploadAttachmentInput {
  pageId: string;
  filename: string;
  data: Uint8Array;
  mediaType: string;
  /** Comment to store, e.g. `sha256:<hex>`. */
  comment: string;
  minorEdit: boolean;
  file?: string;
}

export type MovePosition = 'before' | 'after' | 'append';

/** Counters the reports show: requests by kind, retries, time spent waiting. */
export interface ClientStats {
  requests: number;
  /** e.g. `GET page`, `PUT page`, `POST attachment` → count. */
  byKind: Record<string, number>;
  writes: number;
  reads: number;
  retries: number;
  /** Total milliseconds slept before retries. */
  waitedMs: number;
}

export interface ConfluenceApi {
  readonly flavor: Flavor;
  /** Base URL as configured (`https://acme.atlassian.net/wiki`, `https://host/confluence`). */
  readonly baseUrl: string;
  stats(): ClientStats;

  /** Resolve a space key. Throws ConfluenceError kind `not-found` for an unknown key. */
  getSpace(key: string): Promise<SpaceInfo>;
  /**
   * Who these credentials are: `anonymous` when Confluence serves them as the anonymous user
   * (Data Center 7.9–9.0 with anonymous access does that with a wrong PAT instead of a 401,
   * CONFSERVER-98199); `id` as page versions name their author (account id, user key or name).
   * Asked only when needed: after something was not found, or to tell cmsync's own unmarked
   * pages from a person's.
   */
  currentUser(): Promise<{ anonymous: boolean; id?: string }>;
  /**
   * One page with version and (when present) the owner property. `authorName: true` also asks
   * for the display name of whoever wrote the current version (Cloud v2 names only an account
   * id; the name costs one search request there), for messages a person reads.
   */
  getPage(id: string, options?: GetPageOptions): Promise<RemotePage>;
  /**
   * The page's current storage body. Used only to show reviewers a readable diff in previews,
   * never for change detection (Confluence rewrites stored bodies).
   */
  getPageStorage(id: string): Promise<string>;
  /**
   * Every current page below `rootId` (not the root itself), with version, parent and owner
   * property, in as few requests as the API allows (one per 250 pages via CQL `ancestor=`).
   */
  listSubtree(rootId: string, spaceKey: string): Promise<RemotePage[]>;
  /** Direct children of a page in sibling order (for ordering). */
  listChildren(id: string): Promise<RemotePage[]>;
  /**
   * Pages in the space whose title equals one of `titles`, compared case-insensitively as
   * Confluence's uniqueness rule does. Batched; used to find collisions before any write.
   */
  findByTitles(space: SpaceInfo, titles: string[]): Promise<RemotePage[]>;

  /**
   * Create a page and its owner property. Never replayed blindly: on a lost response the client
   * looks the title up under `parentId` and returns the page it finds.
   */
  createPage(input: CreatePageInput): Promise<RemotePage>;
  /** Update body/title/parent. Stale `version` → ConfluenceError kind `conflict`. */
  updatePage(input: UpdatePageInput): Promise<RemotePage>;
  /**
   * Create or replace the `cmsync` property (e.g. after a rename). `isNew`: the page was just
   * created with `deferOwner` and has no property yet, so it is written without reading first.
   */
  setOwner(pageId: string, owner: OwnerProperty, options?: { isNew?: boolean }): Promise<void>;
  /** Reorder: place `pageId` before/after a sibling `targetId`, or append under parent `targetId`. */
  movePage(pageId: string, position: MovePosition, targetId: string): Promise<void>;
  /** Move to the trash (never purges). */
  trashPage(id: string): Promise<void>;
  /** Archive (Cloud); falls back to an error kind `bad-request` where unsupported. */
  archivePage(id: string): Promise<void>;

  listAttachments(pageId: string): Promise<RemoteAttachment[]>;
  /** Create or update by filename (v1 multipart with `X-Atlassian-Token: no-check`). */
  uploadAttachment(input: UploadAttachmentInput): Promise<RemoteAttachment>;
  /**
   * Move an attachment (an id from `listAttachments`) to the trash, never purging it: Cloud v2
   * `DELETE /attachments/{id}`, Data Center v1 `DELETE /content/{id}`.
   */
  deleteAttachment(attachmentId: string): Promise<void>;

  getLabels(pageId: string): Promise<string[]>;
  addLabels(pageId: string, labels: string[]): Promise<void>;
  removeLabel(pageId: string, label: string): Promise<void>;
}
