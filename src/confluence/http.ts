/**
 * The one place that talks HTTP. Every Confluence call goes through `HttpClient.exchange`:
 * auth header, JSON/multipart bodies, bounded concurrency, the retry policy of `retry.ts`,
 * request statistics, and typed `ConfluenceError`s that never carry credentials.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { authorizationHeader, type Credentials } from './auth.js';
import { ConfluenceError } from './errors.js';
import { networkCode, networkError, responseError } from './failure.js';
import type { MultipartBody } from './multipart.js';
import type { ClientLog, RequestEvent, ResolvedRetry } from './options.js';
import {
  backoffDelay,
  IDEMPOTENT_METHODS,
  parseRateLimitReset,
  parseRetryAfter,
  shouldRetry,
  isAmbiguous,
  type Failure,
} from './retry.js';
import type { ClientStats } from './types.js';
import { apiUrl, pathOf, type ApiVersion, type QueryValue } from './url.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Filled in by `exchange` so a caller can tell "my retry hit 409" from "somebody else wrote". */
export interface RequestTrace {
  /** Retries made after an answer that may have come after the work was done. */
  ambiguousRetries: number;
}

export interface RequestSpec {
  method: HttpMethod;
  /** Stats kind, e.g. `GET page`, `PUT attachment`. */
  kind: string;
  /** API root; with `path` (and `query`) builds `{base}{root}{path}`. */
  api?: ApiVersion;
  path?: string;
  query?: Record<string, QueryValue>;
  /** An absolute URL instead (a resolved `_links.next`). */
  url?: string;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Multipart body (a Blob, so every attempt resends the same bytes). */
  multipart?: MultipartBody;
  headers?: Record<string, string>;
  /**
   * Safe to repeat after a lost answer. Defaults to the method (GET/PUT/DELETE yes, POST no);
   * a POST whose repetition cannot create anything twice (adding labels) may say `true`.
   */
  idempotent?: boolean;
  /** Workspace-relative file this request is for, copied into errors. */
  file?: string;
  trace?: RequestTrace;
}

export interface HttpSettings {
  baseUrl: string;
  credentials: Credentials;
  concurrency: number;
  retry: ResolvedRetry;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  log: ClientLog;
  onRequest?: (event: RequestEvent) => void;
}

type Attempt =
  { kind: 'response'; status: number; headers: Headers; body: string } | { kind: 'network'; error: unknown };

export class HttpClient {
  readonly baseUrl: string;
  // A private field, so neither JSON.stringify nor util.inspect of the client shows the header.
  readonly #authorization: string;
  readonly #settings: HttpSettings;
  readonly #limit: LimitFunction;
  #inFlight = 0;
  readonly #stats: ClientStats = { requests: 0, byKind: {}, writes: 0, reads: 0, retries: 0, waitedMs: 0 };

  constructor(settings: HttpSettings) {
    this.baseUrl = settings.baseUrl;
    this.#settings = settings;
    this.#authorization = authorizationHeader(settings.credentials);
    this.#limit = pLimit(Math.max(1, Math.floor(settings.concurrency)));
  }

