/**
 * `cmsync publish` as a real child process — the CLI built from the current sources (esbuild,
 * which tsx itself uses, bundles them once; dependencies resolve from the project's
 * node_modules) — so a test can SIGKILL it at any moment of a publish.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmbeddedConfluence } from '../../src/server/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Bundles `src/cli/main.ts` into a file under node_modules/.cache; returns its path. */
export function buildCli(): string {
  const dir = path.join(root, 'node_modules', '.cache', 'cmsync-flow-tests');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `cli-${process.pid}.mjs`);
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'esbuild'),
    [
      path.join(root, 'src', 'cli', 'main.ts'),
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--packages=external',
      '--log-level=warning',
      `--outfile=${out}`,
    ],
    { stdio: 'pipe' },
  );
  return out;
}

export interface CliRun {
  /** Exit code, or null when killed. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** SIGKILL the process once the server has answered this many requests (counted from the start of the run). */
  killAfterRequests?: number;
  settings?: Record<string, string>;
  /** `publish` (default) or `plan`. */
  command?: 'publish' | 'plan';
}

/** Runs `cmsync publish --json` (or `plan`) in `workspace` against `server`. */
export async function runCli(
  cli: string,
  server: EmbeddedConfluence,
  workspace: string,
  options: CliRunOptions = {},
): Promise<CliRun> {
  const home = server.space('DOCS')?.homepageId ?? '';
  const settings: Record<string, string> = {
    'confluence-url': server.url,
    space: 'DOCS',
    'parent-page-id': home,
    'docs-dir': 'docs',
    deployment: 'cloud',
    ...options.settings,
  };
  const args = [
    cli,
    options.command ?? 'publish',
    '--json',
    ...Object.entries(settings).map(([k, v]) => `--${k}=${v}`),
  ];
  const start = server.countRequests();
  const child = spawn(process.execPath, args, {
    cwd: workspace,
    // Credentials through the environment, as the CLI recommends; nothing else of ours leaks in.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CMSYNC_USERNAME: 'demo@example.com',
      CMSYNC_TOKEN: 'demo-token',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  const kill = options.killAfterRequests;
  if (kill !== undefined) {
    let done = false;
    void exited.then(() => (done = true));
    // The server lives in this process: yielding to the event loop lets it answer the child,
    // and the child is killed right after the request that reaches the count.
    while (!done && server.countRequests() - start < kill) await new Promise((r) => setImmediate(r));
    if (!done) child.kill('SIGKILL');
  }
  return { ...(await exited), stdout, stderr };
}
