/**
 * Confluence Cloud: REST v2 for pages, spaces, properties and reads; v1 only where v2 has no
 * endpoint (archive here; search, move, attachment upload and label writes are shared in their
 * own modules).
 */
import type { Dialect, StoredProperty } from './dialect.js';
import type { HttpClient, RequestTrace } from './http.js';
import { collectPages } from './paginate.js';
import { findById } from './search.js';
import { spaceNotFound } from './space.js';
import {
  fromV2Attachment,
  fromV2Child,
  fromV2Page,
  fromV2Space,
  labelNames,
  type PageContext,
} from './parse.js';
import {
  OWNER_PROPERTY_KEY,
  type CreatePageInput,
  type GetPageOptions,
  type OwnerProperty,
  type RemoteAttachment,
  type RemotePage,
  type SpaceInfo,
  type UpdatePageInput,
} from './types.js';
import type {
  V2Attachment,
  V2Child,
  V2CreatePageBody,
  V2Label,
  V2List,
  V2Page,
  V2Property,
  V2Space,
  V2UpdatePageBody,
} from './wire.js';

const LIMIT = 250;

export class CloudDialect implements Dialect {
  readonly flavor = 'cloud' as const;
  readonly ownerWrittenOnCreate = false;
  /** Space id → key, learnt from getSpace, for page URLs (v2 pages name only the space id). */
  readonly #spaceKeys = new Map<string, string>();

  constructor(private readonly http: HttpClient) {}

  pageContext(spaceKey?: string): PageContext {
    return { flavor: 'cloud', base: this.http.baseUrl, spaceKey };
  }

  #context(page: { spaceId?: string }): PageContext {
    return this.pageContext(page.spaceId ? this.#spaceKeys.get(String(page.spaceId)) : undefined);
  }

  async getSpace(key: string): Promise<SpaceInfo> {
    const spec = {
      method: 'GET',
      kind: 'GET space',
      api: 'v2',
      path: '/spaces',
      query: { keys: key, limit: 1 },
    } as const;
    const answer = await this.http.json<V2List<V2Space>>(spec);
    // v2 answers an unknown key with 200 and no results, not 404.
    const found = (answer?.results ?? []).find((space) => space.key === key) ?? answer?.results?.[0];
    if (!found) throw spaceNotFound(key, 'GET', new URL(this.http.urlOf(spec)).pathname);
    const space = fromV2Space(found);
    this.#spaceKeys.set(space.id, space.key);
    return space;
  }

