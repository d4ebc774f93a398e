import type { HandlerResult } from '../handler-types.js';
import { x } from '../xml/nodes.js';

export function thematicBreak(): HandlerResult {
  return x('hr');
}
