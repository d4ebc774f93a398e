/**
 * Writing and reading the manifest file: atomic replacement (a reader never sees a partial
 * file; a crash keeps the old manifest) and a loader that never throws.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadManifest, serializeManifest, writeManifest } from '../../src/manifest/manifest.js';
import { manifestPathIn, prepareStateDir, STATE_DIR } from '../../src/manifest/location.js';
import { known, removeDir, sampleManifest, target, tempDir } from './helpers.js';

let dir: string;

beforeEach(async () => {
  dir = await tempDir('manifest');
});

afterEach(async () => {
  await removeDir(dir);
});

const oldManifest = () => sampleManifest(known.slice(0, 2), '2025-01-01T00:00:00.000Z');
const newManifest = () => sampleManifest(known, '2025-02-01T00:00:00.000Z');

test('a written manifest loads back, and no temporary file is left', async () => {
  const path = join(dir, 'state', 'manifest.json');
  await writeManifest(path, newManifest());
  expect(await loadManifest(path, target)).toEqual({ manifest: newManifest() });
  expect(await readFile(path, 'utf8')).toBe(serializeManifest(newManifest()));
  expect(await readdir(join(dir, 'state'))).toEqual(['manifest.json']);
});

test('the new content goes to a temporary file in the same folder, then replaces the old one', async () => {
  const path = join(dir, 'manifest.json');
  await writeManifest(path, oldManifest());
  let seen: { temp: string; current: string; tempFolder: string } | undefined;
  await writeManifest(path, newManifest(), {
    beforeRename: async (temp) => {
      seen = {
        temp: await readFile(temp, 'utf8'),
        current: await readFile(path, 'utf8'),
        tempFolder: join(temp, '..'),
      };
    },
  });
  expect(seen).toEqual({
    temp: serializeManifest(newManifest()),
    current: serializeManifest(oldManifest()),
    tempFolder: dir,
  });
  expect(await loadManifest(path, target)).toEqual({ manifest: newManifest() });
});

test('a crash before the rename leaves the old manifest intact and cleans up', async () => {
  const path = join(dir, 'manifest.json');
  await writeManifest(path, oldManifest());
  const crash = new Error('simulated crash');
  await expect(
    writeManifest(path, newManifest(), {
      beforeRename: () => {
        throw crash;
      },
    }),
  ).rejects.toBe(crash);
  expect(await loadManifest(path, target)).toEqual({ manifest: oldManifest() });
  expect(await readdir(dir)).toEqual(['manifest.json']);
});

test('a crash on the very first write leaves no manifest at all', async () => {
  const path = join(dir, 'manifest.json');
  await expect(
    writeManifest(path, newManifest(), {
      beforeRename: () => {
        throw new Error('simulated crash');
      },
    }),
  ).rejects.toThrow('simulated crash');
  expect(await loadManifest(path, target)).toMatchObject({ problem: 'missing' });
  expect(await readdir(dir)).toEqual([]);
});

test('an invalid manifest is refused before the old file is touched', async () => {
  const path = join(dir, 'manifest.json');
  await writeManifest(path, oldManifest());
  const bad = newManifest();
  bad.pages['faq.md'].title = '';
  await expect(writeManifest(path, bad)).rejects.toThrow(/Refusing to write an invalid manifest/);
  expect(await loadManifest(path, target)).toEqual({ manifest: oldManifest() });
});

test('a missing manifest is "missing", an unreadable one "corrupt"; neither throws', async () => {
  expect(await loadManifest(join(dir, 'nope.json'), target)).toEqual({
    problem: 'missing',
    detail: expect.stringMatching(
      /^No manifest at .*nope\.json; cmsync rebuilds the state from Confluence\.$/,
    ),
  });
  await mkdir(join(dir, 'folder.json'));
  expect(await loadManifest(join(dir, 'folder.json'), target)).toEqual({
    problem: 'corrupt',
    detail: expect.stringMatching(/^Could not read .*folder\.json/),
  });
});

test('a truncated file (what a non-atomic writer could leave) is corrupt', async () => {
  const path = join(dir, 'manifest.json');
  const text = serializeManifest(newManifest());
  await writeFile(path, text.slice(0, text.length / 2));
  expect(await loadManifest(path, target)).toMatchObject({ problem: 'corrupt' });
});

test('the state folder ignores itself, so the manifest is never committed', async () => {
  const path = await prepareStateDir(dir);
  expect(path).toBe(manifestPathIn(dir));
  expect(path).toBe(join(dir, STATE_DIR, 'manifest.json'));
  await prepareStateDir(dir);
  const ignore = await readFile(join(dir, STATE_DIR, '.gitignore'), 'utf8');
  expect(ignore.split('\n')).toContain('*');
});
