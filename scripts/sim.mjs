// `npm run --silent sim -- file.tcp.json [--format ladder]`: runs the scenario runner
// (src/cli/sim.ts), bundled to dist/sim.js on first use or when its sources changed.
import { runBundledCli } from './lib/run-cli.mjs';

await runBundledCli({ name: 'sim', entry: 'src/cli/sim.ts', inputs: ['src/core', 'src/cli', 'scripts/sim.mjs', 'scripts/lib/run-cli.mjs'] });
