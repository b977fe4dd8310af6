// `npm run --silent course -- --json [--locale en|zh-cn]`: runs dist/course.js, first bundling
// src/cli/course.ts into it (silently, with esbuild) when it is missing or older than any file
// it is built from (src/lessons, src/tcp, src/cli/course.ts, schemas/lesson.schema.json).
// Arguments and the exit code pass through; nothing but the CLI's own output reaches stdout.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'course.js');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) newest = Math.max(newest, newestMtime(join(path, entry.name)));
  return newest;
}

async function ensureBuilt() {
  const inputs = ['src/lessons', 'src/tcp', 'src/cli/course.ts', 'schemas/lesson.schema.json', 'scripts/course.mjs'];
  const sources = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  if (existsSync(out) && statSync(out).mtimeMs >= sources) return;
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/cli/course.ts'],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    legalComments: 'none',
  });
}

try {
  await ensureBuilt();
} catch (error) {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stderr.write(`course: could not build dist/course.js: ${message}\n`);
  process.exit(1);
}

const child = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
if (child.error) {
  process.stderr.write(`course: could not run dist/course.js: ${child.error.message}\n`);
  process.exit(1);
}
process.exit(child.status ?? 1);
