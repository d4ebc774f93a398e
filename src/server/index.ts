/**
 * The embedded Confluence-compatible server: `startServer()` starts a Cloud (v2 + v1 under
 * `/wiki`) or Data Center (v1 under a context path) site on loopback and returns the handle tests,
 * the demo and the benchmarks drive it with.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthenticator, DEFAULT_EMAIL, userForEmail } from './auth.js';
import { FaultInjector } from './faults.js';
import { createHtmlView } from './html.js';
import { createListener, type Mount } from './http.js';
import { latestVersion, snapshotPage, type UserRecord } from './model.js';
import { RequestLog } from './request-log.js';
import { Router } from './router.js';
import { downloadRoutes } from './routes/download.js';
import { v1Routes } from './routes/v1.js';
import { v2MetaRoutes } from './routes/v2-meta.js';
import { v2PageRoutes } from './routes/v2-pages.js';
import { Site } from './site.js';
import { renderTree } from './tree-text.js';
import type { EmbeddedConfluence, ServerOptions } from './types.js';

export type { EmbeddedConfluence, ServerOptions } from './types.js';
export { validateStorage } from './storage-xml.js';
export { DEFAULT_EMAIL, DEFAULT_PAT, DEFAULT_TOKEN } from './auth.js';

const DC_USER: UserRecord = {
  accountId: 'ff8080817b0a1e2b017b0a1e4c5d0001',
  userKey: 'ff8080817b0a1e2b017b0a1e4c5d0001',
  username: 'demo',
  displayName: 'Demo User',
  email: DEFAULT_EMAIL,
};

/** Routes of each API family, for the contract test. */
export function routeTables(site: Site): { v2: Router; v1: Router; download: Router } {
  return {
    v2: new Router([...v2PageRoutes(site), ...v2MetaRoutes(site)]),
    v1: new Router(v1Routes(site)),
    download: new Router(downloadRoutes(site)),
  };
}

/** Starts a server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<EmbeddedConfluence> {
  const flavor = options.flavor ?? 'cloud';
  const contextPath = flavor === 'cloud' ? '/wiki' : normaliseContext(options.contextPath ?? '/confluence');
  const firstEmail = (options.auth && options.auth.users?.[0]?.email) || DEFAULT_EMAIL;
  const site = new Site(flavor, contextPath, flavor === 'cloud' ? userForEmail(firstEmail) : DC_USER);
  const { store } = site;
  for (const seed of options.spaces ?? [{ key: 'DOCS' }]) {
    store.createSpace(seed.key, seed.name ?? seed.key, site.defaultUser);
  }

  const faults = new FaultInjector(options.faults, options.seed ?? 1);
  const log = new RequestLog();
  const tables = routeTables(site);
  const mounts: Mount[] = [
    ...(flavor === 'cloud'
      ? [{ prefix: '/wiki/api/v2', envelope: 'v2' as const, router: tables.v2, relative: true }]
      : []),
    { prefix: `${contextPath}/rest/api`, envelope: 'v1', router: tables.v1, relative: true },
    { prefix: `${contextPath}/download`, envelope: 'v1', router: tables.download, relative: true },
  ];
  const authenticate = createAuthenticator(flavor, options.auth, site.defaultUser, (u) => store.addUser(u));
  const server = createServer(
    createListener({
      mounts,
      html: createHtmlView(site),
      faults,
      log,
      authenticate,
      ...(options.maxRequestBytes ? { maxRequestBytes: options.maxRequestBytes } : {}),
    }),
  );

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  site.origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const person = store.person('Site Admin');
  return {
    url: site.baseUrl,
    origin: site.origin,
    port,
    flavor,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    setFaults: (settings) => faults.set(settings),
    queueFault: (fault) => faults.enqueue(fault),
    clearFaults: () => faults.clear(),
    requests: () => log.all(),
    countRequests: (filter) => log.count(filter),
    resetRequests: () => log.reset(),
    space: (key) => {
      const s = store.spaceByKey(key);
      return s ? { id: s.id, key: s.key, homepageId: s.homepageId } : undefined;
    },
    page: (id) => {
      const p = store.page(id);
      return p ? snapshotPage(p) : undefined;
    },
    pages: (filter = {}) =>
      store
        .allPages()
        .filter((p) => filter.spaceKey === undefined || p.spaceKey === filter.spaceKey)
        .filter((p) => filter.includeTrashed || p.status !== 'trashed')
        .map(snapshotPage),
    children: (id) => {
      const p = store.requirePage(id);
      return store.childrenOf(p.id, p.spaceKey, new Set(['current', 'archived', 'draft'])).map(snapshotPage);
    },
    attachments: (pageId) =>
      site.attachments.list(pageId).map((a) => {
        const v = latestVersion(a);
        return {
          id: a.id,
          title: a.title,
          size: v.data.length,
          comment: v.comment,
          version: v.number,
          mediaType: v.mediaType,
          data: v.data,
        };
      }),
    seedPage: (input) =>
      snapshotPage(
        store.createPage({
          spaceKey: input.spaceKey,
          title: input.title,
          parentId: input.parentId,
          body: input.body ?? '',
          author: input.by === 'api' ? site.defaultUser : person,
        }),
      ),
    editAsPerson: (id, input) => snapshotPage(store.editAsPerson(id, input)),
    renderTree: (rootId) => renderTree(store, rootId),
  };
}

function normaliseContext(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
