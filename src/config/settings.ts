/**
 * Turn raw string settings (Action inputs or CLI flags, same names) into a validated `Config`.
 * Every error names the setting and says what to do, because that is what the user can fix.
 */
import path from 'node:path';
import type { Config, Deployment, Mode, OnConflict, OnDelete } from './types.js';

/** Setting names exactly as in action.yml; the CLI uses the same names as `--flags`. */
export const SETTINGS = [
  'confluence-url',
  'username',
  'token',
  'space',
  'parent-page-id',
  'docs-dir',
  'mode',
  'on-conflict',
  'on-delete',
  'force',
  'concurrency',
  'notify-watchers',
  'github-token',
  'manifest-key',
  'deployment',
  'allow-html',
  'max-delete-ratio',
] as const;
export type SettingName = (typeof SETTINGS)[number];
export type RawSettings = Partial<Record<SettingName, string>>;

export const DEFAULTS: Readonly<Record<SettingName, string>> = {
  'confluence-url': '',
  username: '',
  token: '',
  space: '',
  'parent-page-id': '',
  'docs-dir': 'docs',
  mode: 'auto',
  'on-conflict': 'fail',
  'on-delete': 'keep',
  force: 'false',
  concurrency: '4',
  'notify-watchers': 'false',
  'github-token': '',
  'manifest-key': 'cmsync-manifest',
  deployment: 'auto',
  'allow-html': '',
  'max-delete-ratio': '0.25',
};

/**
 * Raw HTML elements that may be allowed; anything else in `allow-html` is rejected. The same list
 * as the converter's `SUPPORTED_HTML_ELEMENTS` (each has a safe mapping to storage there).
 */
export const ALLOWABLE_HTML = [
  'a',
  'b',
  'br',
  'code',
  'details',
  'em',
  'i',
  'img',
  'kbd',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
] as const;

export class ConfigError extends Error {
  constructor(
    readonly setting: SettingName,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

function oneOf<T extends string>(setting: SettingName, value: string, allowed: readonly T[]): T {
  const v = value.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new ConfigError(setting, `"${value}" is not one of ${allowed.map((a) => `\`${a}\``).join(', ')}`);
}

function bool(setting: SettingName, value: string): boolean {
  // Same strictness as core.getBooleanInput: the YAML 1.2 core schema booleans only.
  if (['true', 'True', 'TRUE'].includes(value.trim())) return true;
  if (['false', 'False', 'FALSE'].includes(value.trim())) return false;
  throw new ConfigError(setting, `"${value}" is not a boolean: use true or false`);
}

function required(setting: SettingName, value: string, hint: string): string {
  const v = value.trim();
  if (!v) throw new ConfigError(setting, `is required: ${hint}`);
  return v;
}

export interface BuildOptions {
  /** Absolute workspace path (GITHUB_WORKSPACE or the current directory). */
  workspace: string;
  /** Event name, to resolve `mode: auto`. */
  eventName?: string;
}

/** Validate settings. Credentials may be empty only for a preview (fork PRs have no secrets). */
export function buildConfig(raw: RawSettings, options: BuildOptions): Config {
  const get = (name: SettingName): string => raw[name] ?? DEFAULTS[name];
  const mode = resolveMode(oneOf<Mode>('mode', get('mode'), ['auto', 'publish', 'preview', 'pull']), options);

  const url = required(
    'confluence-url',
    get('confluence-url'),
    'set it to https://<site>.atlassian.net/wiki (Cloud) or https://<host>[/context] (Data Center)',
  );
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      'confluence-url',
      `"${url}" is not a URL: expected https://<site>.atlassian.net/wiki`,
    );
  }
  if (parsed.username || parsed.password)
    throw new ConfigError('confluence-url', 'must not contain credentials: use `username` and `token`');

  const token = get('token').trim();
  if (!token && mode !== 'preview')
    throw new ConfigError(
      'token',
      'is required: pass a Cloud API token or a Data Center personal access token from a secret, e.g. token: ${{ secrets.CONFLUENCE_TOKEN }}',
    );

  const parentPageId = required(
    'parent-page-id',
    get('parent-page-id'),
    'the id of the page the tree hangs under',
  );
  if (!/^\d+$/.test(parentPageId))
    throw new ConfigError(
      'parent-page-id',
      `"${parentPageId}" is not a page id: use the number in the page's URL`,
    );

  const docsDir = normaliseDocsDir(get('docs-dir'), options.workspace);

  const concurrency = Number(get('concurrency'));
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    throw new ConfigError('concurrency', `"${get('concurrency')}" must be a whole number from 1 to 32`);

  const ratio = Number(get('max-delete-ratio'));
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1)
    throw new ConfigError('max-delete-ratio', `"${get('max-delete-ratio')}" must be a number from 0 to 1`);

  const deployment = oneOf('deployment', get('deployment').replace('datacenter', 'data-center'), [
    'auto',
    'cloud',
    'data-center',
  ]);

  return {
    confluenceUrl: url.replace(/\/+$/, ''),
    username: get('username').trim(),
    token,
    space: required('space', get('space'), 'the key of the Confluence space, e.g. DOCS'),
    parentPageId,
    workspace: options.workspace,
    docsDir,
    mode,
    onConflict: oneOf<OnConflict>('on-conflict', get('on-conflict'), ['fail', 'skip', 'overwrite']),
    onDelete: oneOf<OnDelete>('on-delete', get('on-delete'), ['keep', 'archive', 'trash']),
    force: bool('force', get('force')),
    concurrency,
    notifyWatchers: bool('notify-watchers', get('notify-watchers')),
    githubToken: get('github-token').trim(),
    manifestKey: required('manifest-key', get('manifest-key'), 'a cache key prefix such as cmsync-manifest'),
    deployment: (deployment === 'data-center' ? 'datacenter' : deployment) as Deployment,
    htmlAllowList: parseAllowList(get('allow-html')),
    maxDeleteRatio: ratio,
  };
}

