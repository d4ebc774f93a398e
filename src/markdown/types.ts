/**
 * The converter's public contract: Markdown source in, Confluence storage XML plus everything
 * the sync engine needs to know about the page out. Pure: no file system, no network; whatever
 * it needs to know about other files it asks through `LinkContext`.
 */
import type { Diagnostic } from '../util/diagnostics.js';

/** Front matter keys cmsync understands (others are kept in `extra`). */
export interface FrontMatter {
  title?: string;
  labels?: string[];
  /** `order`, or `nav_order` / `sidebar_position` as other doc tools name it. */
  order?: number;
  /** False when `confluence: false` or `publish: false`. */
  publish: boolean;
  extra: Record<string, unknown>;
  /** Line of the `title:` value in the file, for problems about the title. */
  titleLine?: number;
}

export interface ParsedDocument {
  frontMatter: FrontMatter;
  /** Text of the first `# H1`, when the document starts with one (it is dropped from the body). */
  h1Title?: string;
  /** Line of that `# H1`. */
  h1Line?: number;
  /** Problems found while parsing (invalid YAML is an error: the file is skipped). */
  diagnostics: Diagnostic[];
  /** Opaque parsed tree, handed back to `toStorage`. */
  tree: unknown;
  /** False when the file must not be published (front matter invalid). */
  ok: boolean;
}

/** What a relative link or image path points at, as decided by the sync engine. */
export type LinkTarget =
  /** A Markdown file that is a page in this run: link to it by title. */
  | {
      kind: 'page';
      title: string;
      spaceKey?: string;
      /**
       * The `#fragment`s that land on that page (see `documentAnchors`), when the resolver knows
       * them: a link whose fragment is not among them is a warning. Unknown: never checked.
       */
      anchors?: ReadonlySet<string>;
      /**
       * GitHub's slug of the page's leading `# H1` when it became the title and was dropped
       * (see `documentAnchors`): a link to it goes to the top of the page.
       */
      titleAnchor?: string;
    }
  /** A local file inside the workspace: becomes an attachment of the linking page. */
  | { kind: 'file'; path: string }
  /** Nothing there: a warning, rendered as plain text. */
  | { kind: 'missing' }
  /** Leaves the workspace (`../` escape, outside symlink): refused, rendered as plain text. */
  | { kind: 'outside' };

export interface LinkContext {
  /** Workspace-relative POSIX path of the file being converted (for diagnostics). */
  file: string;
  /**
   * Resolve a relative URL path (already percent-decoded, without `#fragment`/`?query`) written
   * in `file`. The converter never touches the file system itself.
   */
  resolve(relativePath: string): LinkTarget;
}

/**
 * Which code macro language ids to emit. `cloud` (default): the Cloud editor's list (`typescript`,
 * `json`, `go`, `kotlin` …). `datacenter`: only the ids the Data Center (v1 editor) code macro
 * knows, with other languages mapped onto the closest one or `none`.
 */
export type CodeLanguages = 'cloud' | 'datacenter';

export interface ConvertOptions {
  /** Raw HTML elements allowed through (lower-case names). Empty: all raw HTML is escaped. */
  htmlAllowList?: readonly string[];
  /** Drop the leading `# H1` because it became the title (default true). */
  dropFirstH1?: boolean;
  /** Code macro language ids for Cloud or Data Center (default `cloud`). */
  codeLanguages?: CodeLanguages;
}

/** The anchors a page defines, for checking links to it from other pages. */
export interface DocumentAnchors {
  /** GitHub slugs of the headings shown on the page. */
  anchors: Set<string>;
  /** The slug of the leading `# H1` when it was dropped because it became the title. */
  titleAnchor?: string;
}

export interface AttachmentRef {
  /** Workspace-relative POSIX path of the local file. */
  path: string;
  /** File name the attachment gets on the page; unique within the page. */
  filename: string;
}

export interface ConvertResult {
  /** Confluence storage format: always well-formed XML (with `ac:`/`ri:` prefixes undeclared). */
  storage: string;
  /** Local files the storage references as attachments. */
  attachments: AttachmentRef[];
  diagnostics: Diagnostic[];
}

/**
 * The converter module (`src/markdown/index.ts`) exports:
 *   parseDocument(source: string | Uint8Array, file: string): ParsedDocument
 *     — bytes are decoded as UTF-8 here: a file that is not valid UTF-8 is an error (not published)
 *   documentAnchors(doc: ParsedDocument, options?: ConvertOptions): DocumentAnchors
 *   toStorage(doc: ParsedDocument, ctx: LinkContext, options?: ConvertOptions): ConvertResult
 *   CONVERTER_VERSION: string  — bump when output changes for the same input (pages are then rewritten once)
 */
