/**
 * The request listener: finds the API mount (v2, v1, downloads) or the HTML view, applies latency
 * and injected faults, reads the body, authenticates, dispatches to the routing table, writes the
 * answer in the right error envelope and records the request. A handler exception never escapes:
 * it becomes a 500 envelope.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Authenticator } from './auth.js';
import { ApiError, type Envelope, errorBody } from './errors.js';
import { type FaultInjector, INJECTED_500_MESSAGE, rateLimitHeaders } from './faults.js';
import type { RequestLog } from './request-log.js';
import type { ApiRequest, ApiResponse, Router } from './router.js';

/** Largest request body read at all (attachments); page bodies are limited to 5 MB separately. */
/** Confluence's default limit is about this size; `ServerOptions.maxRequestBytes` lowers it for tests. */
export const MAX_REQUEST_BYTES = 100 * 1024 * 1024;

export interface Mount {
  /** Full path prefix, e.g. `/wiki/api/v2`. */
  prefix: string;
  envelope: Envelope;
  router: Router;
  /** Whether routes are matched on the path below the prefix (API) or on the full path. */
  relative: boolean;
}

export interface HtmlPage {
  status: number;
  html: string;
  /** An attachment served to the view instead of HTML. */
  file?: { data: Uint8Array; contentType: string };
}

export interface ListenerDeps {
  mounts: Mount[];
  /** Larger request bodies are answered 413 (default `MAX_REQUEST_BYTES`). */
  maxRequestBytes?: number;
  /** Serves the browsable view; `undefined` when the path is not one of its pages. */
  html: (path: string, query: URLSearchParams) => HtmlPage | undefined;
  faults: FaultInjector;
  log: RequestLog;
  authenticate: Authenticator;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

export function createListener(deps: ListenerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      // Last resort: the answer could not even be written.
      console.error('embedded Confluence: unhandled error', error);
      if (!res.headersSent) sendJson(res, 500, errorBody('v1', 500, 'Internal server error'));
      else res.destroy();
    });
  };
}

async function handle(deps: ListenerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  const mount = deps.mounts.find((m) => path === m.prefix || path.startsWith(m.prefix + '/'));

  if (!mount) {
    // The HTML view: no faults, no authentication, not logged.
    const page = method === 'GET' ? deps.html(path, url.searchParams) : undefined;
    if (page?.file) {
      res.writeHead(page.status, { 'Content-Type': page.file.contentType }).end(page.file.data);
    } else if (page) {
      res.writeHead(page.status, { 'Content-Type': 'text/html; charset=utf-8' }).end(page.html);
    } else {
      sendJson(res, 404, errorBody('v1', 404, `No resource at ${method} ${path}`));
    }
    return;
  }

  const routePath = mount.relative ? path.slice(mount.prefix.length) || '/' : path;
  const matched = mount.router.match(method, routePath);
  const kind = matched.found ? matched.route.kind : `${method} unknown`;
  const record = (status: number, injected: boolean, reachedHandler: boolean, answered?: string): void =>
    deps.log.record({
      method,
      path,
      query: url.search.replace(/^\?/, ''),
      status,
      kind: answered ?? kind,
      write: reachedHandler && WRITE_METHODS.has(method),
      injected,
    });

  const target = `${method} ${path}`;
  const latency = deps.faults.latencyFor(target);
  if (latency > 0) await sleep(latency);

  const fault = deps.faults.decide(target);
  if (fault.kind === 'drop-before') {
    record(0, true, false);
    req.socket.destroy();
    return;
  }
  if (fault.kind === 'status') {
    const headers = fault.status === 429 ? rateLimitHeaders(fault.retryAfter) : retryHeader(fault.retryAfter);
    const message =
      fault.status === 500
        ? INJECTED_500_MESSAGE
        : fault.status === 429
          ? 'Rate limit exceeded. Please retry after the time given in Retry-After.'
          : 'Service temporarily unavailable';
    await drain(req);
    sendJson(res, fault.status, errorBody(mount.envelope, fault.status, message), headers);
    record(fault.status, true, false);
    return;
  }

  const answer = await answerRequest(deps, mount, req, { method, path, url, matched });
  if (fault.kind === 'drop-after') {
    // The work is done but the client never hears about it: what a lost response looks like.
    record(answer.response.status, true, answer.reachedHandler, answer.response.kind);
    req.socket.destroy();
    return;
  }
  writeResponse(res, answer.response);
  record(answer.response.status, false, answer.reachedHandler, answer.response.kind);
}

