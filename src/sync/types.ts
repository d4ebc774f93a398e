/**
 * Data that flows through a sync: scan → (parse, convert) → plan → execute → report.
 * Everything here is plain data so the planner stays a pure function and a preview is the
 * same plan rendered instead of executed.
 */
import type { Diagnostic } from '../util/diagnostics.js';
import type { AttachmentRef } from '../markdown/types.js';

/**
 * Page key: docs-dir-relative POSIX path. A file page is its `.md` path (`guide/install.md`);
 * a folder page is the folder path with a trailing slash (`guide/`); the docs root is `''`
 * and maps to `parent-page-id`.
 */
export type PageKey = string;

export interface LocalAttachment extends AttachmentRef {
  /** sha256 hex of the file content. */
  hash: string;
  size: number;
  mediaType: string;
}

/** One page as the Markdown side wants it to be. */
export interface LocalPage {
  key: PageKey;
  /** Parent page key; `null` only for the root. */
  parentKey: PageKey | null;
  /** Workspace-relative source file (`docs/guide/index.md`), absent for a generated folder page. */
  sourceFile?: string;
  title: string;
  /** Line of the source file the title comes from (front matter `title:` or `# H1`). */
  titleLine?: number;
  /** Sort key among siblings: front matter order, then name. */
  order: number | undefined;
  /** Base name used to break order ties. */
  name: string;
  labels: string[];
  storage: string;
  attachments: LocalAttachment[];
  /**
   * sha256 over converter version, title, storage, labels and attachment hashes: what decides
   * whether the page needs a write. Parent and order are compared separately (moves).
   */
  hash: string;
  /** Keys of child pages in sibling order. */
  children: PageKey[];
  /** Set when the page cannot be published this run (unreadable or unconvertible source). */
  invalid?: Diagnostic[];
  /** A folder page without `index.md`/`README.md`: its body is the `children` macro. */
  generated?: boolean;
  /** The docs root without `index.md`/`README.md`: `parent-page-id` is only a container, never written. */
  container?: boolean;
  /**
   * The docs root whose index names no title: the parent page keeps its Confluence title (the
   * hash then leaves the title out), so cmsync never renames a page the user chose as parent.
   */
  keepRemoteTitle?: boolean;
}

/** What cmsync knows about a page it owns: from the manifest, or rebuilt from Confluence. */
export interface KnownPage {
  key: PageKey;
  pageId: string;
  /** The version cmsync last wrote. */
  version: number;
  /** `LocalPage.hash` at that write; undefined when unknown (adopted page). */
  hash?: string;
  title: string;
  parentId?: string;
  /** Attachment filename → sha256, when known (undefined: must be listed before uploading). */
  attachments?: Record<string, string>;
  /** Labels written, when known. */
  labels?: string[];
  /** Position among its managed siblings at the last write (decides whether the order changed). */
  index?: number;
  /** Page URL in the Confluence UI, so unchanged pages can be linked without a request. */
  url?: string;
}

/** The current Confluence side, as far as this run looked. */
export interface RemoteView {
  /** Pages in the managed subtree keyed by id, with their current version. */
  pages: Map<string, import('../confluence/types.js').RemotePage>;
  /** Pages anywhere in the space whose title (lower-cased) collides with a title this run wants. */
  titlesInSpace: Map<string, import('../confluence/types.js').RemotePage>;
}

export type OperationKind =
  | 'create'
  | 'update'
  | 'move' // parent/title/order changed, content not
  | 'unchanged'
  | 'conflict'
  | 'delete'
  | 'skip'
  | 'error';

interface OpBase {
  key: PageKey;
  title: string;
  sourceFile?: string;
  /** Human reason shown in previews and summaries. */
  reason: string;
}

export type Operation =
  | (OpBase & { kind: 'create'; parentKey: PageKey; adoptPageId?: string })
  | (OpBase & {
      kind: 'update' | 'move';
      pageId: string;
      /** Current version in Confluence; the write uses +1. */
      fromVersion: number;
      changes: Array<'content' | 'title' | 'parent' | 'labels' | 'attachments' | 'order'>;
      parentKey: PageKey | null;
      /** Title in Confluence before this run (for previews of retitles). */
      previousTitle: string;
      overwrite?: boolean;
      /** The key the page had before a file rename (the owner property's path is rewritten). */
      renamedFrom?: PageKey;
      /** Write the owner property after the update (rename, claiming the root page). */
      setOwner?: boolean;
    })
  | (OpBase & { kind: 'unchanged'; pageId: string })
  | (OpBase & {
      kind: 'conflict';
      pageId: string;
      expectedVersion: number;
      actualVersion: number;
      editedBy?: string;
      url?: string;
    })
  | (OpBase & { kind: 'delete'; pageId: string; policy: 'archive' | 'trash' | 'keep' })
  | (OpBase & {
      kind: 'skip';
      /** The existing page, when there is one. */
      pageId?: string;
      /** The known page no longer exists in Confluence: forget it. */
      dropKnown?: boolean;
    })
  | (OpBase & {
      kind: 'error';
      diagnostics: Diagnostic[];
      /** The existing page, when there is one. */
      pageId?: string;
    });

export interface Plan {
  operations: Operation[];
  /** Problems found while planning (collisions, invalid files), also attached to operations. */
  diagnostics: Diagnostic[];
}

export type PageOutcome =
  'created' | 'updated' | 'moved' | 'unchanged' | 'deleted' | 'conflict' | 'skipped' | 'failed';

export interface PageResult {
  key: PageKey;
  path: string;
  title: string;
  id?: string;
  url?: string;
  outcome: PageOutcome;
  /** Why (error message, conflict details, skip reason). */
  detail?: string;
}

/** Smart-sync figures: what the run looked at, what it wrote, and what it saved. */
export interface SyncStats {
  /** Pages the docs folder maps to (files and folder pages). */
  scanned: number;
  /** Pages whose wanted state differs from what cmsync last wrote (content, title, parent, order, labels, attachments). */
  changed: number;
  /** Pages actually written this run (created, updated, moved, deleted). */
  written: number;
  unchanged: number;
  /** Requests this run made. */
  requests: number;
  /** Requests a full publish of the same tree would make (every page written, every attachment uploaded). */
  fullPublishRequests: number;
  /** `fullPublishRequests - requests`, never negative. */
  requestsSaved: number;
}

export interface SyncReport {
  /** Smart-sync statistics (filled by the engine). */
  stats?: SyncStats;
  pages: PageResult[];
  diagnostics: Diagnostic[];
  counts: Record<PageOutcome, number>;
  requests: import('../confluence/types.js').ClientStats;
  durationMs: number;
  /** True when the run must exit non-zero. */
  failed: boolean;
  /** Known state after the run (what issue #4 persists as the manifest). */
  known: KnownPage[];
  /** The flavour of the server, when the run talked to it. */
  flavor?: import('../confluence/types.js').Flavor;
}
