/**
 * One sticky PR comment per preview: found by its hidden marker through a paginated listing,
 * updated in place, never duplicated. A read-only token (fork and Dependabot PRs) cannot post:
 * that is reported, never a failed run.
 */
import type { getOctokit } from '@actions/github';
import { getErrorMessage } from '../util/diagnostics.js';
import type { Logger } from '../util/log.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export type StickyResult =
  | { action: 'created' | 'updated' | 'unchanged'; id: number; url?: string }
  | { action: 'none' }
  | { action: 'not-posted'; reason: string };

export interface UpsertOptions {
  octokit: Octokit;
  target: CommentTarget;
  marker: string;
  /** The new body (must contain the marker). `undefined`: the PR no longer touches the docs. */
  body: string | undefined;
  /** Body used to mark an existing comment when there is nothing to preview any more. */
  emptyBody: string;
  log: Logger;
}

/** The login behind the token, or undefined when the token cannot say (GITHUB_TOKEN, App tokens: 403). */
async function tokenLogin(octokit: Octokit): Promise<string | undefined> {
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch {
    return undefined;
  }
}

export async function upsertStickyComment(options: UpsertOptions): Promise<StickyResult> {
  const { octokit, target, marker, log } = options;
  const base = { owner: target.owner, repo: target.repo };
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      ...base,
      issue_number: target.issueNumber,
      per_page: 100,
    });
    // Ours: it starts with the marker (a quoting reply starts with "> ") and was written by this
    // token's account — a PAT's user, or, for the workflow's and Apps' tokens (which cannot ask
    // who they are), a bot. A person's comment is never overwritten or deleted.
    const me = await tokenLogin(octokit);
    const ours = comments.filter(
      (c) =>
        typeof c.body === 'string' &&
        c.body.startsWith(marker) &&
        (me ? c.user?.login === me : c.user?.type === 'Bot'),
    );
    const [existing, ...rest] = ours;
    // Duplicates can only come from an older bug or a race between two runs: keep the first.
    const duplicates = rest.filter((c) => c.user?.login === existing?.user?.login);
    for (const d of duplicates) await octokit.rest.issues.deleteComment({ ...base, comment_id: d.id });

    const body = options.body ?? (existing ? options.emptyBody : undefined);
    if (body === undefined) return { action: 'none' };
    if (existing) {
      if (existing.body === body) return { action: 'unchanged', id: existing.id, url: existing.html_url };
      const res = await octokit.rest.issues.updateComment({ ...base, comment_id: existing.id, body });
      return { action: 'updated', id: res.data.id, url: res.data.html_url };
    }
    const res = await octokit.rest.issues.createComment({ ...base, issue_number: target.issueNumber, body });
    return { action: 'created', id: res.data.id, url: res.data.html_url };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const reason =
      status === 403 || status === 404
        ? 'the token cannot write pull-request comments here (fork or Dependabot pull requests get a read-only token; grant `pull-requests: write` for same-repository PRs)'
        : `GitHub answered: ${getErrorMessage(error)}`;
    log.warning(`preview comment not posted: ${reason}`);
    return { action: 'not-posted', reason };
  }
}
