/**
 * One depth-first pass over the tree that hands every parent's children array to each rewrite in
 * turn, then descends. A hand-written walk: `unist-util-visit` allocates a closure per node, which
 * cost more than the rewrites themselves (see bench/convert.ts).
 */
import type { Nodes, Parents, RootContent } from 'mdast';

/** Rewrites the children of `parent` in place (replace, split or remove nodes). */
export type ChildrenRewrite = (parent: Parents, children: RootContent[]) => void;

export function walkParents(node: Nodes, rewrites: readonly ChildrenRewrite[]): void {
  if (!('children' in node)) return;
  const children = node.children as RootContent[];
  for (const rewrite of rewrites) rewrite(node, children);
  for (const child of children) walkParents(child, rewrites);
}
