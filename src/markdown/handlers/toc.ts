import type { HandlerResult } from '../handler-types.js';
import { macro } from '../xml/macros.js';

/** `[TOC]` / `[[_TOC_]]` alone in a paragraph → the `toc` macro (headings of this page). */
export function toc(): HandlerResult {
  return macro('toc', {});
}
