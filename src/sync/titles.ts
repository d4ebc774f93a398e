/**
 * Page titles: where they come from and which ones clash. Confluence titles are unique per
 * space, compared case-insensitively, so two files that would get the same title must be found
 * before any write — and reported at both files, because either one may be the one to rename.
 */
import type { Diagnostic } from '../util/diagnostics.js';

/** Confluence rejects longer titles (v1 `maxLength: 255`). */
export const MAX_TITLE_LENGTH = 255;

/**
 * A file or folder name made readable: `getting-started.md` → "Getting started",
 * `02_api_reference` → "Api reference". A leading number (`02-`) is an ordering prefix, not
 * part of the name, unless nothing would be left without it.
 */
export function readableName(name: string): string {
  const base = name.replace(/\.md$/i, '');
  const unprefixed = base.replace(/^\d+[-_. ]+/, '');
  const words = (unprefixed || base).replace(/[-_\s]+/g, ' ').trim();
  if (!words) return base;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Collapses whitespace the way Confluence trims titles, so comparisons match what it stores. */
export function normaliseTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim();
}

export interface TitleSource {
  /** Front matter `title`. */
  frontMatter?: string;
  /** Text of the first `# H1`. */
  h1?: string;
  /** File or folder name, used when neither gives a title. */
  name: string;
  /** Lines of the front matter `title:` and of the `# H1`, where problems about the title point. */
  frontMatterLine?: number;
  h1Line?: number;
}

/** Title = front matter `title`, else the first `# H1`, else the name made readable. */
export function chooseTitle(source: TitleSource): { title: string; explicit: boolean; line?: number } {
  for (const [candidate, line] of [
    [source.frontMatter, source.frontMatterLine],
    [source.h1, source.h1Line],
  ] as const) {
    const t = candidate === undefined ? '' : normaliseTitle(candidate);
    if (t) return { title: t, explicit: true, ...(line !== undefined ? { line } : {}) };
  }
  return { title: readableName(source.name), explicit: false };
}

/** Case-insensitive key Confluence uses for title uniqueness. */
export function titleKey(title: string): string {
  return normaliseTitle(title).toLowerCase();
}

export interface TitledEntry {
  key: string;
  title: string;
  /** Where to report the problem (workspace-relative file, or folder path for a generated page). */
  file: string;
  /** The line the title comes from, when it comes from the file. */
  line?: number;
}

/**
 * Finds titles used more than once (case-insensitively). Returns, for every entry involved,
 * one error naming the other file(s), so each file gets its own annotation.
 */
export function findTitleCollisions(entries: readonly TitledEntry[]): Map<string, Diagnostic> {
  const groups = new Map<string, TitledEntry[]>();
  for (const e of entries) {
    const k = titleKey(e.title);
    const group = groups.get(k);
    if (group) group.push(e);
    else groups.set(k, [e]);
  }
  const problems = new Map<string, Diagnostic>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const e of group) {
      const others = group
        .filter((o) => o !== e)
        .map((o) => o.file)
        .join(', ');
      problems.set(e.key, {
        severity: 'error',
        file: e.file,
        ...(e.line !== undefined ? { line: e.line } : {}),
        message: `title "${e.title}" is also the title of ${others}; Confluence titles are unique per space (ignoring case): set a different front matter \`title\` in one of them`,
      });
    }
  }
  return problems;
}

/** A title Confluence would refuse, as a diagnostic; undefined when the title is fine. */
export function titleProblem(title: string, file: string, line?: number): Diagnostic | undefined {
  if (title.length > MAX_TITLE_LENGTH)
    return {
      severity: 'error',
      file,
      ...(line !== undefined ? { line } : {}),
      message: `title is ${title.length} characters long; Confluence allows ${MAX_TITLE_LENGTH}: set a shorter front matter \`title\``,
    };
  return undefined;
}
