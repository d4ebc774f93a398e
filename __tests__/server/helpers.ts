/**
 * Test helpers: a JSON client for the embedded server over real HTTP on loopback.
 */
import type { EmbeddedConfluence } from '../../src/server/index.js';

export const CLOUD_AUTH = 'Basic ' + Buffer.from('demo@example.com:demo-token').toString('base64');
export const DC_AUTH = 'Bearer demo-pat';

export interface JsonResponse {
  status: number;
  headers: Headers;
  // Tests inspect arbitrary response shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A small client bound to one server: `call('GET', '/wiki/api/v2/pages')`. */
export function client(
  server: EmbeddedConfluence,
  auth: string | undefined = server.flavor === 'cloud' ? CLOUD_AUTH : DC_AUTH,
) {
  return async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse> {
    const isForm = body instanceof FormData;
    const response = await fetch(server.origin + path, {
      method,
      headers: {
        ...(auth ? { authorization: auth } : {}),
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed };
  };
}

export type Call = ReturnType<typeof client>;

/** Body of a v2 page create. */
export function v2Page(
  spaceId: string,
  title: string,
  storage = '<p>x</p>',
  parentId?: string,
): Record<string, unknown> {
  return {
    spaceId,
    status: 'current',
    title,
    ...(parentId ? { parentId } : {}),
    body: { representation: 'storage', value: storage },
  };
}

/** Body of a v2 page update. */
export function v2Update(
  id: string,
  title: string,
  version: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    status: 'current',
    title,
    body: { representation: 'storage', value: '<p>updated</p>' },
    version: { number: version, message: 'cmsync abc' },
    ...extra,
  };
}

/** A multipart upload body with one file. */
export function upload(
  filename: string,
  bytes: number[] | string,
  comment?: string,
  type = 'application/octet-stream',
): FormData {
  const form = new FormData();
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes);
  form.append('file', new Blob([data], { type }), filename);
  if (comment !== undefined) form.append('comment', comment);
  form.append('minorEdit', 'true');
  return form;
}
