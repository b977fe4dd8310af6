// Builds the extension host (node, cjs, `vscode` external), the webview (browser) and its
// CSS, and the command-line tools. `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

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
    entryPoints: ['src/host/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // The course (content and lesson engine): required by the host on first use, not at activation.
    ...common,
    entryPoints: ['src/core/course/bundle.ts'],
    outfile: 'dist/lessons.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // The kernel lab's child process (real sockets on 127.0.0.1), started by the host on demand.
    ...common,
    entryPoints: ['src/host/lab/kernel/main.ts'],
    outfile: 'dist/labKernel.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
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

/**
 * Learner-facing text is data: each language's catalog (type-checked TypeScript under
 * src/i18n and src/sandbox) is written to dist/locale/<locale>.json, read on demand.
 */
async function writeCatalogs() {
  const result = await esbuild.build({ absWorkingDir: root, entryPoints: ['src/i18n/catalog.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, () => {
    throw new Error('the catalog must not require anything');
  });
  const { CATALOGS } = module.exports;
  await mkdir(new URL('../dist/locale', import.meta.url), { recursive: true });
  await Promise.all(
    Object.entries(CATALOGS).map(([locale, catalog]) => writeFile(new URL(`../dist/locale/${locale}.json`, import.meta.url), JSON.stringify(catalog))),
  );
}

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

/**
 * The course as Markdown, per language: dist/course/<locale>/index.json (lesson ids and
 * titles), course.md and <lesson id>.md. The "Export Course as Markdown" command only reads
 * these files, so the extension carries no lesson engine for it.
 */
async function writeCourseMarkdown() {
  const result = await esbuild.build({
    absWorkingDir: root,
    stdin: {
      contents: "export { COURSE } from './src/core/course/content/index'; export { courseMarkdown, lessonMarkdown } from './src/core/course/export';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  const { createRequire } = await import('node:module');
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  const { COURSE, courseMarkdown, lessonMarkdown } = module.exports;
  for (const locale of ['en', 'zh-cn']) {
    const dir = new URL(`../dist/course/${locale}/`, import.meta.url);
    await mkdir(dir, { recursive: true });
    const index = COURSE.lessons.map((l) => ({ id: l.id, title: l.title[locale] }));
    await writeFile(new URL('index.json', dir), JSON.stringify(index));
    await writeFile(new URL('course.md', dir), courseMarkdown(COURSE, locale));
    await Promise.all(COURSE.lessons.map((l) => writeFile(new URL(`${l.id}.md`, dir), `${lessonMarkdown(l, locale, COURSE)}\n`)));
  }
  // Every question id, so the status bar counts only cards of questions the course still has.
  const ids = COURSE.lessons.flatMap((l) => l.questions.map((q) => q.id));
  await writeFile(new URL('../dist/course/questions.json', import.meta.url), JSON.stringify(ids));
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
        build.onEnd(async (result) => {
          if (build.initialOptions.platform === 'node') await writeCatalogs().catch((error) => console.error(String(error)));
          console.error(`[build] rebuilt (${result.errors.length} errors)`);
        });
      },
    };
    const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...b, plugins: [announce] })));
    await Promise.all(contexts.map((c) => c.watch()));
    console.error('[build] watching for changes…');
    return;
  }
  checkCourse();
  await Promise.all([...builds.map((b) => esbuild.build(b)), writeCatalogs(), writeCourseMarkdown()]);
  console.error(`[build] ${production ? 'production' : 'development'} build done`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
