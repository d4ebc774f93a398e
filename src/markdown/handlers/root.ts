import type { Root } from 'mdast';
import type { HandlerResult } from '../handler-types.js';
import type { State } from '../state.js';
import { renderFootnotes } from '../footnotes.js';

/** The page body: its blocks, then the footnotes they referenced. */
export function root(state: State, node: Root): HandlerResult {
  return [...state.all(node), ...renderFootnotes(state)];
}