function resolveMode(mode: Mode, options: BuildOptions): Mode {
  if (mode !== 'auto') return mode;
  // pull_request_target checks out the base branch: an automatic preview would show the base, not
  // the pull request (and publishing from it would be worse). Refuse, saying what to do instead.
  if (options.eventName === 'pull_request_target')
    throw new ConfigError(
      'mode',
      'auto does not preview on pull_request_target: that event checks out the base branch, not the pull request, so the preview would not show its changes. Run the preview on the pull_request event (fork pull requests then get a preview without credentials), or set mode: preview explicitly after checking out the pull request head yourself',
    );
  // Other events about a pull request (reviews, review comments, the merge queue) must neither
  // publish its unmerged content nor preview a checkout that may not be its head.
  if (options.eventName && PULL_REQUEST_SIDE_EVENTS.has(options.eventName))
    throw new ConfigError(
      'mode',
      `auto does nothing sensible on ${options.eventName}: it would publish a pull request's unmerged content. Run cmsync on pull_request (preview) and push (publish), or set mode explicitly`,
    );
  return options.eventName === 'pull_request' ? 'preview' : 'publish';
}

const PULL_REQUEST_SIDE_EVENTS = new Set([
  'pull_request_review',
  'pull_request_review_comment',
  'merge_group',
]);

function normaliseDocsDir(value: string, workspace: string): string {
  const abs = path.resolve(workspace, value.trim() || '.');
  const rel = path.relative(workspace, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel))
    throw new ConfigError(
      'docs-dir',
      `"${value}" is outside the workspace; use a folder inside the repository`,
    );
  return rel.split(path.sep).join('/');
}

function parseAllowList(value: string): string[] {
  const names = value
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const n of names)
    if (!(ALLOWABLE_HTML as readonly string[]).includes(n))
      throw new ConfigError(
        'allow-html',
        `"${n}" cannot be allowed; allowable: ${ALLOWABLE_HTML.join(', ')}`,
      );
  return names;
}