  /** A copy of the counters. */
  stats(): ClientStats {
    return { ...this.#stats, byKind: { ...this.#stats.byKind } };
  }

  urlOf(spec: RequestSpec): string {
    if (spec.url) return spec.url;
    return apiUrl(this.baseUrl, spec.api ?? 'v1', spec.path ?? '', spec.query);
  }

  /** Send and parse the JSON answer. Throws `ConfluenceError` on failure after retries. */
  async json<T>(spec: RequestSpec): Promise<T> {
    const { body, url } = await this.exchange(spec);
    if (!body.trim()) return undefined as T;
    try {
      return JSON.parse(body) as T;
    } catch (error) {
      throw new ConfluenceError({
        status: 200,
        method: spec.method,
        path: pathOf(url),
        file: spec.file,
        cause: error,
        kind: 'unexpected',
        message: `Confluence answered ${spec.method} ${pathOf(url)} with something that is not JSON (a login page?): check confluence-url and the credentials`,
      });
    }
  }

  /** Send and ignore the answer's body. */
  async send(spec: RequestSpec): Promise<void> {
    await this.exchange(spec);
  }

  /**
   * The final HTTP status of a request, without throwing for error statuses (still retrying
   * 429/503 and throwing when there is no answer at all). For probes.
   */
  async status(spec: RequestSpec): Promise<number> {
    try {
      await this.exchange(spec);
      return 200;
    } catch (error) {
      if (error instanceof ConfluenceError && error.status > 0) return error.status;
      throw error;
    }
  }

  /** Retries after the first attempt, as configured. */
  get maxRetries(): number {
    return this.#settings.retry.maxRetries;
  }

  /**
   * Wait before a retry decided outside `exchange` (re-posting a create whose answer was lost),
   * with the same backoff and counted in the same statistics.
   */
  async pause(attempt: number, reason: string): Promise<void> {
    const delay = backoffDelay({ attempt, policy: this.#settings.retry, random: this.#settings.random });
    this.#stats.retries++;
    this.#stats.waitedMs += delay;
    this.#settings.log.debug(`Waiting ${delay} ms before ${reason}`);
    await this.#settings.sleep(delay);
  }

  /** The request with retries; resolves with the body of a 2xx answer. */
  async exchange(spec: RequestSpec): Promise<{ status: number; body: string; url: string }> {
    const url = this.urlOf(spec);
    const { retry, sleep, random, now, log } = this.#settings;
    const idempotent = spec.idempotent ?? IDEMPOTENT_METHODS.has(spec.method);
    for (let attempt = 0; ; attempt++) {
      const result = await this.#limit(() => this.#attempt(spec, url, attempt));
      if (result.kind === 'response' && result.status >= 200 && result.status < 300) {
        return { status: result.status, body: result.body, url };
      }
      const failure: Failure =
        result.kind === 'response'
          ? { status: result.status }
          : { status: 0, code: networkCode(result.error) };
      const retryAfterMs = result.kind === 'response' ? retryAfterOf(result, now()) : undefined;
      const tooLong = retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs;
      if (
        tooLong ||
        !shouldRetry({
          failure,
          idempotent,
          attempt,
          maxRetries: retry.maxRetries,
          maxRateLimitRetries: retry.maxRateLimitRetries,
        })
      ) {
        throw this.#error(spec, url, result, attempt, tooLong ? retryAfterMs : undefined);
      }
      const delay = backoffDelay({ attempt, retryAfterMs, policy: retry, random });
      this.#stats.retries++;
      this.#stats.waitedMs += delay;
      if (spec.trace && isAmbiguous(failure)) spec.trace.ambiguousRetries++;
      const why = failure.status ? `HTTP ${failure.status}` : failure.code;
      log.debug(
        `Retrying ${spec.method} ${pathOf(url)} in ${delay} ms (${why}, retry ${attempt + 1}/${failure.status === 429 ? retry.maxRateLimitRetries : retry.maxRetries})`,
      );
      await sleep(delay);
    }
  }

  #error(spec: RequestSpec, url: string, result: Attempt, retries: number, waitMs?: number): ConfluenceError {
    if (result.kind === 'network') {
      return networkError({ method: spec.method, url, cause: result.error, file: spec.file, retries });
    }
    return responseError({
      status: result.status,
      method: spec.method,
      url,
      body: result.body,
      contentType: result.headers.get('content-type'),
      location: result.headers.get('location'),
      file: spec.file,
      retries,
      note:
        waitMs === undefined
          ? undefined
          : `Confluence asked to wait ${Math.ceil(waitMs / 1000)} s, more than the ${Math.round(this.#settings.retry.maxRetryAfterMs / 1000)} s this client waits`,
    });
  }

  async #attempt(spec: RequestSpec, url: string, attempt: number): Promise<Attempt> {
    const path = pathOf(url);
    this.#count(spec);
    this.#inFlight++;
    this.#emit({
      phase: 'start',
      method: spec.method,
      path,
      kind: spec.kind,
      attempt,
      inFlight: this.#inFlight,
    });
    let result: Attempt;
    try {
      const response = await fetch(url, {
        method: spec.method,
        headers: this.#headers(spec),
        body: spec.multipart
          ? spec.multipart.body
          : spec.json === undefined
            ? undefined
            : JSON.stringify(spec.json),
        // A redirect means a wrong URL; following it would resend the credentials or turn a POST into a GET.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#settings.timeoutMs),
      });
      const body = await response.text();
      result = { kind: 'response', status: response.status, headers: response.headers, body };
    } catch (error) {
      result = { kind: 'network', error };
    }
    this.#inFlight--;
    const status = result.kind === 'response' ? result.status : 0;
    this.#emit({
      phase: 'end',
      method: spec.method,
      path,
      kind: spec.kind,
      attempt,
      status,
      inFlight: this.#inFlight,
    });
    this.#settings.log.debug(
      `${spec.method} ${path} → ${status || networkCode(result.kind === 'network' ? result.error : undefined)}`,
    );
    return result;
  }

  #headers(spec: RequestSpec): Record<string, string> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: this.#authorization,
      'User-Agent': 'cmsync',
      ...spec.headers,
    };
    if (spec.multipart) headers['Content-Type'] = spec.multipart.contentType;
    else if (spec.json !== undefined) headers['Content-Type'] = 'application/json';
    return headers;
  }

  #count(spec: RequestSpec): void {
    this.#stats.requests++;
    this.#stats.byKind[spec.kind] = (this.#stats.byKind[spec.kind] ?? 0) + 1;
    if (spec.method === 'GET') this.#stats.reads++;
    else this.#stats.writes++;
  }

  #emit(event: RequestEvent): void {
    this.#settings.onRequest?.(event);
  }
}

/** `Retry-After`, or for a 429 without it the time until `X-RateLimit-Reset` (Atlassian's fallback). */
function retryAfterOf(result: { status: number; headers: Headers }, now: number): number | undefined {
  if (result.status !== 429 && result.status !== 503) return undefined;
  const retryAfter = parseRetryAfter(result.headers.get('retry-after'), now);
  if (retryAfter !== undefined || result.status !== 429) return retryAfter;
  return parseRateLimitReset(result.headers.get('x-ratelimit-reset'), now);
}
