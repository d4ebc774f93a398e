/** The handler signature shared by every file in `handlers/`. */
import type { Nodes, Parents } from 'mdast';
import type { State } from './state.js';
import type { XNode } from './xml/nodes.js';

/** What a handler returns: one node, several, or nothing (an ignored node). */
export type HandlerResult = XNode | XNode[] | undefined;

/** Turn one mdast node into storage nodes; recursion goes through `state.one` / `state.all`. */
export type Handler<N extends Nodes = Nodes> = (
  state: State,
  node: N,
  parent: Parents | undefined,
) => HandlerResult;

/** One handler per node type; a misspelled type is a type error. */
export type Handlers = { [K in Nodes['type']]?: Handler<Extract<Nodes, { type: K }>> };
