/**
 * The Markdown side of a run: scan `docs-dir`, parse every file, lay out the page tree, convert
 * each page with links resolved against that tree, and hash the result. Reads files; makes no
 * request. A file that cannot be read or converted becomes an invalid page (reported, not
 * published) so that the rest still publishes and its page is never mistaken for a deletion.
 */
import { promises as fs, realpathSync } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Config } from '../config/types.js';
import { CONVERTER_VERSION, documentAnchors, parseDocument, toStorage } from '../markdown/index.js';
import type { CodeLanguages, DocumentAnchors, LinkTarget, ParsedDocument } from '../markdown/types.js';
import type { Flavor } from '../confluence/types.js';
import { isCloudHost } from '../confluence/url.js';
import { getErrorMessage, type Diagnostic } from '../util/diagnostics.js';
import { pageHash, sha256 } from './hash.js';
import { linkContext, type LinkIndex } from './links.js';
import type { SkippedFile } from './plan.js';
import { scanDocs } from './scan.js';
import { buildTree, type SourceDoc, type TreeNode } from './tree.js';
import type { LocalAttachment, LocalPage, PageKey } from './types.js';
import { mediaTypeOf } from './media-types.js';

/** Body of a generated folder page: Confluence lists the children itself, so it never goes stale. */
export const CHILDREN_MACRO =
  '<ac:structured-macro ac:name="children" ac:schema-version="2"></ac:structured-macro>';

/** Files read at once: enough to hide disk latency, few enough for any runner's file limit. */
const READ_CONCURRENCY = 16;

export interface LocalBuild {
  pages: LocalPage[];
  skipped: SkippedFile[];
  diagnostics: Diagnostic[];
  /** Workspace-relative source file → page key (for git renames). */
  keyOfFile: Map<string, PageKey>;
  /** Stops the run before anything else (docs-dir unusable). */
  fatal?: Diagnostic;
}

/**
 * Which code-macro languages to emit. Data Center's code macro knows fewer than Cloud's and
 * shows an error for the others; the flavour is decided without a request (a no-op run must
 * make none): the setting, an Atlassian host, what the manifest remembers — else the Data
 * Center list, which Cloud renders too (a later run that learns it is Cloud rewrites once).
 */
export function codeLanguagesFor(
  config: Pick<Config, 'deployment' | 'confluenceUrl'>,
  remembered?: Flavor,
): CodeLanguages {
  if (config.deployment !== 'auto') return config.deployment;
  let host = '';
  try {
    host = new URL(config.confluenceUrl).hostname;
  } catch {
    // An invalid URL fails the run elsewhere, with a message naming the setting.
  }
  if (isCloudHost(host)) return 'cloud';
  return remembered ?? 'datacenter';
}

/** Builds every local page of the run from the files under `docs-dir`. */
export async function buildLocalPages(
  config: Config,
  options: { flavor?: Flavor } = {},
): Promise<LocalBuild> {
  const codeLanguages = codeLanguagesFor(config, options.flavor);
  const scan = await scanDocs(config.workspace, config.docsDir);
  const diagnostics = [...scan.diagnostics];
  if (scan.fatal) return { pages: [], skipped: [], diagnostics, keyOfFile: new Map(), fatal: scan.fatal };

  const limit = pLimit(READ_CONCURRENCY);
  const parsed = new Map<string, ParsedDocument>();
  const docs = await Promise.all(
    scan.files.map((f) =>
      limit(async (): Promise<SourceDoc> => {
        let doc: ParsedDocument;
        try {
          // Bytes, not a string: the parser reports invalid UTF-8 at its line instead of publishing U+FFFD.
          doc = parseDocument(await fs.readFile(f.abs), f.file);
        } catch (error) {
          const d: Diagnostic = {
            severity: 'error',
            file: f.file,
            message: `could not read ${f.file}: ${getErrorMessage(error)}`,
          };
          return { path: f.path, file: f.file, publish: true, invalid: [d] };
        }
        parsed.set(f.path, doc);
        diagnostics.push(...doc.diagnostics.filter((d) => d.severity !== 'error' || doc.ok));
        const fm = doc.frontMatter;
        return {
          path: f.path,
          file: f.file,
          title: fm.title,
          h1Title: doc.h1Title,
          ...(fm.titleLine !== undefined ? { titleLine: fm.titleLine } : {}),
          ...(doc.h1Line !== undefined ? { h1Line: doc.h1Line } : {}),
          labels: fm.labels,
          order: fm.order,
          publish: fm.publish,
          ...(doc.ok ? {} : { invalid: doc.diagnostics.filter((d) => d.severity === 'error') }),
        };
      }),
    ),
  );

  const tree = buildTree(docs, config.docsDir);
  diagnostics.push(...tree.diagnostics);
  const index = linkIndex(config, tree.nodes, parsed);
  const cache = new Map<string, LinkTarget>();
  const pages = await Promise.all(
    [...tree.nodes.values()].map((node) =>
      limit(async () => {
        const page = await toLocalPage(node, {
          config,
          index,
          cache,
          codeLanguages,
          doc: node.sourcePath ? parsed.get(node.sourcePath) : undefined,
        });
        diagnostics.push(...page.diagnostics);
        return page.page;
      }),
    ),
  );
  const keyOfFile = new Map<string, PageKey>();
  for (const p of pages) if (p.sourceFile) keyOfFile.set(p.sourceFile, p.key);
  return {
    pages,
    skipped: tree.skipped.map((s) => ({ key: s.key, file: s.file, title: s.title, reason: s.reason })),
    diagnostics,
    keyOfFile,
  };
}

