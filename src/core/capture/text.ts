/**
 * A capture as text for terminals: a summary, then per connection its states and a ladder
 * with each endpoint's state column. ASCII only. Inferred states are in parentheses; proven
 * ones are plain. Sequence numbers are relative to each side's first one, as in tcpdump -S off.
 */
import type { CaptureAnalysis } from './index';
import type { Connection, ConnSegment, StateChange } from './connections';
import type { TcpOptions } from './reader';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from './reader';

const LINKTYPES: Readonly<Record<number, string>> = {
  0: 'BSD loopback',
  1: 'Ethernet',
  12: 'raw IP',
  14: 'raw IP',
  101: 'raw IP',
  108: 'OpenBSD loopback',
  113: 'Linux cooked v1',
  228: 'raw IPv4',
  229: 'raw IPv6',
  276: 'Linux cooked v2',
};

export function linktypeName(n: number): string {
  return LINKTYPES[n] ?? 'unsupported';
}

export function flagText(flags: number): string {
  const out: string[] = [];
  if (flags & TCP_SYN) out.push('SYN');
  if (flags & TCP_FIN) out.push('FIN');
  if (flags & TCP_RST) out.push('RST');
  if (flags & TCP_PSH) out.push('PSH');
  if (flags & TCP_ACK) out.push('ACK');
  return out.length > 0 ? out.join(',') : 'none';
}

export function optionsText(o: TcpOptions | null): string {
  if (!o) return '';
  const parts: string[] = [];
  if (o.mss !== undefined) parts.push(`mss ${o.mss}`);
  if (o.sackPermitted) parts.push('sackOK');
  if (o.timestamp) parts.push(`TS val ${o.timestamp[0]} ecr ${o.timestamp[1]}`);
  if (o.wscale !== undefined) parts.push(`wscale ${o.wscale}`);
  if (o.sack) parts.push(`sack ${o.sack.map(([l, r]) => `${l}-${r}`).join(' ')}`);
  return parts.join(', ');
}

const rel = (v: number, base: number | null): number => (base === null ? v : (v - base) >>> 0);

/** "SYN,ACK seq=0 ack=1 win=65483 len=5" with sequence numbers relative to each side's ISN. */
export function segmentSummary(c: Connection, s: ConnSegment): string {
  const mine = s.from === 'client' ? c.iss.client : c.iss.server;
  const theirs = s.from === 'client' ? c.iss.server : c.iss.client;
  const parts = [flagText(s.flags), `seq=${rel(s.seq, mine)}`];
  if (s.flags & TCP_ACK) parts.push(`ack=${rel(s.ack, theirs)}`);
  parts.push(`win=${s.window}`);
  if (s.len > 0) parts.push(`len=${s.len}`);
  return parts.join(' ');
}

const STATE_W = 15;
const MID_W = 56;

function stateCell(changes: readonly StateChange[]): string {
  return changes.map((ch) => (ch.proven ? ch.state : `(${ch.state})`)).join(' ');
}

function ladder(c: Connection): string[] {
  const lines: string[] = [];
  const row = (t: string, a: string, mid: string, b: string) => `${t.padStart(11)}  ${a.padEnd(STATE_W)}${mid.padEnd(MID_W)} ${b}`.trimEnd();
  lines.push(row('t (s)', 'client', '', 'server'));
  const at = new Map<number, StateChange[]>();
  for (const ch of c.changes) {
    const list = at.get(ch.segment) ?? [];
    list.push(ch);
    at.set(ch.segment, list);
  }
  const initial = at.get(-1) ?? [];
  if (initial.length > 0) {
    lines.push(row('', stateCell(initial.filter((x) => x.side === 'client')), '', stateCell(initial.filter((x) => x.side === 'server'))));
  }
  c.stored.forEach((s, i) => {
    const here = at.get(i) ?? [];
    const label = `${segmentSummary(c, s)}${s.retransmission ? ' (retransmission)' : ''}`;
    const body = ` ${label} `;
    const fill = Math.max(MID_W - body.length - 4, 2);
    const mid = s.from === 'client' ? `--${body}${'-'.repeat(fill)}>` : `<${'-'.repeat(fill)}${body}--`;
    lines.push(row(s.t.toFixed(6), stateCell(here.filter((x) => x.side === 'client')) || '|', mid, stateCell(here.filter((x) => x.side === 'server')) || '|'));
  });
  if (c.stored.length < c.segments) lines.push(`  ... ${c.segments - c.stored.length} more segments not listed`);
  return lines;
}

export function captureText(file: string, a: CaptureAnalysis): string {
  const s = a.summary;
  const lines: string[] = [];
  const n = a.connections.length;
  lines.push(`${file}: ${s.format}, link type ${s.linktype} (${linktypeName(s.linktype ?? -1)}), ${s.packets} packets, ${s.tcp} TCP segments, ${n} connection${n === 1 ? '' : 's'}`);
  if (s.truncated) lines.push(`truncated at packet ${s.truncated.packet}: ${s.truncated.message}; everything before it is shown`);
  a.connections.forEach((c, i) => {
    lines.push('');
    lines.push(`Connection ${i + 1}: client ${c.client} -> server ${c.server}${c.partial ? ' (partial: the capture has no SYN from the client)' : ''}`);
    lines.push(`  ${c.segments} segments over ${(c.end - c.start).toFixed(6)} s; ended: ${c.ending}; final: client ${c.final.client}, server ${c.final.server}`);
    lines.push(`  client states: ${c.states.client.join(' ') || '(none)'}`);
    lines.push(`  server states: ${c.states.server.join(' ') || '(none)'}`);
    lines.push(`  findings: ${c.findings.length > 0 ? c.findings.join(', ') : 'none'}`);
    const oc = optionsText(c.synOptions.client);
    const os = optionsText(c.synOptions.server);
    if (oc) lines.push(`  client SYN options: ${oc}`);
    if (os) lines.push(`  server SYN options: ${os}`);
    lines.push('  (a state in parentheses is inferred; a plain one is proven by a segment its endpoint sent)');
    lines.push('');
    for (const l of ladder(c)) lines.push(l);
  });
  return lines.join('\n');
}
