/**
 * The manifest file format (schema 1) and its hand-written validation. A manifest read from disk
 * is untrusted input: every field is checked, and one bad entry rejects the whole file, because
 * a partly trusted manifest could map a path to the wrong page.
 */

/** The schema this build writes. Bump it (and add a step to `MIGRATIONS`) on any format change. */
export const MANIFEST_SCHEMA = 1;

/** Which publication a manifest describes; a manifest for another target is never used. */
export interface ManifestTarget {
  /** Confluence base URL, as configured (`https://acme.atlassian.net/wiki`). */
  confluenceUrl: string;
  /** Space key. */
  space: string;
  /** The page the tree hangs under. */
  parentPageId: string;
  /** Workspace-relative POSIX path of the docs folder. */
  docsDir: string;
}

export interface ManifestHeader extends ManifestTarget {
  schema: typeof MANIFEST_SCHEMA;
  tool: 'cmsync';
  /** `CONVERTER_VERSION` of the run that wrote the manifest. */
  converterVersion: string;
  /** ISO 8601 time of the write. */
  updatedAt: string;
  /**
   * Cloud or Data Center, as the last run found it, so a run with `deployment: auto` on a host
   * that is not `*.atlassian.net` does not spend a probe request on every publish.
   */
  flavor?: 'cloud' | 'datacenter';
  /**
   * The git commit (full sha) whose tree the published state corresponds to: HEAD of the last run
   * after which every page was up to date. A run with failures keeps the previous value, since
   * the entries of the pages that failed still describe that older tree. The next run diffs this
   * commit with HEAD to find the files renamed since, even across pushes that were never
   * published (a cancelled or failed run) and on full scans. Absent in manifests of older
   * releases, outside git, and until a run succeeds.
   */
  commit?: string;
}

/** What the manifest stores per page: `KnownPage` without its key (the key is the map key). */
export interface ManifestPage {
  pageId: string;
  /** The version cmsync last wrote. */
  version: number;
  hash?: string;
  title: string;
  parentId?: string;
  /** Attachment filename → sha256. */
  attachments?: Record<string, string>;
  labels?: string[];
  /** Position among its managed siblings at the last write, so a warm run notices an `order` change. */
  index?: number;
  /** Page URL in the Confluence UI, so an unchanged page is linked without a request. */
  url?: string;
}

export interface Manifest extends ManifestHeader {
  /** Page key (docs-relative POSIX path, `''` for the root) → what cmsync last wrote there. */
  pages: Record<string, ManifestPage>;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; reason: string };

const HEADER_FIELDS = [
  'schema',
  'tool',
  'confluenceUrl',
  'space',
  'parentPageId',
  'docsDir',
  'converterVersion',
  'updatedAt',
  'flavor',
  'commit',
  'pages',
] as const;
const PAGE_FIELDS = [
  'pageId',
  'version',
  'hash',
  'title',
  'parentId',
  'attachments',
  'labels',
  'index',
  'url',
] as const;

/**
 * Check that `value` is a schema-1 manifest. Unknown fields are errors too: a field this build
 * does not know means a format it does not understand, which a schema bump should have said.
 */
