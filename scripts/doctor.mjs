// `npm run --silent doctor -- [FILE | -] [--json] [--state NAME]`: the connection doctor
// (src/cli/doctor.ts), bundled to dist/doctor.js on first use or when its sources changed.
import { runBundledCli } from './lib/run-cli.mjs';

await runBundledCli({ name: 'doctor', entry: 'src/cli/doctor.ts', inputs: ['src/core', 'src/cli', 'src/i18n', 'src/node', 'scripts/doctor.mjs', 'scripts/lib/run-cli.mjs'] });
