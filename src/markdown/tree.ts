/**
 * What `ParsedDocument.tree` really holds. The contract types it as `unknown` so the sync engine
 * cannot depend on mdast; `toStorage` checks it got one of these back.
 */
import type { Heading, Root } from 'mdast';

export class MarkdownTree {
  constructor(
    /** The mdast tree, after cmsync's transforms (alerts, TOC, emoji, image sizes). */
    readonly root: Root,
    /** The Markdown source, for diagnostics and source-sensitive checks. */
    readonly source: string,
    /** Workspace-relative path the source came from. */
    readonly file: string,
    /** The leading `# H1` that may become the page title (dropped by `toStorage` by default). */
    readonly titleHeading: Heading | undefined,
  ) {}
}
