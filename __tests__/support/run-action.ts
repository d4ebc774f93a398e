/**
 * Runs the committed bundle (dist/index.js) the way a GitHub runner does: inputs as INPUT_*
 * variables, outputs and summary written to the files GITHUB_OUTPUT / GITHUB_STEP_SUMMARY name.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ActionRun {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

export function runAction(
  workspace: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  const outFile = path.join(workspace, '..', `${path.basename(workspace)}.gh-output`);
  const summaryFile = path.join(workspace, '..', `${path.basename(workspace)}.gh-summary`);
  writeFileSync(outFile, '');
  writeFileSync(summaryFile, '');
  const full: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_OUTPUT: outFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    RUNNER_TEMP: path.dirname(workspace),
    ...env,
  };
  for (const [k, v] of Object.entries(inputs)) full[`INPUT_${k.toUpperCase()}`] = v;
  return new Promise((resolve, reject) => {
    // CMSYNC_ACTION_BUNDLE: run another build of the Action (e.g. one bundled from src to check a
    // change before dist/ is rebuilt).
    const bundle = process.env.CMSYNC_ACTION_BUNDLE || path.join(repoRoot, 'dist', 'index.js');
    const child = spawn(process.execPath, [bundle], {
      cwd: workspace,
      env: full,
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({
        code: code ?? -1,
        stdout,
        outputs: parseOutputs(readFileSync(outFile, 'utf8')),
        summary: readFileSync(summaryFile, 'utf8'),
      });
    });
  });
}

/** GITHUB_OUTPUT uses heredoc blocks: `name<<DELIM\nvalue\nDELIM`. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]] = m[3];
  return out;
}
