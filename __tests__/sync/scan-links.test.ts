import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { linkContext, type LinkIndex } from '../../src/sync/links.js';
import { scanDocs } from '../../src/sync/scan.js';
import { makeWorkspace } from './fixtures.js';

describe('scan', () => {
  test('finds *.md under docs-dir, skipping hidden folders and node_modules', async () => {
    const ws = await makeWorkspace({
      'docs/a.md': '',
      'docs/guide/B.MD': '',
      'docs/guide/image.png': '',
      'docs/.drafts/c.md': '',
      'docs/node_modules/x/readme.md': '',
      'other/outside-docs.md': '',
    });
    const result = await scanDocs(ws, 'docs');
    expect(result.fatal).toBeUndefined();
    expect(result.files.map((f) => [f.path, f.file])).toEqual([
      ['a.md', 'docs/a.md'],
      ['guide/B.MD', 'docs/guide/B.MD'],
    ]);
  });

  test('docs-dir may be the workspace itself', async () => {
    const ws = await makeWorkspace({ 'README.md': '', 'sub/a.md': '' });
    expect((await scanDocs(ws, '')).files.map((f) => f.file)).toEqual(['README.md', 'sub/a.md']);
  });

  test('a missing docs-dir, or one that is a symlink out of the workspace, is an error naming docs-dir', async () => {
    const ws = await makeWorkspace({ 'x.md': '' });
    expect((await scanDocs(ws, 'docs')).fatal).toMatchObject({
      setting: 'docs-dir',
      message: expect.stringMatching(/does not exist/),
    });
    const outside = await mkdtemp(path.join(os.tmpdir(), 'cmsync-outside-'));
    await symlink(outside, path.join(ws, 'docs'));
    expect((await scanDocs(ws, 'docs')).fatal).toMatchObject({
      setting: 'docs-dir',
      message: expect.stringMatching(/outside the workspace/),
    });
  });

  test('symlinks inside the workspace are followed; ones pointing outside are refused with a warning', async () => {
    const ws = await makeWorkspace({ 'docs/a.md': '', 'shared/common.md': '', 'shared/deep/d.md': '' });
    const outside = await mkdtemp(path.join(os.tmpdir(), 'cmsync-outside-'));
    await writeFile(path.join(outside, 'secret.md'), '# secret');
    await symlink(path.join(ws, 'shared/common.md'), path.join(ws, 'docs/common.md'));
    await symlink(path.join(ws, 'shared/deep'), path.join(ws, 'docs/deep'));
    await symlink(path.join(outside, 'secret.md'), path.join(ws, 'docs/secret.md'));
    await symlink(outside, path.join(ws, 'docs/ext'));
    await symlink(path.join(ws, 'docs'), path.join(ws, 'docs/loop'));
    const result = await scanDocs(ws, 'docs');
    expect(result.files.map((f) => f.path)).toEqual(['a.md', 'common.md', 'deep/d.md']);
    expect(result.diagnostics.map((d) => d.file).sort()).toEqual(['docs/ext', 'docs/secret.md']);
    expect(
      result.diagnostics.every((d) => d.severity === 'warning' && /outside the workspace/.test(d.message)),
    ).toBe(true);
  });
});

describe('links', () => {
  async function setup(): Promise<LinkIndex> {
    const ws = await makeWorkspace({
      'docs/guide/install.md': '',
      'docs/guide/index.md': '',
      'docs/img/logo.png': 'png',
      'docs/notes.md': '',
      'assets/diagram.svg': '<svg/>',
      'src/code.ts': '',
    });
    await mkdir(path.join(ws, 'docs/empty'));
    const outside = await mkdtemp(path.join(os.tmpdir(), 'cmsync-outside-'));
    await writeFile(path.join(outside, 'x.png'), 'x');
    await symlink(path.join(outside, 'x.png'), path.join(ws, 'docs/img/escape.png'));
    return {
      workspace: ws,
      workspaceReal: await realpath(ws),
      docsDir: 'docs',
      titles: new Map([
        ['guide/install.md', 'Install'],
        ['guide/', 'Guide'],
        ['guide/index.md', 'Guide'],
      ]),
    };
  }

  test('resolves pages, folders, files, escapes and missing targets relative to the file', async () => {
    const index = await setup();
    const ctx = linkContext('docs/guide/install.md', index);
    expect(ctx.resolve('index.md')).toEqual({ kind: 'page', title: 'Guide' });
    expect(ctx.resolve('../guide/')).toEqual({ kind: 'page', title: 'Guide' });
    expect(ctx.resolve('.')).toEqual({ kind: 'page', title: 'Guide' });
    expect(ctx.resolve('./install.md')).toEqual({ kind: 'page', title: 'Install' });
    expect(ctx.resolve('../img/logo.png')).toEqual({ kind: 'file', path: 'docs/img/logo.png' });
    expect(ctx.resolve('../../assets/diagram.svg')).toEqual({ kind: 'file', path: 'assets/diagram.svg' });
    expect(ctx.resolve('/src/code.ts')).toEqual({ kind: 'file', path: 'src/code.ts' });
    expect(ctx.resolve('../../../etc/passwd')).toEqual({ kind: 'outside' });
    expect(ctx.resolve('../img/escape.png')).toEqual({ kind: 'outside' });
    expect(ctx.resolve('nope.md')).toEqual({ kind: 'missing' });
    expect(ctx.resolve('../notes.md')).toEqual({ kind: 'missing' }); // a Markdown file that is not a page
    expect(ctx.resolve('../empty/')).toEqual({ kind: 'missing' });
  });
});