export function validateManifest(value: unknown): Validation<Manifest> {
  if (!isRecord(value)) return fail('the manifest is not a JSON object');
  const unknown = unknownField(value, HEADER_FIELDS);
  if (unknown !== undefined) return fail(`unknown field "${unknown}"`);
  const {
    schema,
    tool,
    confluenceUrl,
    space,
    parentPageId,
    docsDir,
    converterVersion,
    updatedAt,
    flavor,
    commit,
  } = value;
  if (schema !== MANIFEST_SCHEMA) return fail(`schema must be ${MANIFEST_SCHEMA}`);
  if (tool !== 'cmsync') return fail('tool must be "cmsync"');
  if (!isNonEmptyString(confluenceUrl)) return fail('confluenceUrl must be a non-empty string');
  if (!isNonEmptyString(space)) return fail('space must be a non-empty string');
  if (!isNonEmptyString(parentPageId)) return fail('parentPageId must be a non-empty string');
  if (typeof docsDir !== 'string') return fail('docsDir must be a string');
  if (!isNonEmptyString(converterVersion)) return fail('converterVersion must be a non-empty string');
  if (!isIsoTime(updatedAt)) return fail('updatedAt must be an ISO 8601 time');
  if (flavor !== undefined && flavor !== 'cloud' && flavor !== 'datacenter')
    return fail('flavor must be "cloud" or "datacenter"');
  // It becomes a git argument: only a full lowercase sha (SHA-1, or SHA-256 repositories) passes.
  if (commit !== undefined && !isCommitSha(commit))
    return fail('commit must be a full git commit sha (40 lowercase hex digits)');
  if (!isRecord(value.pages)) return fail('pages must be an object');

  const pages: Array<[string, ManifestPage]> = [];
  for (const [key, entry] of Object.entries(value.pages)) {
    const keyProblem = pageKeyProblem(key);
    if (keyProblem) return fail(`page key ${JSON.stringify(key)} ${keyProblem}`);
    const page = validatePage(entry);
    if (!page.ok) return fail(`page ${JSON.stringify(key)}: ${page.reason}`);
    pages.push([key, page.value]);
  }
  return {
    ok: true,
    value: {
      schema,
      tool,
      confluenceUrl,
      space,
      parentPageId,
      docsDir,
      converterVersion,
      updatedAt,
      ...(flavor !== undefined ? { flavor } : {}),
      ...(commit !== undefined ? { commit } : {}),
      // fromEntries defines own properties, so a "__proto__" key stays data, never a prototype.
      pages: Object.fromEntries(pages),
    },
  };
}

/** Check one page entry; the result is a fresh object (no aliasing of the parsed JSON). */
export function validatePage(value: unknown): Validation<ManifestPage> {
  if (!isRecord(value)) return fail('entry is not an object');
  const unknown = unknownField(value, PAGE_FIELDS);
  if (unknown !== undefined) return fail(`unknown field "${unknown}"`);
  const { pageId, version, hash, title, parentId, attachments, labels, index, url } = value;
  if (!isNonEmptyString(pageId)) return fail('pageId must be a non-empty string');
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    return fail('version must be a positive integer');
  }
  if (!isNonEmptyString(title)) return fail('title must be a non-empty string');
  if (hash !== undefined && !isNonEmptyString(hash)) return fail('hash must be a non-empty string');
  if (parentId !== undefined && !isNonEmptyString(parentId))
    return fail('parentId must be a non-empty string');
  if (attachments !== undefined && !isStringMap(attachments)) {
    return fail('attachments must map file names to hash strings');
  }
  if (labels !== undefined && !(Array.isArray(labels) && labels.every(isNonEmptyString))) {
    return fail('labels must be a list of non-empty strings');
  }
  if (index !== undefined && !(typeof index === 'number' && Number.isSafeInteger(index) && index >= 0)) {
    return fail('index must be a non-negative integer');
  }
  // The URL ends up as a link in job summaries and PR comments: only http(s) is accepted.
  if (url !== undefined && !isWebUrl(url)) return fail('url must be an http(s) URL');
  const page: ManifestPage = { pageId, version, title };
  if (hash !== undefined) page.hash = hash;
  if (parentId !== undefined) page.parentId = parentId;
  if (attachments !== undefined) page.attachments = { ...attachments };
  if (labels !== undefined) page.labels = [...labels];
  if (index !== undefined) page.index = index;
  if (url !== undefined) page.url = url;
  return { ok: true, value: page };
}

/**
 * Why `key` is not a page key, or undefined. Keys become file paths in pull mode, so anything
 * that could leave the docs folder (absolute, `..`, backslashes) is refused here too.
 */
export function pageKeyProblem(key: string): string | undefined {
  if (key === '') return undefined;
  if (key.startsWith('/')) return 'is absolute';
  if (key.includes('\\') || key.includes('\0')) return 'contains a backslash or NUL';
  const segments = key.endsWith('/') ? key.slice(0, -1).split('/') : key.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return 'has an empty, "." or ".." segment';
  return undefined;
}

function fail<T>(reason: string): Validation<T> {
  return { ok: false, reason };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownField(value: Record<string, unknown>, known: readonly string[]): string | undefined {
  return Object.keys(value).find((k) => !known.includes(k));
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isStringMap(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.entries(value).every(([k, v]) => k !== '' && isNonEmptyString(v));
}

function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** A full commit sha as git prints it: 40 lowercase hex digits (64 in a SHA-256 repository). */
export function isCommitSha(value: unknown): value is string {
  return typeof value === 'string' && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(value);
}

function isIsoTime(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}
