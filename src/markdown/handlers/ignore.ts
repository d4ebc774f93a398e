/**
 * Node types rendered elsewhere or not at all: `yaml` (front matter, read by `parseDocument`),
 * `definition` (used through `state.definitions`), `footnoteDefinition` (rendered after the body
 * by the footnote pass).
 */
import type { HandlerResult } from '../handler-types.js';

export function ignore(): HandlerResult {
  return undefined;
}
