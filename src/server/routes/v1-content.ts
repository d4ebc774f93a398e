/**
 * v1 content routes: space, content CRUD (trash, purge, restore, move by ancestors), children,
 * CQL search, move with ordering, archive, long tasks and the current user.
 */
import { parseCql, searchPages } from '../cql.js';
import { addLabels, checkLabel, createProperty } from '../content-meta.js';
import { badRequest, notFound } from '../errors.js';
import { type ApiRequest, type ApiResponse, jsonBody, type Route } from '../router.js';
import type { Site } from '../site.js';
import { pageV1 } from './paging.js';
import {
  intField,
  objectField,
  requestedPage,
  statusFilter,
  storageValue,
  stringField,
  visiblePage,
} from './params.js';
import { contentV1, Expand, spaceV1, userV1 } from './shapes-v1.js';

const READABLE = ['current', 'archived', 'draft'];
/** What v1 create/update answer with, as Confluence does. */
const WRITE_EXPAND = new Expand('space,version,ancestors,body.storage,container');

/** The parent named by a v1 `ancestors` array: its last entry (`undefined` when absent). */
function ancestorParent(body: Record<string, unknown>): string | undefined {
  const ancestors = body.ancestors;
  if (ancestors === undefined || ancestors === null) return undefined;
  if (!Array.isArray(ancestors)) throw badRequest('ancestors must be an array of {id}');
  if (ancestors.length === 0) return undefined;
  const last: unknown = ancestors[ancestors.length - 1];
  const id =
    typeof last === 'object' && last !== null
      ? stringField(last as Record<string, unknown>, 'id')
      : undefined;
  if (id === undefined) throw badRequest('Each ancestor needs an id');
  return id;
}

/** One page of `all`, shaped after slicing so a long listing costs only what is returned. */
function listV1<T>(
  site: Site,
  req: ApiRequest,
  all: T[],
  shape: (item: T) => unknown,
  options: { extra?: Record<string, unknown>; cursor?: boolean } = {},
): ApiResponse {
  const page = pageV1(site, req, all, { cursor: options.cursor });
  const extra = options.extra ?? {};
  return {
    status: 200,
    json: {
      results: page.items.map(shape),
      start: page.start,
      limit: page.limit,
      size: page.items.length,
      ...extra,
      _links: page.links,
    },
    headers: page.headers,
  };
}

