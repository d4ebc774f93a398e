/**
 * Confluence storage → readable plain text, for the diffs a reviewer reads in a PR comment.
 * Reviewers care about what the page says, not about macro markup, so macros become short
 * Markdown-like lines (code fences, `> Note:` panels, `[image: a.png]`).
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

const BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'tr',
  'pre',
  'blockquote',
  'hr',
  'ac:task',
  'ac:structured-macro',
]);
const NS = 'xmlns:ac="http://atlassian.com/content" xmlns:ri="http://atlassian.com/resource/identifier"';

interface Frame {
  name: string;
  macro?: string;
  prefix: string;
}

/** Returns the text, one block per line. Falls back to tag-stripping for input that is not XML. */
export function storageToText(storage: string): string {
  try {
    return parse(storage);
  } catch {
    return storage
      .replace(/<[^>]+>/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .trim();
  }
}

function parse(storage: string): string {
  const lines: string[] = [];
  let current = '';
  const stack: Frame[] = [];
  const flush = (): void => {
    const text = current.replace(/[ \t\r\n]+/g, ' ').trim();
    if (text) lines.push(prefixOf(stack) + text);
    current = '';
  };
  const parser = new SaxesParser({ xmlns: true, fragment: false });
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const name = tag.name;
    if (name === 'cmsync-root') return;
    const attr = (n: string): string => {
      const a = tag.attributes[n];
      return a ? a.value : '';
    };
    if (BLOCKS.has(name)) flush();
    const frame: Frame = { name, prefix: '' };
    if (/^h[1-6]$/.test(name)) frame.prefix = '#'.repeat(Number(name[1])) + ' ';
    else if (name === 'li') frame.prefix = '- ';
    else if (name === 'blockquote') frame.prefix = '> ';
    else if (name === 'ac:task') frame.prefix = '- [ ] ';
    else if (name === 'ac:structured-macro') {
      frame.macro = attr('ac:name');
      if (['info', 'note', 'tip', 'warning'].includes(frame.macro)) frame.prefix = `> ${frame.macro}: `;
      if (frame.macro === 'expand') frame.prefix = '▸ ';
      if (frame.macro === 'toc') lines.push('[table of contents]');
      if (frame.macro === 'children') lines.push('[list of child pages]');
    } else if (name === 'ac:parameter') {
      frame.macro = attr('ac:name');
    } else if (name === 'ri:attachment' && stack.some((f) => f.name === 'ac:image')) {
      current += ` [image: ${attr('ri:filename')}] `;
    } else if (name === 'ri:url' && stack.some((f) => f.name === 'ac:image')) {
      current += ` [image: ${attr('ri:value')}] `;
    } else if (name === 'ri:page') {
      current += ` [→ ${attr('ri:content-title')}] `;
    } else if (name === 'ac:emoticon') {
      current += ` :${attr('ac:name')}: `;
    } else if (name === 'br') {
      current += ' ';
    } else if (name === 'hr') {
      lines.push('---');
    } else if (name === 'td' || name === 'th') {
      current += ' | ';
    }
    stack.push(frame);
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'cmsync-root') return;
    const frame = stack[stack.length - 1];
    if (!frame) return;
    if (frame.name === 'ac:task-status') {
      // The status is metadata of the enclosing task: it decides the checkbox, it is not text.
      const task = stack[stack.length - 2];
      if (task?.name === 'ac:task' && current.trim() === 'complete') task.prefix = '- [x] ';
      current = '';
    } else if (frame.name === 'ac:parameter') {
      const macro = stack[stack.length - 2];
      // Parameters are settings, not content: keep only the code language and titles.
      if (macro?.macro === 'code' && frame.macro === 'language') lines.push('```' + current.trim());
      else if (frame.macro === 'title' && current.trim())
        lines.push(prefixOf(stack.slice(0, -1)) + current.trim());
      current = '';
    } else if (frame.name === 'ac:structured-macro' && frame.macro === 'code') {
      if (lines[lines.length - 1]?.startsWith('```')) lines.push('');
      lines.push('```');
    } else if (BLOCKS.has(frame.name)) flush();
    stack.pop();
  });
  parser.on('text', (text) => {
    current += text;
  });
  parser.on('cdata', (text) => {
    const macro = [...stack].reverse().find((f) => f.name === 'ac:structured-macro');
    if (macro?.macro === 'code' && stack[stack.length - 1]?.name === 'ac:plain-text-body') {
      if (!lines[lines.length - 1]?.startsWith('```')) lines.push('```');
      lines.push(...text.replace(/\n$/, '').split('\n'));
    } else current += text;
  });
  parser.write(`<cmsync-root ${NS}>${storage}</cmsync-root>`).close();
  flush();
  return lines.join('\n');
}

function prefixOf(stack: Frame[]): string {
  return stack
    .map((f) => f.prefix)
    .filter(Boolean)
    .join('');
}
