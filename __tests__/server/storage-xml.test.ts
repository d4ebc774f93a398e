import { describe, expect, it } from '@jest/globals';
import { validateStorage } from '../../src/server/index.js';
import { XHTML_ENTITIES } from '../../src/server/xhtml-entities.js';

function message(xml: string): string {
  const result = validateStorage(xml);
  if (result.ok) throw new Error(`expected ${JSON.stringify(xml)} to be refused`);
  return result.message;
}

describe('validateStorage', () => {
  it('accepts well-formed storage with ac:/ri: elements, CDATA and numeric references', () => {
    const xml =
      '<h1>T</h1><p>a &amp; b &#160; &#x2014; &lt;x&gt;</p>' +
      '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[a ]]]]><![CDATA[> b]]></ac:plain-text-body></ac:structured-macro>' +
      '<ac:image><ri:attachment ri:filename="a.png"/></ac:image><br/>';
    expect(validateStorage(xml)).toEqual({ ok: true });
    expect(validateStorage('')).toEqual({ ok: true });
    expect(validateStorage('plain text')).toEqual({ ok: true });
  });

  it('accepts all 253 XHTML 1.0 named entities and nothing else', () => {
    const names = Object.keys(XHTML_ENTITIES);
    expect(names).toHaveLength(253);
    expect(validateStorage(`<p>${names.map((n) => `&${n};`).join('')}</p>`)).toEqual({ ok: true });
    expect(message('<p>&hellip;&bogus;</p>')).toBe(
      'Error parsing xhtml: Undeclared general entity "bogus"\n at [row,col {unknown-source}]: [1,18]',
    );
    // HTML5-only names are not XHTML 1.0 entities.
    expect(validateStorage('<p>&NewLine;</p>').ok).toBe(false);
  });

  it('reports rows and columns of the fragment, not of the wrapper', () => {
    expect(message('<p>a</b>')).toBe(
      'Error parsing xhtml: Unexpected close tag </b>; expected </p>.\n at [row,col {unknown-source}]: [1,8]',
    );
    expect(message('<p>ok</p>\n<ul>\n  <li>x</ul>')).toMatch(
      /expected <\/li>\.\n at \[row,col \{unknown-source\}\]: \[3,12\]$/,
    );
  });

  it("refuses ']]>' in text, unclosed tags, undeclared prefixes and control characters", () => {
    expect(message('<p>a ]]> b</p>')).toMatch(
      /^Error parsing xhtml: String '\]\]>' not allowed in textual content/,
    );
    expect(message('<p><br></p>')).toMatch(
      /^Error parsing xhtml: Unexpected close tag <\/p>; expected <\/br>/,
    );
    expect(message('<p>open')).toMatch(
      /^Error parsing xhtml: Unexpected EOF; was expecting a close tag for element <p>/,
    );
    expect(message('<x:thing/>')).toMatch(/^Error parsing xhtml: Undeclared namespace prefix "x"/);
    expect(message('<p>bell\u0007</p>')).toMatch(/^Error parsing xhtml: Disallowed character/);
    expect(message('<p a=b></p>')).toMatch(/^Error parsing xhtml: Unquoted attribute value/);
    expect(message('text</p>')).toMatch(/^Error parsing xhtml: Unexpected close tag <\/p>; no open element/);
  });
});
