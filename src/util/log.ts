/**
 * The logging surface the engine sees. The Action backs it with @actions/core (groups, annotations),
 * the CLI with the terminal; tests can collect lines. Keeps the engine free of @actions/core.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  /** Run `fn` inside a collapsible log group named `name`. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** A logger that keeps lines in memory (tests, `--json` runs). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (m) => lines.push(`debug: ${m}`),
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    group: async (name, fn) => {
      lines.push(`[${name}]`);
      return fn();
    },
  };
}