export function v1ContentRoutes(site: Site): Route[] {
  const { store } = site;
  const longTasks = new Map<string, { pages: string[] }>();

  const create = (req: ApiRequest): ApiResponse => {
    const body = jsonBody(req);
    const type = stringField(body, 'type') ?? 'page';
    if (type !== 'page') throw badRequest(`Content type '${type}' is not supported by this server`);
    const spaceKey = stringField(objectField(body, 'space'), 'key');
    if (!spaceKey) throw badRequest('space.key is required');
    if (!store.spaceByKey(spaceKey)) throw notFound(`No space with key : ${spaceKey}`);
    const status = stringField(body, 'status') ?? 'current';
    if (status !== 'current' && status !== 'draft')
      throw badRequest(`Cannot create content with status ${status}`);
    const metadata = objectField(body, 'metadata');
    const labels = readLabels(metadata?.labels).map(checkLabel);
    const properties = readProperties(objectField(metadata ?? {}, 'properties'));
    const parentId = ancestorParent(body);
    const page = store.createPage({
      spaceKey,
      title: body.title as string,
      body: storageValue(objectField(body, 'body')) ?? '',
      ...(parentId !== undefined ? { parentId } : { rootLevel: true }),
      status,
      message: stringField(objectField(body, 'version'), 'message'),
      author: req.user,
    });
    // Metadata was checked before the page was created, so these cannot fail half-way.
    addLabels(page, labels);
    for (const [key, value] of properties) {
      createProperty(store.ids, page, { key, value, author: req.user, at: page.createdAt });
    }
    return { status: 200, json: contentV1(site, page, WRITE_EXPAND) };
  };

  const update = (req: ApiRequest, id: string): ApiResponse => {
    const body = jsonBody(req);
    const page = store.requirePage(id);
    const status = stringField(body, 'status');
    if (page.status === 'trashed') {
      if (status !== 'current') throw notFound(`No content found with id: ${id}`);
      return { status: 200, json: contentV1(site, store.restorePage(id), WRITE_EXPAND) };
    }
    if (status !== undefined && status !== page.status && status !== 'current') {
      throw badRequest(`Cannot change the status of content ${id} to ${status} with this request`);
    }
    const version = objectField(body, 'version');
    const updated = store.updatePage(id, {
      title: body.title as string,
      body: storageValue(objectField(body, 'body')),
      parentId: ancestorParent(body),
      version: {
        number: intField(version, 'number', 'version.number'),
        message: stringField(version, 'message') ?? '',
        minorEdit: version?.minorEdit === true,
      },
      author: req.user,
      api: 'v1',
    });
    return { status: 200, json: contentV1(site, updated, WRITE_EXPAND) };
  };

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/space/{key}',
      kind: 'GET space',
      handler: (req, p) => {
        const space = store.spaceByKey(p.key);
        if (!space) throw notFound(`No space with key : ${p.key}`);
        const json = spaceV1(site, space);
        if (new Expand(req.query.get('expand')).has('homepage')) {
          json.homepage = contentV1(site, store.requirePage(space.homepageId), new Expand(null));
        }
        return { status: 200, json };
      },
    },
    {
      method: 'GET',
      path: '/user/current',
      kind: 'GET user',
      handler: (req) => ({ status: 200, json: userV1(site, req.user) }),
    },
    {
      method: 'GET',
      path: '/content/search',
      kind: 'GET search',
      handler: (req) => {
        const cql = req.query.get('cql');
        if (!cql) throw badRequest('The cql parameter is required');
        const expand = new Expand(req.query.get('expand'));
        const results = searchPages(store, parseCql(cql));
        return listV1(site, req, results, (page) => contentV1(site, page, expand), {
          extra: { totalSize: results.length, cqlQuery: cql, searchDuration: 1 },
          cursor: true,
        });
      },
    },
    {
      method: 'GET',
      path: '/content',
      kind: 'GET pages',
      handler: (req) => {
        const type = req.query.get('type') ?? 'page';
        const spaceKey = req.query.get('spaceKey');
        const title = req.query.get('title');
        const statuses = statusFilter(req.query, ['current']);
        const expand = new Expand(req.query.get('expand'));
        const pages =
          type !== 'page'
            ? []
            : store
                .allPages()
                .filter(
                  (p) =>
                    statuses.has(p.status) &&
                    (spaceKey === null || p.spaceKey === spaceKey) &&
                    (title === null || p.title === title),
                );
        return listV1(site, req, pages, (p) => contentV1(site, p, expand));
      },
    },
    { method: 'POST', path: '/content', kind: 'POST page', handler: create },
    {
      method: 'POST',
      path: '/content/archive',
      kind: 'POST archive',
      handler: (req) => {
        const body = jsonBody(req);
        const pages = Array.isArray(body.pages) ? (body.pages as unknown[]) : [];
        const ids = pages.map((p) =>
          typeof p === 'object' && p !== null ? stringField(p as Record<string, unknown>, 'id') : undefined,
        );
        if (ids.length === 0 || ids.some((id) => id === undefined))
          throw badRequest('pages must be a list of {id}');
        const targets = ids.map((id) => store.requirePage(id as string));
        const notCurrent = targets.find((p) => p.status !== 'current');
        if (notCurrent)
          throw badRequest(`Page ${notCurrent.id} is ${notCurrent.status} and cannot be archived`);
        for (const p of targets) store.archivePage(p.id);
        const taskId = store.ids.take();
        longTasks.set(taskId, { pages: targets.map((p) => p.id) });
        return {
          status: 202,
          json: { id: taskId, links: { status: `${site.contextPath}/rest/api/longtask/${taskId}` } },
        };
      },
    },
    {
      method: 'GET',
      path: '/longtask/{id}',
      kind: 'GET task',
      handler: (_req, p) => {
        if (!longTasks.has(p.id)) throw notFound(`No long running task with id ${p.id}`);
        return {
          status: 200,
          json: {
            id: p.id,
            name: { key: 'com.atlassian.confluence.pages.archive.task', args: [] },
            elapsedTime: 1,
            percentageComplete: 100,
            successful: true,
            finished: true,
            messages: [],
            status: 'COMPLETED',
            _links: { self: `${site.baseUrl}/rest/api/longtask/${p.id}` },
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/content/{id}',
      kind: 'GET page',
      handler: (req, p) => {
        const page = requestedPage(site, req.query, p.id, READABLE);
        return { status: 200, json: contentV1(site, page, new Expand(req.query.get('expand'))) };
      },
    },
    { method: 'PUT', path: '/content/{id}', kind: 'PUT page', handler: (req, p) => update(req, p.id) },
    {
      method: 'DELETE',
      path: '/content/{id}',
      kind: 'DELETE page',
      handler: (req, p) => {
        const attachment = store.page(p.id) ? undefined : site.attachments.get(p.id);
        if (attachment) {
          // Attachments are content too: a current one goes to the trash, a trashed one is
          // purged when asked with `status=trashed` (the v2 route's `purge=true`).
          const purge = req.query.get('status') === 'trashed';
          if (purge !== (attachment.status === 'trashed')) {
            const error = notFound(`No ${purge ? 'trashed ' : ''}content found with id: ${p.id}`);
            error.kind = 'DELETE attachment';
            throw error;
          }
          site.attachments.remove(attachment.id, purge);
          return { status: 204, kind: 'DELETE attachment' };
        }
        const page = store.requirePage(p.id);
        if (req.query.get('status') === 'trashed') {
          if (page.status !== 'trashed') throw notFound(`No trashed content found with id: ${p.id}`);
          store.purgePage(p.id);
          site.attachments.removePage(p.id);
        } else {
          if (page.status === 'trashed') throw notFound(`No content found with id: ${p.id}`);
          store.trashPage(p.id);
        }
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/content/{id}/child/page',
      kind: 'GET children',
      handler: (req, p) => {
        const page = visiblePage(site, p.id, new Set(READABLE));
        const expand = new Expand(req.query.get('expand'));
        const children = store.childrenOf(page.id, page.spaceKey, new Set(['current']));
        return listV1(site, req, children, (c) => contentV1(site, c, expand));
      },
    },
    {
      method: 'PUT',
      path: '/content/{pageId}/move/{position}/{targetId}',
      kind: 'PUT move',
      handler: (_req, p) => {
        const position = p.position;
        if (position !== 'before' && position !== 'after' && position !== 'append') {
          throw badRequest(`position must be before, after or append; got ${position}`);
        }
        store.movePage(p.pageId, position, p.targetId);
        return { status: 200, json: { pageId: p.pageId } };
      },
    },
  ];
  // Archiving through the REST API is a Cloud feature.
  return site.flavor === 'cloud'
    ? routes
    : routes.filter((r) => r.kind !== 'POST archive' && r.kind !== 'GET task');
}

function readLabels(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((l: unknown) => {
    const name = typeof l === 'object' && l !== null ? (l as Record<string, unknown>).name : l;
    if (typeof name !== 'string') throw badRequest('Each label needs a name');
    return name;
  });
}

function readProperties(raw: Record<string, unknown> | undefined): [string, unknown][] {
  if (!raw) return [];
  return Object.entries(raw).map(([key, v]) => {
    const entry = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
    const value = 'value' in entry ? entry.value : v;
    return [stringField(entry, 'key') ?? key, value];
  });
}
