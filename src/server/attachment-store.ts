/**
 * Attachments of pages, with versions. Mirrors Confluence's upload rules: a POST of a file name
 * the page already has is refused; a PUT (or a POST to `/{attId}/data`) adds a version.
 */
import { randomUUID } from 'node:crypto';
import { badRequest, notFound } from './errors.js';
import { type AttachmentRecord, latestVersion, type UserRecord } from './model.js';
import type { IdSource } from './ids.js';

/** Characters Confluence refuses in attachment file names. */
const INVALID_FILENAME = /[\\/":?*|<>]/;

const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  json: 'application/json',
  zip: 'application/zip',
  csv: 'text/csv',
};

/** Media type from a declared type, or from the file name's extension. */
export function mediaTypeFor(filename: string, declared: string | undefined): string {
  if (declared && declared !== 'application/octet-stream') return declared.split(';')[0].trim();
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  return MEDIA_TYPES[ext] ?? 'application/octet-stream';
}

export interface UploadInput {
  filename: string;
  data: Uint8Array;
  mediaType: string;
  comment: string;
  minorEdit: boolean;
  author: UserRecord;
  at: string;
}

export class AttachmentStore {
  private readonly byPage = new Map<string, AttachmentRecord[]>();
  private readonly byAttId = new Map<string, AttachmentRecord>();

  constructor(private readonly ids: IdSource) {}

  /** Current attachments of a page in upload order, optionally only the one named `filename`. */
  list(pageId: string, filename?: string): AttachmentRecord[] {
    const all = (this.byPage.get(pageId) ?? []).filter((a) => a.status === 'current');
    return filename === undefined ? all : all.filter((a) => a.title === filename);
  }

  /** By id, with or without the `att` prefix. */
  get(id: string): AttachmentRecord | undefined {
    return this.byAttId.get(id.startsWith('att') ? id : `att${id}`);
  }

  require(id: string): AttachmentRecord {
    const attachment = this.get(id);
    if (!attachment || attachment.status !== 'current') throw notFound(`No attachment found with id: ${id}`);
    return attachment;
  }

  /** POST semantics: create only. */
  create(pageId: string, input: UploadInput): AttachmentRecord {
    checkFilename(input.filename);
    if (this.list(pageId, input.filename).length > 0) {
      throw badRequest(
        `Cannot add a new attachment with same file name as an existing attachment: ${input.filename}`,
      );
    }
    const attachment: AttachmentRecord = {
      id: `att${this.ids.take()}`,
      pageId,
      title: input.filename,
      fileId: randomUUID(),
      status: 'current',
      createdAt: input.at,
      versions: [],
    };
    this.addVersion(attachment, input);
    const list = this.byPage.get(pageId);
    if (list) list.push(attachment);
    else this.byPage.set(pageId, [attachment]);
    this.byAttId.set(attachment.id, attachment);
    return attachment;
  }

  /** PUT semantics: create, or add a version to the attachment with that file name. */
  createOrUpdate(pageId: string, input: UploadInput): AttachmentRecord {
    const existing = this.list(pageId, input.filename)[0];
    if (!existing) return this.create(pageId, input);
    this.addVersion(existing, input);
    return existing;
  }

  /** `POST .../child/attachment/{attId}/data`: a new version of a known attachment. */
  updateData(pageId: string, attachmentId: string, input: UploadInput): AttachmentRecord {
    const attachment = this.require(attachmentId);
    if (attachment.pageId !== pageId) throw notFound(`No attachment ${attachmentId} on content ${pageId}`);
    // The data endpoint may rename: Confluence takes the new part's file name.
    if (input.filename && input.filename !== attachment.title) {
      checkFilename(input.filename);
      if (this.list(pageId, input.filename).length > 0) {
        throw badRequest(
          `Cannot add a new attachment with same file name as an existing attachment: ${input.filename}`,
        );
      }
      attachment.title = input.filename;
    }
    this.addVersion(attachment, input);
    return attachment;
  }

  /**
   * v2 `DELETE /attachments/{id}`: a current attachment goes to the trash (its name is free
   * again); `purge` removes a trashed one for good.
   */
  remove(id: string, purge: boolean): void {
    const attachment = this.get(id);
    if (!attachment) throw notFound(`No attachment found with id: ${id}`);
    if (!purge) {
      if (attachment.status !== 'current') throw notFound(`No attachment found with id: ${id}`);
      attachment.status = 'trashed';
      return;
    }
    if (attachment.status !== 'trashed')
      throw badRequest(`Only a trashed attachment can be purged; ${id} is current`);
    this.byAttId.delete(attachment.id);
    const list = this.byPage.get(attachment.pageId) ?? [];
    list.splice(list.indexOf(attachment), 1);
  }

  /** Drops every attachment of a purged page. */
  removePage(pageId: string): void {
    for (const a of this.byPage.get(pageId) ?? []) this.byAttId.delete(a.id);
    this.byPage.delete(pageId);
  }

  private addVersion(attachment: AttachmentRecord, input: UploadInput): void {
    const previous = attachment.versions.length > 0 ? latestVersion(attachment).number : 0;
    attachment.versions.push({
      number: previous + 1,
      data: input.data,
      comment: input.comment,
      minorEdit: input.minorEdit,
      createdAt: input.at,
      authorId: input.author.accountId,
      mediaType: input.mediaType,
    });
  }
}

function checkFilename(filename: string): void {
  if (filename.trim() === '') throw badRequest('An attachment needs a file name');
  if (INVALID_FILENAME.test(filename))
    throw badRequest(`Attachment file name '${filename}' contains invalid characters`);
}
