/**
 * The in-memory Confluence: spaces, the page tree, versions, titles and trash. Every rule a page
 * write must obey (version +1, unique title per space, no cycles, trash semantics) lives here so
 * the v1 and v2 routes enforce it identically; the routes only translate shapes.
 */
import { badRequest, conflict, notFound } from './errors.js';
import { IdSource } from './ids.js';
import type { PageRecord, SpaceRecord, UserRecord, VersionRecord } from './model.js';
import { PageTree } from './page-tree.js';
import { checkBody, checkTitle, reservesTitle, TITLE_EXISTS_MESSAGE, TitleIndex } from './page-rules.js';

export interface VersionInput {
  number: number;
  message?: string;
  minorEdit?: boolean;
}

export interface CreatePageInput {
  spaceKey: string;
  title: string;
  body?: string;
  parentId?: string;
  /** Create outside the homepage tree (v2 `root-level=true`). */
  rootLevel?: boolean;
  status?: 'current' | 'draft';
  message?: string;
  author: UserRecord;
}

export interface UpdatePageInput {
  title?: string;
  body?: string;
  /** New parent; `undefined` keeps the current one. */
  parentId?: string;
  version: VersionInput;
  author: UserRecord;
  /** Which API's 409 wording to use. */
  api: 'v1' | 'v2';
}

export class Store {
  readonly ids: IdSource;
  private readonly spacesByKey = new Map<string, SpaceRecord>();
  private readonly pagesById = new Map<string, PageRecord>();
  private readonly tree = new PageTree((id) => this.pagesById.get(id));
  private readonly titles = new TitleIndex();
  private readonly usersById = new Map<string, UserRecord>();
  private clock = Date.now();

  constructor(ids: IdSource = new IdSource()) {
    this.ids = ids;
  }

  /** A timestamp strictly after the previous one, so versions order by time even in one ms. */
  now(): string {
    this.clock = Math.max(this.clock + 1, Date.now());
    return new Date(this.clock).toISOString();
  }

  // ---- users ----

  addUser(user: UserRecord): UserRecord {
    this.usersById.set(user.accountId, user);
    return user;
  }

  user(accountId: string): UserRecord | undefined {
    return this.usersById.get(accountId);
  }

  /** A person editing in the UI, by display name. */
  person(displayName: string): UserRecord {
    const slug = displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'person';
    const accountId = `person:${slug}`;
    return (
      this.usersById.get(accountId) ??
      this.addUser({
        accountId,
        userKey: `key-${slug}`,
        username: slug,
        displayName,
        email: `${slug}@example.com`,
      })
    );
  }

  // ---- spaces ----

  createSpace(key: string, name: string, author: UserRecord): SpaceRecord {
    if (this.spacesByKey.has(key)) throw badRequest(`A space with key ${key} already exists`);
    const space: SpaceRecord = {
      id: this.ids.take(),
      key,
      name,
      homepageId: '',
      createdAt: this.now(),
      authorId: author.accountId,
    };
    this.spacesByKey.set(key, space);
    const home = this.createPage({ spaceKey: key, title: `${name} Home`, rootLevel: true, author, body: '' });
    space.homepageId = home.id;
    return space;
  }

  spaceByKey(key: string): SpaceRecord | undefined {
    return this.spacesByKey.get(key);
  }

  spaceById(id: string): SpaceRecord | undefined {
    for (const s of this.spacesByKey.values()) if (s.id === id) return s;
    return undefined;
  }

