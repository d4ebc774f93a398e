/**
 * Runs the committed bundle (dist/index.js) the way a GitHub runner does: inputs as INPUT_*
 * variables, outputs and summary written to the files GITHUB_OUTPUT / GITHUB_STEP_SUMMARY name.
 * This catches what unit tests cannot: an ESM bundle that compiles but crashes at run time.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../src/server/index.js';
import type { EmbeddedConfluence } from '../../src/server/types.js';
import { repoRoot as repo, runAction as runBundle } from '../support/run-action.js';

describe('dist/index.js on a simulated runner', () => {
  let server: EmbeddedConfluence;
  let workspace: string;
  let inputs: Record<string, string>;

  beforeAll(async () => {
    server = await startServer();
    workspace = mkdtempSync(path.join(os.tmpdir(), 'cmsync-bundle-'));
    cpSync(path.join(repo, 'examples', 'docs'), path.join(workspace, 'docs'), { recursive: true });
    inputs = {
      'confluence-url': server.url,
      username: 'demo@example.com',
      token: 'demo-token',
      space: 'DOCS',
      'parent-page-id': server.space('DOCS')!.homepageId,
      'docs-dir': 'docs',
      'allow-html': 'br,sub,sup,kbd,details,summary,img,a',
    };
  });

  afterAll(async () => {
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('publishes the docs, writes outputs and the summary, masks the token', async () => {
    const first = await runBundle(workspace, inputs);
    expect(first.stdout).not.toMatch(/cmsync crashed/);
    expect(first.code).toBe(0);
    expect(Number(first.outputs.created)).toBeGreaterThan(5);
    expect(first.outputs.failed).toBe('0');
    const pages = JSON.parse(first.outputs.pages) as { path: string; url: string; action: string }[];
    expect(pages.find((p) => p.path.endsWith('getting-started.md'))?.url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\//,
    );
    expect(first.summary).toContain('<table>');
    expect(first.summary).toContain('Getting started');
    expect(first.stdout).toContain('::add-mask::demo-token');
    // After masking, the runner hides the token; it must never be printed in any other form.
    expect(first.stdout.replace(/::add-mask::.*\n/g, '')).not.toContain('demo-token');

    const writesBefore = server.countRequests({ write: true });
    const second = await runBundle(workspace, inputs);
    expect(second.code).toBe(0);
    expect(second.outputs.created).toBe('0');
    expect(second.outputs.updated).toBe('0');
    expect(server.countRequests({ write: true })).toBe(writesBefore);
    // The smart-sync figures are in the log as well as in the summary and the `stats` output.
    expect(second.stdout).toMatch(/cmsync: \d+ page\(s\) scanned, 0 changed, 0 written/);
    expect(JSON.parse(second.outputs.stats)).toMatchObject({ changed: 0, written: 0 });
  });

  test('a wrong token fails the run with a message naming the setting', async () => {
    const result = await runBundle(workspace, { ...inputs, token: 'wrong-token' });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(/token/);
    expect(result.stdout.replace(/::add-mask::.*\n/g, '')).not.toContain('wrong-token');
  });

  test('an invalid input fails before any request', async () => {
    server.resetRequests();
    const result = await runBundle(workspace, { ...inputs, 'on-conflict': 'merge' });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(/on-conflict/);
    expect(server.countRequests()).toBe(0);
  });
});
