/**
 * The Markdown → Confluence storage converter. See `types.ts` for the contract and README
 * ("Supported Markdown and how it renders in Confluence") for what each construct becomes.
 */
export { parseDocument } from './parse.js';
export { toStorage } from './to-storage.js';
export { documentAnchors } from './anchors.js';
export { SUPPORTED_HTML_ELEMENTS } from './html/policy.js';
export type * from './types.js';

/** Bump when the output changes for the same input: every page is then rewritten once. */
export const CONVERTER_VERSION = '3';
