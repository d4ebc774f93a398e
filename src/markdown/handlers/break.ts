import type { HandlerResult } from '../handler-types.js';
import { x } from '../xml/nodes.js';

/** A hard line break (two trailing spaces or a backslash). */
export function hardBreak(): HandlerResult {
  return x('br');
}
