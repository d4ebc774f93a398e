/**
 * Page metadata: content properties (versioned JSON values keyed per page) and labels. The rules
 * mirror Confluence: a property update must carry exactly version+1; labels are lower-case words
 * without the characters Confluence refuses.
 */
import { badRequest, conflict, notFound } from './errors.js';
import type { PageRecord, PropertyRecord, UserRecord } from './model.js';
import type { IdSource } from './ids.js';

const MAX_KEY_LENGTH = 255;
/** Characters Confluence does not allow in a label (plus any whitespace). */
const LABEL_FORBIDDEN = /[!#&()*,.:;<>?@[\]^\s]/;

export interface PropertyWrite {
  key: string;
  value: unknown;
  author: UserRecord;
  at: string;
}

export function createProperty(ids: IdSource, page: PageRecord, input: PropertyWrite): PropertyRecord {
  if (typeof input.key !== 'string' || input.key === '') throw badRequest('A content property needs a key');
  if (input.key.length > MAX_KEY_LENGTH)
    throw badRequest(`Property key is longer than ${MAX_KEY_LENGTH} characters`);
  if (input.value === undefined) throw badRequest('A content property needs a value');
  if (page.properties.has(input.key)) {
    throw badRequest(`A content property with key '${input.key}' already exists on content ${page.id}`);
  }
  const property: PropertyRecord = {
    id: ids.take(),
    key: input.key,
    value: structuredClone(input.value),
    version: {
      number: 1,
      message: '',
      minorEdit: false,
      createdAt: input.at,
      authorId: input.author.accountId,
    },
  };
  page.properties.set(property.key, property);
  return property;
}

export function updateProperty(
  property: PropertyRecord,
  input: {
    value: unknown;
    version: number;
    message?: string;
    minorEdit?: boolean;
    author: UserRecord;
    at: string;
  },
): PropertyRecord {
  const current = property.version.number;
  if (input.version !== current + 1) {
    throw conflict(
      `Version must be incremented when updating a content property. Current version is: ${current}. Provided version: ${input.version}`,
    );
  }
  if (input.value === undefined) throw badRequest('A content property needs a value');
  property.value = structuredClone(input.value);
  property.version = {
    number: input.version,
    message: input.message ?? '',
    minorEdit: input.minorEdit ?? false,
    createdAt: input.at,
    authorId: input.author.accountId,
  };
  return property;
}

export function propertyById(page: PageRecord, propertyId: string): PropertyRecord {
  for (const p of page.properties.values()) if (p.id === propertyId) return p;
  throw notFound(`No content property with id ${propertyId} on content ${page.id}`);
}

export function propertyByKey(page: PageRecord, key: string): PropertyRecord {
  const property = page.properties.get(key);
  if (!property) throw notFound(`No content property with key '${key}' on content ${page.id}`);
  return property;
}

/** Global label ids, as Confluence numbers each distinct label once. */
export class LabelRegistry {
  private readonly ids = new Map<string, string>();
  constructor(private readonly source: IdSource) {}

  idOf(name: string): string {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.source.take();
      this.ids.set(name, id);
    }
    return id;
  }
}

/** Checks and normalises a label name (labels are stored lower-case). */
export function checkLabel(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw badRequest('A label needs a name');
  const name = raw.trim().toLowerCase();
  if (LABEL_FORBIDDEN.test(name)) throw badRequest(`Label '${raw}' contains invalid characters`);
  if (name.length > 255) throw badRequest(`Label '${raw}' is too long`);
  return name;
}

export function addLabels(page: PageRecord, names: string[]): void {
  for (const name of names.map(checkLabel)) if (!page.labels.includes(name)) page.labels.push(name);
}

export function removeLabel(page: PageRecord, raw: string): void {
  const name = raw.toLowerCase();
  const at = page.labels.indexOf(name);
  if (at < 0) throw notFound(`Label '${raw}' is not on content ${page.id}`);
  page.labels.splice(at, 1);
}
