/**
 * ConfluenceApi against the embedded server over real HTTP, for both flavours: Cloud (Basic,
 * `/wiki`, v2 + v1) and Data Center (Bearer PAT, `/confluence` context path, v1 only).
 */
import { ConfluenceError, type SpaceInfo } from '../../../src/confluence/index.js';
import { owner, rawRequest, startHarness, type Flavor, type Harness } from './harness.js';

describe.each<Flavor>(['cloud', 'datacenter'])('%s', (flavor) => {
  let h: Harness;
  let space: SpaceInfo;
  let home: string;

  beforeAll(async () => {
    h = await startHarness(flavor);
    space = await h.client.getSpace('DOCS');
    home = space.homepageId!;
  });
  afterAll(() => h.close());
  beforeEach(() => h.server.clearFaults());

  const create = (title: string, parentId = home, storage = `<p>${title}</p>`) =>
    h.client.createPage({
      space,
      parentId,
      title,
      storage,
      message: 'cmsync h1',
      owner: owner(`${title}.md`),
    });

  test('the base URL and flavour', () => {
    expect(h.client.flavor).toBe(flavor);
    expect(h.client.baseUrl).toBe(h.server.url);
    expect(h.server.url).toMatch(flavor === 'cloud' ? /\/wiki$/ : /\/confluence$/);
  });

  test('getSpace resolves the key; an unknown key is not-found naming it', async () => {
    const stored = h.server.space('DOCS')!;
    expect(space).toMatchObject({ id: stored.id, key: 'DOCS', homepageId: stored.homepageId });
    const error = await h.client.getSpace('NOPE').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfluenceError);
    expect(error).toMatchObject({ kind: 'not-found' });
    expect((error as Error).message).toContain('"NOPE"');
  });

  test('createPage creates the page with its owner property; getPage reads both', async () => {
    const created = await create('Create me');
    const stored = h.server.page(created.id)!;
    expect(stored).toMatchObject({
      title: 'Create me',
      parentId: home,
      status: 'current',
      body: '<p>Create me</p>',
    });
    expect(stored.properties.cmsync?.value).toEqual(owner('Create me.md'));
    expect(created).toMatchObject({
      title: 'Create me',
      parentId: home,
      version: { number: 1 },
      owner: owner('Create me.md'),
    });

    const read = await h.client.getPage(created.id);
    expect(read).toMatchObject({ id: created.id, title: 'Create me', parentId: home, status: 'current' });
    expect(read.version.number).toBe(1);
    expect(read.owner).toEqual(owner('Create me.md'));
    expect(read.url).toBe(
      flavor === 'cloud'
        ? `${h.server.url}/spaces/DOCS/pages/${created.id}`
        : `${h.server.url}/pages/viewpage.action?pageId=${created.id}`,
    );
  });

  test('getPage without the owner property: the page and its version, in one request', async () => {
    const created = await create('Version only');
    h.server.resetRequests();
    const page = await h.client.getPage(created.id, { owner: false });
    expect(page).toMatchObject({ id: created.id, version: { number: 1 } });
    expect(h.server.requests().map((r) => r.kind)).toEqual(['GET page']);
  });

  test('getPageStorage returns the current body (for preview diffs only)', async () => {
    const created = await create('Body me', home, '<p>Body &amp; soul</p>');
    expect(await h.client.getPageStorage(created.id)).toBe('<p>Body &amp; soul</p>');
  });

  test('updatePage with the right version writes; a stale version is a conflict', async () => {
    const page = await create('Update me');
    const updated = await h.client.updatePage({
      id: page.id,
      title: 'Update me',
      storage: '<p>v2</p>',
      version: 2,
      message: 'cmsync h2',
      minorEdit: true,
    });
    expect(updated.version).toMatchObject({ number: 2, message: 'cmsync h2' });
    expect(h.server.page(page.id)).toMatchObject({
      body: '<p>v2</p>',
      version: { number: 2, message: 'cmsync h2' },
    });

    const stale = await h.client
      .updatePage({
        id: page.id,
        title: 'Update me',
        storage: '<p>v3</p>',
        version: 2,
        message: 'x',
        minorEdit: true,
        file: 'docs/u.md',
      })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConfluenceError);
    expect(stale).toMatchObject({ kind: 'conflict', status: 409, method: 'PUT', file: 'docs/u.md' });
    expect(h.server.page(page.id)!.body).toBe('<p>v2</p>');
  });

  test('updatePage can move the page under a new parent', async () => {
    const a = await create('Parent A');
    const child = await create('Moving child');
    await h.client.updatePage({
      id: child.id,
      title: 'Moving child',
      parentId: a.id,
      storage: '<p>m</p>',
      version: 2,
      message: 'm',
      minorEdit: true,
    });
    expect(h.server.page(child.id)!.parentId).toBe(a.id);
  });

  test('a title taken in the space (other case) is title-exists', async () => {
    await create('Unique Title');
    const error = await create('unique title').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'title-exists', status: 400 });
  });

  test('invalid storage is invalid-storage with Confluence’s message', async () => {
    const error = await create('Broken', home, '<p>unclosed').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid-storage', status: 400 });
    expect((error as ConfluenceError).confluenceMessage).toMatch(/^Error parsing xhtml/);
    expect(h.server.pages({ spaceKey: 'DOCS' }).some((p) => p.title === 'Broken')).toBe(false);
  });

  test('listSubtree returns every page below the root in ceil(n/250) searches, with parents and owners', async () => {
    const root = await create('Big root');
    const sections = [];
    for (let s = 0; s < 3; s++)
      sections.push(h.server.seedPage({ spaceKey: 'DOCS', title: `Section ${s}`, parentId: root.id }));
    for (let i = 0; i < 297; i++) {
      h.server.seedPage({ spaceKey: 'DOCS', title: `Leaf ${i}`, parentId: sections[i % 3].id });
    }
    const owned = await create('Owned leaf', sections[0].id);
    h.server.resetRequests();

    const pages = await h.client.listSubtree(root.id, 'DOCS');
    expect(pages).toHaveLength(301);
    expect(new Set(pages.map((p) => p.id)).size).toBe(301);
    expect(pages.some((p) => p.id === root.id)).toBe(false);
    expect(h.server.countRequests({ kind: 'GET search' })).toBe(Math.ceil(301 / 250));
    expect(h.server.countRequests()).toBe(2);
    const leaf = pages.find((p) => p.title === 'Leaf 4')!;
    expect(leaf.parentId).toBe(sections[1].id);
    expect(leaf.version.number).toBe(1);
    expect(leaf.owner).toBeUndefined();
    expect(pages.find((p) => p.id === owned.id)!.owner).toEqual(owner('Owned leaf.md'));
    expect(pages.find((p) => p.title === 'Section 2')!.parentId).toBe(root.id);
  });

  test('listSubtree ignores a malformed owner property', async () => {
    const root = await create('Malformed root');
    const child = h.server.seedPage({ spaceKey: 'DOCS', title: 'Malformed child', parentId: root.id });
    const property = { key: 'cmsync', value: { v: 99, nonsense: true } };
    const answer =
      flavor === 'cloud'
        ? await rawRequest(h, flavor, 'POST', `/api/v2/pages/${child.id}/properties`, property)
        : await rawRequest(h, flavor, 'POST', `/rest/api/content/${child.id}/property`, property);
    expect(answer.status).toBe(200);
    expect(h.server.page(child.id)!.properties.cmsync?.value).toEqual(property.value);
    const [listed] = await h.client.listSubtree(root.id, 'DOCS');
    expect(listed.id).toBe(child.id);
    expect(listed.owner).toBeUndefined();
  });

  test('findByTitles matches case-insensitively and only in the space', async () => {
    const intro = await create('Intro Page');
    const setup = await create('Setup "Guide"');
    const found = await h.client.findByTitles(space, ['intro page', 'SETUP "GUIDE"', 'Nothing like this']);
    expect(found.map((p) => p.id).sort()).toEqual([intro.id, setup.id].sort());
  });

  test('findByTitles batches long lists', async () => {
    const titles = Array.from({ length: 230 }, (_, i) => `Missing title number ${i} ${'z'.repeat(20)}`);
    const target = await create('Batched target');
    h.server.resetRequests();
    const found = await h.client.findByTitles(space, [...titles, 'batched TARGET']);
    expect(found.map((p) => p.id)).toEqual([target.id]);
    expect(h.server.countRequests({ kind: 'GET search' })).toBeGreaterThan(1);
    for (const r of h.server.requests()) expect(r.path.length + r.query.length).toBeLessThan(8000);
  });

  test('listChildren in sibling order; movePage reorders and re-parents', async () => {
    const parent = await create('Order parent');
    const a = await create('Child A', parent.id);
    const b = await create('Child B', parent.id);
    const c = await create('Child C', parent.id);
    expect((await h.client.listChildren(parent.id)).map((p) => p.title)).toEqual([
      'Child A',
      'Child B',
      'Child C',
    ]);

    await h.client.movePage(c.id, 'before', a.id);
    await h.client.movePage(a.id, 'after', b.id);
    const children = await h.client.listChildren(parent.id);
    expect(children.map((p) => p.title)).toEqual(['Child C', 'Child B', 'Child A']);
    expect(children.every((p) => p.parentId === parent.id)).toBe(true);
    expect(h.server.children(parent.id).map((p) => p.id)).toEqual([c.id, b.id, a.id]);

    const other = await create('Other parent');
    await h.client.movePage(b.id, 'append', other.id);
    expect(h.server.page(b.id)!.parentId).toBe(other.id);
    expect((await h.client.listChildren(parent.id)).map((p) => p.id)).toEqual([c.id, a.id]);
  });

  test('trashPage moves the page to the trash', async () => {
    const page = await create('Trash me');
    await h.client.trashPage(page.id);
    expect(h.server.page(page.id)!.status).toBe('trashed');
  });

  test('archivePage: Cloud archives, Data Center says it cannot', async () => {
    const page = await create('Archive me');
    if (flavor === 'cloud') {
      await h.client.archivePage(page.id);
      expect(h.server.page(page.id)!.status).toBe('archived');
    } else {
      const before = h.server.countRequests();
      const error = await h.client.archivePage(page.id).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'bad-request' });
      expect((error as Error).message).toContain('archiving needs Confluence Cloud');
      expect(h.server.countRequests()).toBe(before);
      expect(h.server.page(page.id)!.status).toBe('current');
    }
  });

  test('attachments: upload, list, upload a new version of the same file', async () => {
    const page = await create('With files');
    const first = await h.client.uploadAttachment({
      pageId: page.id,
      filename: 'diagram.png',
      data: new Uint8Array([1, 2, 3]),
      mediaType: 'image/png',
      comment: 'sha256:aaa',
      minorEdit: true,
    });
    expect(first).toMatchObject({ title: 'diagram.png', comment: 'sha256:aaa' });
    await h.client.uploadAttachment({
      pageId: page.id,
      filename: 'notes ü.txt',
      data: new TextEncoder().encode('hello'),
      mediaType: 'text/plain',
      comment: 'sha256:ümlaut',
      minorEdit: true,
    });
    const second = await h.client.uploadAttachment({
      pageId: page.id,
      filename: 'diagram.png',
      data: new Uint8Array([4, 5, 6, 7]),
      mediaType: 'image/png',
      comment: 'sha256:bbb',
      minorEdit: true,
    });
    expect(second.id).toBe(first.id);
    expect(second.version).toBe(2);

    const listed = await h.client.listAttachments(page.id);
    expect(listed.map((a) => a.title).sort()).toEqual(['diagram.png', 'notes ü.txt']);
    expect(listed.find((a) => a.title === 'diagram.png')).toMatchObject({
      id: first.id,
      comment: 'sha256:bbb',
      fileSize: 4,
      mediaType: 'image/png',
      version: 2,
    });
    expect(listed.find((a) => a.title === 'notes ü.txt')!.comment).toBe('sha256:ümlaut');
    const stored = h.server.attachments(page.id).find((a) => a.title === 'diagram.png')!;
    expect([...stored.data]).toEqual([4, 5, 6, 7]);
  });

  test('deleteAttachment trashes one attachment by its listed id; the others stay', async () => {
    const page = await create('Files to prune');
    const upload = (filename: string) =>
      h.client.uploadAttachment({
        pageId: page.id,
        filename,
        data: new Uint8Array([1, 2]),
        mediaType: 'image/png',
        comment: 'sha256:x',
        minorEdit: true,
      });
    await upload('old.png');
    await upload('keep.png');
    const old = (await h.client.listAttachments(page.id)).find((a) => a.title === 'old.png')!;
    expect(old.id).toMatch(/^att\d+$/);
    h.server.resetRequests();
    await h.client.deleteAttachment(old.id);
    expect(h.server.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      flavor === 'cloud'
        ? `DELETE /wiki/api/v2/attachments/${old.id.slice(3)} 204`
        : `DELETE /confluence/rest/api/content/${old.id.slice(3)} 204`,
    ]);
    expect((await h.client.listAttachments(page.id)).map((a) => a.title)).toEqual(['keep.png']);
    // In the trash, not purged: the name is free for a new upload.
    await upload('old.png');
    expect(
      h.server
        .attachments(page.id)
        .map((a) => a.title)
        .sort(),
    ).toEqual(['keep.png', 'old.png']);
  });

  test('deleteAttachment after a lost answer: the repeat that finds it gone is success', async () => {
    const page = await create('Lost delete');
    const att = await h.client.uploadAttachment({
      pageId: page.id,
      filename: 'gone.png',
      data: new Uint8Array([3]),
      mediaType: 'image/png',
      comment: 'sha256:y',
      minorEdit: true,
    });
    h.server.queueFault({ drop: 'drop-after', match: /^DELETE .*(attachments|content)\/\d+$/ });
    await h.client.deleteAttachment(att.id);
    expect(h.server.attachments(page.id)).toEqual([]);
    // A second delete of a trashed attachment without a lost answer is an error (not found).
    await expect(h.client.deleteAttachment(att.id)).rejects.toMatchObject({ kind: 'not-found' });
  });

  test('removeLabel of a label the page does not carry (any more) is success', async () => {
    const page = await create('Unlabelled');
    await h.client.addLabels(page.id, ['kept']);
    h.server.resetRequests();
    await h.client.removeLabel(page.id, 'never-there');
    expect(h.server.requests().map((r) => `${r.kind} ${r.status}`)).toEqual(['DELETE label 404']);
    expect(await h.client.getLabels(page.id)).toEqual(['kept']);
  });

  test('labels: add, read, remove', async () => {
    const page = await create('Labelled');
    await h.client.addLabels(page.id, ['docs', 'api']);
    expect((await h.client.getLabels(page.id)).sort()).toEqual(['api', 'docs']);
    await h.client.removeLabel(page.id, 'api');
    expect(await h.client.getLabels(page.id)).toEqual(['docs']);
    const before = h.server.countRequests();
    await h.client.addLabels(page.id, []);
    expect(h.server.countRequests()).toBe(before);
  });

  test('setOwner creates, then replaces, and skips an identical value', async () => {
    const page = h.server.seedPage({ spaceKey: 'DOCS', title: 'Owner target', parentId: home });
    expect(h.server.page(page.id)!.properties.cmsync).toBeUndefined();
    await h.client.setOwner(page.id, { v: 1, path: 'first.md' });
    expect(h.server.page(page.id)!.properties.cmsync?.value).toEqual({ v: 1, path: 'first.md' });
    await h.client.setOwner(page.id, { v: 1, path: 'renamed.md', hash: 'h9', version: 3 });
    const property = h.server.page(page.id)!.properties.cmsync!;
    expect(property.value).toEqual({ v: 1, path: 'renamed.md', hash: 'h9', version: 3 });
    expect(property.version).toBe(2);
    h.server.resetRequests();
    await h.client.setOwner(page.id, { v: 1, path: 'renamed.md', hash: 'h9', version: 3 });
    expect(h.server.countRequests({ write: true })).toBe(0);
    expect((await h.client.getPage(page.id)).owner).toEqual({
      v: 1,
      path: 'renamed.md',
      hash: 'h9',
      version: 3,
    });
  });

  test('stats count requests by kind, reads and writes', async () => {
    const before = h.client.stats();
    await create('Counted');
    const after = h.client.stats();
    expect(after.byKind['POST page']).toBe((before.byKind['POST page'] ?? 0) + 1);
    expect(after.writes).toBe(before.writes + (flavor === 'cloud' ? 2 : 1));
    expect(after.requests).toBe(after.reads + after.writes);
  });

  test('stats kinds use the same names as the server’s request log', async () => {
    const before = h.client.stats().byKind;
    h.server.resetRequests();
    const page = await create('Kinds');
    await h.client.getPage(page.id);
    await h.client.updatePage({
      id: page.id,
      title: 'Kinds',
      storage: '<p>k</p>',
      version: 2,
      message: 'k',
      minorEdit: true,
    });
    await h.client.listSubtree(home, 'DOCS');
    await h.client.findByTitles(space, ['Kinds']);
    await h.client.listChildren(home);
    await h.client.addLabels(page.id, ['k']);
    await h.client.getLabels(page.id);
    await h.client.removeLabel(page.id, 'k');
    await h.client.uploadAttachment({
      pageId: page.id,
      filename: 'k.txt',
      data: new Uint8Array([1]),
      mediaType: 'text/plain',
      comment: 'c',
      minorEdit: true,
    });
    const [attachment] = await h.client.listAttachments(page.id);
    await h.client.deleteAttachment(attachment.id);
    await h.client.setOwner(page.id, { v: 1, path: 'k2.md' });
    await h.client.movePage(page.id, 'append', home);
    await h.client.trashPage(page.id);
    const after = h.client.stats().byKind;
    const delta: Record<string, number> = {};
    for (const [kind, n] of Object.entries(after))
      if (n !== (before[kind] ?? 0)) delta[kind] = n - (before[kind] ?? 0);
    const logged: Record<string, number> = {};
    for (const r of h.server.requests()) logged[r.kind] = (logged[r.kind] ?? 0) + 1;
    expect(delta).toEqual(logged);
  });
});
