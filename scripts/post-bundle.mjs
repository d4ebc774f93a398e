// ncc drops the executable bit; the CLI bundle is the package's `bin`.
import { chmodSync } from 'node:fs';
chmodSync('dist/cli/index.js', 0o755);
