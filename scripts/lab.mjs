// `npm run --silent lab -- (--list | NAME) [--json]`: the kernel lab (src/cli/lab.ts), bundled
// to dist/lab.js on first use or when its sources changed.
import { runBundledCli } from './lib/run-cli.mjs';

await runBundledCli({ name: 'lab', entry: 'src/cli/lab.ts', inputs: ['src/core', 'src/lab', 'src/cli', 'scripts/lab.mjs', 'scripts/lib/run-cli.mjs'] });
