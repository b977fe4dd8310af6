/**
 * Sizes of what ships and the cost of activation. Activation is measured in fresh Node
 * processes (so the bundle is really loaded from disk each time), with the `vscode` stub.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BenchRow } from './types';

const ROOT = join(__dirname, '..');
const KB = 1024;

function size(file: string): number {
  const path = join(ROOT, file);
  if (!existsSync(path)) throw new Error(`${file} is missing: run npm run package first`);
  return statSync(path).size;
}

function sizeRow(metric: string, file: string, limitKb: number): BenchRow {
  const bytes = size(file);
  return { metric, value: `${(bytes / KB).toFixed(1)} KB`, target: `≤ ${limitKb} KB`, ok: bytes <= limitKb * KB };
}

/**
 * Runs in a plain Node process (no TypeScript loader, whose require hook would be timed
 * too): the stub is compiled to JavaScript first, then the bundle is required and activated.
 */
const ACTIVATE_SNIPPET = (stub: string) => `
const { makeContext, makeVscodeStub, withVscodeStub } = require(${JSON.stringify(stub)});
const { api, recorded } = makeVscodeStub();
const t0 = process.hrtime.bigint();
withVscodeStub(api, () => {
  const ext = require('./dist/extension.js');
  ext.activate(makeContext(process.cwd(), recorded));
});
const t1 = process.hrtime.bigint();
process.stdout.write(String(Number(t1 - t0) / 1e6));
`;

/** The first time a learner opens the course: the lesson bundle loaded, progress read, the map and a lesson drawn. */
const COURSE_SNIPPET = `
const t0 = process.hrtime.bigint();
const lessons = require('./dist/lessons.js');
const progress = lessons.loadProgress(undefined);
const player = new lessons.CoursePlayer(lessons.COURSE, progress.ok ? progress.progress : lessons.emptyProgress());
const now = Date.now();
player.model('en', now);
player.handle({ type: 'course/open', lesson: lessons.COURSE.lessons[1].id }, now);
player.model('en', now);
player.sandboxModel('en', null, null);
const t1 = process.hrtime.bigint();
process.stdout.write(String(Number(t1 - t0) / 1e6));
`;

function medianOfRuns(snippet: string, runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(Number(execFileSync(process.execPath, ['-e', snippet], { cwd: ROOT, encoding: 'utf8' })));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export default async function bench(): Promise<BenchRow[]> {
  const rows = [
    sizeRow('dist/extension.js', 'dist/extension.js', 150),
    sizeRow('webview bundle (js + css)', 'dist/webview.js', 350),
    sizeRow('VSIX', 'build/tcp-tutor.vsix', 1024),
    sizeRow('dist/lessons.js (course and engine, loaded when the course is first shown)', 'dist/lessons.js', 600),
  ];
  // The webview row counts the CSS too.
  const webview = size('dist/webview.js') + size('dist/webview.css');
  rows[1] = { ...rows[1], value: `${(webview / KB).toFixed(1)} KB`, ok: webview <= 350 * KB };

  const stub = join(mkdtempSync(join(tmpdir(), 'tcp-tutor-bench-')), 'vscodeStub.cjs');
  await build({ entryPoints: [join(ROOT, 'test', 'support', 'vscodeStub.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: stub, logLevel: 'warning' });
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const out = execFileSync(process.execPath, ['-e', ACTIVATE_SNIPPET(stub)], { cwd: ROOT, encoding: 'utf8' });
    runs.push(Number(out));
  }
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)];
  rows.push({ metric: 'activation (require + activate in plain Node, median of 7 cold processes)', value: `${median.toFixed(2)} ms`, target: '< 10 ms', ok: median < 10 });
  const course = medianOfRuns(COURSE_SNIPPET);
  rows.push({ metric: 'course first shown (load dist/lessons.js, read progress, draw the map, open lesson 2)', value: `${course.toFixed(1)} ms`, target: '< 100 ms', ok: course < 100 });
  return rows;
}
