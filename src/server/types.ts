/**
 * The embedded Confluence-compatible server: part of the product (demo, tests, benchmarks,
 * `cmsync server`), not a test mock. In-process API used by tests and the CLI.
 */

export interface ServerSpaceSeed {
  key: string;
  name?: string;
}

export interface ServerOptions {
  /** `cloud`: v2 + v1 under `/wiki`. `datacenter`: v1 only under `contextPath` (default `/confluence`). */
  flavor?: 'cloud' | 'datacenter';
  contextPath?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Spaces to create, each with a homepage. Default: one space `DOCS`. */
  spaces?: ServerSpaceSeed[];
  /**
   * Credentials accepted. Cloud: Basic `email:token`; Data Center: `Authorization: Bearer <pat>`.
   * Default: Cloud user `demo@example.com` / token `demo-token`, DC PAT `demo-pat`.
   * `false` disables authentication (anonymous access allowed).
   */
  auth?:
    | {
        users?: { email: string; token: string }[];
        pats?: string[];
        /**
         * Data Center with anonymous access on, as 7.9–9.0 behave (CONFSERVER-98199): a wrong or
         * missing PAT is served as the anonymous visitor instead of 401; it sees nothing (404).
         */
        anonymous?: boolean;
      }
    | false;
  /** Initial fault settings. */
  faults?: FaultSettings;
  /** Seed for the fault injector's random choices (deterministic runs). */
  seed?: number;
  /** Request bodies larger than this are answered 413 (default 100 MiB). */
  maxRequestBytes?: number;
}

export interface FaultSettings {
  /** Added delay before every answer, in ms. */
  latencyMs?: number;
  /** Probability (0..1) of answering 429 (with `Retry-After`). */
  rate429?: number;
  /** Probability of answering 503 (with `Retry-After`). */
  rate503?: number;
  /** Probability of answering 500. */
  rate500?: number;
  /** Probability of destroying the socket without an answer (before or after doing the work). */
  rateDrop?: number;
  /** `Retry-After` value sent with 429/503: seconds (default 1) or `'date'` for an HTTP-date. */
  retryAfter?: number | 'date';
  /** Only requests whose `METHOD path` matches get faults and latency (default: all API requests). */
  match?: RegExp;
}

/** A one-shot fault for the next matching request(s), for deterministic tests. */
export interface QueuedFault {
  status?: 429 | 500 | 502 | 503 | 504;
  /** `drop-before`: socket destroyed before the handler runs; `drop-after`: after (the write happened). */
  drop?: 'drop-before' | 'drop-after';
  retryAfter?: number | string;
  match?: RegExp;
  /** How many matching requests get it (default 1). */
  times?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without query. */
  path: string;
  query: string;
  status: number;
  /** Short kind like `GET page`, `POST page`, `PUT attachment` (same names as ClientStats.byKind). */
  kind: string;
  /** True for POST/PUT/DELETE that reached a handler. */
  write: boolean;
  /** True when the fault injector answered instead of the handler. */
  injected: boolean;
}

export interface StoredPage {
  id: string;
  spaceKey: string;
  title: string;
  parentId?: string;
  status: 'current' | 'archived' | 'trashed' | 'draft';
  body: string;
  version: { number: number; message: string; minorEdit: boolean; authorId: string; createdAt: string };
  labels: string[];
  properties: Record<string, { id: string; value: unknown; version: number }>;
  position: number;
}

export interface EmbeddedConfluence {
  /** What a user passes as `confluence-url`: `http://127.0.0.1:PORT/wiki` or `http://127.0.0.1:PORT/confluence`. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly flavor: 'cloud' | 'datacenter';
  close(): Promise<void>;

  /** Fault injection. */
  setFaults(settings: FaultSettings): void;
  queueFault(fault: QueuedFault): void;
  clearFaults(): void;

  /** Request log and counters (reset with `resetRequests`). */
  requests(): readonly RecordedRequest[];
  countRequests(filter?: { method?: string; kind?: string; write?: boolean }): number;
  resetRequests(): void;

  /** Direct access to the data, for tests and the demo (no HTTP). */
  space(key: string): { id: string; key: string; homepageId: string } | undefined;
  page(id: string): StoredPage | undefined;
  pages(filter?: { spaceKey?: string; includeTrashed?: boolean }): StoredPage[];
  /** Children of a page in position order. */
  children(id: string): StoredPage[];
  attachments(pageId: string): {
    id: string;
    title: string;
    size: number;
    comment: string;
    version: number;
    mediaType: string;
    data: Uint8Array;
  }[];
  /**
   * Create a page directly: as a person would in the UI, or (`by: 'api'`) as the API's default
   * user, like a create whose run stopped before it marked the page.
   */
  seedPage(input: {
    spaceKey: string;
    title: string;
    parentId?: string;
    body?: string;
    by?: 'person' | 'api';
  }): StoredPage;
  /** Edit a page as a person (new version, author `person`), for conflict tests. */
  editAsPerson(id: string, input: { body?: string; title?: string; authorName?: string }): StoredPage;
  /** Text rendering of the tree under a page, for the demo and tests. */
  renderTree(rootId: string): string;
}

/** `src/server/index.ts` exports: `startServer(options?: ServerOptions): Promise<EmbeddedConfluence>`. */
