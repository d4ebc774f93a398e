/**
 * Everything one conversion needs, created fresh by `createState` for every `toStorage` call:
 * settings with their defaults, the definition and footnote maps (filled in one pre-pass), the
 * heading anchors, the attachment registry, the diagnostics, and `one`/`all` to recurse. Nothing
 * here lives at module level, so two conversions can never see each other.
 */
import GithubSlugger from 'github-slugger';
import type { Definition, FootnoteDefinition, Heading, Html, Nodes, Parents, Text } from 'mdast';
import type { Position } from 'unist';
import type { Diagnostic } from '../util/diagnostics.js';
import type { CodeLanguages, ConvertOptions, LinkContext } from './types.js';
import type { MarkdownTree } from './tree.js';
import type { XNode } from './xml/nodes.js';
import { AttachmentRegistry } from './links/attachments.js';
import { effectiveAllowList } from './html/policy.js';
import { locator, structureHtml } from './html/structure.js';
import { unclosedCommentAt } from './html/tokenize.js';
import { FootnoteRegistry } from './footnotes.js';
import { handlers as defaultHandlers } from './handlers/index.js';
import { unknownNode } from './handlers/unknown.js';
import type { Handler, HandlerResult, Handlers } from './handler-types.js';
import { isFlow } from './flow.js';
import { headingText, htmlAnchors } from './anchors.js';
import { MAX_RENDER_DEPTH } from './limits.js';
import { text, x } from './xml/nodes.js';
import { lineIndexAt, lineStartsOf } from './text-utils.js';

export type { Handler, HandlerResult, Handlers };

/** Options normalised once, with their defaults. */
export interface Settings {
  /** Allow-listed raw HTML elements, already intersected with what cmsync can render safely. */
  htmlAllowList: ReadonlySet<string>;
  /** Drop the leading `# H1` (default: true). */
  dropFirstH1: boolean;
  /** Which code macro language ids to emit (default: `cloud`). */
  codeLanguages: CodeLanguages;
}

export interface State {
  readonly file: string;
  readonly source: string;
  readonly ctx: LinkContext;
  readonly settings: Settings;
  readonly titleHeading: Heading | undefined;
  /** The slug of the leading `# H1` when it is dropped (it became the title), else undefined. */
  readonly titleAnchor: string | undefined;
  /** Link reference definitions by normalised identifier. */
  readonly definitions: ReadonlyMap<string, Definition>;
  readonly footnotes: FootnoteRegistry;
  /** GitHub-style slug of every heading, deduplicated per page in document order. */
  readonly headingIds: ReadonlyMap<Heading, string>;
  /** Every anchor name this page defines (headings, footnotes, raw `<a name>`), for checking `#fragment` links. */
  readonly anchors: Set<string>;
  /** Slugger shared by headings and footnotes so that their anchors never collide. */
  readonly slugger: GithubSlugger;
  readonly attachments: AttachmentRegistry;
  readonly diagnostics: Diagnostic[];
  /** Above zero while rendering a link body: Confluence links cannot nest. */
  linkDepth: number;
  /**
   * While a link's label is rendered: what must follow the link instead of sitting inside it
   * (footnote references, which are links themselves).
   */
  afterLink: XNode[] | undefined;
  /**
   * The anchor to put at the very top of the page, once a link needs it: the dropped title
   * heading's (`[x](#my-title)`), or the one `[top](#)` links to.
   */
  topAnchor: string | undefined;
  /** Whether the "nested too deeply" warnings were already given for this file. */
  depthWarningGiven: boolean;
  htmlDepthWarningGiven: boolean;
  /** Counter for `ac:task-id`, unique within the page. */
  taskCount: number;
  /** Whether the "raw HTML shown as text" notice was already given for this file. */
  rawHtmlNoticeGiven: boolean;
  /** Whether the "wrapper tags left out" notice (allow-list mode) was already given for this file. */
  wrapperNoticeGiven: boolean;
  /** Render one node. */
  one(node: Nodes, parent: Parents | undefined): XNode[];
  /** Render the children of `parent` (structuring raw HTML first when an allow-list is set). */
  all(parent: Parents): XNode[];
  /**
   * The children of `parent` as `all` renders them: with an allow-list, raw HTML structured into
   * `htmlElement`/`htmlText`. For handlers that render children one by one (list items).
   */
  children(parent: Parents): Nodes[];
  /** Offsets where each line of `source` starts (computed once, on first use). */
  lineStarts(): readonly number[];
  /** Record a problem at the node's position. */
  report(severity: Diagnostic['severity'], message: string, position: Position | undefined): void;
}

