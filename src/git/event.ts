import { readFileSync } from 'node:fs';
import type { DetectOptions } from './types.js';

/** The fields of the triggering GitHub event that change detection uses. */
export type EventFields = Pick<
  DetectOptions,
  'eventName' | 'before' | 'after' | 'forced' | 'baseSha' | 'headSha'
>;

/**
 * Reads the GitHub event (`GITHUB_EVENT_NAME`, and the JSON payload at `GITHUB_EVENT_PATH`) into
 * DetectOptions fields. Fields the payload lacks are left out rather than set to undefined, so the
 * result can be spread over defaults. A missing or unreadable payload yields just the event name;
 * detection then answers `full` and says what was missing.
 */
export function eventFromEnvironment(env: NodeJS.ProcessEnv): EventFields {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const fields: EventFields = { eventName };
  if (eventName === 'push') {
    assign(fields, 'before', text(payload.before));
    assign(fields, 'after', text(payload.after) ?? text(env.GITHUB_SHA));
    if (typeof payload.forced === 'boolean') fields.forced = payload.forced;
  } else if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const pullRequest = record(payload.pull_request);
    assign(fields, 'baseSha', text(record(pullRequest.base).sha));
    assign(fields, 'headSha', text(record(pullRequest.head).sha));
  }
  return fields;
}

function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  try {
    return record(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return {};
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function assign<K extends 'before' | 'after' | 'baseSha' | 'headSha'>(
  fields: EventFields,
  key: K,
  value: string | undefined,
): void {
  if (value !== undefined) fields[key] = value;
}
