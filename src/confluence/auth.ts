/**
 * The Authorization header, and the list of strings derived from the token that must be masked.
 */

export interface Credentials {
  /** Cloud account e-mail (or DC user name); empty for a Data Center personal access token. */
  username: string;
  token: string;
}

/**
 * `Basic base64(username:token)` when a username is given (Cloud API token, DC password),
 * otherwise `Bearer <token>` (Data Center personal access token).
 */
export function authorizationHeader(credentials: Credentials): string {
  if (credentials.username) {
    return `Basic ${Buffer.from(`${credentials.username}:${credentials.token}`, 'utf8').toString('base64')}`;
  }
  return `Bearer ${credentials.token}`;
}

/**
 * Every string that would reveal the token if it appeared in a log: the token itself, and for
 * Basic auth the header value and its base64 part (masking the token alone does not hide those).
 */
export function secretsOf(credentials: Credentials): string[] {
  if (!credentials.token) return [];
  const header = authorizationHeader(credentials);
  const secrets = [credentials.token];
  if (credentials.username) secrets.push(header, header.slice('Basic '.length));
  return secrets;
}
