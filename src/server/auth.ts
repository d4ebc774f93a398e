/**
 * Credentials the server accepts. Cloud: `Authorization: Basic base64(email:token)`. Data Center:
 * `Authorization: Bearer <PAT>` (Basic `username:password` as well, as DC allows by default).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { UserRecord } from './model.js';
import type { ServerOptions } from './types.js';

export const DEFAULT_EMAIL = 'demo@example.com';
export const DEFAULT_TOKEN = 'demo-token';
export const DEFAULT_PAT = 'demo-pat';

/** Maps a request's headers to the user it authenticates as; `undefined` means 401. */
export type Authenticator = (headers: IncomingHttpHeaders) => UserRecord | undefined;

/** The user behind a Cloud e-mail address (stable account id derived from the address). */
export function userForEmail(email: string): UserRecord {
  const local = email.split('@')[0] || 'user';
  const displayName = local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  const slug = local.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return {
    accountId: `557058:${slug}-0000-4000-8000-000000000001`,
    userKey: `ff8080817${slug}`,
    username: local,
    displayName: displayName === 'Demo' ? 'Demo User' : displayName || 'User',
    email,
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createAuthenticator(
  flavor: 'cloud' | 'datacenter',
  auth: ServerOptions['auth'],
  defaultUser: UserRecord,
  register: (user: UserRecord) => UserRecord,
): Authenticator {
  if (auth === false) return () => defaultUser;
  const users = auth?.users ?? [{ email: DEFAULT_EMAIL, token: DEFAULT_TOKEN }];
  const pats = auth?.pats ?? [DEFAULT_PAT];
  const known = new Map(users.map((u) => [u.email, register(userForEmail(u.email))]));
  const anonymous = flavor === 'datacenter' && auth?.anonymous === true;
  const check: Authenticator = (headers) => {
    const header = headers.authorization ?? '';
    const [scheme, credentials = ''] = header.split(/\s+/, 2);
    // Cloud takes Bearer only for OAuth, which this server does not offer.
    if (/^bearer$/i.test(scheme) && flavor === 'datacenter') {
      return pats.some((p) => same(p, credentials)) ? defaultUser : undefined;
    }
    if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return undefined;
      const name = decoded.slice(0, colon);
      const secret = decoded.slice(colon + 1);
      const user = users.find((u) => same(u.email, name) && same(u.token, secret));
      return user ? known.get(user.email) : undefined;
    }
    return undefined;
  };
  return anonymous ? (headers) => check(headers) ?? ANONYMOUS : check;
}

/** Who Data Center serves a request as when anonymous access is on and the credentials are wrong. */
export const ANONYMOUS: UserRecord = {
  accountId: '',
  userKey: '',
  username: 'anonymous',
  displayName: 'Anonymous',
  email: '',
  anonymous: true,
};
