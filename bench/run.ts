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
for (const [name, fn] of sections) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`## ${name}`);
  for (const line of await fn()) console.log(line);
  console.log();
}
