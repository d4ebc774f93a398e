/**
 * The fenced code info string: ```` ```python title="app.py" linenumbers ````.
 *
 * Accepted options, after the language:
 * - `title="x.py"`, `title='x.py'`, `title=x.py`, or mark's `title Some words` (the rest of the
 *   line is the title);
 * - `linenumbers` / `linenumbers=true|false`, `firstline=10`, `collapse` / `collapse=true|false`.
 * A known option with an unusable value (`firstline=abc`) is ignored and listed in `problems`;
 * unknown words are ignored (info strings often carry other tools' options).
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

export function parseCodeInfo(
  lang: string | null | undefined,
  meta: string | null | undefined,
  flavour: CodeLanguages = 'cloud',
): CodeInfo {
  const info: CodeInfo = { language: codeLanguage(lang, flavour) };
  const problem = (written: string, message: string): void => {
    (info.problems ??= []).push({ written, message });
  };
  const source = meta ?? '';
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
      if (hasValue) info.title = value;
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
