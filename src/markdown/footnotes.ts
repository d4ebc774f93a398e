/**
 * GFM footnotes. References are numbered in the order they are first rendered (as GitHub does);
 * the definitions are rendered once, after the body, as a numbered list under a rule, each with
 * an anchor the reference links to and a `↩` link back to the first reference.
 */
import type { FootnoteDefinition } from 'mdast';
import type GithubSlugger from 'github-slugger';
import type { State } from './state.js';
import { text, x, type XElement, type XNode } from './xml/nodes.js';
import { anchorMacro } from './xml/macros.js';
import { anchorLink } from './links/link-body.js';

interface Footnote {
  definition: FootnoteDefinition;
  number: number;
  /** Anchor of the definition (what references link to). */
  anchor: string;
  /** Anchor of the first reference (what the back-link goes to). */
  firstReference: string;
}

export class FootnoteRegistry {
  private readonly used = new Map<string, Footnote>();
  private readonly order: Footnote[] = [];

  constructor(private readonly definitions: ReadonlyMap<string, FootnoteDefinition>) {}

  /**
   * Record one reference to `identifier` and return the footnote number, the definition's anchor
   * and this reference's own anchor; `undefined` when there is no such definition.
   */
  reference(
    identifier: string,
    slugger: GithubSlugger,
  ): { number: number; target: string; anchor: string } | undefined {
    const definition = this.definitions.get(identifier);
    if (!definition) return undefined;
    const label = definition.label ?? identifier;
    let note = this.used.get(identifier);
    const anchor = slugger.slug(`fnref-${label}`);
    if (!note) {
      note = {
        definition,
        number: this.order.length + 1,
        anchor: slugger.slug(`fn-${label}`),
        firstReference: anchor,
      };
      this.used.set(identifier, note);
      this.order.push(note);
    }
    return { number: note.number, target: note.anchor, anchor };
  }

  /** Footnotes referenced so far, in number order (grows while definitions are rendered). */
  referenced(): readonly Footnote[] {
    return this.order;
  }

  /** Definitions never referenced: GitHub does not show them, and neither do we (with a warning). */
  unreferenced(): FootnoteDefinition[] {
    return [...this.definitions.entries()].filter(([id]) => !this.used.has(id)).map(([, def]) => def);
  }
}

/** Render the footnote section (empty when nothing was referenced). */
export function renderFootnotes(state: State): XNode[] {
  const items: XElement[] = [];
  const notes = state.footnotes.referenced();
  // A definition may itself reference a later footnote, which appends to `notes` as we go.
  for (let i = 0; i < notes.length; i++) {
    const note = notes[i];
    const body = state.all(note.definition);
    const back = anchorLink(note.firstReference, [text('↩')], '↩');
    const last = body[body.length - 1];
    if (last && last.type === 'element' && last.name === 'p') last.children.push(text(' '), back);
    else body.push(x('p', {}, back));
    items.push(x('li', {}, anchorMacro(note.anchor), body));
  }
  for (const definition of state.footnotes.unreferenced()) {
    state.report(
      'warning',
      `Footnote [^${definition.label ?? definition.identifier}] is never referenced; it is not shown`,
      definition.position,
    );
  }
  if (items.length === 0) return [];
  return [x('hr'), x('ol', {}, items)];
}
