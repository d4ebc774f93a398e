#!/usr/bin/env node
/** Entry point of the CLI bundle (dist/cli/index.js, `npx cmsync`). */
import { runServerCommand } from '../server/cli.js';
import { getErrorMessage } from '../util/diagnostics.js';
import { parseCliArgs, USAGE } from './args.js';
import { demoCommand } from './demo.js';
import { publishCommand } from './publish.js';

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv, process.env);
  if (args.help || args.command === 'help' || args.command === '--help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  switch (args.command) {
    case 'publish':
      return publishCommand(args, false);
    case 'plan':
      return publishCommand(args, true);
    case 'demo':
      return demoCommand(args);
    case 'server':
      await runServerCommand(args.rest);
      return 0;
    default:
      process.stderr.write(`unknown command "${args.command}"\n\n${USAGE}\n`);
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`cmsync: ${getErrorMessage(error)}\n`);
  process.exitCode = 1;
}
