import { existsSync } from 'node:fs';
import { GitError, simpleGit, type SimpleGit } from 'simple-git';
import type { Logger } from '../util/log.js';

/** A git command that exited non-zero (or could not start). `exitCode` is -1 when git never ran. */
export class GitCommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(`${command} failed (exit ${exitCode}): ${gitMessage(stderr) || 'no message'}`);
    this.name = 'GitCommandError';
  }
}

/**
 * What the error hook hands back to simple-git. It must be a GitError: simple-git re-wraps any other
 * error as a string, which would lose the exit code.
 */
class GitExit extends GitError {
  constructor(
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(undefined, stderr);
  }
}

/** Runs git in one repository and logs every command at debug. */
export interface GitRunner {
  /** Standard output of `git <args>`; throws GitCommandError on any non-zero exit. */
  run(args: string[]): Promise<string>;
}

/** Fixed `-c` settings for every command: paths verbatim (no octal escapes for é, 日本, quotes). */
const CONFIG = ['core.quotepath=off'];

/**
 * A fetch from a slow remote prints progress now and then; two silent minutes means it hangs
 * (for example on a credential prompt nobody will answer), so simple-git kills it.
 */
const SILENCE_TIMEOUT_MS = 120_000;

/**
 * Opens `workspace` for git commands. simple-git only rejects on a non-zero exit when git also wrote
 * to stderr (`merge-base --is-ancestor` exits 1 silently), so the error hook here rejects on every
 * non-zero exit and keeps the code for callers that branch on it.
 */
export function createGitRunner(workspace: string, log: Logger): GitRunner | undefined {
  // simple-git throws synchronously for a missing folder; the caller reports "not a repository".
  if (!existsSync(workspace)) return undefined;
  const git: SimpleGit = simpleGit({
    baseDir: workspace,
    maxConcurrentProcesses: 1,
    config: CONFIG,
    timeout: { block: SILENCE_TIMEOUT_MS },
    errors: (error, result) => {
      if (error instanceof Error) return error;
      if (result.exitCode === 0 && error === undefined) return undefined;
      return new GitExit(result.exitCode, Buffer.concat(result.stdErr).toString('utf8'));
    },
  });
  return {
    async run(args) {
      const command = ['git', ...CONFIG.flatMap((c) => ['-c', c]), ...args].join(' ');
      try {
        const out = await git.raw(args);
        log.debug(`${command} → ok`);
        return out;
      } catch (error) {
        const failure =
          error instanceof GitExit
            ? new GitCommandError(command, error.exitCode, error.stderr)
            : new GitCommandError(command, -1, error instanceof Error ? error.message : String(error));
        log.debug(`${command} → exit ${failure.exitCode}: ${gitMessage(failure.stderr) || 'no message'}`);
        throw failure;
      }
    },
  };
}

/**
 * The line of git's stderr worth showing: the first `fatal:`/`error:` line (a failed fetch prints
 * progress before it, redrawn with \r), else the first non-empty one. A remote URL with credentials
 * in it (`https://user:token@host/…`) is masked, since the message goes to logs and the summary.
 */
export function gitMessage(text: string): string {
  const lines = text
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const line = lines.find((candidate) => /^(fatal|error):/.test(candidate)) ?? lines[0] ?? '';
  return line.replace(/(\w+:\/\/)[^/\s@]*@/g, '$1***@');
}
