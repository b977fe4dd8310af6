// `npm run --silent capture -- FILE [--json]`: reads a pcap or pcapng capture and prints its
// TCP connections with both endpoints' states (src/cli/capture.ts), bundled to
// dist/capture.js on first use or when its sources changed.
import { runBundledCli } from './lib/run-cli.mjs';

await runBundledCli({ name: 'capture', entry: 'src/cli/capture.ts', inputs: ['src/core', 'src/cli', 'scripts/capture.mjs', 'scripts/lib/run-cli.mjs'] });
