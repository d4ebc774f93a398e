/**
 * v2 page routes (`/wiki/api/v2`): listing, create, read, update (incl. move and restore),
 * title update, trash/purge and the tree reads.
 */
import { badRequest } from '../errors.js';
import type { PageRecord } from '../model.js';
import { type ApiRequest, type ApiResponse, jsonBody, type Route } from '../router.js';
import type { Site } from '../site.js';
import { cursorPageV2 } from './paging.js';
import {
  boolParam,
  intField,
  listParam,
  objectField,
  requestedPage,
  statusFilter,
  storageValue,
  stringField,
  visiblePage,
} from './params.js';
import { childV2, labelV2, pageV2, propertyV2 } from './shapes-v2.js';

const DEFAULT_LIST_STATUSES = ['current', 'archived'];
const CURRENT = new Set(['current']);

function wantsBody(req: ApiRequest): boolean {
  const format = req.query.get('body-format');
  if (format === null) return false;
  if (format !== 'storage')
    throw badRequest(`body-format '${format}' is not supported by this server; use 'storage'`);
  return true;
}

/** One page of `items`, shaped after slicing so a long listing costs only what is returned. */
function list<T>(site: Site, req: ApiRequest, items: T[], shape: (item: T) => unknown): ApiResponse {
  const page = cursorPageV2(site, req, items);
  return { status: 200, json: { results: page.items.map(shape), _links: page.links }, headers: page.headers };
}

function byId(a: PageRecord, b: PageRecord): number {
  return Number(a.id) - Number(b.id);
}

/** Filters shared by `GET /pages` and `GET /spaces/{id}/pages`. */
function filterPages(req: ApiRequest, pages: PageRecord[]): PageRecord[] {
  const statuses = statusFilter(req.query, DEFAULT_LIST_STATUSES);
  const title = req.query.get('title');
  const ids = new Set(listParam(req.query, 'id'));
  // Title lookups are exact and case-sensitive in v2, unlike the uniqueness rule.
  return pages.filter(
    (p) =>
      statuses.has(p.status) && (title === null || p.title === title) && (ids.size === 0 || ids.has(p.id)),
  );
}

