// `npm run --silent course -- --json [--locale en|zh-cn]` (or `--check`): runs the course
// tool (src/cli/course.ts), bundled to dist/course.js on first use or when its sources changed.
import { runBundledCli } from './lib/run-cli.mjs';

await runBundledCli({
  name: 'course',
  entry: 'src/cli/course.ts',
  inputs: ['src/core', 'src/i18n', 'src/cli/course.ts', 'schemas/lesson.schema.json', 'scripts/course.mjs', 'scripts/lib/run-cli.mjs'],
});
