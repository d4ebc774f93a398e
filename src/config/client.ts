/**
 * Config → a lazily created Confluence client. Lazy because a run whose manifest says nothing
 * changed must make zero requests, and creating a client may probe the server (Cloud or DC?).
 */
import { ConfluenceClient } from '../confluence/client.js';
import type { ConfluenceApi } from '../confluence/types.js';
import type { Logger } from '../util/log.js';
import type { Config } from './types.js';

export interface ClientFactoryOptions {
  log: Logger;
  /** Called with every secret the client derives (the Basic header), so the Action can mask it. */
  onSecret?: (secret: string) => void;
}

export function createClientFactory(
  config: Config,
  options: ClientFactoryOptions,
): () => Promise<ConfluenceApi> {
  let client: Promise<ConfluenceApi> | undefined;
  return () => {
    client ??= ConfluenceClient.create({
      baseUrl: config.confluenceUrl,
      username: config.username,
      token: config.token,
      deployment: config.deployment,
      concurrency: config.concurrency,
      onSecret: options.onSecret,
      log: options.log,
    });
    return client;
  };
}
