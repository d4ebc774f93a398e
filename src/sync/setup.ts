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
      `could not reach Confluence at ${config.confluenceUrl} (${error.code ?? error.confluenceMessage ?? 'no response'}): ${networkHint(error.code)}`,
    );
  return undefined;
}

/** What to do about a network failure, by its code: a name, a certificate, or a host that does not answer. */
function networkHint(code: string | undefined): string {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return 'the host name does not resolve: check `confluence-url`, and that the runner can resolve it (a self-hosted runner for an intranet Confluence)';
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/i.test(code))
    return "the server's TLS certificate is not trusted: give the runner your company's CA with the NODE_EXTRA_CA_CERTS environment variable";
  return 'check `confluence-url` and that the runner can reach it (firewall, VPN, a self-hosted runner for an intranet Confluence)';
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
      `space "${config.space}" was not found at ${config.confluenceUrl} (or this user cannot see it): set \`space\` to the space key shown in the space's URL${urlPathHint(config.confluenceUrl)}`,
    ),
  );
}

/** A URL without a path is the usual reason why nothing is found: Cloud needs `/wiki`, Data Center often a context path. */
function urlPathHint(url: string): string {
  let pathname = '';
  try {
    pathname = new URL(url).pathname;
  } catch {
    return '';
  }
  return pathname === '/' || pathname === ''
    ? '; if the key is right, `confluence-url` may lack its path (Cloud: https://<site>.atlassian.net/wiki; Data Center: the context path, e.g. /confluence)'
    : '';
}

export function tokenServedAsAnonymous(config: Config): SetupError {
  return new SetupError(
    problem(
      'token',
      `Confluence at ${config.confluenceUrl} treats the token as an anonymous visitor, who cannot see space ${config.space}: the personal access token is wrong, expired or revoked (Data Center with anonymous access answers so instead of refusing it). Create a new PAT for a user who may edit the space`,
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
