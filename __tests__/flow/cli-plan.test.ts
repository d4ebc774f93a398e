/**
 * `cmsync plan --json` (the CLI built from src): its exit status follows the rule that fails the
 * Action's preview — any error or warning, or a conflict, is non-zero.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../../src/server/index.js';
import type { EmbeddedConfluence } from '../../src/server/types.js';
import { removeAll, tempDir } from '../git/git-fixtures.js';
import { buildCli, runCli } from './cli-process.js';

describe('cmsync plan exit status', () => {
  let server: EmbeddedConfluence;
  let cli: string;
  let ws: string;
  const write = (file: string, text: string): void => {
    mkdirSync(path.dirname(path.join(ws, file)), { recursive: true });
    writeFileSync(path.join(ws, file), text);
  };

  beforeAll(async () => {
    server = await startServer();
    cli = buildCli();
    ws = tempDir();
    write('docs/guide.md', '# Guide\n\nHello.\n');
  });
  afterAll(async () => {
    await server.close();
    removeAll();
  });

  test('zero without problems, non-zero for a warning the preview would block on', async () => {
    expect((await runCli(cli, server, ws)).code).toBe(0);
    const clean = await runCli(cli, server, ws, { command: 'plan' });
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ entries: expect.any(Array) });

    write('docs/guide.md', '# Guide\n\nHello, see [missing](missing.md).\n');
    const broken = await runCli(cli, server, ws, { command: 'plan' });
    const model = JSON.parse(broken.stdout) as { diagnostics: { severity: string; message: string }[] };
    expect(model.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/missing\.md/) }),
    ]);
    expect(broken.code).toBe(1);
  });
});
