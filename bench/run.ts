/**
 * `npm run bench`: measures the budgets and prints them as a table. Nothing here is a
 * pass/fail test; a figure over its target is marked so a reviewer sees it.
 *
 * Each section runs in a process of its own (`tsx bench/run.ts --section <file>`), so that
 * one section's heap (the simulator's million events, the doctor's million rows) never
 * shows up as another's garbage-collection pause.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from './types';

async function section(name: string, file: string): Promise<BenchRow[]> {
  if (!existsSync(join(__dirname, `${file}.ts`))) return [{ metric: `${name}: not available (${file}.ts missing)`, value: '-' }];
  const tsx = join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const out = execFileSync(process.execPath, [tsx, __filename, '--section', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  const rows = JSON.parse(out.slice(out.lastIndexOf('\n@@rows ') + 7)) as BenchRow[];
  return rows.map((r) => ({ ...r, metric: `${name}: ${r.metric}` }));
}

/** In the child: one section's rows, as JSON after a marker (the section may print before it). */
async function runSection(file: string): Promise<void> {
  const mod = (await import(`./${file}`)) as { default: () => Promise<BenchRow[]> };
  const rows = await mod.default();
  process.stdout.write(`\n@@rows ${JSON.stringify(rows)}\n`);
}

function table(rows: readonly BenchRow[]): string {
  const cells = rows.map((r) => [r.metric, r.value, r.target ?? '', r.ok === undefined ? '' : r.ok ? 'ok' : 'OVER']);
  const head = ['metric', 'value', 'target', ''];
  const widths = head.map((h, i) => cells.reduce((w, c) => Math.max(w, c[i].length), h.length));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const rows = [
    ...(await section('extension', 'extension')),
    ...(await section('webview', 'webview')),
    ...(await section('sandbox', 'sandbox')),
    ...(await section('simulator', 'simulator')),
    ...(await section('scenario files', 'scenarioCheck')),
    ...(await section('doctor', 'doctor')),
    ...(await section('capture', 'capture')),
  ];
  console.log(table(rows));
}

const at = process.argv.indexOf('--section');
(at >= 0 ? runSection(process.argv[at + 1]) : main()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
