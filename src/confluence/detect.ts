/**
 * Cloud or Data Center? An explicit setting wins; an Atlassian host is Cloud; anything else is
 * asked once whether it has the v2 API (Data Center has none).
 */
import { ConfluenceError } from './errors.js';
import type { HttpClient } from './http.js';
import type { ClientLog } from './options.js';
import type { Flavor } from './types.js';
import { isCloudHost } from './url.js';

/** The decision that needs no request, or `undefined` when only a probe can tell. */
export function flavorWithoutProbe(
  deployment: 'auto' | Flavor,
  baseUrl: string,
): { flavor: Flavor; why: string } | undefined {
  if (deployment !== 'auto') return { flavor: deployment, why: `deployment is set to ${deployment}` };
  const host = new URL(baseUrl).hostname;
  if (isCloudHost(host)) return { flavor: 'cloud', why: `${host} is an Atlassian Cloud host` };
  return undefined;
}

/**
 * What a probe of `GET {base}/api/v2/spaces?limit=1` means: the v2 API answers (200), or exists
 * but refuses us (401/403) → Cloud; 404 → no v2 API → Data Center. Anything else is unclear.
 */
export function flavorFromProbe(status: number): Flavor | undefined {
  if (status === 200 || status === 401 || status === 403) return 'cloud';
  if (status === 404) return 'datacenter';
  return undefined;
}

/** Decide the flavour, probing at most once, and say in the debug log what was decided and why. */
export async function detectFlavor(input: {
  deployment: 'auto' | Flavor;
  http: HttpClient;
  log: ClientLog;
}): Promise<Flavor> {
  const { http, log } = input;
  const known = flavorWithoutProbe(input.deployment, http.baseUrl);
  if (known) {
    log.debug(`Confluence flavour: ${known.flavor} (${known.why})`);
    return known.flavor;
  }
  const spec = { method: 'GET', kind: 'GET space', api: 'v2', path: '/spaces', query: { limit: 1 } } as const;
  const status = await http.status(spec);
  const flavor = flavorFromProbe(status);
  if (!flavor) {
    throw new ConfluenceError({
      status,
      method: 'GET',
      path: new URL(http.urlOf(spec)).pathname,
      message: `Could not tell whether ${http.baseUrl} is Confluence Cloud or Data Center (GET …/api/v2/spaces answered HTTP ${status}); set deployment to cloud or datacenter`,
    });
  }
  log.debug(
    `Confluence flavour: ${flavor} (GET ${new URL(http.urlOf(spec)).pathname} answered HTTP ${status}: ` +
      `${flavor === 'cloud' ? 'the v2 API exists' : 'no v2 API, so Data Center'})`,
  );
  return flavor;
}
