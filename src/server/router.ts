/**
 * A routing table: `METHOD /path/{param}` templates compiled to regular expressions, each with
 * the short request kind the request log records (`GET page`, `PUT attachment`, …).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './errors.js';
import type { UserRecord } from './model.js';
import { MAX_BODY_BYTES } from './page-rules.js';

/** One API request as the handlers see it. */
export interface ApiRequest {
  method: string;
  /** Full path of the URL (with context path), without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Who the credentials belong to (the default user when authentication is off). */
  user: UserRecord;
}

export interface ApiResponse {
  status: number;
  /** JSON body; omit for 204. */
  json?: unknown;
  /** Non-JSON body (downloads). */
  raw?: { data: Uint8Array | string; contentType: string };
  headers?: Record<string, string>;
  /**
   * The request kind to log when it differs from the route's: one v1 path serves several kinds
   * of content (`DELETE /content/{id}` trashes a page or an attachment).
   */
  kind?: string;
}

export type Handler = (req: ApiRequest, params: Record<string, string>) => ApiResponse | Promise<ApiResponse>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path template below the API root, e.g. `/pages/{id}/properties/{propertyId}`. */
  path: string;
  kind: string;
  handler: Handler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export type RouteMatch =
  { found: true; route: Route; params: Record<string, string> } | { found: false; methodNotAllowed: boolean };

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes.map(compile);
  }

  /** The routes as declared, for the contract test and the docs. */
  list(): readonly Route[] {
    return this.routes;
  }

  match(method: string, path: string): RouteMatch {
    let methodNotAllowed = false;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        methodNotAllowed = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeSegment(m[i + 1])));
      return { found: true, route, params };
    }
    return { found: false, methodNotAllowed };
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const pattern = route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
  return { ...route, regex: new RegExp(`^${pattern}/?$`), names };
}

/** The request body as JSON; 413 over 5 MB, 400 when it is not JSON. */
export function jsonBody(req: ApiRequest): Record<string, unknown> {
  if (req.body.length > MAX_BODY_BYTES) {
    throw new ApiError(413, `Requests for this resource can be at most ${MAX_BODY_BYTES} bytes`);
  }
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null)
    throw new ApiError(400, 'The request body must be a JSON object');
  return value as Record<string, unknown>;
}

/** Any JSON value (label endpoints accept an array or an object). */
export function anyJsonBody(req: ApiRequest): unknown {
  if (req.body.length > MAX_BODY_BYTES) {
    throw new ApiError(413, `Requests for this resource can be at most ${MAX_BODY_BYTES} bytes`);
  }
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON');
  }
}