interface ConvertContext {
  config: Config;
  index: LinkIndex;
  cache: Map<string, LinkTarget>;
  codeLanguages: CodeLanguages;
  doc: ParsedDocument | undefined;
}

async function toLocalPage(
  node: TreeNode,
  ctx: ConvertContext,
): Promise<{ page: LocalPage; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const invalid = [...(node.invalid ?? [])];
  let storage = '';
  let attachments: LocalAttachment[] = [];
  if (node.generated) storage = CHILDREN_MACRO;
  else if (ctx.doc && !invalid.length && !node.container) {
    try {
      const result = toStorage(ctx.doc, linkContext(node.sourceFile ?? '', ctx.index, ctx.cache), {
        htmlAllowList: ctx.config.htmlAllowList,
        codeLanguages: ctx.codeLanguages,
        dropFirstH1: dropsFirstH1(ctx.doc.frontMatter.title, ctx.doc.h1Title),
      });
      storage = result.storage;
      diagnostics.push(...result.diagnostics);
      attachments = await readAttachments(
        result.attachments,
        ctx.config.workspace,
        node.reportPath,
        diagnostics,
      );
    } catch (error) {
      invalid.push({
        severity: 'error',
        file: node.reportPath,
        message: `${node.reportPath} could not be converted: ${getErrorMessage(error)}`,
      });
    }
  }
  const page: LocalPage = {
    key: node.key,
    parentKey: node.parentKey,
    sourceFile: node.sourceFile,
    title: node.title,
    ...(node.titleLine !== undefined ? { titleLine: node.titleLine } : {}),
    order: node.order,
    name: node.name,
    labels: node.labels,
    storage,
    attachments,
    hash: '',
    children: node.children,
    ...(node.generated ? { generated: true } : {}),
    ...(node.container ? { container: true } : {}),
    ...(node.keepRemoteTitle ? { keepRemoteTitle: true } : {}),
    ...(invalid.length ? { invalid } : {}),
  };
  page.hash = pageHash({
    converterVersion: CONVERTER_VERSION,
    title: page.keepRemoteTitle ? '' : page.title,
    storage,
    labels: page.labels,
    attachments,
  });
  return { page, diagnostics };
}

async function readAttachments(
  refs: readonly { path: string; filename: string }[],
  workspace: string,
  file: string,
  diagnostics: Diagnostic[],
): Promise<LocalAttachment[]> {
  const result: LocalAttachment[] = [];
  for (const ref of refs) {
    try {
      const data = await fs.readFile(path.join(workspace, ref.path));
      result.push({
        ...ref,
        hash: sha256(data),
        size: data.byteLength,
        mediaType: mediaTypeOf(ref.filename),
      });
    } catch (error) {
      diagnostics.push({
        severity: 'warning',
        file,
        message: `could not read ${ref.path} to attach it: ${getErrorMessage(error)}`,
      });
    }
  }
  return result;
}

function linkIndex(
  config: Config,
  nodes: ReadonlyMap<PageKey, TreeNode>,
  parsed: ReadonlyMap<string, ParsedDocument>,
): LinkIndex {
  const titles = new Map<string, string>();
  const anchors = new Map<string, DocumentAnchors>();
  for (const node of nodes.values()) {
    // A root without a title of its own has the parent page's title, which only Confluence
    // knows; a link to it would make the page's content depend on a read, so it is not linked.
    if (node.key === '' && (node.keepRemoteTitle || node.container)) continue;
    // A file that fails (invalid front matter) gets no page this run: a link to it would point
    // at a title that may not exist — or belong to another page — so it is reported instead.
    if (node.invalid?.length) continue;
    titles.set(node.key, node.title);
    if (node.sourcePath) titles.set(node.sourcePath, node.title);
    // The headings of the target page, so `other.md#section` is checked, not trusted.
    const doc = node.sourcePath ? parsed.get(node.sourcePath) : undefined;
    if (doc && node.sourcePath) {
      const found = documentAnchors(doc, {
        dropFirstH1: dropsFirstH1(doc.frontMatter.title, doc.h1Title),
        htmlAllowList: config.htmlAllowList,
      });
      anchors.set(node.key, found);
      anchors.set(node.sourcePath, found);
    }
  }
  return {
    workspace: config.workspace,
    workspaceReal: realpathSync(config.workspace),
    docsDir: config.docsDir,
    titles,
    anchors,
  };
}

/**
 * The leading H1 is dropped when it became the title, or when it only repeats the front matter
 * title (Confluence shows the title above the body, so it would appear twice). A different H1
 * under a front matter title is content and stays.
 */
export function dropsFirstH1(frontMatterTitle: string | undefined, h1Title: string | undefined): boolean {
  if (!frontMatterTitle) return true;
  const norm = (t: string): string => t.trim().replace(/\s+/g, ' ').toLowerCase();
  return h1Title !== undefined && norm(h1Title) === norm(frontMatterTitle);
}
