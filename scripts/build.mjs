// The one build config. Every output is a declared esbuild bundle:
//   dist/extension.js  the extension host for desktop VS Code (Node, CommonJS, `vscode` external):
//                      activation only (registrations, the status bar's review count), small
//   dist/features.js   the desktop host's features (src/host/features.ts), which activation
//                      requires on first use with a static `require('./features.js')`; the
//                      modules activation already holds it takes from dist/extension.js (see
//                      `fromStartup` below), so each module is in one bundle only
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
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { relative, resolve } from 'node:path';
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

const FEATURES_INDEX = resolve(root, 'src/host/features.ts');

/**
 * Activation (src/host/extension.ts) loads the features with `require('./features')`. In the
 * desktop build that import becomes `require("./features.js")`, the bundle beside it; the
 * browser build bundles the module in (it has no `require`).
 * @type {import('esbuild').Plugin}
 */
const featuresBeside = {
  name: 'features-beside',
  setup(build) {
    build.onResolve({ filter: /^\.\/features$/ }, (args) => (resolve(args.resolveDir, 'features.ts') === FEATURES_INDEX ? { path: './features.js', external: true } : undefined));
  },
};

/**
 * The features bundle takes every module that the startup bundle already holds (the text,
 * the status bar, the progress store, the ids...) from it, at run time, instead of carrying a
 * second copy: an import that resolves to one of those files becomes
 * `require('./extension.js').__startup["<path>"]`, the module's namespace, which the startup
 * bundle exports for exactly these files (see `startupEntry`). dist/extension.js is always
 * loaded first (it is what requires dist/features.js), so Node's module cache hands back the
 * same instance: one copy of each module, as in a single bundle.
 * @param {Set<string>} startupFiles absolute paths of the startup bundle's source files
 * @returns {import('esbuild').Plugin}
 */
function fromStartup(startupFiles) {
  return {
    name: 'from-startup',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData?.fromStartup) return undefined;
        const found = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { fromStartup: true } });
        if (found.errors.length > 0 || found.external || !startupFiles.has(found.path)) return undefined;
        return { path: relative(root, found.path).split('\\').join('/'), namespace: 'startup' };
      });
      build.onLoad({ filter: /.*/, namespace: 'startup' }, (args) => ({ contents: `module.exports = require('./extension.js').__startup[${JSON.stringify(args.path)}];`, loader: 'js', resolveDir: root }));
    },
  };
}

/**
 * The startup bundle's entry: src/host/extension.ts, plus `__startup`, the namespaces of its
 * other modules, for dist/features.js to take (`fromStartup`).
 * @param {string[]} files paths relative to the root
 */
function startupEntry(files) {
  const imports = files.map((f, i) => `import * as m${i} from ${JSON.stringify(`./${f}`)};`);
  const table = files.map((f, i) => `  ${JSON.stringify(f)}: m${i},`);
  return [`export * from './src/host/extension.ts';`, ...imports, `export const __startup = {\n${table.join('\n')}\n};`].join('\n');
}

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

/** @type {import('esbuild').BuildOptions} */
const LESSONS_BUILD = { ...node, entryPoints: ['src/core/course/content/index.ts'], outfile: 'dist/lessons.js', plugins: [contentAsJsonText] };

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  LESSONS_BUILD,
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

/** The source files of dist/lessons.js (its build declared in `builds`). */
async function lessonsSources() {
  const r = await esbuild.build({ ...LESSONS_BUILD, write: false });
  return sourcesOf(r.metafile);
}

/** The desktop host: dist/extension.js (activation) and dist/features.js (the rest), built in that order. */
const startupOptions = { ...host, outfile: 'dist/extension.js', platform: 'node', target: 'node20', plugins: [featuresBeside, lessonsBeside, ...host.plugins] };

/** Source files of a build's metafile (absolute), without esbuild's virtual ones. */
function sourcesOf(metafile) {
  return Object.keys(metafile.inputs)
    .filter((p) => !p.includes(':'))
    .map((p) => resolve(root, p));
}

/**
 * Builds dist/extension.js and dist/features.js. The startup bundle is built once to learn
 * its files, then again exporting their namespaces; the features bundle takes those files
 * from it. Fails if any source file ends up in both (or in dist/lessons.js as well).
 * @param {string[]} lessonsFiles the source files of dist/lessons.js
 */
async function buildDesktopHost(lessonsFiles) {
  const probe = await esbuild.build({ ...startupOptions, write: false });
  const entry = resolve(root, 'src/host/extension.ts');
  const files = sourcesOf(probe.metafile).filter((p) => p !== entry);
  const rel = files.map((p) => relative(root, p).split('\\').join('/'));
  const rest = { ...startupOptions };
  delete rest.entryPoints;
  const startup = await esbuild.build({ ...rest, stdin: { contents: startupEntry(rel), resolveDir: root, sourcefile: 'startup-entry.js', loader: 'js' } });
  const startupFiles = new Set(sourcesOf(startup.metafile));
  const features = await esbuild.build({
    ...host,
    entryPoints: ['src/host/features.ts'],
    outfile: 'dist/features.js',
    platform: 'node',
    target: 'node20',
    external: ['vscode', './extension.js'],
    plugins: [fromStartup(startupFiles), lessonsBeside, ...host.plugins],
  });
  const seen = new Map();
  const bundles = [['dist/extension.js', [...startupFiles]], ['dist/features.js', sourcesOf(features.metafile)], ['dist/lessons.js', lessonsFiles]];
  for (const [name, list] of bundles) {
    for (const f of list) {
      if (seen.has(f)) throw new Error(`${relative(root, f)} is bundled twice: in ${seen.get(f)} and in ${name}`);
      seen.set(f, name);
    }
  }
  // What each desktop bundle holds, for test/unit/host/activation.test.ts (not shipped).
  const listing = Object.fromEntries(bundles.map(([name, list]) => [name, list.map((f) => relative(root, f).split('\\').join('/')).sort()]));
  await writeFile(new URL('../build/desktop-bundles.json', import.meta.url), `${JSON.stringify(listing, null, 2)}\n`);
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
    // The desktop host is two bundles built in order: a context that writes nothing watches
    // everything they import and rebuilds both after each change.
    /** @type {import('esbuild').Plugin} */
    const rebuildDesktop = {
      name: 'rebuild-desktop-host',
      setup(build) {
        build.onEnd(async (result) => {
          if (result.errors.length > 0) return;
          try {
            await buildDesktopHost(await lessonsSources());
            console.error('[build] rebuilt dist/extension.js and dist/features.js');
          } catch (error) {
            console.error(`[build] ${error instanceof Error ? error.message : error}`);
          }
        });
      },
    };
    contexts.push(await esbuild.context({ ...host, entryPoints: ['src/host/extension.ts', 'src/host/features.ts'], outdir: 'dist/.watch', write: false, platform: 'node', plugins: [...host.plugins, rebuildDesktop] }));
    await Promise.all(contexts.map((c) => c.watch()));
    console.error('[build] watching for changes…');
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
  await buildDesktopHost(await lessonsSources());
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
