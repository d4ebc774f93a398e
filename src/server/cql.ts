/**
 * The CQL subset the embedded server understands: clauses joined by `and`, on the fields
 * `ancestor`, `parent`, `space`, `type`, `title`, `id`, `status`, `label`, with `=`, `!=` and `in`,
 * plus an optional `order by id|title|created [asc|desc]`. Title comparisons ignore case, as
 * Confluence's index does. Anything else is a 400 that names what was not understood.
 *
 * Evaluation starts from the narrowest candidate set (`ancestor` walks the subtree through the
 * child index), so `ancestor = X` costs O(subtree), not O(pages²).
 */
import { badRequest } from './errors.js';
import type { PageRecord } from './model.js';
import type { Store } from './store.js';

export type CqlField = 'ancestor' | 'parent' | 'space' | 'type' | 'title' | 'id' | 'status' | 'label';
const FIELDS: ReadonlySet<string> = new Set([
  'ancestor',
  'parent',
  'space',
  'type',
  'title',
  'id',
  'status',
  'label',
]);

export interface CqlClause {
  field: CqlField;
  negated: boolean;
  values: string[];
}

export interface CqlQuery {
  clauses: CqlClause[];
  order?: { field: 'id' | 'title' | 'created'; descending: boolean };
}

type Token = { kind: 'word' | 'string' | 'op' | 'punct'; text: string; at: number };

function tokenize(cql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < cql.length) {
    const c = cql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      const start = i++;
      let text = '';
      while (i < cql.length && cql[i] !== c) {
        if (cql[i] === '\\' && i + 1 < cql.length) i++;
        text += cql[i++];
      }
      if (i >= cql.length)
        throw badRequest(`Could not parse cql: unterminated string starting at character ${start + 1}`);
      i++;
      tokens.push({ kind: 'string', text, at: start });
    } else if (c === '!' && cql[i + 1] === '=') {
      tokens.push({ kind: 'op', text: '!=', at: i });
      i += 2;
    } else if (c === '=' || c === '~') {
      tokens.push({ kind: 'op', text: c, at: i++ });
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c, at: i++ });
    } else {
      const start = i;
      while (i < cql.length && /[^\s"'=!~(),]/.test(cql[i])) i++;
      if (i === start) throw badRequest(`Could not parse cql: unexpected character '${c}' at ${start + 1}`);
      tokens.push({ kind: 'word', text: cql.slice(start, i), at: start });
    }
  }
  return tokens;
}

/** Parses CQL or throws a 400 `ApiError` explaining the first thing it did not understand. */
export function parseCql(cql: string): CqlQuery {
  const tokens = tokenize(cql);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const fail = (what: string): never => {
    const t = peek();
    throw badRequest(
      `Could not parse cql: ${what}${t ? ` at '${t.text}' (character ${t.at + 1})` : ' at the end of the query'}. ` +
        'This server supports: ancestor, parent, space, type, title, id, status, label with =, != or in, joined by and.',
    );
  };
  const value = (): string => {
    const t = peek();
    if (!t || (t.kind !== 'word' && t.kind !== 'string')) return fail('expected a value');
    pos++;
    return t.text;
  };

  const query: CqlQuery = { clauses: [] };
  for (;;) {
    const field = peek();
    if (!field || field.kind !== 'word') return fail('expected a field name');
    const name = field.text.toLowerCase();
    if (name === 'order' && query.clauses.length > 0) break;
    if (!FIELDS.has(name)) return fail(`unsupported field '${field.text}'`);
    pos++;
    const op = peek();
    let negated = false;
    let values: string[];
    if (op?.kind === 'op' && (op.text === '=' || op.text === '!=')) {
      pos++;
      negated = op.text === '!=';
      values = [value()];
    } else if (op?.kind === 'word' && /^in$/i.test(op.text)) {
      pos++;
      values = [];
      if (peek()?.text !== '(') return fail("expected '(' after in");
      pos++;
      for (;;) {
        values.push(value());
        const sep = peek();
        pos++;
        if (sep?.text === ')') break;
        if (sep?.text !== ',') {
          pos--;
          return fail("expected ',' or ')'");
        }
      }
    } else if (
      op?.kind === 'word' &&
      op.text.toLowerCase() === 'not' &&
      tokens[pos + 1]?.text.toLowerCase() === 'in'
    ) {
      pos++;
      return fail("'not in' is not supported");
    } else {
      return fail(`unsupported operator for '${field.text}'`);
    }
    query.clauses.push({ field: name as CqlField, negated, values });
    const next = peek();
    if (!next) break;
    if (next.kind === 'word' && next.text.toLowerCase() === 'and') {
      pos++;
      continue;
    }
    if (next.kind === 'word' && next.text.toLowerCase() === 'order') break;
    return fail(
      next.kind === 'word' && next.text.toLowerCase() === 'or' ? "'or' is not supported" : 'expected and',
    );
  }
  if (peek()) {
    pos++;
    if (peek()?.text.toLowerCase() !== 'by') return fail("expected 'by' after order");
    pos++;
    const f = peek()?.text.toLowerCase();
    if (f !== 'id' && f !== 'title' && f !== 'created')
      return fail('order by supports id, title and created');
    pos++;
    const dir = peek()?.text.toLowerCase();
    if (dir === 'asc' || dir === 'desc') pos++;
    query.order = { field: f, descending: dir === 'desc' };
    if (peek()) return fail('unexpected text after order by');
  }
  return query;
}

