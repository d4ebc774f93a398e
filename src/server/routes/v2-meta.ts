/**
 * v2 routes around pages: spaces, content properties, labels, attachments and versions.
 */
import { createProperty, propertyById, updateProperty } from '../content-meta.js';
import { badRequest, notFound } from '../errors.js';
import { type ApiRequest, type ApiResponse, jsonBody, type Route } from '../router.js';
import type { Site } from '../site.js';
import { cursorPageV2 } from './paging.js';
import { boolParam, intField, listParam, objectField, stringField, visiblePage } from './params.js';
import { attachmentV2, labelV2, propertyV2, spaceV2, versionV2 } from './shapes-v2.js';

const VISIBLE = new Set(['current', 'archived', 'draft']);

function list(site: Site, req: ApiRequest, items: unknown[], fallbackLimit = 25): ApiResponse {
  const page = cursorPageV2(site, req, items, fallbackLimit);
  return { status: 200, json: { results: page.items, _links: page.links }, headers: page.headers };
}

export function v2MetaRoutes(site: Site): Route[] {
  const { store } = site;
  return [
    {
      method: 'GET',
      path: '/spaces',
      kind: 'GET space',
      handler: (req) => {
        const keys = new Set(listParam(req.query, 'keys'));
        const ids = new Set(listParam(req.query, 'ids'));
        const spaces = store
          .spaces()
          .filter((s) => (keys.size === 0 || keys.has(s.key)) && (ids.size === 0 || ids.has(s.id)));
        return list(
          site,
          req,
          spaces.map((s) => spaceV2(site, s)),
        );
      },
    },
    {
      method: 'GET',
      path: '/spaces/{id}',
      kind: 'GET space',
      handler: (_req, p) => {
        const space = store.spaceById(p.id);
        if (!space) throw badRequest(`No space with id ${p.id}`);
        return { status: 200, json: spaceV2(site, space) };
      },
    },
    {
      method: 'GET',
      path: '/pages/{id}/properties',
      kind: 'GET property',
      handler: (req, p) => {
        const page = visiblePage(site, p.id, VISIBLE);
        const key = req.query.get('key');
        const sort = req.query.get('sort');
        let props = [...page.properties.values()].filter((x) => key === null || x.key === key);
        if (sort === 'key' || sort === '-key') {
          props = props.sort((a, b) => a.key.localeCompare(b.key) * (sort === 'key' ? 1 : -1));
        }
        return list(site, req, props.map(propertyV2));
      },
    },
    {
      method: 'POST',
      path: '/pages/{id}/properties',
      kind: 'POST property',
      handler: (req, p) => {
        const page = visiblePage(site, p.id, VISIBLE);
        const body = jsonBody(req);
        const property = createProperty(store.ids, page, {
          key: body.key as string,
          value: body.value,
          author: req.user,
          at: store.now(),
        });
        return { status: 200, json: propertyV2(property) };
      },
    },
    {
      method: 'GET',
      path: '/pages/{id}/properties/{propertyId}',
      kind: 'GET property',
      handler: (_req, p) => {
        const page = visiblePage(site, p.id, VISIBLE);
        return { status: 200, json: propertyV2(propertyById(page, p.propertyId)) };
      },
    },
    {
      method: 'PUT',
      path: '/pages/{id}/properties/{propertyId}',
      kind: 'PUT property',
      handler: (req, p) => {
        const page = visiblePage(site, p.id, VISIBLE);
        const property = propertyById(page, p.propertyId);
        const body = jsonBody(req);
        const key = stringField(body, 'key');
        if (key !== undefined && key !== property.key)
          throw badRequest('The key of a content property cannot change');
        const version = objectField(body, 'version');
        updateProperty(property, {
          value: body.value,
          version: intField(version, 'number', 'version.number'),
          message: stringField(version, 'message'),
          author: req.user,
          at: store.now(),
        });
        return { status: 200, json: propertyV2(property) };
      },
    },
    {
      method: 'DELETE',
      path: '/pages/{id}/properties/{propertyId}',
      kind: 'DELETE property',
      handler: (_req, p) => {
        const page = visiblePage(site, p.id, VISIBLE);
        page.properties.delete(propertyById(page, p.propertyId).key);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/pages/{id}/labels',
      kind: 'GET label',
      handler: (req, p) => {
        const page = visiblePage(site, p.id, VISIBLE);
        const prefix = req.query.get('prefix');
        const labels = prefix === null || prefix === 'global' ? page.labels : [];
        return list(
          site,
          req,
          labels.map((l) => labelV2(site, l)),
        );
      },
    },
    {
      method: 'GET',
      path: '/pages/{id}/attachments',
      kind: 'GET attachment',
      handler: (req, p) => {
        visiblePage(site, p.id, VISIBLE);
        const filename = req.query.get('filename') ?? undefined;
        const mediaType = req.query.get('mediaType');
        const items = site.attachments
          .list(p.id, filename)
          .map((a) => attachmentV2(site, a))
          .filter((a) => mediaType === null || a.mediaType === mediaType);
        return list(site, req, items, 50);
      },
    },
    {
      method: 'GET',
      path: '/attachments/{id}',
      kind: 'GET attachment',
      handler: (_req, p) => ({ status: 200, json: attachmentV2(site, site.attachments.require(p.id)) }),
    },
    {
      method: 'DELETE',
      path: '/attachments/{id}',
      kind: 'DELETE attachment',
      handler: (req, p) => {
        site.attachments.remove(p.id, boolParam(req.query, 'purge'));
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/pages/{id}/versions',
      kind: 'GET version',
      handler: (req, p) => {
        const page = visiblePage(site, p.id, VISIBLE);
        const sort = req.query.get('sort') ?? '-modified-date';
        if (sort !== 'modified-date' && sort !== '-modified-date') throw badRequest(`Unknown sort: ${sort}`);
        const withBody = req.query.get('body-format') === 'storage';
        const versions = sort === 'modified-date' ? [...page.history] : [...page.history].reverse();
        const items = versions.map((v) => ({
          ...versionV2(v),
          page: {
            id: page.id,
            title: v.title,
            ...(withBody ? { body: { storage: { representation: 'storage', value: v.body } } } : {}),
          },
        }));
        return list(site, req, items);
      },
    },
    {
      method: 'GET',
      path: '/pages/{id}/versions/{versionNumber}',
      kind: 'GET version',
      handler: (_req, p) => {
        const page = visiblePage(site, p.id, VISIBLE);
        const index = page.history.findIndex((h) => String(h.number) === p.versionNumber);
        if (index < 0) throw notFound(`No version ${p.versionNumber} of page ${p.id}`);
        const v = page.history[index];
        return {
          status: 200,
          json: {
            number: v.number,
            authorId: v.authorId,
            message: v.message,
            createdAt: v.createdAt,
            minorEdit: v.minorEdit,
            contentTypeModified: false,
            collaborators: [v.authorId],
            ...(index > 0 ? { prevVersion: page.history[index - 1].number } : {}),
            ...(index + 1 < page.history.length ? { nextVersion: page.history[index + 1].number } : {}),
          },
        };
      },
    },
  ];
}
