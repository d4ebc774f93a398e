/**
 * v1 attachment routes: list, create (POST), create-or-version (PUT) and replace data by id. The
 * uploads are multipart (`file`, `comment`, `minorEdit`) and need `X-Atlassian-Token: no-check`
 * (or the older `nocheck`), as Confluence's XSRF protection demands.
 */
import { mediaTypeFor, type UploadInput } from '../attachment-store.js';
import { ApiError, badRequest } from '../errors.js';
import type { AttachmentRecord } from '../model.js';
import type { ApiRequest, ApiResponse, Route } from '../router.js';
import type { Site } from '../site.js';
import { pageV1 } from './paging.js';
import { visiblePage } from './params.js';
import { attachmentV1, Expand } from './shapes-v1.js';

const WRITABLE = new Set(['current', 'archived', 'draft']);

interface Upload {
  filename: string;
  data: Uint8Array;
  declaredType: string;
}

/** Multipart fields of an upload request, parsed by the platform's own `FormData` parser. */
async function readUploads(
  req: ApiRequest,
): Promise<{ files: Upload[]; comments: string[]; minorEdit: boolean }> {
  const token = String(req.headers['x-atlassian-token'] ?? '').toLowerCase();
  if (token !== 'no-check' && token !== 'nocheck') throw new ApiError(403, 'XSRF check failed');
  const contentType = String(req.headers['content-type'] ?? '');
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new ApiError(415, 'Attachments must be uploaded as multipart/form-data');
  }
  let form: FormData;
  try {
    form = await new Request('http://127.0.0.1/upload', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: req.body,
      duplex: 'half',
    } as RequestInit).formData();
  } catch (error) {
    throw badRequest(
      `Could not parse the multipart body: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const files: Upload[] = [];
  for (const entry of form.getAll('file')) {
    if (typeof entry === 'string') throw badRequest("The 'file' part must be a file");
    files.push({
      filename: entry.name,
      data: new Uint8Array(await entry.arrayBuffer()),
      declaredType: entry.type,
    });
  }
  if (files.length === 0) throw badRequest("A multipart part named 'file' is required");
  const comments = form.getAll('comment').map((c) => (typeof c === 'string' ? c : ''));
  return { files, comments, minorEdit: form.get('minorEdit') === 'true' };
}

function toInputs(
  site: Site,
  req: ApiRequest,
  uploads: Awaited<ReturnType<typeof readUploads>>,
): UploadInput[] {
  return uploads.files.map((f, i) => ({
    filename: f.filename,
    data: f.data,
    mediaType: mediaTypeFor(f.filename, f.declaredType),
    comment: uploads.comments[i] ?? uploads.comments[0] ?? '',
    minorEdit: uploads.minorEdit,
    author: req.user,
    at: site.store.now(),
  }));
}

function collection(site: Site, attachments: AttachmentRecord[]): ApiResponse {
  const results = attachments.map((a) => attachmentV1(site, a, new Expand('version,container')));
  return {
    status: 200,
    json: {
      results,
      start: 0,
      limit: results.length,
      size: results.length,
      _links: { base: site.baseUrl, context: site.contextPath },
    },
  };
}

export function v1AttachmentRoutes(site: Site): Route[] {
  const { attachments } = site;
  return [
    {
      method: 'GET',
      path: '/content/{id}/child/attachment',
      kind: 'GET attachment',
      handler: (req, p) => {
        visiblePage(site, p.id, WRITABLE);
        const expand = new Expand(req.query.get('expand'));
        const mediaType = req.query.get('mediaType');
        const items = attachments
          .list(p.id, req.query.get('filename') ?? undefined)
          .filter((a) => mediaType === null || a.versions[a.versions.length - 1].mediaType === mediaType)
          .map((a) => attachmentV1(site, a, expand));
        const page = pageV1(site, req, items, { fallbackLimit: 50 });
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
      },
    },
    {
      method: 'POST',
      path: '/content/{id}/child/attachment',
      kind: 'POST attachment',
      handler: async (req, p) => {
        visiblePage(site, p.id, WRITABLE);
        const inputs = toInputs(site, req, await readUploads(req));
        // Check every name first so a multi-file upload is all-or-nothing.
        for (const input of inputs) {
          if (attachments.list(p.id, input.filename).length > 0) {
            throw badRequest(
              `Cannot add a new attachment with same file name as an existing attachment: ${input.filename}`,
            );
          }
        }
        return collection(
          site,
          inputs.map((input) => attachments.create(p.id, input)),
        );
      },
    },
    {
      method: 'PUT',
      path: '/content/{id}/child/attachment',
      kind: 'PUT attachment',
      handler: async (req, p) => {
        visiblePage(site, p.id, WRITABLE);
        const inputs = toInputs(site, req, await readUploads(req));
        return collection(
          site,
          inputs.map((input) => attachments.createOrUpdate(p.id, input)),
        );
      },
    },
    {
      method: 'POST',
      path: '/content/{id}/child/attachment/{attachmentId}/data',
      kind: 'POST attachment data',
      handler: async (req, p) => {
        visiblePage(site, p.id, WRITABLE);
        const [input] = toInputs(site, req, await readUploads(req));
        const updated = attachments.updateData(p.id, p.attachmentId, input);
        return { status: 200, json: attachmentV1(site, updated, new Expand('version,container')) };
      },
    },
  ];
}