const DEFAULT_STATUSES: ReadonlySet<string> = new Set(['current']);

/** Pages matching the query, in subtree (breadth-first), position or id order. */
export function searchPages(store: Store, query: CqlQuery): PageRecord[] {
  const statusClause = query.clauses.find((c) => c.field === 'status' && !c.negated);
  const statuses: ReadonlySet<string> = statusClause ? new Set(statusClause.values) : DEFAULT_STATUSES;
  const ancestor = query.clauses.find((c) => c.field === 'ancestor' && !c.negated && c.values.length === 1);
  const parent = query.clauses.find((c) => c.field === 'parent' && !c.negated && c.values.length === 1);

  let candidates: PageRecord[];
  if (ancestor) {
    const root = store.page(ancestor.values[0]);
    candidates = root ? store.descendants(root.id, statuses).map((d) => d.page) : [];
  } else if (parent) {
    const p = store.page(parent.values[0]);
    candidates = p ? store.childrenOf(p.id, p.spaceKey, statuses) : [];
  } else {
    candidates = store.allPages();
  }
  // The clause that produced the candidates holds for all of them; do not re-check it per page.
  const rest = query.clauses.filter((c) => c !== (ancestor ?? parent));
  let results = candidates.filter(
    (page) => statuses.has(page.status) && rest.every((c) => matches(store, page, c, statuses)),
  );
  if (query.order) {
    const { field, descending } = query.order;
    const key = (p: PageRecord): string | number =>
      field === 'id' ? Number(p.id) : field === 'title' ? p.title.toLowerCase() : p.createdAt;
    results = [...results].sort(
      (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (descending ? -1 : 1),
    );
  }
  return results;
}

function matches(store: Store, page: PageRecord, clause: CqlClause, statuses: ReadonlySet<string>): boolean {
  const hit = clauseHits(store, page, clause, statuses);
  return clause.negated ? !hit : hit;
}

function clauseHits(
  store: Store,
  page: PageRecord,
  clause: CqlClause,
  statuses: ReadonlySet<string>,
): boolean {
  const values = clause.values;
  switch (clause.field) {
    case 'status':
      return statuses.has(page.status);
    case 'type':
      return values.some((v) => v.toLowerCase() === 'page');
    case 'space':
      return values.includes(page.spaceKey);
    case 'title': {
      const lower = page.title.toLowerCase();
      return values.some((v) => v.toLowerCase() === lower);
    }
    case 'id':
      return values.includes(page.id);
    case 'label':
      return values.some((v) => page.labels.includes(v.toLowerCase()));
    case 'parent':
      return page.parentId !== undefined && values.includes(page.parentId);
    case 'ancestor':
      return store.ancestors(page).some((a) => values.includes(a.id));
  }
}
