/**
 * What the doctor concludes from a table: one finding per problem whose count reaches its
 * threshold (thresholds are inclusive). The text that explains each finding is in
 * src/i18n/doctor.ts; this file only counts.
 */
import type { StateId } from '../tcp/states';
import { STATE_IDS } from '../tcp/states';
import type { Finding, FindingId, ParsedConnections, PortCount, Thresholds } from './types';
import { DEFAULT_PORT_RANGE, DEFAULT_THRESHOLDS } from './types';
import { formatAddress } from './addresses';

/** The state each finding is about. */
export const FINDING_STATE: Readonly<Record<FindingId, StateId>> = {
  'close-wait-leak': 'CLOSE-WAIT',
  'time-wait-pileup': 'TIME-WAIT',
  'syn-recv-flood': 'SYN-RECEIVED',
  'fin-wait-2-stuck': 'FIN-WAIT-2',
  'ephemeral-ports': 'TIME-WAIT',
};

/** TIME-WAIT toward one remote address and port from this many sockets uses up half the local ports. */
export function ephemeralThreshold(range: readonly [number, number]): number {
  const size = Math.max(1, range[1] - range[0] + 1);
  return Math.ceil(size / 2);
}

interface StateDetail {
  readonly ports: PortCount[];
  readonly processes: { pid: number; name: string | null; count: number }[];
}

function detail(parsed: ParsedConnections, state: number): StateDetail {
  const t = parsed.table;
  const ports = new Map<number, number>();
  const procs = new Map<number, { pid: number; name: string | null; count: number }>();
  for (let i = 0; i < t.length; i++) {
    if (t.state[i] !== state) continue;
    ports.set(t.localPort[i], (ports.get(t.localPort[i]) ?? 0) + 1);
    const pid = t.pid[i];
    if (pid >= 0) {
      const p = procs.get(pid) ?? { pid, name: t.process[i], count: 0 };
      p.count++;
      procs.set(pid, p);
    }
  }
  const top = [...ports].map(([port, count]) => ({ port, count })).sort((a, b) => b.count - a.count || a.port - b.port).slice(0, 10);
  const processes = [...procs.values()].sort((a, b) => b.count - a.count || a.pid - b.pid).slice(0, 10);
  return { ports: top, processes };
}

/** The most TIME-WAIT sockets toward one remote address and port, and which. */
export function busiestTimeWaitPeer(parsed: ParsedConnections): { remote: string; count: number } | null {
  const t = parsed.table;
  const tw = STATE_IDS.indexOf('TIME-WAIT');
  // Per remote address, per port: no string is built per row.
  const per = new Map<string, Map<number, number>>();
  let best: { ip: string; port: number; count: number } | null = null;
  for (let i = 0; i < t.length; i++) {
    if (t.state[i] !== tw) continue;
    const ip = t.remoteIp[i];
    let ports = per.get(ip);
    if (!ports) per.set(ip, (ports = new Map()));
    const port = t.remotePort[i];
    const n = (ports.get(port) ?? 0) + 1;
    ports.set(port, n);
    if (!best || n > best.count) best = { ip, port, count: n };
  }
  return best ? { remote: formatAddress(best.ip, best.port), count: best.count } : null;
}

export function computeFindings(parsed: ParsedConnections, thresholds: Thresholds = DEFAULT_THRESHOLDS, portRange: readonly [number, number] = DEFAULT_PORT_RANGE): Finding[] {
  const out: Finding[] = [];
  const byState: [FindingId, number][] = [
    ['close-wait-leak', thresholds.closeWait],
    ['time-wait-pileup', thresholds.timeWait],
    ['syn-recv-flood', thresholds.synRecv],
    ['fin-wait-2-stuck', thresholds.finWait2],
  ];
  for (const [id, threshold] of byState) {
    const state = FINDING_STATE[id];
    const count = parsed.counts[state];
    if (count < Math.max(1, threshold)) continue;
    const d = detail(parsed, STATE_IDS.indexOf(state));
    out.push({ id, count, threshold, ports: d.ports, processes: d.processes, remote: null, portRange: null });
  }
  // Needs addresses: the awk counts cannot show it.
  const peer = busiestTimeWaitPeer(parsed);
  const threshold = ephemeralThreshold(portRange);
  if (peer && peer.count >= threshold) {
    out.push({ id: 'ephemeral-ports', count: peer.count, threshold, ports: [], processes: [], remote: peer.remote, portRange: [portRange[0], portRange[1]] });
  }
  return out;
}
