/**
 * One test group per handler, on small hand-built mdast trees (no parser involved), so each
 * handler's contract is pinned on its own.
 */
import type { Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { convertTree, treeOf } from '../../src/markdown/to-storage.js';
import type { ConvertOptions, LinkTarget } from '../../src/markdown/index.js';
import '../../src/markdown/mdast-extensions.js';
import { fakeContext } from './fake-context.js';

function render(
  children: RootContent[],
  options: ConvertOptions = {},
  links: Record<string, LinkTarget> = {},
) {
  const root: Root = { type: 'root', children };
  return convertTree(treeOf(root), fakeContext(links), options);
}
const storage = (
  children: RootContent[],
  options?: ConvertOptions,
  links?: Record<string, LinkTarget>,
): string => render(children, options, links).storage;
const p = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const t = (value: string): PhrasingContent => ({ type: 'text', value });
const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 1 } });
const anchor = (name: string): string =>
  `<ac:structured-macro ac:name="anchor" ac:schema-version="1"><ac:parameter ac:name="">${name}</ac:parameter></ac:structured-macro>`;

describe('root', () => {
  test('separates top-level blocks with a newline', () => {
    expect(storage([p(t('a')), { type: 'thematicBreak' }])).toBe('<p>a</p>\n<hr/>');
  });
  test('an empty document is empty storage', () => {
    expect(storage([])).toBe('');
  });
});

describe('paragraph', () => {
  test('wraps inline content in <p>', () => {
    expect(storage([p(t('x'))])).toBe('<p>x</p>');
  });
  test('renders nothing when empty', () => {
    expect(storage([p()])).toBe('');
  });
});

describe('heading', () => {
  test('starts with an anchor macro named by the GitHub slug', () => {
    expect(storage([{ type: 'heading', depth: 3, children: [t('Hello, World!')] }])).toBe(
      `<h3>${anchor('hello-world')}Hello, World!</h3>`,
    );
  });
  test('deduplicates slugs per page', () => {
    const h = (): RootContent => ({ type: 'heading', depth: 2, children: [t('Same')] });
    expect(storage([h(), h()])).toBe(`<h2>${anchor('same')}Same</h2>\n<h2>${anchor('same-1')}Same</h2>`);
  });
});

describe('thematicBreak', () => {
  test('is <hr/>', () => {
    expect(storage([{ type: 'thematicBreak' }])).toBe('<hr/>');
  });
});

describe('blockquote', () => {
  test('is <blockquote> around blocks', () => {
    expect(storage([{ type: 'blockquote', children: [p(t('q'))] }])).toBe(
      '<blockquote><p>q</p></blockquote>',
    );
  });
});

describe('alert', () => {
  test.each([
    ['note', 'info', 'Note'],
    ['tip', 'tip', 'Tip'],
    ['warning', 'note', 'Warning'],
    ['caution', 'warning', 'Caution'],
  ] as const)('%s becomes the %s panel titled %s', (kind, macro, title) => {
    expect(storage([{ type: 'alert', kind, children: [p(t('b'))] }])).toBe(
      `<ac:structured-macro ac:name="${macro}" ac:schema-version="1"><ac:parameter ac:name="title">${title}</ac:parameter><ac:rich-text-body><p>b</p></ac:rich-text-body></ac:structured-macro>`,
    );
  });

  test('important is a purple panel, so it does not look like warning (GitHub shows it purple)', () => {
    const important = storage([{ type: 'alert', kind: 'important', children: [p(t('b'))] }]);
    expect(important).toMatch(
      /^<ac:structured-macro ac:name="panel" ac:schema-version="1"><ac:parameter ac:name="title">Important<\/ac:parameter>/,
    );
    expect(important).toContain('<ac:parameter ac:name="borderColor">#8250df</ac:parameter>');
    expect(important).toContain('<ac:parameter ac:name="bgColor">#fbefff</ac:parameter>');
    expect(important).toContain('<ac:rich-text-body><p>b</p></ac:rich-text-body>');
  });
});

describe('list and listItem', () => {
  const item = (text: string, checked?: boolean): RootContent =>
    ({ type: 'listItem', spread: false, checked, children: [p(t(text))] }) as RootContent;
  test('a tight bullet list unwraps paragraphs', () => {
    expect(
      storage([
        { type: 'list', ordered: false, spread: false, children: [item('a') as never, item('b') as never] },
      ]),
    ).toBe('<ul><li>a</li><li>b</li></ul>');
  });
  test('an ordered list keeps its start', () => {
    expect(
      storage([{ type: 'list', ordered: true, start: 4, spread: false, children: [item('a') as never] }]),
    ).toBe('<ol start="4"><li>a</li></ol>');
  });
  test('a loose list keeps paragraphs', () => {
    expect(storage([{ type: 'list', ordered: false, spread: true, children: [item('a') as never] }])).toBe(
      '<ul><li><p>a</p></li></ul>',
    );
  });
  test('task items become an ac:task-list with numbered tasks', () => {
    expect(
      storage([
        {
          type: 'list',
          ordered: false,
          spread: false,
          children: [item('a', false) as never, item('b', true) as never],
        },
      ]),
    ).toBe(
      '<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>a</ac:task-body></ac:task>' +
        '<ac:task><ac:task-id>2</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>b</ac:task-body></ac:task></ac:task-list>',
    );
  });
  test('a mixed ordered list is split into runs that keep counting', () => {
    const out = storage([
      {
        type: 'list',
        ordered: true,
        start: 1,
        spread: false,
        children: [item('a') as never, item('b', false) as never, item('c') as never],
      },
    ]);
    expect(out).toBe(
      '<ol><li>a</li></ol>\n<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>b</ac:task-body></ac:task></ac:task-list>\n<ol start="3"><li>c</li></ol>',
    );
  });
});

