import { describe, expect, it } from '@jest/globals';
import { parseCql } from '../../src/server/cql.js';
import { ApiError } from '../../src/server/errors.js';

function refusal(cql: string): string {
  try {
    parseCql(cql);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    return (error as ApiError).message;
  }
  throw new Error(`expected ${cql} to be refused`);
}

describe('parseCql', () => {
  it('parses the supported clauses joined by and, in any case', () => {
    expect(parseCql('ancestor = 123 AND type = page and space = "DOCS"').clauses).toEqual([
      { field: 'ancestor', negated: false, values: ['123'] },
      { field: 'type', negated: false, values: ['page'] },
      { field: 'space', negated: false, values: ['DOCS'] },
    ]);
    expect(parseCql('title in ("a \\"b\\"", \'c\') and id != 5').clauses).toEqual([
      { field: 'title', negated: false, values: ['a "b"', 'c'] },
      { field: 'id', negated: true, values: ['5'] },
    ]);
    expect(parseCql('parent=1 order by title desc').order).toEqual({ field: 'title', descending: true });
  });

  it('refuses what it does not understand, saying where', () => {
    expect(refusal('text ~ "x"')).toMatch(/unsupported field 'text' at 'text' \(character 1\)/);
    expect(refusal('title ~ "x"')).toMatch(/unsupported operator for 'title'/);
    expect(refusal('type = page or type = blogpost')).toMatch(/'or' is not supported/);
    expect(refusal('title = "open')).toMatch(/unterminated string/);
    expect(refusal('title in ("a" "b")')).toMatch(/expected ',' or '\)'/);
    expect(refusal('')).toMatch(/expected a field name at the end of the query/);
  });
});
