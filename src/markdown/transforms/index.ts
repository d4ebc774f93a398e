/**
 * Rewrites of the freshly parsed tree, run once by `parseDocument` before anyone else sees it,
 * in one walk. They depend only on the source (never on options), so a parsed document can be
 * converted any number of times, with any options, and `toStorage` never modifies it.
 */
import type { Root } from 'mdast';
import { alerts } from './alerts.js';
import { emoji } from './emoji.js';
import { imageAttributes } from './image-attributes.js';
import { toc } from './toc.js';
import { walkParents } from './walk.js';

export function applyTransforms(root: Root, source: string): void {
  // Order matters within a parent: markers first, then what reads the remaining text.
  walkParents(root, [toc(source), alerts, imageAttributes, emoji]);
}
