/**
 * The only place that reads Action inputs. Masks the token before anything can log it.
 */
import * as core from '@actions/core';
import { buildConfig, SETTINGS, type RawSettings } from './settings.js';
import type { Config } from './types.js';

export function parseInputs(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: RawSettings = {};
  for (const name of SETTINGS) {
    const value = core.getInput(name);
    if (value !== '') raw[name] = value;
  }
  // Mask before validation so that even an error message quoting a value cannot leak it.
  if (raw.token) core.setSecret(raw.token);
  if (raw['github-token']) core.setSecret(raw['github-token']);
  return buildConfig(raw, {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    eventName: env.GITHUB_EVENT_NAME,
  });
}
