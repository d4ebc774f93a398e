/** The engine's Logger backed by @actions/core: groups per phase, debug lines only with step debug. */
import * as core from '@actions/core';
import type { Logger } from '../util/log.js';

export function actionsLogger(): Logger {
  return {
    debug: (m) => core.debug(m),
    info: (m) => core.info(m),
    // Plain lines, not annotations: annotations are reserved for diagnostics with a file and line.
    warning: (m) => core.info(`warning: ${m}`),
    error: (m) => core.info(`error: ${m}`),
    group: (name, fn) => core.group(name, fn),
  };
}

/** Progress lines on long runs: at most one every few seconds, plus the last one. */
export function progressReporter(log: Logger, everyMs = 5000): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done === total || now - last >= everyMs) {
      last = now;
      log.info(`progress: ${done}/${total} pages`);
    }
  };
}
