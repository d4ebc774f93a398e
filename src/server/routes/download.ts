/**
 * Attachment downloads: `<context>/download/attachments/{pageId}/{filename}?version=N`, the
 * `downloadLink` both APIs hand out.
 */
import { notFound } from '../errors.js';
import type { Route } from '../router.js';
import type { Site } from '../site.js';

export function downloadRoutes(site: Site): Route[] {
  return [
    {
      method: 'GET',
      path: '/attachments/{pageId}/{filename}',
      kind: 'GET download',
      handler: (req, p) => {
        const attachment = site.attachments.list(p.pageId, p.filename)[0];
        if (!attachment) throw notFound(`No attachment ${p.filename} on content ${p.pageId}`);
        const wanted = req.query.get('version');
        const version =
          wanted === null
            ? attachment.versions[attachment.versions.length - 1]
            : attachment.versions.find((v) => String(v.number) === wanted);
        if (!version) throw notFound(`Attachment ${p.filename} has no version ${wanted ?? ''}`);
        return {
          status: 200,
          raw: { data: version.data, contentType: version.mediaType },
          headers: {
            'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.title)}`,
          },
        };
      },
    },
  ];
}
