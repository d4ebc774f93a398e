/**
 * The content hash that decides whether a page needs a write. It covers everything a write
 * would change on the page itself — and the converter version, so a converter change rewrites
 * every page once — but not its place in the tree, which moves handle separately.
 */
import { createHash } from 'node:crypto';

export interface HashInput {
  converterVersion: string;
  title: string;
  storage: string;
  labels: readonly string[];
  attachments: readonly { filename: string; hash: string }[];
}

/** sha256 hex of the page as cmsync would write it; order-independent in labels and attachments. */
export function pageHash(input: HashInput): string {
  const labels = [...input.labels].sort();
  const attachments = input.attachments
    .map((a) => [a.filename, a.hash] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // JSON keeps field boundaries unambiguous (no "ab"+"c" == "a"+"bc").
  const canonical = JSON.stringify([input.converterVersion, input.title, input.storage, labels, attachments]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** sha256 hex of file content (attachments). */
export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
