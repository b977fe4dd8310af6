// `npm run sim -- file.tcp.json [--format ladder]`: runs dist/sim.js, first bundling
// src/cli/sim.ts into it (silently, with esbuild) when it is missing or older than any
// file under src/tcp or src/cli. Arguments and the exit code pass through; nothing but
// the CLI's own output reaches stdout.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'sim.js');

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.isFile()) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

async function ensureBuilt() {
  const sources = Math.max(newestMtime(join(root, 'src', 'tcp')), newestMtime(join(root, 'src', 'cli')));
  if (existsSync(out) && statSync(out).mtimeMs >= sources) return;
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/cli/sim.ts'],
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
  process.stderr.write(`sim: could not build dist/sim.js: ${message}\n`);
  process.exit(1);
}

const child = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
if (child.error) {
  process.stderr.write(`sim: could not run dist/sim.js: ${child.error.message}\n`);
  process.exit(1);
}
process.exit(child.status ?? 1);