describe('code', () => {
  test('is the code macro with the aliased language and a CDATA body', () => {
    expect(storage([{ type: 'code', lang: 'sh', meta: 'title=run.sh', value: 'ls && echo' }])).toBe(
      '<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">bash</ac:parameter><ac:parameter ac:name="title">run.sh</ac:parameter><ac:plain-text-body><![CDATA[ls && echo]]></ac:plain-text-body></ac:structured-macro>',
    );
  });
  test('an empty block still has a (empty) CDATA body', () => {
    expect(storage([{ type: 'code', value: '' }])).toContain(
      '<ac:plain-text-body><![CDATA[]]></ac:plain-text-body>',
    );
  });
});

describe('html (no allow-list)', () => {
  test('a block is escaped text with its line breaks', () => {
    expect(storage([{ type: 'html', value: '<div>\n<b>x</b>\n</div>' }])).toBe(
      '<p>&lt;div&gt;<br/>&lt;b&gt;x&lt;/b&gt;<br/>&lt;/div&gt;</p>',
    );
  });
  test('inline HTML is escaped text inside the paragraph', () => {
    expect(storage([p(t('a '), { type: 'html', value: '<br>' }, t(' b'))])).toBe('<p>a &lt;br&gt; b</p>');
  });
  test('comments are left out', () => {
    expect(storage([{ type: 'html', value: '<!-- hidden -->' }])).toBe('');
  });
  test('gives one notice per file', () => {
    const { diagnostics } = render([
      { type: 'html', value: '<x>', position: at(2, 1) },
      { type: 'html', value: '<y>', position: at(3, 1) },
    ]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'notice', line: 2, column: 1, file: 'docs/page.md' }),
    ]);
  });
});

describe('inline handlers', () => {
  test.each<[string, PhrasingContent, string]>([
    ['text collapses soft line breaks', t('a\n  b'), 'a b'],
    ['emphasis', { type: 'emphasis', children: [t('e')] }, '<em>e</em>'],
    ['strong', { type: 'strong', children: [t('s')] }, '<strong>s</strong>'],
    ['delete', { type: 'delete', children: [t('d')] }, '<s>d</s>'],
    ['inlineCode', { type: 'inlineCode', value: 'a<b' }, '<code>a&lt;b</code>'],
    ['break', { type: 'break' }, '<br/>'],
    [
      'emoji with a classic emoticon',
      { type: 'emoji', value: ':+1:', name: '+1', emoji: '👍' },
      '<ac:emoticon ac:name="thumbs-up"/>',
    ],
    ['emoji without one', { type: 'emoji', value: ':rocket:', name: 'rocket', emoji: '🚀' }, '🚀'],
  ])('%s', (_name, node, expected) => {
    expect(storage([p(node)])).toBe(`<p>${expected}</p>`);
  });
});

describe('link', () => {
  test('to a page uses the page title and keeps the fragment as anchor', () => {
    expect(
      storage(
        [p({ type: 'link', url: 'a.md#x', children: [t('A')] })],
        {},
        { 'a.md': { kind: 'page', title: 'Page A' } },
      ),
    ).toBe(
      '<p><ac:link ac:anchor="x"><ri:page ri:content-title="Page A"/><ac:plain-text-link-body><![CDATA[A]]></ac:plain-text-link-body></ac:link></p>',
    );
  });
  test('with rich content uses ac:link-body', () => {
    expect(
      storage(
        [p({ type: 'link', url: 'a.md', children: [{ type: 'emphasis', children: [t('A')] }] })],
        {},
        { 'a.md': { kind: 'page', title: 'A' } },
      ),
    ).toBe(
      '<p><ac:link><ri:page ri:content-title="A"/><ac:link-body><em>A</em></ac:link-body></ac:link></p>',
    );
  });
  test('to a missing file is plain text with a warning at its position', () => {
    const result = render([p({ type: 'link', url: 'gone.md', children: [t('G')], position: at(4, 7) })]);
    expect(result.storage).toBe('<p>G</p>');
    expect(result.diagnostics).toEqual([
      {
        severity: 'warning',
        message: 'Link target gone.md does not exist; shown as plain text',
        file: 'docs/page.md',
        line: 4,
        column: 7,
      },
    ]);
  });
});

