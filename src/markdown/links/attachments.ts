/**
 * The attachments one page references, each with a file name unique within the page.
 *
 * A page's attachments share one flat namespace, so `img/a/logo.png` and `img/b/logo.png` cannot
 * both be `logo.png`. The first path (in document order) keeps the plain base name; another path
 * with the same name (compared case-insensitively, as Confluence's UI does) gets a short hash of
 * its path: `logo-3f2a9c1b.png`. The hash depends only on the path, so the name is stable as long
 * as the first user of the base name stays first.
 */
import type { AttachmentRef } from '../types.js';

export class AttachmentRegistry {
  private readonly byPath = new Map<string, AttachmentRef>();
  private readonly taken = new Set<string>();

  /** Register `path` (workspace-relative) and return the attachment file name to reference. */
  add(path: string): string {
    const existing = this.byPath.get(path);
    if (existing) return existing.filename;
    const base = basename(path);
    let filename = base;
    if (this.taken.has(filename.toLowerCase())) {
      const dot = base.lastIndexOf('.');
      const stem = dot > 0 ? base.slice(0, dot) : base;
      const ext = dot > 0 ? base.slice(dot) : '';
      let salt = 0;
      do {
        filename = `${stem}-${fnv1a(salt === 0 ? path : `${path}#${salt}`)}${ext}`;
        salt++;
      } while (this.taken.has(filename.toLowerCase()));
    }
    this.taken.add(filename.toLowerCase());
    this.byPath.set(path, { path, filename });
    return filename;
  }

  /** The attachments in the order they were first referenced. */
  list(): AttachmentRef[] {
    return [...this.byPath.values()].map((ref) => ({ ...ref }));
  }
}

function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const name = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return name || 'attachment';
}

/** FNV-1a, 32 bits, as 8 hex digits: a stable, dependency-free short hash of a path. */
function fnv1a(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
