/**
 * Confluence Data Center / Server: REST v1 under `{base}/rest/api` (no v2 API exists there).
 */
import type { Dialect, StoredProperty } from './dialect.js';
import { ConfluenceError, isNotFound } from './errors.js';
import type { HttpClient, RequestTrace } from './http.js';
import { collectPages } from './paginate.js';
import { fromV1Attachment, fromV1Content, fromV1Space, labelNames, type PageContext } from './parse.js';
import { spaceNotFound } from './space.js';
import {
  OWNER_PROPERTY_KEY,
  type CreatePageInput,
  type OwnerProperty,
  type RemoteAttachment,
  type RemotePage,
  type SpaceInfo,
  type UpdatePageInput,
} from './types.js';
import type { V1Content, V1CreatePageBody, V1Label, V1Property, V1Space, V1UpdatePageBody } from './wire.js';

const LIMIT = 250;
/** What a page read expands: version, parent chain, space, and our owner property. */
export const PAGE_EXPAND = `version,ancestors,space,metadata.properties.${OWNER_PROPERTY_KEY}`;

export class DataCenterDialect implements Dialect {
  readonly flavor = 'datacenter' as const;
  readonly ownerWrittenOnCreate = true;

  constructor(private readonly http: HttpClient) {}

  pageContext(spaceKey?: string): PageContext {
    return { flavor: 'datacenter', base: this.http.baseUrl, spaceKey };
  }

  async getSpace(key: string): Promise<SpaceInfo> {
    const spec = {
      method: 'GET',
      kind: 'GET space',
      api: 'v1',
      path: `/space/${enc(key)}`,
      query: { expand: 'homepage' },
    } as const;
    try {
      return fromV1Space(await this.http.json<V1Space>(spec));
    } catch (error) {
      if (isNotFound(error)) throw spaceNotFound(key, 'GET', new URL(this.http.urlOf(spec)).pathname, error);
      throw error;
    }
  }

  async getPage(id: string): Promise<RemotePage> {
    const content = await this.http.json<V1Content>({
      method: 'GET',
      kind: 'GET page',
      api: 'v1',
      path: `/content/${enc(id)}`,
      query: { expand: PAGE_EXPAND },
    });
    return fromV1Content(content, this.pageContext());
  }

  async getPageStorage(id: string): Promise<string> {
    const content = await this.http.json<V1Content>({
      method: 'GET',
      kind: 'GET page',
      api: 'v1',
      path: `/content/${enc(id)}`,
      query: { expand: 'body.storage' },
    });
    return content.body?.storage?.value ?? '';
  }

  async listChildren(id: string): Promise<RemotePage[]> {
    const children = await collectPages<V1Content>(this.http, {
      method: 'GET',
      kind: 'GET children',
      api: 'v1',
      path: `/content/${enc(id)}/child/page`,
      query: { expand: 'version', limit: LIMIT },
    });
    // v1 lists children in their sibling order; the index is the position.
    return children.map((child, index) => ({
      ...fromV1Content(child, this.pageContext()),
      parentId: id,
      position: index,
    }));
  }

  async findTitle(space: SpaceInfo, title: string, file?: string): Promise<RemotePage[]> {
    const pages = await collectPages<V1Content>(this.http, {
      method: 'GET',
      kind: 'GET pages',
      api: 'v1',
      path: '/content',
      query: {
        spaceKey: space.key,
        title,
        type: 'page',
        expand: `version,ancestors,metadata.properties.${OWNER_PROPERTY_KEY}`,
        limit: LIMIT,
      },
      file,
    });
    return pages.map((page) => fromV1Content(page, this.pageContext(space.key)));
  }

  async postPage(input: CreatePageInput): Promise<RemotePage> {
    const json: V1CreatePageBody = {
      type: 'page',
      title: input.title,
      space: { key: input.space.key },
      ancestors: [{ id: input.parentId }],
      body: { storage: { value: input.storage, representation: 'storage' } },
      // The owner marker rides along, so a created page is never unmarked on Data Center
      // (unless the caller marks it itself once it is complete).
      ...(input.deferOwner
        ? {}
        : {
            metadata: {
              properties: { [OWNER_PROPERTY_KEY]: { key: OWNER_PROPERTY_KEY, value: input.owner } },
            },
          }),
    };
    const content = await this.http.json<V1Content>({
      method: 'POST',
      kind: 'POST page',
      api: 'v1',
      path: '/content',
      query: { expand: PAGE_EXPAND },
      json,
      file: input.file,
    });
    const page = fromV1Content(content, this.pageContext(input.space.key));
    return { ...page, parentId: page.parentId ?? input.parentId };
  }

