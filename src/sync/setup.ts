/**
 * Failures that are about a setting rather than a page — wrong URL, wrong token, unknown space,
 * unknown parent page — turned into one error naming the setting and what to do, so the user
 * fixes the input instead of reading a stack of identical page failures.
 */
import { ConfluenceError } from '../confluence/errors.js';
import type { Config } from '../config/types.js';
import { getErrorMessage, type Diagnostic } from '../util/diagnostics.js';

/** Thrown by the engine's setup reads; carries the diagnostic the report shows. */
export class SetupError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = 'SetupError';
  }
}

const problem = (setting: string, message: string): Diagnostic => ({ severity: 'error', setting, message });

/** The setting an error is about (credentials, URL), or undefined when it is about something else. */
export function settingProblem(error: unknown, config: Config): Diagnostic | undefined {
  if (error instanceof SetupError) return error.diagnostic;
  if (!(error instanceof ConfluenceError)) return undefined;
  if (error.kind === 'auth')
    return problem(
      'token',
      `Confluence at ${config.confluenceUrl} refused the credentials (HTTP ${error.status}): check \`token\`${config.username ? ' and `username`' : ' (without `username` it is sent as a Data Center personal access token)'}, and that this user may view and edit space ${config.space}`,
    );
  if (error.kind === 'network')
    return problem(
      'confluence-url',
      `could not reach Confluence at ${config.confluenceUrl} (${error.confluenceMessage ?? 'no response'}): check \`confluence-url\` and that the runner can reach it`,
    );
  return undefined;
}

/** Any failure of a setup read, as one diagnostic (`setting` names where to look). */
export function setupProblem(error: unknown, config: Config, during: string): Diagnostic {
  return (
    settingProblem(error, config) ??
    problem(
      'confluence-url',
      `${during} failed: ${getErrorMessage(error)}; check \`confluence-url\` and that Confluence is available`,
    )
  );
}

export function spaceNotFound(config: Config): SetupError {
  return new SetupError(
    problem(
      'space',
      `space "${config.space}" was not found at ${config.confluenceUrl} (or this user cannot see it): set \`space\` to the space key shown in the space's URL`,
    ),
  );
}

export function parentNotFound(config: Config): SetupError {
  return new SetupError(
    problem(
      'parent-page-id',
      `page ${config.parentPageId} was not found in Confluence (or this user cannot see it): set \`parent-page-id\` to the number in the parent page's URL`,
    ),
  );
}

export function parentInOtherSpace(config: Config): SetupError {
  return new SetupError(
    problem(
      'parent-page-id',
      `page ${config.parentPageId} is not in space ${config.space}: set \`parent-page-id\` to a page of that space, or \`space\` to the page's space`,
    ),
  );
}
