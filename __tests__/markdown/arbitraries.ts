/**
 * fast-check generators of Markdown documents: random mixes of every construct the converter
 * handles, filled with unicode, control characters, lone surrogates and hostile strings
 * (`]]>`, `<`, `&`, quotes, raw `<script>` and Confluence macros).
 */
import fc from 'fast-check';
import type { LinkContext, LinkTarget } from '../../src/markdown/index.js';
import { SUPPORTED_HTML_ELEMENTS } from '../../src/markdown/index.js';

const HOSTILE = [
  ']]>',
  ']]]]>',
  '<![CDATA[',
  '<',
  '>',
  '&',
  '&amp;',
  '&nbsp;',
  '&#0;',
  '&#xD800;',
  '&bogus;',
  '"',
  "'",
  '`',
  '*',
  '_',
  '~',
  '[',
  ']',
  '(',
  ')',
  '|',
  '\\',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u001b',
  '\u007f',
  '\u0085',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udfff',
  '😀',
  'é',
  '日本',
  ':smile:',
  ':rocket:',
  '[!NOTE]',
  '[TOC]',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<ac:structured-macro ac:name="html"><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>',
  '<ri:page ri:content-title="x"/>',
  '<details>',
  '</details>',
  '<summary>s</summary>',
  '<br>',
  '<kbd>k</kbd>',
  '<table><tr><td>c</td></tr></table>',
  '<!-- c -->',
  'javascript:alert(1)',
];

const surrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n));

/** A short run of text mixing hostile fragments, any unicode, and lone surrogates. */
export const textArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 10 }) },
      { weight: 1, arbitrary: fc.string({ unit: surrogate, maxLength: 2 }) },
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(''));

/** Text kept on one line (for headings, table cells, list items). */
const lineArb = textArb.map((t) => t.replace(/[\r\n]+/g, ' '));

const urlArb = fc.oneof(
  fc.constantFrom(
    'other.md',
    'other.md#section',
    '../guide/configuration.md#inputs',
    '/docs/index.md',
    'img/a.png',
    'img/b.svg',
    'files/spec%20v1.pdf',
    'missing.md',
    '../../../etc/passwd',
    '#anchor',
    '#',
    '',
    'https://example.com/?a=1&b=2',
    'mailto:a@example.com',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
    '//cdn.example.com/x.png',
    'ac:structured-macro',
    'ri:page',
  ),
  lineArb.map((t) => encodeURI(t.replace(/[\ud800-\udfff]/g, ''))),
);

