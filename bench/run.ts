/** `npm run bench`: every benchmark, printed as figures and ratios against their limits. */
import { benchConvert } from './convert.js';
import { benchIncremental } from './incremental.js';
import { benchPublish } from './publish.js';

const sections: [string, () => Promise<string[]>][] = [
  ['publish', () => benchPublish()],
  ['conversion', () => benchConvert()],
  ['incremental', () => benchIncremental()],
];

const only = process.argv.slice(2);
const missed: string[] = [];
for (const [name, fn] of sections) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`## ${name}`);
  for (const line of await fn()) {
    console.log(line);
    // Every target line ends in a verdict; a missed one fails the command, not just the eye.
    if (/\b(MISSED|FAIL|RUN FAILED)\b/.test(line)) missed.push(`${name}: ${line.trim()}`);
  }
  console.log();
}
if (missed.length) {
  console.log(`${missed.length} target(s) missed:\n${missed.join('\n')}`);
  process.exitCode = 1;
}
