/**
 * `ConfluenceClient`: the `ConfluenceApi` the sync engine uses, over Cloud (REST v2, plus v1
 * where v2 has no endpoint) or Data Center (REST v1). Flavour differences live in `cloud.ts` and
 * `datacenter.ts`; HTTP, retries and statistics in `http.ts`.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { deleteAttachment, uploadAttachment } from './attachments.js';
import { secretsOf } from './auth.js';
import { CloudDialect } from './cloud.js';
import { DataCenterDialect } from './datacenter.js';
import { detectFlavor } from './detect.js';
import type { Dialect } from './dialect.js';
import { HttpClient } from './http.js';
import { addLabels, removeLabel } from './labels.js';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  silentLog,
  type ClientLog,
  type ClientOptions,
} from './options.js';
import { archivePage, createPage, movePage, trashPage, updatePage } from './pages.js';
import { createOwnerOfNewPage, setOwner } from './properties.js';
import { findByTitles, listSubtree } from './search.js';
import type {
  ClientStats,
  ConfluenceApi,
  CreatePageInput,
  Flavor,
  GetPageOptions,
  MovePosition,
  OwnerProperty,
  RemoteAttachment,
  RemotePage,
  SpaceInfo,
  UpdatePageInput,
  UploadAttachmentInput,
} from './types.js';
import { normaliseBaseUrl } from './url.js';

export type { ClientOptions } from './options.js';

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class ConfluenceClient implements ConfluenceApi {
  readonly flavor: Flavor;
  readonly baseUrl: string;
  readonly #http: HttpClient;
  readonly #dialect: Dialect;
  readonly #log: ClientLog;
  /** Cloud runs one archive at a time: a second request while a job runs is refused. */
  readonly #archiveLimit: LimitFunction = pLimit(1);

  private constructor(http: HttpClient, dialect: Dialect, log: ClientLog) {
    this.#http = http;
    this.#dialect = dialect;
    this.#log = log;
    this.flavor = dialect.flavor;
    this.baseUrl = http.baseUrl;
  }

  /**
   * Normalise the base URL, register the secrets for masking, and decide the flavour (explicit
   * `deployment`, an Atlassian host, or one probe request).
   */
  static async create(options: ClientOptions): Promise<ConfluenceClient> {
    const log = options.log ?? silentLog;
    const credentials = { username: options.username.trim(), token: options.token };
    for (const secret of secretsOf(credentials)) options.onSecret?.(secret);
    const { url, warnings } = normaliseBaseUrl(options.baseUrl);
    for (const warning of warnings) log.warning(warning);
    const http = new HttpClient({
      baseUrl: url,
      credentials,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      retry: { ...DEFAULT_RETRY, ...definedOnly(options.retry ?? {}) },
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      sleep: options.sleep ?? defaultSleep,
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
      log,
      onRequest: options.onRequest,
    });
    const flavor = await detectFlavor({ deployment: options.deployment ?? 'auto', http, log });
    const dialect = flavor === 'cloud' ? new CloudDialect(http) : new DataCenterDialect(http);
    return new ConfluenceClient(http, dialect, log);
  }

  stats(): ClientStats {
    return this.#http.stats();
  }

  getSpace(key: string): Promise<SpaceInfo> {
    return this.#dialect.getSpace(key);
  }

  async currentUser(): Promise<{ anonymous: boolean; id?: string }> {
    // v1 on both flavours: Cloud keeps /wiki/rest/api/user/current, Data Center has only v1.
    const user = await this.#http.json<{
      type?: string;
      accountId?: string;
      userKey?: string;
      username?: string;
    }>({
      method: 'GET',
      kind: 'GET user',
      api: 'v1',
      path: '/user/current',
    });
    // The same precedence as a version's author (parse.ts), so the two compare.
    const id = user.accountId ?? user.userKey ?? user.username;
    return { anonymous: user.type === 'anonymous', ...(id ? { id } : {}) };
  }

  getPage(id: string, options?: GetPageOptions): Promise<RemotePage> {
    return this.#dialect.getPage(id, options);
  }

  getPageStorage(id: string): Promise<string> {
    return this.#dialect.getPageStorage(id);
  }

  listSubtree(rootId: string, spaceKey: string): Promise<RemotePage[]> {
    return listSubtree(this.#http, rootId, this.#dialect.pageContext(spaceKey));
  }

  listChildren(id: string): Promise<RemotePage[]> {
    return this.#dialect.listChildren(id);
  }

  findByTitles(space: SpaceInfo, titles: string[]): Promise<RemotePage[]> {
    return findByTitles(this.#http, space, titles, this.#dialect.pageContext(space.key));
  }

  createPage(input: CreatePageInput): Promise<RemotePage> {
    return createPage(this.#writer(), input);
  }

  updatePage(input: UpdatePageInput): Promise<RemotePage> {
    return updatePage(this.#writer(), input);
  }

  setOwner(pageId: string, owner: OwnerProperty, options: { isNew?: boolean } = {}): Promise<void> {
    return options.isNew
      ? createOwnerOfNewPage(this.#dialect, pageId, owner)
      : setOwner(this.#dialect, pageId, owner);
  }

  movePage(pageId: string, position: MovePosition, targetId: string): Promise<void> {
    return movePage(this.#http, pageId, position, targetId);
  }

  trashPage(id: string): Promise<void> {
    return trashPage(this.#dialect, id);
  }

  archivePage(id: string): Promise<void> {
    return this.#archiveLimit(() => archivePage(this.#dialect, id));
  }

  listAttachments(pageId: string): Promise<RemoteAttachment[]> {
    return this.#dialect.listAttachments(pageId);
  }

  uploadAttachment(input: UploadAttachmentInput): Promise<RemoteAttachment> {
    return uploadAttachment(this.#http, input);
  }

  deleteAttachment(attachmentId: string): Promise<void> {
    return deleteAttachment(this.#dialect, attachmentId);
  }

  getLabels(pageId: string): Promise<string[]> {
    return this.#dialect.getLabels(pageId);
  }

  addLabels(pageId: string, labels: string[]): Promise<void> {
    return addLabels(this.#http, pageId, labels);
  }

  removeLabel(pageId: string, label: string): Promise<void> {
    return removeLabel(this.#http, pageId, label);
  }

  #writer() {
    return { http: this.#http, dialect: this.#dialect, log: this.#log };
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
