// Builds the extension host (node, cjs, `vscode` external), the webview (browser) and its
// CSS, and the command-line tools. `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: { webview: 'webview/style.css' },
    outdir: 'dist',
    minify: production,
  },
];

async function main() {
  if (!watch) await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
  await mkdir(new URL('../dist', import.meta.url), { recursive: true });
  await mkdir(new URL('../build', import.meta.url), { recursive: true });
  if (watch) {
    /** @type {import('esbuild').Plugin} */
    const announce = {
      name: 'announce',
      setup(build) {
        build.onStart(() => console.error('[build] rebuilding'));
        build.onEnd((result) => console.error(`[build] rebuilt (${result.errors.length} errors)`));
      },
    };
    const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...b, plugins: [announce] })));
    await Promise.all(contexts.map((c) => c.watch()));
    console.error('[build] watching for changes…');
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.error(`[build] ${production ? 'production' : 'development'} build done`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
