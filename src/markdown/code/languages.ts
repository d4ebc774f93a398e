/**
 * Info-string language → the code macro's `language` parameter.
 *
 * `ALIASES` gives the Cloud editor's ids (`c go json kotlin rust typescript tsx jsx toml docker
 * graphql markdown …` besides the classic ones). With `codeLanguages: 'datacenter'` only the v1
 * editor's ids are emitted: `actionscript3 applescript bash coldfusion cpp csharp css delphi diff
 * erlang groovy html/xml java javafx javascript none perl php powershell python ruby sass scala
 * sql vb yaml` (confluence-api.md §5.1). An unknown language becomes `none`, never left out:
 * without the parameter, Data Center highlights the block as Java.
 */
import type { CodeLanguages } from '../types.js';

const ALIASES: Record<string, string> = {
  actionscript: 'actionscript3',
  actionscript3: 'actionscript3',
  as3: 'actionscript3',
  applescript: 'applescript',
  bash: 'bash',
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  console: 'bash',
  shellsession: 'bash',
  'shell-session': 'bash',
  'sh-session': 'bash',
  terminal: 'bash',
  c: 'c',
  h: 'c',
  'c#': 'csharp',
  cs: 'csharp',
  csharp: 'csharp',
  'c++': 'cpp',
  cpp: 'cpp',
  cc: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  cfm: 'coldfusion',
  coldfusion: 'coldfusion',
  css: 'css',
  delphi: 'delphi',
  pascal: 'delphi',
  diff: 'diff',
  patch: 'diff',
  docker: 'docker',
  dockerfile: 'docker',
  erlang: 'erlang',
  erl: 'erlang',
  go: 'go',
  golang: 'go',
  graphql: 'graphql',
  gql: 'graphql',
  groovy: 'groovy',
  gradle: 'groovy',
  html: 'xml',
  xhtml: 'xml',
  xml: 'xml',
  svg: 'xml',
  java: 'java',
  javafx: 'javafx',
  js: 'javascript',
  javascript: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  json: 'json',
  jsonc: 'json',
  json5: 'json',
  jsx: 'jsx',
  kotlin: 'kotlin',
  kt: 'kotlin',
  kts: 'kotlin',
  markdown: 'markdown',
  md: 'markdown',
  mermaid: 'mermaid',
  perl: 'perl',
  pl: 'perl',
  php: 'php',
  powershell: 'powershell',
  ps: 'powershell',
  ps1: 'powershell',
  pwsh: 'powershell',
  python: 'python',
  py: 'python',
  python3: 'python',
  ruby: 'ruby',
  rb: 'ruby',
  rust: 'rust',
  rs: 'rust',
  sass: 'sass',
  scss: 'sass',
  scala: 'scala',
  sql: 'sql',
  plsql: 'sql',
  psql: 'sql',
  toml: 'toml',
  ts: 'typescript',
  typescript: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  vb: 'vb',
  vbnet: 'vb',
  'vb.net': 'vb',
  yaml: 'yaml',
  yml: 'yaml',
};

/**
 * The ids the Data Center code macro (the v1 editor's list) knows; anything else is highlighted
 * as Java there, or refused by some versions.
 */
export const DATA_CENTER_LANGUAGES: ReadonlySet<string> = new Set([
  'actionscript3',
  'applescript',
  'bash',
  'coldfusion',
  'cpp',
  'csharp',
  'css',
  'delphi',
  'diff',
  'erlang',
  'groovy',
  'html/xml',
  'java',
  'javafx',
  'javascript',
  'none',
  'perl',
  'php',
  'powershell',
  'python',
  'ruby',
  'sass',
  'scala',
  'sql',
  'vb',
  'yaml',
]);

/**
 * Cloud ids → the closest Data Center id that still highlights the code acceptably: TypeScript,
 * JSX and JSON as JavaScript, C as C++, Kotlin as Java, a Dockerfile as Bash. Languages no
 * Data Center brush reads well (Go, Rust, TOML, GraphQL, Markdown, Mermaid) get `none`.
 */
const CLOUD_TO_DATA_CENTER: Record<string, string> = {
  c: 'cpp',
  xml: 'html/xml',
  typescript: 'javascript',
  tsx: 'javascript',
  jsx: 'javascript',
  json: 'javascript',
  kotlin: 'java',
  docker: 'bash',
};

/**
 * The code macro language for an info-string language (`none` when unknown or absent), as the
 * Cloud editor (default) or the Data Center code macro names it.
 */
export function codeLanguage(lang: string | null | undefined, flavour: CodeLanguages = 'cloud'): string {
  if (!lang) return 'none';
  const key = lang.toLowerCase();
  const cloud = Object.hasOwn(ALIASES, key) ? ALIASES[key] : 'none';
  if (flavour === 'cloud') return cloud;
  const dataCenter = Object.hasOwn(CLOUD_TO_DATA_CENTER, cloud) ? CLOUD_TO_DATA_CENTER[cloud] : cloud;
  return DATA_CENTER_LANGUAGES.has(dataCenter) ? dataCenter : 'none';
}