describe('linkReference and imageReference', () => {
  test('a reference without definition is shown as written', () => {
    expect(
      storage([
        p({ type: 'linkReference', identifier: 'x', label: 'x', referenceType: 'full', children: [t('a')] }),
      ]),
    ).toBe('<p>[a][x]</p>');
    expect(storage([p({ type: 'imageReference', identifier: 'x', referenceType: 'full', alt: 'i' })])).toBe(
      '<p>![i]</p>',
    );
  });
  test('a reference uses its definition', () => {
    expect(
      storage([
        p({ type: 'linkReference', identifier: 'x', referenceType: 'collapsed', children: [t('a')] }),
        { type: 'definition', identifier: 'x', url: 'https://e.com', title: 'T' },
      ]),
    ).toBe('<p><a href="https://e.com" title="T">a</a></p>');
  });
});

describe('image', () => {
  test('a local file becomes an attachment with alt, title and size', () => {
    const result = render(
      [
        p({
          type: 'image',
          url: 'i.png',
          alt: 'A',
          title: 'T',
          data: { width: '10', height: '20px' },
        } as PhrasingContent),
      ],
      {},
      {
        'i.png': { kind: 'file', path: 'docs/i.png' },
      },
    );
    expect(result.storage).toBe(
      '<p><ac:image ac:alt="A" ac:title="T" ac:width="10" ac:height="20"><ri:attachment ri:filename="i.png"/></ac:image></p>',
    );
    expect(result.attachments).toEqual([{ path: 'docs/i.png', filename: 'i.png' }]);
  });
  test('a remote image is ri:url', () => {
    expect(storage([p({ type: 'image', url: 'https://e.com/a.svg', alt: '' })])).toBe(
      '<p><ac:image><ri:url ri:value="https://e.com/a.svg"/></ac:image></p>',
    );
  });
});

describe('footnoteReference', () => {
  test('without definition it is shown as written', () => {
    expect(storage([p({ type: 'footnoteReference', identifier: 'n', label: 'n' })])).toBe('<p>[^n]</p>');
  });
  test('links to its definition, rendered after the body', () => {
    const out = storage([
      p({ type: 'footnoteReference', identifier: 'n', label: 'n' }),
      { type: 'footnoteDefinition', identifier: 'n', label: 'n', children: [p(t('F'))] },
    ]);
    expect(out).toBe(
      `<p><sup>${anchor('fnref-n')}<ac:link ac:anchor="fn-n"><ac:plain-text-link-body><![CDATA[1]]></ac:plain-text-link-body></ac:link></sup></p>\n<hr/>\n` +
        `<ol><li>${anchor('fn-n')}<p>F <ac:link ac:anchor="fnref-n"><ac:plain-text-link-body><![CDATA[↩]]></ac:plain-text-link-body></ac:link></p></li></ol>`,
    );
  });
});

describe('table, tableRow, tableCell', () => {
  test('header row in th, alignment as paragraph style, short rows padded', () => {
    const cell = (text: string) => ({ type: 'tableCell' as const, children: [t(text)] });
    expect(
      storage([
        {
          type: 'table',
          align: ['center', null],
          children: [
            { type: 'tableRow', children: [cell('H1'), cell('H2')] },
            { type: 'tableRow', children: [cell('a')] },
          ],
        },
      ]),
    ).toBe(
      '<table><tbody><tr><th><p style="text-align: center;">H1</p></th><th>H2</th></tr><tr><td><p style="text-align: center;">a</p></td><td/></tr></tbody></table>',
    );
  });
});

describe('toc', () => {
  test('is the toc macro', () => {
    expect(storage([{ type: 'toc' }])).toBe('<ac:structured-macro ac:name="toc" ac:schema-version="1"/>');
  });
});

describe('htmlElement and htmlText', () => {
  test('render allow-listed elements and escaped text', () => {
    const element = {
      type: 'htmlElement' as const,
      tagName: 'sup',
      attributes: [],
      flow: false,
      openRaw: '<sup>',
      closeRaw: '</sup>',
      children: [{ type: 'htmlText' as const, value: 'a<b', raw: 'a&lt;b' }],
    };
    expect(storage([p(element as unknown as PhrasingContent)])).toBe('<p><sup>a&lt;b</sup></p>');
  });
});

describe('ignored and unknown nodes', () => {
  test('yaml and definitions render nothing', () => {
    expect(
      storage([
        { type: 'yaml', value: 'a: 1' },
        { type: 'definition', identifier: 'x', url: 'y' },
      ]),
    ).toBe('');
  });
  test('an unknown node with a value is shown as text, with a warning', () => {
    const unknown = { type: 'math', value: 'x < y', position: at(5, 1) } as unknown as RootContent;
    const result = render([unknown]);
    expect(result.storage).toBe('<p>x &lt; y</p>');
    expect(result.diagnostics).toEqual([
      {
        severity: 'warning',
        message: 'Markdown construct `math` is not supported; shown as text',
        file: 'docs/page.md',
        line: 5,
        column: 1,
      },
    ]);
  });
  test('an unknown node with children renders its children', () => {
    const unknown = { type: 'container', children: [p(t('inside'))] } as unknown as Nodes as RootContent;
    expect(storage([unknown])).toBe('<p>inside</p>');
  });
});
