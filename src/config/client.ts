/**
 * Config → a lazily created Confluence client. Lazy because a run whose manifest says nothing
 * changed must make zero requests, and creating a client may probe the server (Cloud or DC?).
 */
import { ConfluenceClient } from '../confluence/client.js';
import type { ClientOptions } from '../confluence/options.js';
import type { ConfluenceApi, Flavor } from '../confluence/types.js';
import type { Logger } from '../util/log.js';
import type { Config } from './types.js';

export interface ClientFactoryOptions {
  log: Logger;
  /** Called with every secret the client derives (the Basic header), so the Action can mask it. */
  onSecret?: (secret: string) => void;
  /** Retry settings and the wait between retries (tests pass a wait that does not sleep). */
  retry?: ClientOptions['retry'];
  sleep?: ClientOptions['sleep'];
}

/** What an earlier run learnt about the server (from the manifest). */
export interface ClientHint {
  /** Cloud or Data Center as found last time; used only when `deployment` is `auto`. */
  flavor?: Flavor;
}

export function createClientFactory(
  config: Config,
  options: ClientFactoryOptions,
): (hint?: ClientHint) => Promise<ConfluenceApi> {
  let client: Promise<ConfluenceApi> | undefined;
  return (hint = {}) => {
    // Remembering the flavour saves the probe request that `auto` costs on a non-Atlassian host,
    // which would otherwise be the one read in a run that changed a single page.
    const deployment = config.deployment === 'auto' && hint.flavor ? hint.flavor : config.deployment;
    if (deployment !== config.deployment)
      options.log.debug(`Confluence flavour: ${deployment} (from the manifest)`);
    client ??= ConfluenceClient.create({
      baseUrl: config.confluenceUrl,
      username: config.username,
      token: config.token,
      deployment,
      concurrency: config.concurrency,
      onSecret: options.onSecret,
      log: options.log,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    return client;
  };
}
