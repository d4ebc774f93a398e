/**
 * Writing the `cmsync` owner property: create or update, safe against a lost answer.
 */
import { isLostAnswer, newTrace, repeatedAfterLostAnswer } from './ambiguity.js';
import type { Dialect } from './dialect.js';
import { isVersionConflict } from './errors.js';
import { parseOwner } from './parse.js';
import type { OwnerProperty } from './types.js';

/** True when a stored property value says the same as `owner`. */
export function sameOwner(stored: unknown, owner: OwnerProperty): boolean {
  const parsed = parseOwner(stored);
  return (
    parsed !== undefined &&
    parsed.path === owner.path &&
    parsed.hash === owner.hash &&
    parsed.version === owner.version
  );
}

/**
 * Create the property, or replace it when it exists (its own version + 1). Nothing is written
 * when it already holds `owner`. A lost answer is resolved by reading the property back.
 */
export async function setOwner(dialect: Dialect, pageId: string, owner: OwnerProperty): Promise<void> {
  const stored = await dialect.getOwner(pageId);
  if (stored && sameOwner(stored.value, owner)) return;
  if (!stored) {
    try {
      await dialect.createOwner(pageId, owner);
      return;
    } catch (error) {
      if (!isLostAnswer(error)) throw error;
      const after = await dialect.getOwner(pageId);
      if (after && sameOwner(after.value, owner)) return;
      throw error;
    }
  }
  const trace = newTrace();
  try {
    await dialect.updateOwner(pageId, stored, owner, trace);
  } catch (error) {
    if (!isVersionConflict(error) || !repeatedAfterLostAnswer(trace)) throw error;
    // Our first PUT may have landed before its answer was lost; then the retry is the stale one.
    const after = await dialect.getOwner(pageId);
    if (after && sameOwner(after.value, owner)) return;
    throw error;
  }
}

/**
 * Right after creating a page: one POST of the property (nothing to read first on a new page).
 * A lost answer falls back to `setOwner`, which reads before writing.
 */
export async function createOwnerOfNewPage(
  dialect: Dialect,
  pageId: string,
  owner: OwnerProperty,
): Promise<void> {
  try {
    await dialect.createOwner(pageId, owner);
  } catch (error) {
    if (!isLostAnswer(error)) throw error;
    await setOwner(dialect, pageId, owner);
  }
}
