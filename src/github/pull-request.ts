/** The pull request a workflow runs for, read from the event payload GitHub writes to disk. */
import { readFileSync } from 'node:fs';

export interface PullRequestContext {
  owner: string;
  repo: string;
  number: number;
  headSha?: string;
  /** Head repository differs from the base: secrets are withheld and the token is read-only. */
  fromFork: boolean;
  /** Opened by Dependabot: same restrictions as a fork. */
  fromDependabot: boolean;
}

interface PullRequestPayload {
  number?: number;
  pull_request?: {
    number?: number;
    head?: { sha?: string; repo?: { full_name?: string } | null };
    user?: { login?: string };
  };
  repository?: { full_name?: string };
}

/** Undefined outside a pull-request event or when the payload cannot be read. */
export function readPullRequest(env: NodeJS.ProcessEnv): PullRequestContext | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || !env.GITHUB_EVENT_PATH) return undefined;
  let payload: PullRequestPayload;
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as PullRequestPayload;
  } catch {
    return undefined;
  }
  const number = payload.pull_request?.number ?? payload.number;
  if (typeof number !== 'number') return undefined;
  const head = payload.pull_request?.head?.repo?.full_name;
  const base = payload.repository?.full_name;
  return {
    owner,
    repo,
    number,
    headSha: payload.pull_request?.head?.sha,
    fromFork: head !== undefined && base !== undefined && head !== base,
    fromDependabot:
      payload.pull_request?.user?.login === 'dependabot[bot]' || env.GITHUB_ACTOR === 'dependabot[bot]',
  };
}

/** Where a person finds this run's job summary. */
export function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}
