/**
 * One running Confluence site: its flavour, where it is mounted, its data, and the URLs it hands
 * out (`_links.base`, page web UI links, download links). Shared by every route module.
 */
import { AttachmentStore } from './attachment-store.js';
import { LabelRegistry } from './content-meta.js';
import type { PageRecord, UserRecord } from './model.js';
import { IdSource } from './ids.js';
import { Store } from './store.js';

export type Flavor = 'cloud' | 'datacenter';

export class Site {
  readonly flavor: Flavor;
  /** `/wiki` on Cloud, the context path (default `/confluence`) on Data Center. */
  readonly contextPath: string;
  readonly store: Store;
  readonly attachments: AttachmentStore;
  readonly labels: LabelRegistry;
  /** The user requests run as when authentication is off, and the author of seeded content. */
  readonly defaultUser: UserRecord;
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  origin = '';

  constructor(flavor: Flavor, contextPath: string, defaultUser: UserRecord) {
    this.flavor = flavor;
    this.contextPath = contextPath;
    const ids = new IdSource(65536);
    this.store = new Store(ids);
    this.attachments = new AttachmentStore(ids);
    this.labels = new LabelRegistry(ids);
    this.defaultUser = this.store.addUser(defaultUser);
  }

  /** What `_links.base` carries: origin plus context path. */
  get baseUrl(): string {
    return this.origin + this.contextPath;
  }

  /** Path (below the context) of a page in the web UI; also where the HTML view serves it. */
  webuiPath(page: Pick<PageRecord, 'id' | 'title' | 'spaceKey'>): string {
    if (this.flavor === 'datacenter') return `/pages/viewpage.action?pageId=${page.id}`;
    return `/spaces/${encodeURIComponent(page.spaceKey)}/pages/${page.id}/${encodeURIComponent(page.title).replace(/%20/g, '+')}`;
  }

  /** Path (below the context) to download an attachment. */
  downloadPath(pageId: string, filename: string, version: number, api: 'v1' | 'v2' = 'v1'): string {
    const query = `version=${version}&modificationDate=0${api === 'v2' ? '&api=v2' : ''}`;
    return `/download/attachments/${pageId}/${encodeURIComponent(filename)}?${query}`;
  }

  /** Display data of a user id, for `version.by` (an unknown id still gets a name). */
  user(accountId: string): UserRecord {
    return (
      this.store.user(accountId) ?? {
        accountId,
        userKey: accountId,
        username: accountId,
        displayName: accountId,
        email: '',
      }
    );
  }
}
