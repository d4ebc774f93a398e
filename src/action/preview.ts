/**
 * `mode: preview` (and `auto` on pull_request): compute what a publish would do, write nothing
 * to Confluence, and show it where reviewers look — one sticky PR comment, the job summary,
 * annotations on the PR's files. The preview is about what THIS pull request changes (its files
 * between the merge base and the head); drift a merge would publish anyway is listed apart. Problems
 * the PR brings, and conflicts on pages it changes, fail the check; drift never does.
 */
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import type { Config } from '../config/types.js';
import { createClientFactory } from '../config/client.js';
import { detectChanges, eventFromEnvironment } from '../git/changes.js';
import { filesAt } from '../git/files-at.js';
import type { ChangeSet } from '../git/types.js';
import { readPullRequest, runUrl, type PullRequestContext } from '../github/pull-request.js';
import { upsertStickyComment, type StickyResult } from '../github/sticky-comment.js';
import { loadState } from '../manifest/state.js';
import { emitAnnotations } from '../report/annotations.js';
import { secretsOf } from '../confluence/auth.js';
import { escapeHtml, safeHref } from '../report/escape.js';
import {
  blockingProblems,
  headline,
  previewMarker,
  isEmpty,
  isKept,
  renderPreviewComment,
  renderPreviewSummary,
  type PreviewModel,
} from '../report/preview.js';
import { buildPreview } from '../sync/preview.js';
import { getErrorMessage, type Diagnostic } from '../util/diagnostics.js';

import type { Logger } from '../util/log.js';

export async function runPreview(
  config: Config,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const pr = readPullRequest(env);
  const seen: Seen = {};
  try {
    await preview(config, log, env, pr, seen);
  } catch (error) {
    await previewFailed(config, log, env, pr, getErrorMessage(error), [], seen);
  }
}

/** What the preview learnt before it could fail: whether the pull request touches the docs at all. */
interface Seen {
  touchesDocs?: boolean;
}

function touchesDocs(changes: ChangeSet, docsDir: string): boolean | undefined {
  if (changes.kind !== 'incremental') return undefined;
  const under = (file: string): boolean => !docsDir || file === docsDir || file.startsWith(`${docsDir}/`);
  return [...changes.changed, ...changes.deleted, ...changes.renamed.flatMap((r) => [r.from, r.to])].some(
    under,
  );
}

async function preview(
  config: Config,
  log: Logger,
  env: NodeJS.ProcessEnv,
  pr: PullRequestContext | undefined,
  seen: Seen,
): Promise<void> {
  const client = createClientFactory(config, { log, onSecret: (s) => core.setSecret(s) });
  const state = config.token
    ? undefined
    : await log.group('Restore the manifest', () => loadState(config, 'actions-cache', log));
  const changes = await log.group('Detect changes in git', () =>
    detectChanges({ workspace: config.workspace, ...eventFromEnvironment(env), force: false, log }),
  );
  seen.touchesDocs = touchesDocs(changes, config.docsDir);
  const renames =
    changes.kind === 'incremental' ? changes.renamed.map(({ from, to }) => ({ from, to })) : undefined;

  // No credentials and no manifest (a Dependabot or fork PR on a cold cache): git tells which pages exist.
  const baseFiles =
    !config.token && !state?.known?.length && changes.kind === 'incremental'
      ? await filesAt(config.workspace, changes.from, log).catch((error: unknown) => {
          log.debug(`files at the merge base not listed: ${getErrorMessage(error)}`);
          return undefined;
        })
      : undefined;
  const model = await buildPreview({
    baseFiles,
    config,
    client,
    log,
    known: state?.known,
    renames,
    changes,
    headSha: pr?.headSha ?? env.GITHUB_SHA,
    sourceUrl: pr?.headSha
      ? `${(env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')}/${pr.owner}/${pr.repo}/blob/${pr.headSha}`
      : undefined,
    summaryUrl: runUrl(env),
  });
  // Confluence could not be read (unreachable, 401, wrong space…): there is no plan to show.
  const setup = model.diagnostics.find((d) => d.severity === 'error' && d.setting);
  if (setup) {
    await previewFailed(config, log, env, pr, setup.message, model.diagnostics, seen);
    return;
  }
  log.info(`preview: ${headline(model)}`);
  if (changes.kind === 'full')
    log.info(`the pull request's own changes are unknown (${changes.reason}): previewing the whole plan`);
  const pendingCount = model.pending?.entries.filter((e) => e.kind !== 'unchanged').length ?? 0;
  if (pendingCount > 0)
    log.info(`${pendingCount} more page change(s) are pending on merge, not from this pull request`);

  // Each problem once: the diagnostics, plus the conflicts from the page list (what the comment lists).
  const blocking = blockingProblems(model);
  const overflow = emitAnnotations(
    [...blocking, ...model.diagnostics.filter((d) => d.severity === 'notice')],
    {
      error: (m, p) => core.error(m, p),
      warning: (m, p) => core.warning(m, p),
      notice: (m, p) => core.notice(m, p),
    },
  );

  const comment = await postComment(config, model, pr, log);
  setPreviewOutputs(model);
  const notes: string[] = [];
  if (comment.action === 'not-posted')
    notes.push(`The pull-request comment could not be posted: ${comment.reason}.`);
  if (!pr) notes.push('Not a pull-request event: no comment was posted; this summary is the preview.');
  if (overflow.length)
    notes.push(`${overflow.length} more problem(s) than GitHub shows as annotations are listed above.`);
  try {
    await core.summary
      .addRaw(renderPreviewSummary(model), true)
      .addRaw(notes.map((n) => `<p>${escapeHtml(n)}</p>`).join(''), true)
      .write();
  } catch (error) {
    core.debug(`job summary not written: ${getErrorMessage(error)}`);
  }
  if (blocking.length > 0)
    core.setFailed(
      `cmsync preview: ${blocking.length} problem(s) would make this merge publish badly; see the annotations.`,
    );
}

