// The one build config. Every output is a declared esbuild bundle:
//   dist/extension.js  the extension host for desktop VS Code (Node, CommonJS, `vscode` external)
//   dist/web.js        the same host for VS Code in the browser (vscode.dev, github.dev,
//                      Codespaces): platform browser, one file; it fails to build if the host
//                      reaches for a Node API
//   dist/lessons.js    the course content (lesson files and misconceptions) for the desktop
//                      host, which requires it on first use with a static `require('./lessons.js')`
//                      (see `lessonsBeside` below); dist/web.js bundles the same module in
//   dist/webview.js    the page (browser, IIFE) and dist/webview.css
//   dist/capture-view.js  the capture editor's page (browser, IIFE) and dist/capture-view.css
//   dist/labKernel.js  the kernel lab's child process (Node), started by the desktop host
//   dist/sim.js, course.js, capture.js, doctor.js, lab.js  the command-line tools (src/cli),
//                      which scripts/<name>.mjs run (scripts/lib/run-cli.mjs rebuilds one from
//                      this same declaration when its sources are newer)
// The learner text (src/i18n) is bundled into the hosts, the course (src/core/course/content)
// into dist/web.js and dist/lessons.js; nothing is generated beside them or read back from
// dist/ at run time.
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import vm from 'node:vm';
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

/**
 * The text catalogs that are plain data (every export a tree of strings, numbers, arrays and
 * objects) go into the hosts the same way, as JSON text: about 100 KB of object literals that
 * V8 would otherwise pre-parse on every activation. Each module is evaluated here, at build
 * time, and its exports written out as `export const NAME = JSON.parse("…")`; an export that
 * does not survive the JSON round trip unchanged (a function, undefined, a shared reference
 * that matters…) fails the build rather than changing behaviour.
 * @type {import('esbuild').Plugin}
 */
const catalogsAsJsonText = {
  name: 'catalogs-as-json-text',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]i18n[\\/](diagramText|ui|presets)\.ts$/ }, async (args) => {
      const compiled = await esbuild.build({ entryPoints: [args.path], bundle: true, write: false, format: 'cjs', platform: 'neutral', logLevel: 'silent', metafile: true });
      const mod = { exports: /** @type {Record<string, unknown>} */ ({}) };
      vm.runInThisContext(`(function (module, exports) {${compiled.outputFiles[0].text}\n})`, { filename: args.path })(mod, mod.exports);
      const lines = [];
      for (const [name, value] of Object.entries(mod.exports)) {
        const text = JSON.stringify(value);
        if (text === undefined || !isDeepStrictEqual(JSON.parse(text), value)) throw new Error(`${args.path}: export ${name} is not plain JSON data`);
        lines.push(`export const ${name} = JSON.parse(${JSON.stringify(text)});`);
      }
      return { contents: lines.join('\n'), loader: 'js', watchFiles: Object.keys(compiled.metafile.inputs).map((p) => resolve(root, p)) };
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

const CONTENT_INDEX = resolve(root, 'src/core/course/content/index.ts');

/**
 * The desktop host does not carry the course content (about 580 KB, most of the bundle):
 * V8 would scan it on every activation although only the course needs it. Its one module,
 * src/core/course/content/index.ts, is the entry of its own declared bundle, dist/lessons.js;
 * in dist/extension.js every import of it becomes `require("./lessons.js")`, a static
 * relative require that Node resolves beside the bundle, evaluated inside the lazily
 * initialised course modules. Nothing builds a path at run time or reads dist/ as a file, and
 * the module is bundled once (only into lessons.js). The browser host has no `require`, so
 * dist/web.js bundles the module in.
 * @type {import('esbuild').Plugin}
 */
const lessonsBeside = {
  name: 'lessons-beside',
  setup(build) {
    build.onResolve({ filter: /(^|\/)content(\/index(\.ts)?)?$/ }, (args) => {
      const target = resolve(args.resolveDir, args.path);
      return target === CONTENT_INDEX || `${target}.ts` === CONTENT_INDEX || resolve(target, 'index.ts') === CONTENT_INDEX ? { path: './lessons.js', external: true } : undefined;
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const host = { ...common, entryPoints: ['src/host/extension.ts'], format: 'cjs', external: ['vscode'], plugins: [questionIds, contentAsJsonText, catalogsAsJsonText] };

/** @type {import('esbuild').BuildOptions} */
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

/**
 * The command-line tools: plain Node programs, not minified (their stack traces stay
 * readable), each a declared bundle. Exported so scripts/lib/run-cli.mjs builds them from
 * this declaration.
 * @type {Record<string, import('esbuild').BuildOptions>}
 */
export const CLI_BUNDLES = Object.fromEntries(
  ['sim', 'course', 'capture', 'doctor', 'lab'].map((name) => [name, { ...node, minify: false, sourcemap: false, entryPoints: [`src/cli/${name}.ts`], outfile: `dist/${name}.js` }]),
);

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  { ...host, outfile: 'dist/extension.js', platform: 'node', target: 'node20', plugins: [lessonsBeside, ...host.plugins] },
  { ...node, entryPoints: ['src/core/course/content/index.ts'], outfile: 'dist/lessons.js', plugins: [contentAsJsonText] },
  // TCP_TUTOR_WEB leaves out what needs a local OS (the connection doctor) and its Node imports.
  { ...host, outfile: 'dist/web.js', platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'], define: { ...common.define, 'process.env.TCP_TUTOR_WEB': '"1"' } },
  { ...common, entryPoints: { webview: 'webview/main.ts' }, outdir: 'dist', platform: 'browser', format: 'iife', target: 'es2022' },
  { ...common, entryPoints: { webview: 'webview/style.css' }, outdir: 'dist' },
  // The capture editor (*.pcap, *.pcapng, *.cap) has a page of its own.
  { ...common, entryPoints: { 'capture-view': 'webview/capture/main.ts' }, outdir: 'dist', platform: 'browser', format: 'iife', target: 'es2022' },
  { ...common, entryPoints: { 'capture-view': 'webview/capture/style.css' }, outdir: 'dist' },
  // The kernel lab's child process (real sockets on 127.0.0.1), started by the desktop host on demand.
  { ...common, entryPoints: ['src/lab/kernel/main.ts'], outfile: 'dist/labKernel.js', platform: 'node', format: 'cjs', target: 'node20' },
  ...Object.values(CLI_BUNDLES),
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
  await Promise.all(builds.map((b) => esbuild.build(b)));
  checkCourse();
  console.error(`[build] ${production ? 'production' : 'development'} build done`);
}

// Imported by scripts/lib/run-cli.mjs for CLI_BUNDLES: build only when run as the script.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
