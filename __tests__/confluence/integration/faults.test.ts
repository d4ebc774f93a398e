/**
 * The retry policy and lost-answer handling against injected faults: rate limits, 5xx, and
 * connections dropped before or after the server did the work. No test sleeps: the client's
 * `sleep` records the delays it asked for.
 */
import { ConfluenceError, type SpaceInfo } from '../../../src/confluence/index.js';
import { maxInFlight, makeClient, owner, startHarness, type Flavor, type Harness } from './harness.js';

const NOW = Date.parse('2026-05-01T12:00:00Z');

describe.each<Flavor>(['cloud', 'datacenter'])('%s faults', (flavor) => {
  let h: Harness;
  let space: SpaceInfo;
  let home: string;
  const postPage =
    flavor === 'cloud' ? /^POST \/wiki\/api\/v2\/pages$/ : /^POST \/confluence\/rest\/api\/content$/;
  const putPage =
    flavor === 'cloud' ? /^PUT \/wiki\/api\/v2\/pages\/\d+$/ : /^PUT \/confluence\/rest\/api\/content\/\d+$/;
  const anyGet = /^GET /;

  beforeAll(async () => {
    h = await startHarness(flavor, {
      client: { now: () => NOW, retry: { maxRetries: 3, maxRateLimitRetries: 3 } },
    });
    space = await h.client.getSpace('DOCS');
    home = space.homepageId!;
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.server.clearFaults();
    h.server.resetRequests();
    h.waits.length = 0;
    h.events.length = 0;
  });

  const create = (title: string) =>
    h.client.createPage({
      space,
      parentId: home,
      title,
      storage: '<p>x</p>',
      message: 'cmsync h',
      owner: owner(`${title}.md`),
    });
  const titled = (title: string) => h.server.pages({ spaceKey: 'DOCS' }).filter((p) => p.title === title);

  test('429 with Retry-After: 2 waits at least 2 s, then succeeds', async () => {
    h.server.queueFault({ status: 429, retryAfter: 2, match: anyGet });
    const retriesBefore = h.client.stats().retries;
    await expect(h.client.getSpace('DOCS')).resolves.toMatchObject({ key: 'DOCS' });
    expect(h.waits).toHaveLength(1);
    expect(h.waits[0]).toBeGreaterThanOrEqual(2000);
    expect(h.client.stats().retries).toBe(retriesBefore + 1);
    expect(h.server.countRequests({ kind: 'GET space' })).toBe(2);
  });

  test('429 with an HTTP-date Retry-After waits until that date', async () => {
    h.server.queueFault({ status: 429, retryAfter: new Date(NOW + 7000).toUTCString(), match: anyGet });
    await h.client.getSpace('DOCS');
    expect(h.waits).toHaveLength(1);
    expect(h.waits[0]).toBeGreaterThanOrEqual(7000);
  });

  test('503 is retried, also for a POST (it was refused before processing)', async () => {
    h.server.queueFault({ status: 503, retryAfter: 1, match: postPage });
    const page = await create('After 503');
    expect(titled('After 503')).toHaveLength(1);
    expect(page.id).toBe(titled('After 503')[0].id);
    expect(h.waits).toHaveLength(1);
    expect(h.waits[0]).toBeGreaterThanOrEqual(1000);
  });

  test('a POST page whose answer is lost after the write is looked up, not re-posted', async () => {
    h.server.queueFault({ drop: 'drop-after', match: postPage });
    const page = await create('Dropped after');
    const pages = titled('Dropped after');
    expect(pages).toHaveLength(1);
    expect(page.id).toBe(pages[0].id);
    expect(page.owner).toEqual(owner('Dropped after.md'));
    expect(h.server.page(page.id)!.properties.cmsync?.value).toEqual(owner('Dropped after.md'));
    expect(h.server.countRequests({ kind: 'POST page' })).toBe(1);
  });

  test('a POST page dropped before the write is looked up, then posted once more', async () => {
    h.server.queueFault({ drop: 'drop-before', match: postPage });
    const page = await create('Dropped before');
    expect(titled('Dropped before')).toHaveLength(1);
    expect(page.id).toBe(titled('Dropped before')[0].id);
    expect(h.server.countRequests({ kind: 'POST page' })).toBe(2);
    expect(h.server.countRequests({ kind: 'POST page', write: true })).toBe(1);
    expect(h.server.page(page.id)!.properties.cmsync?.value).toEqual(owner('Dropped before.md'));
  });

  test('a 500 on POST page (not processed) is looked up, then posted again: one page', async () => {
    h.server.queueFault({ status: 500, match: postPage });
    const page = await create('After 500');
    expect(titled('After 500').map((p) => p.id)).toEqual([page.id]);
  });

  test('a PUT whose answer was lost after the write succeeds (its retry’s 409 is recognised)', async () => {
    const page = await create('Put dropped after');
    h.server.queueFault({ drop: 'drop-after', match: putPage });
    const updated = await h.client.updatePage({
      id: page.id,
      title: 'Put dropped after',
      storage: '<p>new</p>',
      version: 2,
      message: 'cmsync h2',
      minorEdit: true,
    });
    expect(updated.version).toMatchObject({ number: 2, message: 'cmsync h2' });
    expect(h.server.page(page.id)).toMatchObject({ body: '<p>new</p>', version: { number: 2 } });
    expect(h.server.countRequests({ kind: 'PUT page' })).toBe(2);
  });

  test('a PUT dropped before the write is simply retried', async () => {
    const page = await create('Put dropped before');
    h.server.queueFault({ drop: 'drop-before', match: putPage });
    const updated = await h.client.updatePage({
      id: page.id,
      title: 'Put dropped before',
      storage: '<p>n</p>',
      version: 2,
      message: 'm',
      minorEdit: false,
    });
    expect(updated.version.number).toBe(2);
    expect(h.server.page(page.id)!.version.number).toBe(2);
  });

  test('a real conflict after a lost answer is still a conflict', async () => {
    const page = await create('Contested');
    h.server.editAsPerson(page.id, { body: '<p>person</p>' });
    h.server.queueFault({ drop: 'drop-before', match: putPage });
    const error = await h.client
      .updatePage({
        id: page.id,
        title: 'Contested',
        storage: '<p>mine</p>',
        version: 2,
        message: 'cmsync h2',
        minorEdit: true,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'conflict' });
    expect(h.server.page(page.id)!.body).toBe('<p>person</p>');
  });

  test('retries run out: a typed rate-limited error', async () => {
    h.server.queueFault({ status: 429, retryAfter: 1, match: anyGet, times: 10 });
    const error = await h.client.getSpace('DOCS').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfluenceError);
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect((error as Error).message).toContain('gave up after 3 retries');
    expect(h.waits).toHaveLength(3);
    expect(h.server.countRequests()).toBe(4);
  });

  test('retries run out on 502 for a GET: kind server', async () => {
    h.server.queueFault({ status: 502, match: anyGet, times: 10 });
    await expect(h.client.getSpace('DOCS')).rejects.toMatchObject({ kind: 'server', status: 502 });
  });

  test('a 502 on a POST label is retried (adding labels is idempotent)', async () => {
    const page = await create('Labels retried');
    const labelPost = /^POST .*\/label$/;
    h.server.queueFault({ status: 502, match: labelPost });
    await h.client.addLabels(page.id, ['x']);
    expect(h.server.page(page.id)!.labels).toEqual(['x']);
  });

  test('an attachment upload dropped after the write is retried safely (PUT by filename)', async () => {
    const page = await create('Upload dropped');
    h.server.queueFault({ drop: 'drop-after', match: /^PUT .*\/child\/attachment$/ });
    const attachment = await h.client.uploadAttachment({
      pageId: page.id,
      filename: 'a.bin',
      data: new Uint8Array([9]),
      mediaType: 'application/octet-stream',
      comment: 'sha256:9',
      minorEdit: true,
    });
    expect(attachment.title).toBe('a.bin');
    expect(h.server.attachments(page.id)).toHaveLength(1);
  });

  test('trash dropped after the write still succeeds', async () => {
    const page = await create('Trash dropped');
    h.server.queueFault({ drop: 'drop-after', match: /^DELETE / });
    await h.client.trashPage(page.id);
    expect(h.server.page(page.id)!.status).toBe('trashed');
  });

  test('concurrency never exceeds the limit', async () => {
    const client = await makeClient(h.server.url, flavor, {
      concurrency: 3,
      onRequest: (event) => h.events.push(event),
    });
    h.server.setFaults({ latencyMs: 5 });
    await Promise.all(Array.from({ length: 15 }, () => client.getSpace('DOCS')));
    expect(h.events.filter((e) => e.phase === 'start')).toHaveLength(15);
    expect(maxInFlight(h.events)).toBe(3);
    expect(Math.max(...h.events.map((e) => e.inFlight))).toBe(3);
  });
});