export function v2PageRoutes(site: Site): Route[] {
  const { store } = site;

  const getPage = (req: ApiRequest, id: string): ApiResponse => {
    const page = requestedPage(site, req.query, id, ['current', 'archived', 'draft']);
    const json = pageV2(site, page, { body: wantsBody(req) });
    const meta = { hasMore: false };
    if (boolParam(req.query, 'include-labels')) {
      json.labels = { results: page.labels.map((l) => labelV2(site, l)), meta, _links: {} };
    }
    if (boolParam(req.query, 'include-properties')) {
      json.properties = { results: [...page.properties.values()].map(propertyV2), meta, _links: {} };
    }
    if (req.query.get('include-version') === 'false') delete json.version;
    return { status: 200, json };
  };

  return [
    {
      method: 'GET',
      path: '/pages',
      kind: 'GET pages',
      handler: (req) => {
        const spaceIds = new Set(listParam(req.query, 'space-id'));
        const pages = store.allPages().filter((p) => spaceIds.size === 0 || spaceIds.has(p.spaceId));
        const body = wantsBody(req);
        return list(site, req, filterPages(req, pages).sort(byId), (p) => pageV2(site, p, { body }));
      },
    },
    {
      method: 'POST',
      path: '/pages',
      kind: 'POST page',
      handler: (req) => {
        const body = jsonBody(req);
        const spaceId = stringField(body, 'spaceId');
        if (!spaceId) throw badRequest('spaceId is required');
        const space = store.spaceById(spaceId);
        if (!space) throw badRequest(`No space with id ${spaceId}`);
        const status = stringField(body, 'status') ?? 'current';
        if (status !== 'current' && status !== 'draft')
          throw badRequest(`Cannot create a page with status ${status}`);
        const page = store.createPage({
          spaceKey: space.key,
          title: body.title as string,
          body: storageValue(objectField(body, 'body')) ?? '',
          parentId: stringField(body, 'parentId'),
          rootLevel: boolParam(req.query, 'root-level'),
          status,
          author: req.user,
        });
        return { status: 200, json: pageV2(site, page, { body: true }) };
      },
    },
    { method: 'GET', path: '/pages/{id}', kind: 'GET page', handler: (req, p) => getPage(req, p.id) },
    {
      method: 'PUT',
      path: '/pages/{id}',
      kind: 'PUT page',
      handler: (req, p) => {
        const body = jsonBody(req);
        const bodyId = stringField(body, 'id');
        if (bodyId !== undefined && bodyId !== p.id)
          throw badRequest(`Body id ${bodyId} does not match path id ${p.id}`);
        const page = store.requirePage(p.id);
        const status = stringField(body, 'status');
        if (page.status === 'trashed') {
          // Restore: only the status changes (v2 spec on PUT /pages/{id}).
          if (status !== 'current')
            throw badRequest(`Page ${p.id} is trashed; set status "current" to restore it`);
          return { status: 200, json: pageV2(site, store.restorePage(p.id)) };
        }
        if (status !== undefined && status !== 'current' && status !== page.status) {
          throw badRequest(`Cannot change the status of page ${p.id} to ${status} with this request`);
        }
        const spaceId = stringField(body, 'spaceId');
        if (spaceId !== undefined && spaceId !== page.spaceId) {
          throw badRequest('Moving a page to a different space is not supported');
        }
        const version = objectField(body, 'version');
        const storage = storageValue(objectField(body, 'body'));
        if (storage === undefined) throw badRequest('body is required');
        const updated = store.updatePage(p.id, {
          title: body.title as string,
          body: storage,
          parentId: stringField(body, 'parentId'),
          version: {
            number: intField(version, 'number', 'version.number'),
            message: stringField(version, 'message') ?? '',
            minorEdit: version?.minorEdit === true,
          },
          author: req.user,
          api: 'v2',
        });
        return { status: 200, json: pageV2(site, updated, { body: true }) };
      },
    },
    {
      method: 'PUT',
      path: '/pages/{id}/title',
      kind: 'PUT title',
      handler: (req, p) => {
        const body = jsonBody(req);
        const page = store.retitle(p.id, body.title as string, req.user);
        return { status: 200, json: pageV2(site, page) };
      },
    },
    {
      method: 'DELETE',
      path: '/pages/{id}',
      kind: 'DELETE page',
      handler: (req, p) => {
        if (boolParam(req.query, 'purge')) {
          store.purgePage(p.id);
          site.attachments.removePage(p.id);
        } else {
          store.trashPage(p.id);
        }
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/spaces/{id}/pages',
      kind: 'GET pages',
      handler: (req, p) => {
        const space = store.spaceById(p.id);
        if (!space) throw badRequest(`No space with id ${p.id}`);
        const depth = req.query.get('depth') ?? 'all';
        if (depth !== 'all' && depth !== 'root') throw badRequest(`depth must be all or root; got ${depth}`);
        const inSpace = store.allPages().filter((pg) => pg.spaceKey === space.key);
        const pages = depth === 'root' ? inSpace.filter((pg) => pg.parentId === undefined) : inSpace;
        const body = wantsBody(req);
        return list(site, req, filterPages(req, pages).sort(byId), (pg) => pageV2(site, pg, { body }));
      },
    },
    {
      method: 'GET',
      path: '/pages/{id}/direct-children',
      kind: 'GET children',
      handler: (req, p) => {
        const page = visiblePage(site, p.id, new Set(DEFAULT_LIST_STATUSES));
        const children = store.childrenOf(page.id, page.spaceKey, CURRENT);
        return list(site, req, children, (c) => childV2(c, { type: true }));
      },
    },
    {
      method: 'GET',
      path: '/pages/{id}/children',
      kind: 'GET children',
      handler: (req, p) => {
        const page = visiblePage(site, p.id, new Set(DEFAULT_LIST_STATUSES));
        return list(site, req, store.childrenOf(page.id, page.spaceKey, CURRENT), (c) => childV2(c));
      },
    },
    {
      method: 'GET',
      path: '/pages/{id}/descendants',
      kind: 'GET descendants',
      handler: (req, p) => {
        const raw = req.query.get('depth');
        const depth = raw === null ? 5 : Number(raw);
        if (!Number.isInteger(depth) || depth < 1 || depth > 5)
          throw badRequest('depth must be between 1 and 5');
        visiblePage(site, p.id, new Set(DEFAULT_LIST_STATUSES));
        return list(site, req, store.descendants(p.id, CURRENT, depth), ({ page, depth: d }) =>
          childV2(page, { type: true, parent: true, depth: d }),
        );
      },
    },
    {
      method: 'GET',
      path: '/pages/{id}/ancestors',
      kind: 'GET ancestors',
      handler: (req, p) => {
        const page = visiblePage(site, p.id, new Set(DEFAULT_LIST_STATUSES));
        return list(site, req, store.ancestors(page), (a) => ({ id: a.id, type: 'page' }));
      },
    },
  ];
}