/** Create the state for one conversion of `tree`. */
export function createState(tree: MarkdownTree, ctx: LinkContext, options: ConvertOptions = {}): State {
  const settings: Settings = {
    htmlAllowList: effectiveAllowList(options.htmlAllowList ?? []),
    dropFirstH1: options.dropFirstH1 ?? true,
    codeLanguages: options.codeLanguages === 'datacenter' ? 'datacenter' : 'cloud',
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
      const slug = slugger.slug(headingText(node));
      headingIds.set(node, slug);
      anchors.add(slug);
    } else if (node.type === 'html' && node.value.includes('<!--')) {
      commentHtml.push(node);
    } else if (node.type === 'text' && node.value.includes('[^')) {
      footnoteLikeText.push(node);
    }
    if ('children' in node) for (const child of node.children) prepass(child);
  };
  const footnoteLikeText: Text[] = [];
  const commentHtml: Html[] = [];
  prepass(tree.root);
  for (const name of htmlAnchors(tree.root, settings.htmlAllowList)) anchors.add(name);

  let depth = 0;
  let lineStarts: number[] | undefined;
  const state: State = {
    file: ctx.file || tree.file,
    source: tree.source,
    ctx,
    settings,
    titleHeading: tree.titleHeading,
    titleAnchor: tree.titleHeading && settings.dropFirstH1 ? headingIds.get(tree.titleHeading) : undefined,
    definitions,
    footnotes: new FootnoteRegistry(footnoteDefinitions),
    headingIds,
    anchors,
    slugger,
    attachments: new AttachmentRegistry(),
    diagnostics: [],
    linkDepth: 0,
    afterLink: undefined,
    topAnchor: undefined,
    depthWarningGiven: false,
    htmlDepthWarningGiven: false,
    taskCount: 0,
    rawHtmlNoticeGiven: false,
    wrapperNoticeGiven: false,
    one(node, parent) {
      if (depth >= MAX_RENDER_DEPTH) return flattened(state, node, parent);
      depth++;
      try {
        const handler = handlers[node.type] as Handler | undefined;
        const result = handler ? handler(state, node, parent) : unknownNode(state, node, parent);
        return normalise(result);
      } finally {
        depth--;
      }
    },
    all(parent) {
      const results: XNode[] = [];
      for (const child of state.children(parent)) results.push(...state.one(child, parent));
      return results;
    },
    children(parent) {
      const children = parent.children as Nodes[];
      if (settings.htmlAllowList.size > 0 && children.some((child) => child.type === 'html')) {
        return structureHtml(state, children, isFlow(parent));
      }
      return children;
    },
    lineStarts() {
      lineStarts ??= lineStartsOf(tree.source);
      return lineStarts;
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
  for (const node of commentHtml) {
    const offset = unclosedCommentAt(node.value);
    if (offset === undefined) continue;
    state.report(
      'warning',
      'HTML comment is not closed (no `-->` after this `<!--`); shown as text (GitHub hides everything after it)',
      locator(state, node)(offset),
    );
  }
  for (const node of footnoteLikeText) reportUndefinedFootnotes(state, node, footnoteDefinitions);
  return state;
}

/**
 * `[^label]` left as text: remark makes a footnote reference only when the footnote is defined,
 * so this is a reference to a footnote that does not exist (unless escaped: `\[^label]`).
 */
function reportUndefinedFootnotes(
  state: State,
  node: Text,
  definitions: ReadonlyMap<string, FootnoteDefinition>,
): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const written = start !== undefined && end !== undefined ? state.source.slice(start, end) : '';
  let cursor = 0;
  for (const match of node.value.matchAll(/\[\^([^\]\s]+)\]/g)) {
    const identifier = match[1].toLowerCase().toUpperCase().toLowerCase();
    if (definitions.has(identifier)) continue;
    let position = node.position;
    const index = written.indexOf(match[0], cursor);
    if (index !== -1 && start !== undefined) {
      cursor = index + match[0].length;
      if (written[index - 1] === '\\') continue;
      const offset = start + index;
      const starts = state.lineStarts();
      const line = lineIndexAt(starts, offset);
      const point = { line: line + 1, column: offset - starts[line] + 1, offset };
      position = { start: point, end: point };
    }
    state.report(
      'warning',
      `Footnote ${match[0]} is not defined; shown as text (define it with a line \`${match[0]}: …\`)`,
      position,
    );
  }
}

/**
 * Content past `MAX_RENDER_DEPTH` (raw HTML nested in blocks nested in raw HTML …): its text,
 * collected without recursion, with one warning per page.
 */
function flattened(state: State, node: Nodes, parent: Parents | undefined): XNode[] {
  if (!state.depthWarningGiven) {
    state.depthWarningGiven = true;
    state.report(
      'warning',
      `Content is nested more than ${MAX_RENDER_DEPTH} levels deep here; the rest of it is shown as plain text`,
      node.position,
    );
  }
  let value = '';
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as Nodes;
    if ('children' in current) {
      const children = current.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    } else if ('value' in current && typeof current.value === 'string') value += current.value;
  }
  if (value === '') return [];
  return isFlow(parent) ? [x('p', {}, text(value))] : [text(value)];
}

function normalise(result: HandlerResult): XNode[] {
  if (result === undefined) return [];
  return Array.isArray(result) ? result : [result];
}