test('a long Retry-After is honoured through the injected sleep', async () => {
  const h = await startHarness('cloud');
  try {
    h.server.queueFault({ status: 429, retryAfter: 120, match: /^GET / });
    await h.client.getSpace('DOCS');
    expect(h.waits[0]).toBeGreaterThanOrEqual(120_000);
  } finally {
    await h.close();
  }
});

test('a Retry-After beyond maxRetryAfterMs fails fast instead of holding the job', async () => {
  const h = await startHarness('cloud', { client: { retry: { maxRetryAfterMs: 60_000 } } });
  try {
    h.server.queueFault({ status: 429, retryAfter: 3600, match: /^GET / });
    const error = await h.client.getSpace('DOCS').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate-limited' });
    expect((error as Error).message).toContain('asked to wait 3600 s');
    expect(h.waits).toEqual([]);
  } finally {
    await h.close();
  }
});

test('Cloud: when the owner property cannot be written, the error names the page that was created', async () => {
  const h = await startHarness('cloud', { client: { retry: { maxRetries: 1 } } });
  try {
    const space = await h.client.getSpace('DOCS');
    h.server.queueFault({ status: 503, match: /^POST .*\/properties$/, times: 5 });
    const error = await h.client
      .createPage({
        space,
        parentId: space.homepageId!,
        title: 'Unmarked',
        storage: '<p>u</p>',
        message: 'm',
        owner: owner('unmarked.md'),
        file: 'docs/unmarked.md',
      })
      .catch((e: unknown) => e);
    const [page] = h.server.pages({ spaceKey: 'DOCS' }).filter((p) => p.title === 'Unmarked');
    expect(page.properties.cmsync).toBeUndefined();
    expect(error).toMatchObject({ kind: 'server', status: 503, file: 'docs/unmarked.md' });
    expect((error as Error).message).toContain(`Created page ${page.id} "Unmarked"`);
  } finally {
    await h.close();
  }
});
