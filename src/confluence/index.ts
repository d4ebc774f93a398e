/**
 * The Confluence client's public surface: import from here, not from the modules behind it.
 */
export { ConfluenceClient } from './client.js';
export type { ClientOptions, ClientLog, RequestEvent, RetryOptions } from './options.js';
export * from './types.js';
export * from './errors.js';