  spaces(): SpaceRecord[] {
    return [...this.spacesByKey.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }

  // ---- reads ----

  page(id: string): PageRecord | undefined {
    return this.pagesById.get(id);
  }

  /** The page, or a 404 with Confluence's v1 wording. */
  requirePage(id: string): PageRecord {
    const page = this.pagesById.get(id);
    if (!page) throw notFound(`No content found with id: ${id}`);
    return page;
  }

  /** All pages in id (creation) order. */
  allPages(): PageRecord[] {
    return [...this.pagesById.values()];
  }

  /** Children of a page (or space root pages when `parentId` is undefined) in position order. */
  childrenOf(parentId: string | undefined, spaceKey: string, statuses?: ReadonlySet<string>): PageRecord[] {
    return this.tree.children(parentId, spaceKey, statuses);
  }

  /** Ancestors top-down (space root first), not including the page. */
  ancestors(page: PageRecord): PageRecord[] {
    const chain: PageRecord[] = [];
    let parentId = page.parentId;
    while (parentId !== undefined) {
      const parent = this.pagesById.get(parentId);
      if (!parent) break;
      chain.unshift(parent);
      parentId = parent.parentId;
    }
    return chain;
  }

  /**
   * Pages below `rootId` in breadth-first (top-to-bottom) order with their depth; O(size of the
   * subtree) thanks to the child index, which is what makes CQL `ancestor =` cheap.
   */
  descendants(
    rootId: string,
    statuses: ReadonlySet<string>,
    maxDepth = Infinity,
  ): { page: PageRecord; depth: number }[] {
    const root = this.requirePage(rootId);
    const out: { page: PageRecord; depth: number }[] = [];
    let level = [root];
    for (let depth = 1; depth <= maxDepth && level.length > 0; depth++) {
      const next: PageRecord[] = [];
      for (const parent of level) {
        for (const child of this.childrenOf(parent.id, parent.spaceKey, statuses)) {
          out.push({ page: child, depth });
          next.push(child);
        }
      }
      level = next;
    }
    return out;
  }

  // ---- writes ----

  createPage(input: CreatePageInput): PageRecord {
    const space = this.spaceByKey(input.spaceKey);
    if (!space) throw notFound(`No space with key : ${input.spaceKey}`);
    const title = checkTitle(input.title);
    const body = input.body ?? '';
    checkBody(body);
    const status = input.status ?? 'current';
    let parentId: string | undefined;
    if (input.rootLevel) {
      if (input.parentId !== undefined)
        throw badRequest('A parentId may not be supplied when root-level is true');
    } else {
      parentId = input.parentId ?? (space.homepageId || undefined);
      if (parentId !== undefined) this.checkParent(parentId, space.key);
    }
    if (reservesTitle(status)) this.checkTitleFree(space.key, title, undefined);
    const at = this.now();
    const version: VersionRecord = {
      number: 1,
      message: input.message ?? '',
      minorEdit: false,
      authorId: input.author.accountId,
      createdAt: at,
      title,
      body,
    };
    const page: PageRecord = {
      id: this.ids.take(),
      spaceKey: space.key,
      spaceId: space.id,
      title,
      ...(parentId !== undefined ? { parentId } : {}),
      status,
      body,
      version: {
        number: 1,
        message: version.message,
        minorEdit: false,
        authorId: version.authorId,
        createdAt: at,
      },
      labels: [],
      properties: new Map(),
      position: this.tree.nextPosition(parentId, space.key),
      createdAt: at,
      authorId: input.author.accountId,
      history: [version],
    };
    this.pagesById.set(page.id, page);
    this.tree.link(page);
    this.titles.reserve(page);
    return page;
  }

  /**
   * Applies a page update under Confluence's rules: the version must be exactly current+1 (409
   * otherwise, in the wording of the API that was called), the title stays unique, the new parent
   * must be in the same space and not below the page. Every accepted update is a new version.
   */
  updatePage(id: string, input: UpdatePageInput): PageRecord {
    const page = this.requirePage(id);
    if (page.status === 'trashed') throw notFound(`Cannot update a trashed page: ${id}; restore it first`);
    const current = page.version.number;
    if (input.version.number !== current + 1) {
      throw conflict(
        input.api === 'v2'
          ? `Version must be incremented when updating a page. Current Version: [${current}]. Provided version: [${input.version.number}]`
          : `Version must be incremented on update. Current version is: ${current}`,
      );
    }
    const title = input.title === undefined ? page.title : checkTitle(input.title);
    const body = input.body ?? page.body;
    checkBody(body);
    if (reservesTitle(page.status)) this.checkTitleFree(page.spaceKey, title, page.id);
    if (input.parentId !== undefined && input.parentId !== page.parentId) {
      this.checkMove(page, input.parentId);
    }
    // All checks passed: from here on nothing throws.
    if (input.parentId !== undefined && input.parentId !== page.parentId) {
      this.tree.reparent(page, input.parentId, this.tree.nextPosition(input.parentId, page.spaceKey));
    }
    this.titles.release(page);
    page.title = title;
    page.body = body;
    this.titles.reserve(page);
    this.addVersion(page, input.version, input.author);
    return page;
  }

  /** Title-only update (v2 `PUT /pages/{id}/title`): a new version without a version number. */
  retitle(id: string, title: string, author: UserRecord): PageRecord {
    const page = this.requirePage(id);
    return this.updatePage(id, {
      title,
      version: { number: page.version.number + 1 },
      author,
      api: 'v2',
    });
  }

  /** A person's edit in the UI: a new version by someone else. */
  editAsPerson(id: string, input: { body?: string; title?: string; authorName?: string }): PageRecord {
    const page = this.requirePage(id);
    const author = this.person(input.authorName ?? 'Alex Editor');
    return this.updatePage(id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.body !== undefined ? { body: input.body } : {}),
      version: { number: page.version.number + 1, message: '' },
      author,
      api: 'v1',
    });
  }

  /** Moves a page to the trash; its children move up to its parent (at the end). */
  trashPage(id: string): void {
    const page = this.requirePage(id);
    if (page.status === 'trashed') throw notFound(`No content found with id: ${id}`);
    for (const child of this.childrenOf(page.id, page.spaceKey)) {
      if (page.parentId !== undefined)
        this.tree.reparent(child, page.parentId, this.tree.nextPosition(page.parentId, page.spaceKey));
      else this.tree.reparent(child, undefined, this.tree.nextPosition(undefined, page.spaceKey));
    }
    this.titles.release(page);
    page.status = 'trashed';
  }

  /** Restores a trashed page under its old parent (or the space homepage if that one is gone). */
  restorePage(id: string): PageRecord {
    const page = this.requirePage(id);
    if (page.status !== 'trashed') return page;
    this.checkTitleFree(page.spaceKey, page.title, page.id);
    const parent = page.parentId !== undefined ? this.pagesById.get(page.parentId) : undefined;
    if (page.parentId !== undefined && (!parent || parent.status === 'trashed')) {
      const home = this.spaceByKey(page.spaceKey)?.homepageId;
      this.tree.reparent(page, home || undefined, this.tree.nextPosition(home || undefined, page.spaceKey));
    }
    page.status = 'current';
    this.titles.reserve(page);
    return page;
  }

  /** Permanently removes a trashed page. */
  purgePage(id: string): PageRecord {
    const page = this.requirePage(id);
    if (page.status !== 'trashed')
      throw badRequest(`Only a trashed page can be purged; page ${id} is ${page.status}`);
    this.tree.unlink(page);
    this.pagesById.delete(page.id);
    return page;
  }

  archivePage(id: string): void {
    const page = this.requirePage(id);
    if (page.status !== 'current') throw badRequest(`Page ${id} is ${page.status} and cannot be archived`);
    page.status = 'archived';
  }

  /** v1 move: `append` = last child of target; `before`/`after` = sibling of target. */
  movePage(id: string, position: 'before' | 'after' | 'append', targetId: string): PageRecord {
    const page = this.requirePage(id);
    const target = this.requirePage(targetId);
    if (page.status === 'trashed' || target.status === 'trashed')
      throw notFound(`No content found with id: ${targetId}`);
    if (target.spaceKey !== page.spaceKey)
      throw badRequest('Moving a page to another space is not supported by this server');
    if (position === 'append') {
      this.checkMove(page, target.id);
      this.tree.reparent(page, target.id, this.tree.nextPosition(target.id, page.spaceKey));
      return page;
    }
    if (target.id === page.id) throw badRequest('A page cannot be moved relative to itself');
    if (target.parentId !== undefined && target.parentId !== page.parentId)
      this.checkMove(page, target.parentId);
    this.tree.placeBeside(page, target, position);
    return page;
  }

  private addVersion(page: PageRecord, version: VersionInput, author: UserRecord): void {
    const at = this.now();
    const record: VersionRecord = {
      number: version.number,
      message: version.message ?? '',
      minorEdit: version.minorEdit ?? false,
      authorId: author.accountId,
      createdAt: at,
      title: page.title,
      body: page.body,
    };
    page.history.push(record);
    page.version = {
      number: record.number,
      message: record.message,
      minorEdit: record.minorEdit,
      authorId: record.authorId,
      createdAt: at,
    };
  }

  // ---- rules ----

  private checkParent(parentId: string, spaceKey: string): PageRecord {
    const parent = this.pagesById.get(parentId);
    if (!parent || parent.status === 'trashed') throw notFound(`Parent page not found: ${parentId}`);
    if (parent.spaceKey !== spaceKey) throw badRequest(`Parent page ${parentId} is in another space`);
    return parent;
  }

  private checkMove(page: PageRecord, newParentId: string): void {
    const parent = this.checkParent(newParentId, page.spaceKey);
    if (parent.id === page.id || this.ancestors(parent).some((a) => a.id === page.id)) {
      throw badRequest(`Cannot move page ${page.id} below itself: that would create a parent-child loop`);
    }
  }

  private checkTitleFree(spaceKey: string, title: string, selfId: string | undefined): void {
    const owner = this.titles.owner(spaceKey, title);
    if (owner !== undefined && owner !== selfId) throw badRequest(TITLE_EXISTS_MESSAGE);
  }

  /** Page in the space whose title equals `title` ignoring case, among title-reserving pages. */
  pageByTitle(spaceKey: string, title: string): PageRecord | undefined {
    const id = this.titles.owner(spaceKey, title);
    return id === undefined ? undefined : this.pagesById.get(id);
  }
}
