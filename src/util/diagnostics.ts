/**
 * A problem found in the user's input (a Markdown file, a setting) rather than a crash.
 * Reported as a GitHub annotation when it names a file, and always in the job summary.
 */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'notice';
  message: string;
  /** Workspace-relative POSIX path of the file concerned, when there is one. */
  file?: string;
  /** 1-based line and column in `file`. */
  line?: number;
  column?: number;
  /** Setting or input name the problem concerns, e.g. `parent-page-id`. */
  setting?: string;
}

/** One place to turn anything thrown into a message, so callers never cast `(e as Error)`. */
export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
