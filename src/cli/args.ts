/**
 * CLI arguments: the same setting names as the Action's inputs (`--confluence-url`, `--space`, …),
 * each also readable from the environment as CMSYNC_<NAME> (`CMSYNC_TOKEN`), so secrets need not
 * appear on a command line.
 */
import { parseArgs } from 'node:util';
import { SETTINGS, type RawSettings } from '../config/settings.js';

export interface CliArgs {
  command: string;
  settings: RawSettings;
  json: boolean;
  once: boolean;
  verbose: boolean;
  port?: number;
  help: boolean;
  rest: string[];
}

export function envName(setting: string): string {
  return `CMSYNC_${setting.toUpperCase().replace(/-/g, '_')}`;
}

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv): CliArgs {
  const [command = 'help', ...rest] = argv;
  if (command === 'server')
    return { command, settings: {}, json: false, once: false, verbose: false, help: false, rest };
  const options: Record<string, { type: 'string' }> = Object.fromEntries(
    SETTINGS.map((s) => [s, { type: 'string' as const }]),
  );
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      ...options,
      json: { type: 'boolean', default: false },
      once: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const settings: RawSettings = {};
  const flags = values as Record<string, string | boolean | undefined>;
  for (const s of SETTINGS) {
    const fromFlag = flags[s];
    const fromEnv = env[envName(s)];
    if (typeof fromFlag === 'string') settings[s] = fromFlag;
    else if (fromEnv !== undefined && fromEnv !== '') settings[s] = fromEnv;
  }
  return {
    command,
    settings,
    json: values.json === true,
    once: values.once === true,
    verbose: values.verbose === true,
    port: typeof values.port === 'string' ? Number(values.port) : undefined,
    help: values.help === true,
    rest: positionals,
  };
}

export const USAGE = `cmsync — Confluence Markdown Sync

Usage:
  cmsync publish --confluence-url URL --space KEY --parent-page-id ID [--docs-dir docs] [options]
  cmsync plan    (same settings)          show what publish would do, write nothing
  cmsync demo    [--once] [--port N]      publish examples/docs into the embedded server and browse it
  cmsync server  [--port N] [--flavor cloud|datacenter] [--latency MS]
                                          run the embedded Confluence-compatible server

Every setting of the GitHub Action is a flag of the same name, or an environment variable
CMSYNC_<NAME> (e.g. CMSYNC_TOKEN, CMSYNC_USERNAME). Options: --json (machine-readable report),
--verbose (debug lines).`;
