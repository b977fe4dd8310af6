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
const ACTIVATE_SNIPPET = (stub: string, main = './dist/extension.js') => `
const { makeContext, makeVscodeStub, withVscodeStub } = require(${JSON.stringify(stub)});
const { api, recorded } = makeVscodeStub();
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
withVscodeStub(api, () => {
  const ext = require(${JSON.stringify(main)});
  if (ext.activate) ext.activate(makeContext(process.cwd(), recorded));
});
const t1 = process.hrtime.bigint();
const c1 = process.cpuUsage(c0);
process.stdout.write(JSON.stringify([Number(t1 - t0) / 1e6, (c1.user + c1.system) / 1e3]));
`;

/**
 * The first time a learner opens the course, after activation: the side view resolves (which
 * loads dist/features.js), its page says it is ready, and the host evaluates the course,
 * reads progress, and posts the map.
 */
const COURSE_SNIPPET = (stub: string) => `
const { makeContext, makeVscodeStub, openSideView, withVscodeStub } = require(${JSON.stringify(stub)});
const { api, recorded } = makeVscodeStub();
withVscodeStub(api, () => require('./dist/extension.js').activate(makeContext(process.cwd(), recorded)));
const t0 = process.hrtime.bigint();
const view = openSideView(recorded);
view.send({ type: 'ready' });
view.next('course').then(() => {
  const t1 = process.hrtime.bigint();
  process.stdout.write(String(Number(t1 - t0) / 1e6));
});
`;

function mid(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

function medianOfRuns(snippet: string, runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(Number(execFileSync(process.execPath, ['-e', snippet], { cwd: ROOT, encoding: 'utf8' })));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export default async function bench(): Promise<BenchRow[]> {
  const rows = [
    sizeRow('dist/extension.js (desktop host, activation: registrations, review count)', 'dist/extension.js', 48),
    sizeRow('dist/features.js (desktop host, the features, loaded on first use)', 'dist/features.js', 1024),
    sizeRow('dist/lessons.js (the course content, required by the desktop host on first use)', 'dist/lessons.js', 1024),
    sizeRow('dist/web.js (the same host for VS Code in the browser)', 'dist/web.js', 1024),
    sizeRow('webview bundle (js + css)', 'dist/webview.js', 350),
    sizeRow('VSIX', 'build/tcp-tutor.vsix', 1024),
  ];
  // The webview row counts the CSS too.
  const webview = size('dist/webview.js') + size('dist/webview.css');
  const w = rows.findIndex((r) => r.metric.startsWith('webview bundle'));
  rows[w] = { ...rows[w], value: `${(webview / KB).toFixed(1)} KB`, ok: webview <= 350 * KB };

  const stub = join(mkdtempSync(join(tmpdir(), 'tcp-tutor-bench-')), 'vscodeStub.cjs');
  await build({ entryPoints: [join(ROOT, 'test', 'support', 'vscodeStub.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: stub, logLevel: 'warning' });
  // A yardstick loaded the same way in the same run, alternating with the extension, so that
  // the machine's load shows in both: esbuild's JavaScript API (a fixed file of about 80 KB).
  const yardstick = join(ROOT, 'node_modules', 'esbuild', 'lib', 'main.js');
  const runs: number[] = [];
  const cpu: number[] = [];
  const base: number[] = [];
  const activation = (main?: string): [number, number] => JSON.parse(execFileSync(process.execPath, ['-e', ACTIVATE_SNIPPET(stub, main)], { cwd: ROOT, encoding: 'utf8' })) as [number, number];
  for (let i = 0; i < 9; i++) {
    const [wall, used] = activation();
    runs.push(wall);
    cpu.push(used);
    base.push(activation(yardstick)[0]);
  }
  const median = mid(runs);
  const baseline = mid(base);
  rows.push({ metric: 'yardstick: require esbuild/lib/main.js the same way (median of 9 cold processes)', value: `${baseline.toFixed(2)} ms` });
  rows.push({ metric: `activation (require + activate in plain Node, median of 9 cold processes; ${(median / baseline).toFixed(2)}× the yardstick)`, value: `${median.toFixed(2)} ms`, target: '< 10 ms', ok: median < 10 });
  // CPU time of the same window (user + system, process.cpuUsage): on a machine shared with
  // other work the wall clock also counts time spent waiting for a core.
  rows.push({ metric: 'activation CPU time (same runs, median; wall clock above includes waiting for a core)', value: `${mid(cpu).toFixed(2)} ms` });
  const course = medianOfRuns(COURSE_SNIPPET(stub));
  rows.push({ metric: 'course first shown (view resolved to course map posted: features and course loaded, progress read, map presented)', value: `${course.toFixed(1)} ms`, target: '< 100 ms', ok: course < 100 });
  return rows;
}
