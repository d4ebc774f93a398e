/** Small text helpers shared by handlers. */

/**
 * A soft line break in Markdown is a space (GitHub renders it so), but Confluence shows a newline
 * inside a paragraph as a line break, so line endings and the indentation around them collapse
 * to one space.
 */
export function collapseLineEndings(value: string): string {
  return value.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
}
