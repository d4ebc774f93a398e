/**
 * Everything one conversion needs, created fresh by `createState` for every `toStorage` call:
 * settings with their defaults, the definition and footnote maps (filled in one pre-pass), the
 * heading anchors, the attachment registry, the diagnostics, and `one`/`all` to recurse. Nothing
 * here lives at module level, so two conversions can never see each other.
 */
import GithubSlugger from 'github-slugger';
import type { Definition, FootnoteDefinition, Heading, Nodes, Parents } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Position } from 'unist';
import type { Diagnostic } from '../util/diagnostics.js';
import type { ConvertOptions, LinkContext } from './types.js';
import type { MarkdownTree } from './tree.js';
import type { XNode } from './xml/nodes.js';
import { AttachmentRegistry } from './links/attachments.js';
import { effectiveAllowList } from './html/policy.js';
import { structureHtml } from './html/structure.js';
import { FootnoteRegistry } from './footnotes.js';
import { handlers as defaultHandlers } from './handlers/index.js';
import { unknownNode } from './handlers/unknown.js';
import type { Handler, HandlerResult, Handlers } from './handler-types.js';
import { isFlow } from './flow.js';

export type { Handler, HandlerResult, Handlers };

/** Options normalised once, with their defaults. */
export interface Settings {
  /** Allow-listed raw HTML elements, already intersected with what cmsync can render safely. */
  htmlAllowList: ReadonlySet<string>;
  /** Drop the leading `# H1` (default: true). */
  dropFirstH1: boolean;
}

export interface State {
  readonly file: string;
  readonly source: string;
  readonly ctx: LinkContext;
  readonly settings: Settings;
  readonly titleHeading: Heading | undefined;
  /** Link reference definitions by normalised identifier. */
  readonly definitions: ReadonlyMap<string, Definition>;
  readonly footnotes: FootnoteRegistry;
  /** GitHub-style slug of every heading, deduplicated per page in document order. */
  readonly headingIds: ReadonlyMap<Heading, string>;
  /** Every anchor name this page defines (headings, footnotes), for checking `#fragment` links. */
  readonly anchors: Set<string>;
  /** Slugger shared by headings and footnotes so that their anchors never collide. */
  readonly slugger: GithubSlugger;
  readonly attachments: AttachmentRegistry;
  readonly diagnostics: Diagnostic[];
  /** Above zero while rendering a link body: Confluence links cannot nest. */
  linkDepth: number;
  /** Counter for `ac:task-id`, unique within the page. */
  taskCount: number;
  /** Whether the "raw HTML shown as text" notice was already given for this file. */
  rawHtmlNoticeGiven: boolean;
  /** Render one node. */
  one(node: Nodes, parent: Parents | undefined): XNode[];
  /** Render the children of `parent` (structuring raw HTML first when an allow-list is set). */
  all(parent: Parents): XNode[];
  /** Record a problem at the node's position. */
  report(severity: Diagnostic['severity'], message: string, position: Position | undefined): void;
}

/** Create the state for one conversion of `tree`. */
export function createState(tree: MarkdownTree, ctx: LinkContext, options: ConvertOptions = {}): State {
  const settings: Settings = {
    htmlAllowList: effectiveAllowList(options.htmlAllowList ?? []),
    dropFirstH1: options.dropFirstH1 ?? true,
  };
  const handlers: Handlers = defaultHandlers;

  const definitions = new Map<string, Definition>();
  const footnoteDefinitions = new Map<string, FootnoteDefinition>();
  const headingIds = new Map<Heading, string>();
  const anchors = new Set<string>();
  const slugger = new GithubSlugger();

  // One pre-pass, in document order, as GitHub assigns slugs: `a`, `a-1`, `a-2`.
  const prepass = (node: Nodes): void => {
    if (node.type === 'definition') {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
    } else if (node.type === 'footnoteDefinition') {
      if (!footnoteDefinitions.has(node.identifier)) footnoteDefinitions.set(node.identifier, node);
    } else if (node.type === 'heading') {
      const slug = slugger.slug(toString(node));
      headingIds.set(node, slug);
      anchors.add(slug);
    }
    if ('children' in node) for (const child of node.children) prepass(child);
  };
  prepass(tree.root);

  const state: State = {
    file: ctx.file || tree.file,
    source: tree.source,
    ctx,
    settings,
    titleHeading: tree.titleHeading,
    definitions,
    footnotes: new FootnoteRegistry(footnoteDefinitions),
    headingIds,
    anchors,
    slugger,
    attachments: new AttachmentRegistry(),
    diagnostics: [],
    linkDepth: 0,
    taskCount: 0,
    rawHtmlNoticeGiven: false,
    one(node, parent) {
      const handler = handlers[node.type] as Handler | undefined;
      const result = handler ? handler(state, node, parent) : unknownNode(state, node, parent);
      return normalise(result);
    },
    all(parent) {
      let children = parent.children as Nodes[];
      if (settings.htmlAllowList.size > 0 && children.some((child) => child.type === 'html')) {
        children = structureHtml(state, children, isFlow(parent));
      }
      const results: XNode[] = [];
      for (const child of children) results.push(...state.one(child, parent));
      return results;
    },
    report(severity, message, position) {
      const diagnostic: Diagnostic = { severity, message, file: state.file };
      if (position) {
        diagnostic.line = position.start.line;
        diagnostic.column = position.start.column;
      }
      state.diagnostics.push(diagnostic);
    },
  };
  return state;
}

function normalise(result: HandlerResult): XNode[] {
  if (result === undefined) return [];
  return Array.isArray(result) ? result : [result];
}
