// The one build config. Every output is a declared esbuild bundle:
//   dist/extension.js  the extension host for desktop VS Code (Node, CommonJS, `vscode` external)
//   dist/web.js        the same host for VS Code in the browser (vscode.dev, github.dev,
//                      Codespaces): platform browser, one file; it fails to build if the host
//                      reaches for a Node API
//   dist/webview.js    the page (browser, IIFE) and dist/webview.css
//   dist/capture-view.js  the capture editor's page (browser, IIFE) and dist/capture-view.css
//                      (dist/capture.js is the capture CLI's bundle)
// The learner text (src/i18n) and the course (src/core/course/content) are bundled into the
// hosts; nothing is generated beside them or read back from dist/ at run time.
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

/**
 * The status bar counts review cards of questions the course still has, at activation; the
 * lessons themselves are evaluated only when the course is first shown. This replaces the
 * module that computes the question ids from the course by the list itself, read from the
 * lesson files at build time (the module's own code does the same under tests).
 * @type {import('esbuild').Plugin}
 */
const questionIds = {
  name: 'question-ids',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]core[\\/]course[\\/]content[\\/]questionIds\.ts$/ }, async () => {
      const dir = new URL('../src/core/course/content/', import.meta.url);
      const files = (await readdir(dir)).filter((f) => /^\d\d-.*\.json$/.test(f)).sort();
      const ids = [];
      for (const f of files) {
        const lesson = JSON.parse(await readFile(new URL(f, dir), 'utf8'));
        for (const q of lesson.questions ?? []) ids.push(q.id);
      }
      return { contents: `export const QUESTION_IDS = ${JSON.stringify(ids)};`, loader: 'js', watchFiles: files.map((f) => fileURLToPath(new URL(f, dir))) };
    });
  },
};

/**
 * The lesson files go into the bundle as JSON text parsed on first use: a string literal
 * costs the JavaScript engine far less to load than the same data as an object literal.
 * @type {import('esbuild').Plugin}
 */
const contentAsJsonText = {
  name: 'content-as-json-text',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]core[\\/]course[\\/]content[\\/][^\\/]+\.json$/ }, async (args) => {
      const text = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')));
      return { contents: `module.exports = JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

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

/** @type {import('esbuild').BuildOptions} */
const host = { ...common, entryPoints: ['src/host/extension.ts'], format: 'cjs', external: ['vscode'], plugins: [questionIds, contentAsJsonText] };

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  { ...host, outfile: 'dist/extension.js', platform: 'node', target: 'node20' },
  // TCP_TUTOR_WEB leaves out what needs a local OS (the connection doctor) and its Node imports.
  { ...host, outfile: 'dist/web.js', platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'], define: { ...common.define, 'process.env.TCP_TUTOR_WEB': '"1"' } },
  { ...common, entryPoints: { webview: 'webview/main.ts' }, outdir: 'dist', platform: 'browser', format: 'iife', target: 'es2022' },
  { ...common, entryPoints: { webview: 'webview/style.css' }, outdir: 'dist' },
  // The capture editor (*.pcap, *.pcapng, *.cap) has a page of its own.
  { ...common, entryPoints: { 'capture-view': 'webview/capture/main.ts' }, outdir: 'dist', platform: 'browser', format: 'iife', target: 'es2022' },
  { ...common, entryPoints: { 'capture-view': 'webview/capture/style.css' }, outdir: 'dist' },
  // The kernel lab's child process (real sockets on 127.0.0.1), started by the desktop host on demand.
  { ...common, entryPoints: ['src/lab/kernel/main.ts'], outfile: 'dist/labKernel.js', platform: 'node', format: 'cjs', target: 'node20' },
];

/**
 * The course content is validated as part of the build: schema, ids, answers, both
 * languages, and every scenario run in the simulator. A broken lesson file fails the build
 * with its file and field named.
 */
function checkCourse() {
  const r = spawnSync(process.execPath, ['scripts/course.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`course content check failed:\n${(r.stdout + r.stderr).trim()}`);
  }
}

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
    const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...b, plugins: [...(b.plugins ?? []), announce] })));
    await Promise.all(contexts.map((c) => c.watch()));
    console.error('[build] watching for changes…');
    return;
  }
  checkCourse();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.error(`[build] ${production ? 'production' : 'development'} build done`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