  async putPage(input: UpdatePageInput, trace: RequestTrace): Promise<RemotePage> {
    const json: V1UpdatePageBody = {
      id: input.id,
      type: 'page',
      status: 'current',
      title: input.title,
      ...(input.parentId ? { ancestors: [{ id: input.parentId }] } : {}),
      body: { storage: { value: input.storage, representation: 'storage' } },
      version: { number: input.version, message: input.message, minorEdit: input.minorEdit },
    };
    const content = await this.http.json<V1Content>({
      method: 'PUT',
      kind: 'PUT page',
      api: 'v1',
      path: `/content/${enc(input.id)}`,
      json,
      file: input.file,
      trace,
    });
    const page = fromV1Content(content, this.pageContext());
    return { ...page, parentId: page.parentId ?? input.parentId };
  }

  async getOwner(pageId: string): Promise<StoredProperty | undefined> {
    try {
      const property = await this.http.json<V1Property>({
        method: 'GET',
        kind: 'GET property',
        api: 'v1',
        path: `/content/${enc(pageId)}/property/${OWNER_PROPERTY_KEY}`,
      });
      return {
        id: String(property.id ?? OWNER_PROPERTY_KEY),
        version: property.version?.number ?? 1,
        value: property.value,
      };
    } catch (error) {
      // v1 answers a missing property with 404 (as it does a missing page: the next write tells).
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async createOwner(pageId: string, owner: OwnerProperty): Promise<void> {
    await this.http.send({
      method: 'POST',
      kind: 'POST property',
      api: 'v1',
      path: `/content/${enc(pageId)}/property`,
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
      api: 'v1',
      path: `/content/${enc(pageId)}/property/${OWNER_PROPERTY_KEY}`,
      json: {
        key: OWNER_PROPERTY_KEY,
        value: owner,
        version: { number: stored.version + 1, minorEdit: true },
      },
      trace,
    });
  }

  async trashPage(id: string, trace: RequestTrace): Promise<void> {
    await this.http.send({
      method: 'DELETE',
      kind: 'DELETE page',
      api: 'v1',
      path: `/content/${enc(id)}`,
      trace,
    });
  }

  async archivePage(id: string): Promise<void> {
    throw new ConfluenceError({
      status: 400,
      method: 'POST',
      path: new URL(
        this.http.urlOf({ method: 'POST', kind: 'POST archive', api: 'v1', path: '/content/archive' }),
      ).pathname,
      kind: 'bad-request',
      message: `Cannot archive page ${id}: archiving needs Confluence Cloud (use on-delete: trash or keep on Data Center)`,
    });
  }

  async listAttachments(pageId: string): Promise<RemoteAttachment[]> {
    const attachments = await collectPages<V1Content>(this.http, {
      method: 'GET',
      kind: 'GET attachment',
      api: 'v1',
      path: `/content/${enc(pageId)}/child/attachment`,
      query: { expand: 'version', limit: LIMIT },
    });
    return attachments.map(fromV1Attachment);
  }

  async trashAttachment(id: string, trace: RequestTrace): Promise<void> {
    // An attachment is content: v1 trashes a current one (`status=trashed`, not sent, would purge).
    await this.http.send({
      method: 'DELETE',
      kind: 'DELETE attachment',
      api: 'v1',
      path: `/content/${enc(id)}`,
      trace,
    });
  }

  async getLabels(pageId: string): Promise<string[]> {
    const labels = await collectPages<V1Label>(this.http, {
      method: 'GET',
      kind: 'GET label',
      api: 'v1',
      path: `/content/${enc(pageId)}/label`,
      query: { limit: 200 },
    });
    return labelNames(labels);
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
