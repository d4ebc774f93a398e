/**
 * Real git repositories in temp folders for the change-detection tests. Every commit gets a fixed
 * identity and a clock that ticks one minute per commit, so shas are the same on every machine, and
 * no global git configuration (identity, signing, hooks) leaks in.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const EPOCH = 1_704_067_200; // 2024-01-01T00:00:00Z

/** The ambient environment minus anything that would point git somewhere else (GIT_DIR in a hook…). */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toUpperCase().startsWith('GIT_')) env[key] = value;
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.test',
    GIT_COMMITTER_NAME: 'Test Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.test',
    // Settings for the fixture's own commands, without a `git config` call per repository.
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: 'commit.gpgsign',
    GIT_CONFIG_VALUE_0: 'false',
    GIT_CONFIG_KEY_1: 'protocol.file.allow',
    GIT_CONFIG_VALUE_1: 'always',
  };
}

/** Creates a temp folder; `removeAll()` deletes every folder made so far. */
const made: string[] = [];
export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cmsync-git-'));
  made.push(dir);
  return dir;
}
export function removeAll(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A repository (work tree or bare) driven by the git command line. */
export class Repo {
  private static clock = 0;

  private constructor(readonly dir: string) {}

  /** `git init` with a `main` branch (identity and signing come from the environment). */
  static init(dir: string = tempDir(), options: { bare?: boolean } = {}): Repo {
    mkdirSync(dir, { recursive: true });
    const repo = new Repo(dir);
    repo.git('init', '--quiet', '--initial-branch=main', ...(options.bare ? ['--bare'] : []));
    return repo;
  }

  /** `git clone` of `source` (a bare repo) over file://, so `--depth` really makes it shallow. */
  static clone(source: Repo, args: string[] = [], dir: string = tempDir()): Repo {
    // The code under test fetches from this file:// origin with the machine's own git settings
    // (simple-git drops GIT_* variables), so the clone allows the protocol in its own config.
    execFileSync(
      'git',
      ['clone', '--quiet', '--config', 'protocol.file.allow=always', ...args, `file://${source.dir}`, dir],
      { env: baseEnv(), stdio: 'pipe' },
    );
    return new Repo(dir);
  }

  /** Runs git here and returns its trimmed standard output. */
  git(...args: string[]): string {
    const date = `${EPOCH + Repo.clock * 60} +0000`;
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...baseEnv(), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      encoding: 'utf8',
      stdio: 'pipe',
    }).trim();
  }

  write(file: string, content: string): this {
    const full = path.join(this.dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  remove(file: string): this {
    rmSync(path.join(this.dir, file));
    return this;
  }

  /** Stages everything and commits; returns the new commit's sha. */
  commit(message: string): string {
    Repo.clock += 1;
    this.git('add', '--all');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.head();
  }

  head(): string {
    return this.git('rev-parse', 'HEAD');
  }

  /** Whether this clone holds `sha` as a commit. */
  has(sha: string): boolean {
    try {
      this.git('cat-file', '-e', `${sha}^{commit}`);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Everything change detection must leave alone: work-tree files, the index, every ref and HEAD.
   * Compare two snapshots with `toEqual`.
   */
  snapshot(): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === '.git') continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files[path.relative(this.dir, full)] = hash(readFileSync(full));
      }
    };
    walk(this.dir);
    files['<index>'] = hash(readFileSync(path.join(this.dir, '.git', 'index')));
    files['<refs>'] = this.git('for-each-ref', '--format=%(refname) %(objectname)');
    files['<HEAD>'] = readFileSync(path.join(this.dir, '.git', 'HEAD'), 'utf8');
    return files;
  }
}

function hash(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Ten lines of distinct text, long enough for git to pair a lightly edited copy as a rename. */
export function page(title: string): string {
  const lines = [`# ${title}`, ''];
  for (let i = 1; i <= 10; i++) lines.push(`Paragraph ${i} of ${title}: some words that stay put.`);
  return `${lines.join('\n')}\n`;
}
