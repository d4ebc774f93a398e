/**
 * The v1 REST API (`/wiki/rest/api` on Cloud, `<context>/rest/api` on Data Center). Order
 * matters: literal paths (`/content/search`, `/content/archive`) come before `/content/{id}`.
 */
import type { Route } from '../router.js';
import type { Site } from '../site.js';
import { v1AttachmentRoutes } from './v1-attachments.js';
import { v1ContentRoutes } from './v1-content.js';
import { v1MetaRoutes } from './v1-meta.js';

export function v1Routes(site: Site): Route[] {
  return [...v1ContentRoutes(site), ...v1MetaRoutes(site), ...v1AttachmentRoutes(site)];
}
