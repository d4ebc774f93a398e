/**
 * Runs the Action from src (not the bundle) in this process, the way run-action.ts runs dist:
 * inputs as INPUT_* variables, outputs and summary in the files GITHUB_OUTPUT / GITHUB_STEP_SUMMARY
 * name, workflow commands (annotations) captured from stdout. process.env and exitCode are restored.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/action/run.js';
import { parseOutputs, type ActionRun } from './run-action.js';

export async function runActionFromSource(
  workspace: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  const outFile = path.join(workspace, '..', `${path.basename(workspace)}.src-output`);
  // @actions/core caches the summary file's path for the process: one file for every run.
  const summaryFile = path.join(os.tmpdir(), `cmsync-src-summary-${process.pid}.md`);
  writeFileSync(outFile, '');
  writeFileSync(summaryFile, '');
  const savedEnv = { ...process.env };
  const savedExit = process.exitCode;
  const savedWrite = process.stdout.write.bind(process.stdout);
  let stdout = '';
  for (const k of Object.keys(process.env))
    if (k.startsWith('INPUT_') || k.startsWith('GITHUB_') || k.startsWith('ACTIONS_')) delete process.env[k];
  Object.assign(process.env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_OUTPUT: outFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    RUNNER_TEMP: path.dirname(workspace),
    ...env,
  });
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
  process.exitCode = 0;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  let code: number;
  try {
    await run();
  } finally {
    process.stdout.write = savedWrite;
    code = Number(process.exitCode ?? 0);
    process.exitCode = savedExit;
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
  }
  return {
    code,
    stdout,
    outputs: parseOutputs(readFileSync(outFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
  };
}