interface Target {
  method: string;
  path: string;
  url: URL;
  matched: ReturnType<Router['match']>;
}

async function answerRequest(
  deps: ListenerDeps,
  mount: Mount,
  req: IncomingMessage,
  target: Target,
): Promise<{ response: ApiResponse; reachedHandler: boolean }> {
  const fail = (status: number, message: string, headers: Record<string, string> = {}): ApiResponse => ({
    status,
    json: errorBody(mount.envelope, status, message),
    headers,
  });
  const limit = deps.maxRequestBytes ?? MAX_REQUEST_BYTES;
  const body = await readBody(req, limit);
  if (body === undefined) {
    return {
      response: fail(413, `Requests can be at most ${limit} bytes`),
      reachedHandler: false,
    };
  }
  const user = deps.authenticate(req.headers);
  if (!user) {
    const headers: Record<string, string> = { 'WWW-Authenticate': 'Basic realm="Confluence"' };
    return { response: fail(401, 'Unauthorized; check your credentials', headers), reachedHandler: false };
  }
  const { matched } = target;
  // The anonymous visitor may ask who it is, and is shown nothing else (Confluence answers 404).
  if (user.anonymous && !(matched.found && matched.route.path === '/user/current'))
    return { response: fail(404, `No content or space visible at ${target.path}`), reachedHandler: false };
  if (!matched.found) {
    const response = matched.methodNotAllowed
      ? fail(405, `Method ${target.method} is not allowed on ${target.path}`)
      : fail(404, `No API resource at ${target.method} ${target.path}`);
    return { response, reachedHandler: false };
  }
  const apiRequest: ApiRequest = {
    method: target.method,
    path: target.path,
    query: target.url.searchParams,
    headers: req.headers,
    body,
    user,
  };
  try {
    return { response: await matched.route.handler(apiRequest, matched.params), reachedHandler: true };
  } catch (error) {
    if (error instanceof ApiError)
      return {
        response: { ...fail(error.status, error.message, error.headers), kind: error.kind },
        reachedHandler: true,
      };
    console.error(`embedded Confluence: ${target.method} ${target.path} failed`, error);
    const detail = error instanceof Error ? error.message : String(error);
    return { response: fail(500, `Internal server error: ${detail}`), reachedHandler: true };
  }
}

function retryHeader(retryAfter: string | undefined): Record<string, string> {
  return retryAfter === undefined ? {} : { 'Retry-After': retryAfter };
}

/** Reads the whole body; `undefined` when it exceeds the limit. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
  }
  return tooLarge ? undefined : Buffer.concat(chunks);
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req as AsyncIterable<Buffer>) {
    // discard
  }
}

function writeResponse(res: ServerResponse, response: ApiResponse): void {
  const headers = { ...(response.headers ?? {}) };
  if (response.raw) {
    const data = typeof response.raw.data === 'string' ? Buffer.from(response.raw.data) : response.raw.data;
    res
      .writeHead(response.status, {
        ...headers,
        'Content-Type': response.raw.contentType,
        'Content-Length': data.length,
      })
      .end(data);
    return;
  }
  if (response.json === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  sendJson(res, response.status, response.json, headers);
}

function sendJson(
  res: ServerResponse,
  status: number,
  json: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(json);
  res
    .writeHead(status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    })
    .end(text);
}
