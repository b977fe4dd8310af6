/**
 * `npm run bench`: measures the budgets and prints them as a table. Nothing here is a
 * pass/fail test; a figure over its target is marked so a reviewer sees it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from './types';

async function section(name: string, file: string): Promise<BenchRow[]> {
  if (!existsSync(join(__dirname, `${file}.ts`))) return [{ metric: `${name}: not available (${file}.ts missing)`, value: '-' }];
  const mod = (await import(`./${file}`)) as { default: () => Promise<BenchRow[]> };
  return (await mod.default()).map((r) => ({ ...r, metric: `${name}: ${r.metric}` }));
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
