/**
 * The fenced code info string: ```` ```python title="app.py" linenumbers ````.
 *
 * Accepted options, after the language:
 * - `title="x.py"`, `title='x.py'`, `title=x.py`, or mark's `title Some words` (the rest of the
 *   line is the title);
 * - `linenumbers` / `linenumbers=true|false`, `firstline=10`, `collapse` / `collapse=true|false`.
 * A known option with an unusable value (`firstline=abc`) is ignored and listed in `problems`;
 * unknown words are ignored (info strings often carry other tools' options). Options may come
 * first, without a language; `js{1,3}` and pandoc's `{.js}` are the language `js`.
 */
import type { CodeLanguages } from '../types.js';
import { codeLanguage } from './languages.js';

export interface CodeInfo {
  language: string;
  title?: string;
  lineNumbers?: boolean;
  firstLine?: string;
  collapse?: boolean;
  /** Options with a value cmsync cannot use (ignored): the option as written, and why. */
  problems?: { written: string; message: string }[];
}

const OPTION = /([A-Za-z]+)(?:=(?:"([^"]*)"|'([^']*)'|(\S*)))?/y;

/**
 * remark splits the info string at its first space: `lang` is the first word, `meta` the rest.
 * - An option first (```` ```title="x.py" ````) means no language: the whole string is options.
 * - Highlighted line ranges (`js{1,3}`) are dropped; pandoc's `{.python}` names the language.
 */
function splitInfo(
  lang: string | null | undefined,
  meta: string | null | undefined,
): { language: string | undefined; meta: string } {
  if (!lang) return { language: undefined, meta: meta ?? '' };
  if (/^[A-Za-z]+=/.test(lang)) return { language: undefined, meta: meta ? `${lang} ${meta}` : lang };
  const pandoc = /^\{\.?([^\s.{}]+)/.exec(lang);
  const language = pandoc ? pandoc[1] : lang.replace(/\{.*$/, '');
  return { language: language || undefined, meta: meta ?? '' };
}

export function parseCodeInfo(
  lang: string | null | undefined,
  meta: string | null | undefined,
  flavour: CodeLanguages = 'cloud',
): CodeInfo {
  const split = splitInfo(lang, meta);
  const info: CodeInfo = { language: codeLanguage(split.language, flavour) };
  const problem = (written: string, message: string): void => {
    (info.problems ??= []).push({ written, message });
  };
  const source = split.meta;
  let index = 0;
  while (index < source.length) {
    if (/\s/.test(source[index])) {
      index++;
      continue;
    }
    OPTION.lastIndex = index;
    const match = OPTION.exec(source);
    if (!match || match[0] === '') {
      // Not an option: skip the word.
      const next = source.slice(index).search(/\s/);
      index = next === -1 ? source.length : index + next;
      continue;
    }
    index = OPTION.lastIndex;
    const key = match[1].toLowerCase();
    const hasValue = match[0].includes('=');
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    if (key === 'title') {
      // `title=""` means no title.
      if (hasValue) info.title = value || undefined;
      else {
        // mark's style: everything after the bare word `title` is the title.
        info.title = source.slice(index).trim() || undefined;
        break;
      }
    } else if (key === 'linenumbers' || key === 'collapse') {
      const flag =
        !hasValue || value.toLowerCase() === 'true'
          ? true
          : value.toLowerCase() === 'false'
            ? false
            : undefined;
      if (flag === undefined)
        problem(match[0], `Code block option \`${match[0]}\` is not true or false; ignored`);
      else if (key === 'linenumbers') info.lineNumbers = flag;
      else info.collapse = flag;
    } else if (key === 'firstline') {
      if (/^\d{1,9}$/.test(value)) info.firstLine = value;
      else problem(match[0], `Code block option \`${match[0]}\` is not a whole number; ignored`);
    }
    // Skip whatever follows a recognised key with no separator (`titlex` is one unknown word).
    if (index < source.length && !/\s/.test(source[index])) {
      const next = source.slice(index).search(/\s/);
      index = next === -1 ? source.length : index + next;
    }
  }
  return info;
}
