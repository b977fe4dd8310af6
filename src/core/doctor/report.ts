/**
 * The doctor's report in the CLI's exact JSON shape, and the readable table printed without
 * --json. Both come from the same parsed table and findings.
 */
import type { StateId } from '../tcp/states';
import { STATE_IDS, stateInfo } from '../tcp/states';
import type { DoctorFormat, Finding, ParsedConnections, SocketRow, SocketTable } from './types';
import { formatAddress } from './addresses';

export interface DoctorReport {
  readonly source: 'live' | 'file';
  readonly format: DoctorFormat;
  readonly total: number;
  /** RFC 9293 names, zero counts omitted, in the order of the state list. */
  readonly states: Partial<Record<StateId, number>>;
  readonly sockets: readonly SocketRow[];
  readonly findings: readonly { readonly id: string; readonly count: number }[];
  /** Present only when an `ss ... state NAME` table's state had to be assumed. */
  readonly assumedState?: StateId;
}

export function socketRow(t: SocketTable, i: number): SocketRow {
  return {
    local: formatAddress(t.localIp[i], t.localPort[i]),
    remote: formatAddress(t.remoteIp[i], t.remotePort[i]),
    state: STATE_IDS[t.state[i]],
    pid: t.pid[i] >= 0 ? t.pid[i] : null,
  };
}

export function nonZeroStates(counts: Readonly<Record<StateId, number>>): Partial<Record<StateId, number>> {
  const states: Partial<Record<StateId, number>> = {};
  for (const id of STATE_IDS) if (counts[id] > 0) states[id] = counts[id];
  return states;
}

export function buildReport(source: 'live' | 'file', parsed: ParsedConnections, findings: readonly Finding[]): DoctorReport {
  const sockets: SocketRow[] = new Array<SocketRow>(parsed.table.length);
  for (let i = 0; i < parsed.table.length; i++) sockets[i] = socketRow(parsed.table, i);
  const report: DoctorReport = {
    source,
    format: parsed.format,
    total: parsed.total,
    states: nonZeroStates(parsed.counts),
    sockets,
    findings: findings.map((f) => ({ id: f.id, count: f.count })),
  };
  return parsed.impliedState?.assumed ? { ...report, assumedState: parsed.impliedState.state } : report;
}

/** Explanations the readable output prints under each finding (one language, from the catalog). */
export interface FindingLines {
  title(f: Finding): string;
  summary(f: Finding): string;
}

const pad = (s: string, n: number): string => (s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length));

/** The readable form: states with both spellings, findings, then the sockets (at most `limit`). */
export function renderReadable(source: 'live' | 'file', parsed: ParsedConnections, findings: readonly Finding[], lines: FindingLines, limit = 200): string {
  const out: string[] = [];
  out.push(`${source === 'live' ? 'Live' : 'File'} (${parsed.format}): ${parsed.total} TCP socket${parsed.total === 1 ? '' : 's'}`);
  if (parsed.impliedState) {
    out.push(parsed.impliedState.assumed ? `No State column and no "ss ... state NAME" in the text: assumed ${parsed.impliedState.state} (use --state NAME).` : `No State column: every row is ${parsed.impliedState.state}, from the command line.`);
  }
  if (parsed.skipped > 0) out.push(`${parsed.skipped} line${parsed.skipped === 1 ? '' : 's'} not read (neither a row nor a header).`);
  out.push('', `${pad('State (RFC 9293)', 18)}${pad('ss', 12)}${pad('netstat', 13)}count`);
  for (const id of STATE_IDS) {
    const n = parsed.counts[id];
    if (n === 0) continue;
    const info = stateInfo(id);
    out.push(`${pad(id, 18)}${pad(info.ss, 12)}${pad(info.netstat, 13)}${n}`);
  }
  out.push('');
  if (findings.length === 0) out.push('Findings: none.');
  else {
    out.push('Findings:');
    for (const f of findings) out.push(`  ${f.id} (${f.count}): ${lines.title(f)}`, `    ${lines.summary(f)}`);
  }
  const t = parsed.table;
  if (t.length > 0) {
    out.push('', `${pad('Local', 28)}${pad('Remote', 28)}${pad('State', 14)}PID`);
    const n = Math.min(limit, t.length);
    for (let i = 0; i < n; i++) {
      const r = socketRow(t, i);
      out.push(`${pad(r.local, 28)}${pad(r.remote, 28)}${pad(r.state, 14)}${r.pid === null ? '-' : r.pid}${t.process[i] ? ` ${t.process[i]}` : ''}`);
    }
    if (t.length > n) out.push(`… and ${t.length - n} more (use --json for all).`);
  }
  return out.join('\n');
}
