/** Entry point of the bundled Action (dist/index.js). */
import * as core from '@actions/core';
import { run } from './action/run.js';
import { getErrorMessage } from './util/diagnostics.js';

try {
  await run();
} catch (error) {
  core.setFailed(`cmsync crashed: ${getErrorMessage(error)}`);
}
