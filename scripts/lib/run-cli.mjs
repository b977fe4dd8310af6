// Runs one of the project's command-line tools (src/cli/*.ts) from its bundle in dist/,
// bundling it first (silently, with esbuild) when the bundle is missing or older than any of
// its inputs. Arguments and the exit code pass through; nothing but the tool's own output
// reaches stdout, so `npm run --silent NAME -- ...` can be piped.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) newest = Math.max(newest, newestMtime(join(path, entry.name)));
  return newest;
}

/**
 * @param {{ name: string, entry: string, inputs: string[] }} tool `entry` is the TypeScript
 *   source (relative to the repository), `inputs` the files and folders it is built from.
 */
export async function runBundledCli({ name, entry, inputs }) {
  const out = join(root, 'dist', `${name}.js`);
  try {
    const sources = inputs.reduce((newest, p) => Math.max(newest, newestMtime(join(root, p))), -Infinity);
    if (!existsSync(out) || statSync(out).mtimeMs < sources) {
      const esbuild = await import('esbuild');
      await esbuild.build({
        absWorkingDir: root,
        entryPoints: [entry],
        outfile: out,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        logLevel: 'silent',
        legalComments: 'none',
      });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`${name}: could not build dist/${name}.js: ${message}\n`);
    process.exit(1);
  }
  const child = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (child.error) {
    process.stderr.write(`${name}: could not run dist/${name}.js: ${child.error.message}\n`);
    process.exit(1);
  }
  process.exit(child.status ?? 1);
}
