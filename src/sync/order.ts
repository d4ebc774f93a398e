/**
 * Sibling order with the fewest moves. Confluence orders children by position and only moves
 * one page at a time (`before`/`after` a sibling), so the pages already in increasing desired
 * order — the longest increasing subsequence — stay, and only the others move.
 */
import type { MovePosition } from '../confluence/types.js';

/** Indices (into `values`) of one longest strictly increasing subsequence. O(n log n). */
export function longestIncreasingSubsequence(values: readonly number[]): Set<number> {
  // tails[k] = index of the smallest tail of an increasing subsequence of length k+1.
  const tails: number[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < values[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const result = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) result.add(i);
  return result;
}

export interface SiblingMove {
  pageId: string;
  position: Exclude<MovePosition, 'append'>;
  targetId: string;
}

/**
 * Moves that turn `current` (sibling ids in Confluence's order) into `desired` order. Only ids
 * present in both take part: unmanaged siblings are left where they are. Applied in order, each
 * move places a page next to one already in its final place.
 */
export function siblingMoves(current: readonly string[], desired: readonly string[]): SiblingMove[] {
  const inCurrent = new Set(current);
  const wanted = desired.filter((id) => inCurrent.has(id));
  const rank = new Map(wanted.map((id, i) => [id, i]));
  const present = current.filter((id) => rank.has(id));
  const keepIdx = longestIncreasingSubsequence(present.map((id) => rank.get(id) ?? 0));
  const stays = new Set([...keepIdx].map((i) => present[i]));
  const firstStaying = wanted.find((id) => stays.has(id));

  const moves: SiblingMove[] = [];
  wanted.forEach((id, i) => {
    if (stays.has(id)) return;
    if (i > 0) moves.push({ pageId: id, position: 'after', targetId: wanted[i - 1] });
    else if (firstStaying) moves.push({ pageId: id, position: 'before', targetId: firstStaying });
  });
  return moves;
}

/** Applies moves to a list of ids (what Confluence does), for checking plans and tests. */
export function applyMoves(order: readonly string[], moves: readonly SiblingMove[]): string[] {
  const result = [...order];
  for (const m of moves) {
    result.splice(result.indexOf(m.pageId), 1);
    const at = result.indexOf(m.targetId);
    result.splice(m.position === 'before' ? at : at + 1, 0, m.pageId);
  }
  return result;
}
