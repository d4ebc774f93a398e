/** Small text helpers shared by handlers. */

/**
 * A soft line break in Markdown is a space (GitHub renders it so), but Confluence shows a newline
 * inside a paragraph as a line break, so line endings and the indentation around them collapse
 * to one space.
 */
export function collapseLineEndings(value: string): string {
  return value.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
}

/** Offsets at which each line of `value` starts (`\n` ends a line; `\r\n` too). */
export function lineStartsOf(value: string): number[] {
  const starts = [0];
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the line holding `offset`, given the line starts (binary search). */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
