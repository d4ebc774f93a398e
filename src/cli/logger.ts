/** The engine's Logger for a terminal: warnings and errors to stderr, `--verbose` shows debug. */
import type { Logger } from '../util/log.js';

export function terminalLogger(options: { verbose?: boolean; quiet?: boolean } = {}): Logger {
  return {
    debug: (m) => {
      if (options.verbose) process.stderr.write(`debug: ${m}\n`);
    },
    info: (m) => {
      if (!options.quiet) process.stderr.write(`${m}\n`);
    },
    warning: (m) => process.stderr.write(`warning: ${m}\n`),
    error: (m) => process.stderr.write(`error: ${m}\n`),
    group: async (name, fn) => {
      if (!options.quiet) process.stderr.write(`== ${name}\n`);
      return fn();
    },
  };
}