/**
 * The preview could not be made (Confluence unreachable, refused credentials, a crash): the sticky
 * comment says so at this head, instead of showing an older preview as if it were current, and the
 * step fails. Secrets are taken out of the reason.
 */
async function previewFailed(
  config: Config,
  log: Logger,
  env: NodeJS.ProcessEnv,
  pr: PullRequestContext | undefined,
  message: string,
  diagnostics: Diagnostic[] = [],
  seen: Seen = {},
): Promise<void> {
  // A pull request that touches no docs has nothing to preview: an outage must not put a red
  // check and a new comment on it (an existing comment still says the preview failed).
  const quiet = seen.touchesDocs === false;
  const secrets = [
    ...secretsOf({ username: config.username, token: config.token }),
    ...(config.githubToken ? [config.githubToken] : []),
  ].filter((x) => x.length >= 4);
  const reason = secrets.reduce((text, secret) => text.split(secret).join('***'), message);
  const sha = (pr?.headSha ?? env.GITHUB_SHA ?? '').slice(0, 7);
  const at = sha ? ` at ${sha}` : '';
  const run = runUrl(env);
  emitAnnotations(
    diagnostics.length ? diagnostics : [{ severity: quiet ? 'warning' : 'error', message: reason }],
    {
      error: (m, p) => core.error(m, p),
      warning: (m, p) => core.warning(m, p),
      notice: (m, p) => core.notice(m, p),
    },
  );
  const marker = previewMarker(config.space, config.docsDir);
  const body = [
    marker,
    `### 📘 cmsync preview: ❌ the preview failed${at}`,
    '',
    `The preview could not be made, so there is no page list for this push: ${escapeHtml(reason.replace(/\r?\n/g, ' '))}`,
    '',
    `Nothing has been written to Confluence.${run ? ` Details are in the [run log](${safeHref(run) ?? ''}).` : ''} This comment is updated on every push.`,
  ].join('\n');
  if (pr) await upsertBody(config, pr, marker, quiet ? undefined : body, body, log);
  try {
    await core.summary
      .addRaw(`<h2>cmsync preview failed${escapeHtml(at)}</h2><p>${escapeHtml(reason)}</p>`, true)
      .write();
  } catch (error) {
    core.debug(`job summary not written: ${getErrorMessage(error)}`);
  }
  if (quiet) core.warning(`cmsync preview failed${at}, but this pull request changes no docs: ${reason}`);
  else core.setFailed(`cmsync preview failed${at}: ${reason}`);
}

async function upsertBody(
  config: Config,
  pr: PullRequestContext,
  marker: string,
  body: string | undefined,
  emptyBody: string,
  log: Logger,
): Promise<StickyResult> {
  if (!config.githubToken) return { action: 'not-posted', reason: 'no `github-token`' };
  const octokit = getOctokit(config.githubToken, {
    baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
  });
  return upsertStickyComment({
    octokit,
    target: { owner: pr.owner, repo: pr.repo, issueNumber: pr.number },
    marker,
    body,
    emptyBody,
    log,
  });
}

async function postComment(
  config: Config,
  model: PreviewModel,
  pr: PullRequestContext | undefined,
  log: Logger,
): Promise<StickyResult> {
  if (!pr) return { action: 'none' };
  const result = await upsertBody(
    config,
    pr,
    model.marker,
    isEmpty(model) ? undefined : renderPreviewComment(model),
    renderPreviewComment(model),
    log,
  );
  if (result.action === 'not-posted' && (pr.fromFork || pr.fromDependabot))
    return {
      action: 'not-posted',
      reason: `${pr.fromFork ? 'this pull request comes from a fork' : 'Dependabot opened this pull request'}, so GitHub gives the workflow a read-only token and no secrets; the preview is in this job summary instead`,
    };
  return result;
}

/** Counts of this pull request's changes (pending drift aside); a kept page is not deleted. */
function setPreviewOutputs(model: PreviewModel): void {
  const n = (k: string): string => String(model.entries.filter((e) => e.kind === k && !isKept(e)).length);
  core.setOutput('created', n('create'));
  core.setOutput('updated', n('update'));
  core.setOutput('moved', n('move'));
  core.setOutput(
    'unchanged',
    String(
      [...model.entries, ...(model.pending?.entries ?? [])].filter((e) => e.kind === 'unchanged').length,
    ),
  );
  core.setOutput('deleted', n('delete'));
  core.setOutput('conflicts', n('conflict'));
  core.setOutput('failed', n('error'));
  core.setOutput(
    'pages',
    JSON.stringify(
      model.entries.map((e) => ({
        path: e.path,
        id: e.pageId ?? null,
        title: e.title,
        url: e.url ?? null,
        action: isKept(e) ? 'skip' : e.kind,
      })),
    ),
  );
}
