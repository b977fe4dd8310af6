/**
 * One parse in a fresh process, so its memory is measured alone: reads FILE as a stream,
 * feeds the doctor's parser, and prints {ms, cpuMs, rows, peakMB, baseMB} as JSON. Run by
 * bench/doctor.ts.
 */
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ConnectionParser } from '../src/core/doctor/parse';
import { computeFindings } from '../src/core/doctor/findings';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (global.gc) global.gc();
  const baseMB = process.memoryUsage().rss / 1048576;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const parser = new ConnectionParser();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) parser.push((chunk as Buffer).toString('latin1'));
  const outcome = parser.end();
  if (!outcome.ok) throw new Error(outcome.message);
  const findings = computeFindings(outcome);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const peakMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, cpuMs, rows: outcome.total, format: outcome.format, findings: findings.length, peakMB, baseMB }));
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(1);
});
