/**
 * The connection doctor under load:
 * - parsing a generated 1M-row /proc/net/tcp and a 1M-line `ss -tan` table (each in a
 *   fresh process, streamed from disk as the CLI reads it): time, and peak RSS above the
 *   process's own baseline (targets: < 1 s, < 300 MB);
 * - a live refresh of 100k sockets in the extension host's presenter (read, parse in slices,
 *   findings, summary, rows serialised a chunk at a time as postMessage does): the longest
 *   synchronous slice, measured as the largest gap between turns of the event loop
 *   (target: < 50 ms).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './types';
import { longestBlock } from './longestBlock';
import { ConnectionsPresenter } from '../src/host/doctor/presenter';
import { readLive } from '../src/node/doctor/live';
import { DEFAULT_THRESHOLDS } from '../src/core/doctor/types';
import { DOCTOR_TEXT } from '../src/i18n/doctor';
import type { ToConnectionsMessage } from '../src/shared/protocol';

const hex8 = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');
const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** /proc/net/tcp rows as the kernel prints them: most in TIME-WAIT toward a few servers. */
async function writeProc(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n');
  const states = ['06', '06', '06', '01', '01', '08', '0A', '05'];
  let batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    const local = `${hex8(0x0100000a + ((i >> 16) << 24))}:${hex4(1024 + (i % 64000))}`;
    const remote = `${hex8(0x0500000a + ((i % 7) << 24))}:${hex4(i % 3 === 0 ? 3306 : 443)}`;
    const st = states[i % states.length];
    batch.push(`${String(i).padStart(4)}: ${local} ${remote} ${st} 00000000:00000000 00:00000000 00000000  1000        0 ${st === '06' ? 0 : 100000 + i} 1 0000000000000000 20 4 30 10 -1`);
    if (batch.length === 10_000) {
      if (!out.write(`${batch.join('\n')}\n`)) await once(out, 'drain');
      batch = [];
    }
  }
  out.write(batch.length ? `${batch.join('\n')}\n` : '');
  out.end();
  await once(out, 'finish');
}

async function writeSs(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('State      Recv-Q Send-Q      Local Address:Port        Peer Address:Port Process\n');
  const states = ['TIME-WAIT', 'TIME-WAIT', 'TIME-WAIT', 'ESTAB', 'ESTAB', 'CLOSE-WAIT', 'LISTEN', 'FIN-WAIT-2'];
  let batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    const st = states[i % states.length];
    batch.push(`${st.padEnd(10)} 0      0      10.0.${(i >> 8) & 255}.${i & 255}:${1024 + (i % 64000)}      10.0.0.${5 + (i % 7)}:${i % 3 === 0 ? 3306 : 443}`);
    if (batch.length === 10_000) {
      if (!out.write(`${batch.join('\n')}\n`)) await once(out, 'drain');
      batch = [];
    }
  }
  out.write(batch.length ? `${batch.join('\n')}\n` : '');
  out.end();
  await once(out, 'finish');
}

function parseInChild(file: string): { ms: number; cpuMs: number; rows: number; peakMB: number; baseMB: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'doctorChild.ts'), file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`doctorChild failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export default async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-bench-'));
  const rows: BenchRow[] = [];
  try {
    const proc = join(dir, 'tcp');
    await writeProc(proc, 1_000_000);
    const p = parseInChild(proc);
    const load = `load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`;
    rows.push({ metric: `parse 1M-row /proc/net/tcp (${p.rows} sockets), CPU time`, value: `${Math.round(p.cpuMs)} ms (wall ${Math.round(p.ms)} ms, ${load})`, target: '< 1000 ms', ok: p.cpuMs < 1000 });
    rows.push({ metric: 'parse 1M-row /proc/net/tcp: peak RSS above baseline', value: `${Math.round(p.peakMB - p.baseMB)} MB`, target: '< 300 MB', ok: p.peakMB - p.baseMB < 300 });
    const ss = join(dir, 'ss.txt');
    await writeSs(ss, 1_000_000);
    const q = parseInChild(ss);
    rows.push({ metric: `parse 1M-line ss -tan (${q.rows} sockets), CPU time`, value: `${Math.round(q.cpuMs)} ms (wall ${Math.round(q.ms)} ms, ${load})`, target: '< 1000 ms', ok: q.cpuMs < 1000 });
    rows.push({ metric: 'parse 1M-line ss -tan: peak RSS above baseline', value: `${Math.round(q.peakMB - q.baseMB)} MB`, target: '< 300 MB', ok: q.peakMB - q.baseMB < 300 });

    // A live refresh of 100k sockets, as the extension host runs it.
    const live = join(dir, 'tcp-100k');
    await writeProc(live, 100_000);
    let serialised = 0;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const view = {
      // VS Code serialises a posted message on the host's thread: do the same work here.
      post(message: ToConnectionsMessage): void {
        serialised += JSON.stringify(message).length;
        if (message.type === 'connections/rows' && message.done) done();
      },
    };
    const presenter = new ConnectionsPresenter({
      liveAvailable: true,
      locale: () => 'en',
      text: (l) => DOCTOR_TEXT[l],
      lessonTitle: (id) => id,
      settings: () => ({ thresholds: DEFAULT_THRESHOLDS, refreshSeconds: 3600, owners: false }),
      readLive: () => readLive({ platform: 'linux', procFiles: [live] }),
      openLesson: () => undefined,
      log: () => undefined,
      clock: () => '',
    });
    presenter.show(view);
    await new Promise((r) => setTimeout(r, 50));
    const slice = await longestBlock(async () => {
      await presenter.refresh();
      await finished;
    });
    presenter.dispose();
    rows.push({
      metric: 'live refresh, 100k sockets: longest synchronous slice, CPU time',
      value: `${slice.cpu.toFixed(1)} ms (wall ${slice.wall.toFixed(1)} ms, ${load})`,
      target: '< 50 ms',
      ok: slice.cpu < 50,
    });
    rows.push({ metric: 'live refresh, 100k sockets: whole refresh (not blocking)', value: `${Math.round(slice.total)} ms, ${(serialised / 1048576).toFixed(1)} MB posted` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