const construct: fc.Arbitrary<string> = fc.oneof(
  lineArb.map((t) => t),
  fc.tuple(fc.integer({ min: 1, max: 6 }), lineArb).map(([n, t]) => `${'#'.repeat(n)} ${t}`),
  lineArb.map((t) => `*${t}* **${t}** ~~${t}~~ \`${t}\``),
  fc
    .tuple(fc.constantFrom('js', 'sh', 'yml', 'ts', 'c#', 'mermaid', 'xml', '', 'unknown'), lineArb, textArb)
    .map(
      ([lang, title, body]) =>
        '```' + `${lang} title="${title.replace(/"/g, '')}"\n${body.replace(/```/g, '')}\n` + '```',
    ),
  fc
    .tuple(fc.constantFrom('NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION', 'note', 'OTHER'), lineArb)
    .map(([kind, t]) => `> [!${kind}]\n> ${t}`),
  fc.tuple(lineArb, lineArb, lineArb).map(([a, b, c]) => `| ${a} | ${b} |\n|:--|--:|\n| ${c} | \\| |`),
  fc.tuple(lineArb, lineArb, lineArb).map(([a, b, c]) => `- [ ] ${a}\n- [x] ${b}\n- ${c}\n  - [ ] ${a}`),
  fc.tuple(lineArb, lineArb).map(([a, b]) => `1. ${a}\n2. ${b}\n\n   ${a}`),
  fc.tuple(lineArb, lineArb).map(([a, b]) => `${a}[^n]\n\n[^n]: ${b}`),
  fc
    .tuple(lineArb, urlArb, lineArb)
    .map(([t, url, title]) => `[${t}](<${url.replace(/[<>\n]/g, '')}> "${title.replace(/"/g, '')}")`),
  fc.tuple(lineArb, urlArb).map(([t, url]) => `![${t}](<${url.replace(/[<>\n]/g, '')}>){width=${t.length}}`),
  fc
    .tuple(lineArb, urlArb)
    .map(([t, url]) => `[${t}][ref] ![${t}][ref]\n\n[ref]: <${url.replace(/[<>\n]/g, '')}>`),
  lineArb.map(
    (t) =>
      `<https://example.com/${encodeURIComponent(t.replace(/[\ud800-\udfff]/g, ''))}> www.example.com/${t}`,
  ),
  fc.tuple(lineArb, textArb).map(([s, t]) => `<details>\n<summary>${s}</summary>\n\n${t}\n\n</details>`),
  lineArb.map(
    (t) =>
      `Press <kbd>${t}</kbd>, H<sub>2</sub>O<br>${t} <img src="img/a.png" alt="${t}" width="10"> <a href="other.md">${t}</a>`,
  ),
  lineArb.map((t) => `<table><tr><th colspan="2">${t}</th></tr><tr><td>${t}</td><td>x</td></tr></table>`),
  fc
    .tuple(lineArb, lineArb, textArb)
    .map(
      ([a, s, t]) =>
        `1. ${a}\n\n   <details><summary>${s}</summary>\n\n   ${t.replace(/\n/g, '\n   ')}\n\n   </details>\n\n   <img src="img/a.png" width="20">\n- <b>${a}</b>\n\n  <summary>${s}\n\n  ${a}`,
    ),
  fc
    .tuple(lineArb, lineArb)
    .map(([a, b]) => `[${a}[^n]](other.md) [${b}[^n]](https://e.com) [^undefined]\n\n[^n]: ${b}`),
  fc.tuple(lineArb, lineArb).map(([a, b]) => `| ${a} |\n|---|\n| ${b} | ${a} | x |\n| |`),
  fc
    .tuple(lineArb, lineArb)
    .map(([a, b]) => `# ${a}\n\n[top](#${a}) [t](other.md#inputs) [s](other.md#${b})`),
  fc
    .tuple(fc.integer({ min: 1, max: 120 }), lineArb)
    .map(([n, t]) => `${'>'.repeat(n)} ${t}\n\n${'<sub>'.repeat(n)}${t}${'</sub>'.repeat(n)}`),
  lineArb.map((t) => '```py firstline=' + t.replace(/[\s`]/g, '') + ' linenumbers=x\ncode\n```'),
  fc.constantFrom(
    '[TOC]',
    '[[_TOC_]]',
    '---',
    '***',
    ':smile: :+1: :rocket: :nope:',
    'line  \nbreak',
    'a\\\nb',
  ),
  textArb,
);

/** A whole document: optional front matter, then a mix of constructs. */
export const documentArb: fc.Arbitrary<string> = fc
  .tuple(fc.option(lineArb, { nil: undefined }), fc.array(construct, { minLength: 1, maxLength: 8 }))
  .map(
    ([title, blocks]) =>
      (title === undefined ? '' : `---\ntitle: ${JSON.stringify(title)}\n---\n`) + blocks.join('\n\n'),
  );

export const optionsArb = fc.record({
  htmlAllowList: fc.subarray([
    ...SUPPORTED_HTML_ELEMENTS,
    'script',
    'iframe',
    'ac:structured-macro',
    'ri:page',
    'style',
  ]),
  dropFirstH1: fc.boolean(),
  codeLanguages: fc.constantFrom('cloud' as const, 'datacenter' as const),
});

/**
 * A context where `.md` paths are pages whose titles are themselves hostile, images and other
 * files are attachments, `../` escapes are outside, and the rest is missing.
 */
export function hostileContext(): LinkContext {
  return {
    file: 'docs/page.md',
    resolve(path: string): LinkTarget {
      if (path.startsWith('../../')) return { kind: 'outside' };
      if (path.endsWith('.md') && !path.startsWith('missing')) {
        return {
          kind: 'page',
          title: `Title ]]> <ac:x/> & "${path}"\u0001`,
          spaceKey: 'DOCS',
          ...(path === 'other.md' ? { anchors: new Set(['section', ']]>']), titleAnchor: 'inputs' } : {}),
        };
      }
      if (/\.(png|svg|pdf)$/.test(path)) return { kind: 'file', path: `docs/${path}` };
      return { kind: 'missing' };
    },
  };
}
