/**
 * Small readers for request parameters and bodies shared by the v1 and v2 routes.
 */
import { badRequest, notFound } from '../errors.js';
import { type PageRecord, pageAtVersion } from '../model.js';
import type { Site } from '../site.js';

export const ALL_STATUSES = ['current', 'archived', 'trashed', 'deleted', 'historical', 'draft'] as const;

/** Comma-separated and/or repeated query values (`?status=a,b&status=c`). */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Status filter (`any` means all); default when absent. */
export function statusFilter(query: URLSearchParams, fallback: string[], name = 'status'): Set<string> {
  const values = listParam(query, name);
  if (values.length === 0) return new Set(fallback);
  for (const v of values) {
    if (v !== 'any' && !(ALL_STATUSES as readonly string[]).includes(v))
      throw badRequest(`Unknown status: ${v}`);
  }
  return values.includes('any') ? new Set(ALL_STATUSES) : new Set(values);
}

export function boolParam(query: URLSearchParams, name: string): boolean {
  return query.get(name) === 'true';
}

/** An object-valued field of a JSON body, or `undefined`. */
export function objectField(
  body: Record<string, unknown>,
  name: string,
): Record<string, unknown> | undefined {
  const v = body[name];
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** A string-valued field (numbers accepted, as ids often arrive as numbers). */
export function stringField(body: Record<string, unknown> | undefined, name: string): string | undefined {
  const v = body?.[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** `version.number` etc.: an integer field or a 400. */
export function intField(body: Record<string, unknown> | undefined, name: string, what: string): number {
  const v = body?.[name];
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw badRequest(`${what} is required and must be an integer`);
  return n;
}

/**
 * The storage value of a page body, accepting the flat (`{representation, value}`) and nested
 * (`{storage: {representation, value}}`) forms. Only storage is supported by this server.
 */
export function storageValue(body: Record<string, unknown> | undefined): string | undefined {
  if (!body) return undefined;
  const nested = objectField(body, 'storage');
  const form = nested ?? body;
  const representation = stringField(form, 'representation') ?? (nested ? 'storage' : undefined);
  if (representation !== undefined && representation !== 'storage') {
    throw badRequest(`Representation '${representation}' is not supported by this server; use 'storage'`);
  }
  const value = form.value;
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest('body.value must be a string');
  return value;
}

/** A page by id that is visible with the given statuses (404 otherwise). */
export function visiblePage(site: Site, id: string, statuses: ReadonlySet<string>): PageRecord {
  const page = site.store.requirePage(id);
  if (!statuses.has(page.status)) throw notFound(`No content found with id: ${id}`);
  return page;
}

/**
 * The page a read asks for: visible with the requested statuses (default `fallback`), and as it
 * was at `?version=N` when given (a historical read also accepts `status=historical`).
 */
export function requestedPage(
  site: Site,
  query: URLSearchParams,
  id: string,
  fallback: string[],
): PageRecord {
  const raw = query.get('version');
  const statuses = statusFilter(query, fallback);
  if (raw === null) return visiblePage(site, id, statuses);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`version must be a positive integer; got '${raw}'`);
  const page = visiblePage(site, id, new Set([...statuses, ...fallback]));
  const old = pageAtVersion(page, n);
  if (!old) throw notFound(`No version ${n} of content ${id}`);
  return old;
}
