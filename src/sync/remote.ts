/**
 * What the engine reads from Confluence, each thing at most once and only when the plan needs
 * it: the client itself, the space, the parent page, and the listing of the managed subtree.
 */
import { isNotFound } from '../confluence/errors.js';
import type { ConfluenceApi, RemotePage, SpaceInfo } from '../confluence/types.js';
import type { Config } from '../config/types.js';
import type { Diagnostic } from '../util/diagnostics.js';
import { rebuildKnown } from './known.js';
import type { PlanRemote } from './plan.js';
import { parentInOtherSpace, parentNotFound, spaceNotFound, tokenServedAsAnonymous } from './setup.js';
import type { KnownPage, PageKey } from './types.js';

/**
 * Lists the managed subtree (once). Pages marked as cmsync's that the given state does not know —
 * created by a run that crashed before its state was saved — join the known state, so they are
 * continued rather than duplicated or refused.
 */
export async function listSubtree(
  session: Session,
  remote: PlanRemote,
  known: Map<PageKey, KnownPage>,
): Promise<Diagnostic[]> {
  if (remote.pages) return [];
  const client = await session.connect();
  await session.checkParent();
  remote.root = session.parent;
  const subtree = await client.listSubtree(session.config.parentPageId, session.config.space);
  remote.pages = new Map(subtree.map((p) => [p.id, p]));
  const knownById = new Map([...known.values()].map((k) => [k.pageId, k]));
  const rebuilt = rebuildKnown(subtree, session.parent);
  for (const k of rebuilt.known) {
    const previous = knownById.get(k.pageId);
    if (!previous) {
      if (!known.has(k.key)) known.set(k.key, k);
    } else if (previous.key !== k.key && !known.has(k.key)) {
      // The page's mark names another path than the manifest: a rename whose run wrote the mark
      // but never saved its manifest (cancelled, killed, cache save failed). The mark is newer.
      known.delete(previous.key);
      known.set(k.key, k);
    }
  }
  return rebuilt.diagnostics;
}

/** The client, the space and the parent page, each fetched at most once and only when needed. */
export class Session {
  client?: ConfluenceApi;
  parent?: RemotePage;
  #space?: Promise<SpaceInfo>;

  constructor(
    readonly config: Config,
    private readonly factory: () => Promise<ConfluenceApi>,
  ) {}

  async connect(): Promise<ConfluenceApi> {
    this.client ??= await this.factory();
    return this.client;
  }

  space(): Promise<SpaceInfo> {
    this.#space ??= this.connect().then((c) =>
      c.getSpace(this.config.space).catch(async (error: unknown) => {
        if (!isNotFound(error)) throw error;
        // A wrong Data Center PAT may be served as anonymous, who sees no space: say so.
        if (c.flavor === 'datacenter' && (await c.currentUser().catch(() => undefined))?.anonymous)
          throw tokenServedAsAnonymous(this.config);
        throw spaceNotFound(this.config);
      }),
    );
    return this.#space;
  }

  /** Reads the parent page once and checks it is a page of the configured space. */
  async checkParent(): Promise<void> {
    if (this.parent) return;
    const client = await this.connect();
    const space = await this.space();
    let parent: RemotePage;
    try {
      parent = await client.getPage(this.config.parentPageId);
    } catch (error) {
      throw isNotFound(error) ? parentNotFound(this.config) : error;
    }
    if (parent.status !== 'current') throw parentNotFound(this.config);
    if (parent.spaceId !== undefined && space.id !== undefined && parent.spaceId !== space.id)
      throw parentInOtherSpace(this.config);
    this.parent = parent;
  }
}
