/**
 * The rules every page write obeys, shared by both APIs: title length and per-space uniqueness
 * (ignoring case; archived pages keep their title, trashed ones free it), and well-formed storage
 * of at most 5 MB.
 */
import { ApiError, badRequest } from './errors.js';
import type { PageRecord } from './model.js';
import { parseStorage } from './storage-xml.js';
import type { StoredPage } from './types.js';

/** Largest body Confluence accepts in a page write (v1 spec: 5,242,880 bytes). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const MAX_TITLE_LENGTH = 255;

/** Statuses that reserve a title in their space. Trashed pages do not (an emulator choice). */
const TITLE_RESERVING: ReadonlySet<StoredPage['status']> = new Set(['current', 'archived']);

export const TITLE_EXISTS_MESSAGE =
  'A page with this title already exists: A page already exists with the same TITLE in this space';

export function reservesTitle(status: StoredPage['status']): boolean {
  return TITLE_RESERVING.has(status);
}

/** Lower-cased title → page id per space, for the pages that reserve their title. */
export class TitleIndex {
  private readonly bySpace = new Map<string, Map<string, string>>();

  owner(spaceKey: string, title: string): string | undefined {
    return this.bySpace.get(spaceKey)?.get(title.toLowerCase());
  }

  reserve(page: PageRecord): void {
    if (!reservesTitle(page.status)) return;
    let map = this.bySpace.get(page.spaceKey);
    if (!map) this.bySpace.set(page.spaceKey, (map = new Map()));
    map.set(page.title.toLowerCase(), page.id);
  }

  release(page: PageRecord): void {
    const map = this.bySpace.get(page.spaceKey);
    if (map?.get(page.title.toLowerCase()) === page.id) map.delete(page.title.toLowerCase());
  }
}

/** Title rules: not empty, at most 255 characters, surrounding whitespace trimmed. */
export function checkTitle(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw badRequest('A page must have a title');
  const title = raw.trim();
  if ([...title].length > MAX_TITLE_LENGTH) {
    throw badRequest(`Title cannot be longer than ${MAX_TITLE_LENGTH} characters`);
  }
  return title;
}

/** Storage rules: at most 5 MB and well-formed storage XML. */
export function checkBody(body: string): void {
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
    throw new ApiError(413, `Requests for this resource can be at most ${MAX_BODY_BYTES} bytes`);
  }
  const parsed = parseStorage(body);
  if (!parsed.ok) throw badRequest(parsed.message);
}
