/**
 * What converter output may contain, whatever the input: the only elements, attributes and macros
 * the converter itself means to emit. Used by the security and property tests.
 */
import type { CElement } from '../support/canonical-xml.js';

const ATTRIBUTES: Record<string, readonly string[]> = {
  p: ['style'],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  ul: [],
  ol: ['start'],
  li: [],
  table: [],
  tbody: [],
  tr: [],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
  blockquote: [],
  hr: [],
  br: [],
  em: [],
  strong: [],
  s: [],
  code: [],
  sub: [],
  sup: [],
  a: ['href', 'title'],
  'ac:structured-macro': ['ac:name', 'ac:schema-version'],
  'ac:parameter': ['ac:name'],
  'ac:rich-text-body': [],
  'ac:plain-text-body': [],
  'ac:link': ['ac:anchor'],
  'ac:link-body': [],
  'ac:plain-text-link-body': [],
  'ri:page': ['ri:content-title', 'ri:space-key'],
  'ri:attachment': ['ri:filename'],
  'ri:url': ['ri:value'],
  'ac:image': ['ac:alt', 'ac:title', 'ac:width', 'ac:height'],
  'ac:emoticon': ['ac:name'],
  'ac:task-list': [],
  'ac:task': [],
  'ac:task-id': [],
  'ac:task-status': [],
  'ac:task-body': [],
};

const MACROS = new Set(['code', 'info', 'tip', 'note', 'warning', 'panel', 'expand', 'toc', 'anchor']);

/** Problems with the shape of a parsed fragment (empty when it only holds what we emit). */
export function shapeProblems(root: CElement): string[] {
  const problems: string[] = [];
  const walk = (element: CElement): void => {
    for (const child of element.children) {
      if (child.type !== 'element') continue;
      const allowed = ATTRIBUTES[child.name];
      if (!allowed) problems.push(`unexpected element <${child.name}>`);
      for (const [name, value] of child.attributes) {
        if (!allowed?.includes(name)) problems.push(`unexpected attribute ${name} on <${child.name}>`);
        if (child.name === 'p' && name === 'style' && !/^text-align: (left|center|right);$/.test(value)) {
          problems.push(`unexpected style "${value}"`);
        }
        if (
          child.name === 'a' &&
          name === 'href' &&
          // eslint-disable-next-line no-control-regex -- browsers ignore these inside a scheme
          /^(javascript|vbscript|data|livescript):/i.test(value.replace(/[\u0000-\u0020\u007f]/g, ''))
        ) {
          problems.push(`dangerous href "${value}"`);
        }
        // Only web, e-mail and phone links are emitted as <a href>.
        if (child.name === 'a' && name === 'href' && !/^(https?|mailto|tel):/i.test(value)) {
          problems.push(`href with an unsupported scheme "${value}"`);
        }
      }
      if (child.name === 'ac:structured-macro') {
        const name = child.attributes.find(([key]) => key === 'ac:name')?.[1] ?? '';
        if (!MACROS.has(name)) problems.push(`unexpected macro ${name}`);
      }
      walk(child);
    }
  };
  walk(root);
  return problems;
}
