/**
 * v1 content properties (keyed by property key) and labels (the only API that writes labels).
 */
import { addLabels, createProperty, propertyByKey, removeLabel, updateProperty } from '../content-meta.js';
import { badRequest } from '../errors.js';
import type { PageRecord } from '../model.js';
import { anyJsonBody, type ApiRequest, type ApiResponse, jsonBody, type Route } from '../router.js';
import type { Site } from '../site.js';
import { pageV1 } from './paging.js';
import { intField, objectField, stringField, visiblePage } from './params.js';
import { labelV1, propertyV1 } from './shapes-v1.js';

const READABLE = new Set(['current', 'archived', 'draft']);

function listV1(site: Site, req: ApiRequest, all: unknown[], fallbackLimit: number): ApiResponse {
  const page = pageV1(site, req, all, { fallbackLimit });
  return {
    status: 200,
    json: {
      results: page.items,
      start: page.start,
      limit: page.limit,
      size: page.items.length,
      _links: page.links,
    },
    headers: page.headers,
  };
}

function labelList(site: Site, page: PageRecord): ApiResponse {
  const results = page.labels.map((l) => labelV1(site, l));
  return {
    status: 200,
    json: {
      results,
      start: 0,
      limit: 200,
      size: results.length,
      _links: { base: site.baseUrl, context: site.contextPath },
    },
  };
}

export function v1MetaRoutes(site: Site): Route[] {
  const { store } = site;
  const page = (id: string): PageRecord => visiblePage(site, id, READABLE);

  const createWithKey = (req: ApiRequest, id: string, pathKey: string | undefined): ApiResponse => {
    const target = page(id);
    const body = jsonBody(req);
    const key = pathKey ?? (body.key as string);
    const property = createProperty(store.ids, target, {
      key,
      value: body.value,
      author: req.user,
      at: store.now(),
    });
    return { status: 200, json: propertyV1(site, target, property) };
  };

  return [
    {
      method: 'GET',
      path: '/content/{id}/property',
      kind: 'GET property',
      handler: (req, p) => {
        const target = page(p.id);
        return listV1(
          site,
          req,
          [...target.properties.values()].map((x) => propertyV1(site, target, x)),
          10,
        );
      },
    },
    {
      method: 'POST',
      path: '/content/{id}/property',
      kind: 'POST property',
      handler: (req, p) => createWithKey(req, p.id, undefined),
    },
    {
      method: 'GET',
      path: '/content/{id}/property/{key}',
      kind: 'GET property',
      handler: (_req, p) => {
        const target = page(p.id);
        return { status: 200, json: propertyV1(site, target, propertyByKey(target, p.key)) };
      },
    },
    {
      method: 'POST',
      path: '/content/{id}/property/{key}',
      kind: 'POST property',
      handler: (req, p) => createWithKey(req, p.id, p.key),
    },
    {
      method: 'PUT',
      path: '/content/{id}/property/{key}',
      kind: 'PUT property',
      handler: (req, p) => {
        const target = page(p.id);
        const body = jsonBody(req);
        const version = objectField(body, 'version');
        const number = intField(version, 'number', 'version.number');
        const existing = target.properties.get(p.key);
        // v1 creates the property when it does not exist and the version is 1.
        if (!existing && number === 1) {
          const created = createProperty(store.ids, target, {
            key: p.key,
            value: body.value,
            author: req.user,
            at: store.now(),
          });
          return { status: 200, json: propertyV1(site, target, created) };
        }
        const property = propertyByKey(target, p.key);
        updateProperty(property, {
          value: body.value,
          version: number,
          message: stringField(version, 'message'),
          minorEdit: version?.minorEdit === true,
          author: req.user,
          at: store.now(),
        });
        return { status: 200, json: propertyV1(site, target, property) };
      },
    },
    {
      method: 'DELETE',
      path: '/content/{id}/property/{key}',
      kind: 'DELETE property',
      handler: (_req, p) => {
        const target = page(p.id);
        target.properties.delete(propertyByKey(target, p.key).key);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/content/{id}/label',
      kind: 'GET label',
      handler: (req, p) => {
        const target = page(p.id);
        const prefix = req.query.get('prefix');
        const labels = prefix === null || prefix === 'global' ? target.labels : [];
        return listV1(
          site,
          req,
          labels.map((l) => labelV1(site, l)),
          200,
        );
      },
    },
    {
      method: 'POST',
      path: '/content/{id}/label',
      kind: 'POST label',
      handler: (req, p) => {
        const target = page(p.id);
        const raw = anyJsonBody(req);
        const entries = Array.isArray(raw) ? raw : [raw];
        const names = entries.map((e: unknown) => {
          const name = typeof e === 'object' && e !== null ? (e as Record<string, unknown>).name : undefined;
          if (typeof name !== 'string') throw badRequest('Each label needs a name');
          return name;
        });
        addLabels(target, names);
        return labelList(site, target);
      },
    },
    {
      method: 'DELETE',
      path: '/content/{id}/label',
      kind: 'DELETE label',
      handler: (req, p) => {
        const name = req.query.get('name');
        if (!name) throw badRequest('The name parameter is required');
        removeLabel(page(p.id), name);
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      path: '/content/{id}/label/{label}',
      kind: 'DELETE label',
      handler: (_req, p) => {
        removeLabel(page(p.id), p.label);
        return { status: 204 };
      },
    },
  ];
}