  async getPage(id: string, options: GetPageOptions = {}): Promise<RemotePage> {
    const [page, owner, named] = await Promise.all([
      this.http.json<V2Page>({ method: 'GET', kind: 'GET page', api: 'v2', path: `/pages/${enc(id)}` }),
      options.owner === false ? undefined : this.getOwner(id),
      // A courtesy: without the name the page is still read.
      options.authorName ? findById(this.http, id, this.pageContext()).catch(() => undefined) : undefined,
    ]);
    const result = fromV2Page(page, this.#context(page), owner?.value);
    // v2 names only the author's account id. The search knows the name, but its index may lag
    // behind the page: the name is used only when both describe the same version.
    const name = named?.version.number === result.version.number ? named.version.authorName : undefined;
    return name ? { ...result, version: { ...result.version, authorName: name } } : result;
  }

  async getPageStorage(id: string): Promise<string> {
    const page = await this.http.json<V2Page>({
      method: 'GET',
      kind: 'GET page',
      api: 'v2',
      path: `/pages/${enc(id)}`,
      query: { 'body-format': 'storage' },
    });
    return page.body?.storage?.value ?? '';
  }

  async listChildren(id: string): Promise<RemotePage[]> {
    const children = await collectPages<V2Child>(this.http, {
      method: 'GET',
      kind: 'GET children',
      api: 'v2',
      path: `/pages/${enc(id)}/direct-children`,
      query: { limit: LIMIT },
    });
    // direct-children also lists folders, whiteboards, databases and embeds.
    return children
      .filter((child) => (child.type ?? 'page') === 'page' && (child.status ?? 'current') === 'current')
      .map((child, index) => ({ child, index }))
      .sort(
        (a, b) =>
          (a.child.childPosition ?? a.index) - (b.child.childPosition ?? b.index) || a.index - b.index,
      )
      .map(({ child }) => fromV2Child(child, this.#context(child), id));
  }

  async findTitle(space: SpaceInfo, title: string, file?: string): Promise<RemotePage[]> {
    this.#spaceKeys.set(space.id, space.key);
    const pages = await collectPages<V2Page>(this.http, {
      method: 'GET',
      kind: 'GET pages',
      api: 'v2',
      path: '/pages',
      query: { 'space-id': space.id, title, status: 'current', limit: LIMIT },
      file,
    });
    return pages.map((page) => fromV2Page(page, this.pageContext(space.key)));
  }

  async postPage(input: CreatePageInput): Promise<RemotePage> {
    this.#spaceKeys.set(input.space.id, input.space.key);
    const json: V2CreatePageBody = {
      spaceId: input.space.id,
      status: 'current',
      title: input.title,
      parentId: input.parentId,
      body: { representation: 'storage', value: input.storage },
    };
    const page = await this.http.json<V2Page>({
      method: 'POST',
      kind: 'POST page',
      api: 'v2',
      path: '/pages',
      json,
      file: input.file,
    });
    return fromV2Page(page, this.pageContext(input.space.key));
  }

  async putPage(input: UpdatePageInput, trace: RequestTrace): Promise<RemotePage> {
    const json: V2UpdatePageBody = {
      id: input.id,
      status: 'current',
      title: input.title,
      ...(input.parentId ? { parentId: input.parentId } : {}),
      body: { representation: 'storage', value: input.storage },
      version: { number: input.version, message: input.message, minorEdit: input.minorEdit },
    };
    const page = await this.http.json<V2Page>({
      method: 'PUT',
      kind: 'PUT page',
      api: 'v2',
      path: `/pages/${enc(input.id)}`,
      json,
      file: input.file,
      trace,
    });
    return fromV2Page(page, this.#context(page));
  }

  async getOwner(pageId: string): Promise<StoredProperty | undefined> {
    const answer = await this.http.json<V2List<V2Property>>({
      method: 'GET',
      kind: 'GET property',
      api: 'v2',
      path: `/pages/${enc(pageId)}/properties`,
      query: { key: OWNER_PROPERTY_KEY },
    });
    const property = (answer?.results ?? []).find((p) => p.key === OWNER_PROPERTY_KEY);
    if (!property) return undefined;
    return { id: String(property.id), version: property.version?.number ?? 1, value: property.value };
  }

  async createOwner(pageId: string, owner: OwnerProperty): Promise<void> {
    await this.http.send({
      method: 'POST',
      kind: 'POST property',
      api: 'v2',
      path: `/pages/${enc(pageId)}/properties`,
      json: { key: OWNER_PROPERTY_KEY, value: owner },
    });
  }

  async updateOwner(
    pageId: string,
    stored: StoredProperty,
    owner: OwnerProperty,
    trace: RequestTrace,
  ): Promise<void> {
    await this.http.send({
      method: 'PUT',
      kind: 'PUT property',
      api: 'v2',
      path: `/pages/${enc(pageId)}/properties/${enc(stored.id)}`,
      // The property's own version must be exactly one more than the stored one.
      json: {
        key: OWNER_PROPERTY_KEY,
        value: owner,
        version: { number: stored.version + 1, message: 'cmsync' },
      },
      trace,
    });
  }

  async trashPage(id: string, trace: RequestTrace): Promise<void> {
    await this.http.send({
      method: 'DELETE',
      kind: 'DELETE page',
      api: 'v2',
      path: `/pages/${enc(id)}`,
      trace,
    });
  }

  async archivePage(id: string, trace: RequestTrace): Promise<void> {
    await this.http.send({
      method: 'POST',
      kind: 'POST archive',
      api: 'v1',
      path: '/content/archive',
      json: { pages: [{ id: numericId(id) }] },
      // Archiving twice cannot duplicate anything (the repeat is refused as "already archived").
      idempotent: true,
      trace,
    });
  }

  async listAttachments(pageId: string): Promise<RemoteAttachment[]> {
    const attachments = await collectPages<V2Attachment>(this.http, {
      method: 'GET',
      kind: 'GET attachment',
      api: 'v2',
      path: `/pages/${enc(pageId)}/attachments`,
      query: { limit: LIMIT },
    });
    return attachments.map(fromV2Attachment);
  }

  async trashAttachment(id: string, trace: RequestTrace): Promise<void> {
    // v2 moves it to the trash; `purge=true` (not sent) would delete a trashed one for good.
    await this.http.send({
      method: 'DELETE',
      kind: 'DELETE attachment',
      api: 'v2',
      path: `/attachments/${enc(id)}`,
      trace,
    });
  }

  async getLabels(pageId: string): Promise<string[]> {
    const labels = await collectPages<V2Label>(this.http, {
      method: 'GET',
      kind: 'GET label',
      api: 'v2',
      path: `/pages/${enc(pageId)}/labels`,
      query: { limit: LIMIT },
    });
    return labelNames(labels);
  }
}

/** The archive endpoint documents ids as int64; Confluence ids are numeric strings. */
function numericId(id: string): number | string {
  return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
