/**
 * Capture budgets: reading a 100 MB pcap (made here: many connections, each a handshake,
 * bulk data with ACKs, and a close) at ≥ 100 MB/s, reader and connection inference together,
 * in 1 MB chunks as the editor reads it; the heap that reading leaves; and the capture
 * editor's connection list of a 10 MB capture (read, infer, build the list model, serialise
 * it for the webview) in under 1 s.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CaptureAnalyzer } from '../src/core/capture/index';
import { captureSummary } from '../src/host/capture/model';
import type { BenchRow } from './types';

const MB = 1024 * 1024;

/** A pcap of `target` bytes: connections of ~`perConn` data segments of 1448 octets, ACK every second one. */
function makeCapture(target: number, perConn = 60): Uint8Array {
  const out = new Uint8Array(target + 64 * 1024);
  const view = new DataView(out.buffer);
  // pcap header: little-endian, microseconds, Ethernet.
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 262144, true);
  view.setUint32(20, 1, true);
  let p = 24;
  let usec = 0;
  let conn = 0;
  const packet = (client: boolean, port: number, flags: number, seq: number, ack: number, len: number) => {
    const tcpLen = 32;
    const ipLen = 20 + tcpLen + len;
    const frame = 14 + ipLen;
    usec += 7;
    view.setUint32(p, 1_700_000_000 + Math.floor(usec / 1e6), true);
    view.setUint32(p + 4, usec % 1e6, true);
    view.setUint32(p + 8, frame, true);
    view.setUint32(p + 12, frame, true);
    const e = p + 16;
    view.setUint16(e + 12, 0x0800);
    const ip = e + 14;
    out[ip] = 0x45;
    view.setUint16(ip + 2, ipLen);
    view.setUint16(ip + 6, 0x4000);
    out[ip + 8] = 64;
    out[ip + 9] = 6;
    const a = [10, 0, (port >> 8) & 0xff, port & 0xff];
    const b = [10, 1, 0, 1];
    out.set(client ? a : b, ip + 12);
    out.set(client ? b : a, ip + 16);
    const t = ip + 20;
    view.setUint16(t, client ? port : 443);
    view.setUint16(t + 2, client ? 443 : port);
    view.setUint32(t + 4, seq >>> 0);
    view.setUint32(t + 8, ack >>> 0);
    out[t + 12] = (tcpLen / 4) << 4;
    out[t + 13] = flags;
    view.setUint16(t + 14, 512);
    // NOP, NOP, timestamps
    out[t + 20] = 1;
    out[t + 21] = 1;
    out[t + 22] = 8;
    out[t + 23] = 10;
    view.setUint32(t + 24, usec);
    p = t + tcpLen + len;
  };
  while (p < target) {
    const port = 1024 + (conn++ % 60000);
    const c = 1000 * conn;
    const s = 7000 * conn;
    packet(true, port, 0x02, c, 0, 0);
    packet(false, port, 0x12, s, c + 1, 0);
    packet(true, port, 0x10, c + 1, s + 1, 0);
    let off = 1;
    for (let i = 0; i < perConn && p < target; i++) {
      packet(true, port, 0x18, c + off, s + 1, 1448);
      off += 1448;
      if (i % 2 === 1) packet(false, port, 0x10, s + 1, c + off, 0);
    }
    packet(true, port, 0x11, c + off, s + 1, 0);
    packet(false, port, 0x11, s + 1, c + off + 1, 0);
    packet(true, port, 0x10, c + off + 1, s + 2, 0);
  }
  return out.subarray(0, p);
}

function gcFunction(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return () => {};
  }
}

function analyse(bytes: Uint8Array) {
  const a = new CaptureAnalyzer();
  for (let i = 0; i < bytes.length; i += MB) a.push(bytes.subarray(i, Math.min(bytes.length, i + MB)));
  return a.end();
}

export default async function captureBench(): Promise<BenchRow[]> {
  const big = makeCapture(100 * MB);
  analyse(makeCapture(4 * MB)); // warm up
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    analyse(big);
    best = Math.min(best, performance.now() - t0);
  }
  // What an analysis keeps: the connections and their segments (the file's bytes are not kept).
  const gc = gcFunction();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const result = analyse(big);
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const mbps = big.length / MB / (best / 1000);

  const ten = makeCapture(10 * MB);
  let listMs = Infinity;
  let size = 0;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const a = analyse(ten);
    size = JSON.stringify(captureSummary('bench.pcap', a)).length;
    listMs = Math.min(listMs, performance.now() - t0);
  }
  return [
    { metric: `read a 100 MB pcap (${result.summary.packets} packets, ${result.connections.length} connections), reader + inference`, value: `${mbps.toFixed(0)} MB/s`, target: '≥ 100 MB/s', ok: mbps >= 100 },
    { metric: 'heap the analysis of those 100 MB keeps (connections, segment summaries)', value: `${((heapAfter - heapBefore) / MB).toFixed(0)} MB` },
    { metric: `connection list of a 10 MB capture (read, infer, list model, JSON of ${(size / 1024).toFixed(0)} KB)`, value: `${listMs.toFixed(0)} ms`, target: '< 1000 ms', ok: listMs < 1000 },
  ];
}
