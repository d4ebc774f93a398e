import type { PageOutcome } from '../sync/types.js';

/** Display order and labels of page outcomes, shared by every renderer. */
export const OUTCOMES: readonly PageOutcome[] = [
  'created',
  'updated',
  'moved',
  'deleted',
  'conflict',
  'failed',
  'skipped',
  'unchanged',
];

export const OUTCOME_ICON: Record<PageOutcome, string> = {
  created: '🆕',
  updated: '✏️',
  moved: '↪️',
  unchanged: '·',
  deleted: '🗑️',
  conflict: '⚠️',
  skipped: '⏭️',
  failed: '❌',
};

export function countsLine(counts: Record<PageOutcome, number>): string {
  return OUTCOMES.filter((o) => counts[o] > 0)
    .map((o) => `${counts[o]} ${o}`)
    .join(', ');
}
