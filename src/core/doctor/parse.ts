/**
 * Reads the TCP socket tables people paste: /proc/net/tcp{,6}, `ss -tan[p]` (also
 * `ss -tan state NAME`, which has no State column), Linux `netstat -ant[p]`, macOS
 * `netstat -an -p tcp`, Windows `netstat -ano` (English or Chinese headers), PowerShell's
 * `Get-NetTCPConnection` table and the `STATE count` lines of the awk one-liner.
 *
 * `ConnectionParser` takes text in chunks of any size (so a million-row file is never held
 * whole, and the host can parse a slice at a time); `parseConnections` is the one-shot form.
 * Nothing here throws on input: unknown text is a `ParseFailure` with a message naming the
 * formats accepted. UDP rows are ignored.
 */
import type { StateId } from '../tcp/states';
import { STATE_IDS } from '../tcp/states';
import type { DoctorFormat, ParseOutcome } from './types';
import { TableBuilder } from './types';
import { procHexToIp, splitBsdAddress, splitHostPort } from './addresses';
import { stateFromSpelling, stateFromSsFilter, stateIndexFromProcCode, stateIndexFromSpelling } from './stateNames';

export interface ParseOptions {
  /** The state of an `ss ... state NAME` table when the paste does not show the command (`--state`). */
  readonly state?: StateId | null;
  /** /proc: the byte order of the machine that printed it (true everywhere Linux runs today but s390x). */
  readonly littleEndian?: boolean;
  /**
   * The format, when the caller knows it (the live reader): no detection. Windows prints its
   * headers in the console's code page, so a Chinese header may not survive decoding.
   */
  readonly format?: 'proc' | 'netstat-macos' | 'netstat-windows';
}

export const ACCEPTED_FORMATS =
  'ss -tan / ss -tanp (also ss -tan state NAME), netstat -ant / netstat -antp (Linux), netstat -an -p tcp (macOS), netstat -ano (Windows, English or Chinese), Get-NetTCPConnection (PowerShell table), /proc/net/tcp or /proc/net/tcp6, or "STATE count" lines from the awk one-liner';

export const UNKNOWN_FORMAT_MESSAGE = `not a TCP connection table this doctor reads; it accepts ${ACCEPTED_FORMATS}`;

/** How many lines are looked at to tell the format (a header or a row of each format shows within these). */
const DETECT_LINES = 200;

const isWs = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 160 || c === 0x3000 || c === 11 || c === 12 || c === 0xfeff;

/** Start and end of the first fields of a line, found without cutting it: [s0, e0, s1, e1, ...]. */
const BOUNDS = new Int32Array(32);

function bounds(line: string, max: number): number {
  const n = line.length;
  let i = 0;
  let k = 0;
  while (i < n && k < max) {
    while (i < n && isWs(line.charCodeAt(i))) i++;
    if (i >= n) break;
    BOUNDS[2 * k] = i;
    while (i < n && !isWs(line.charCodeAt(i))) i++;
    BOUNDS[2 * k + 1] = i;
    k++;
  }
  return k;
}

function hexAt(line: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return -1;
    n = n * 16 + d;
  }
  return end > start ? n : -1;
}

function decAt(line: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = line.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return end > start ? n : -1;
}

/** Whitespace-separated fields (spaces, tabs, no-break and ideographic spaces, a stray CR or BOM). */
export function fields(line: string, max = 64): string[] {
  const out: string[] = [];
  const n = line.length;
  let i = 0;
  while (i < n && out.length < max) {
    while (i < n && isWs(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isWs(line.charCodeAt(i))) i++;
    out.push(line.slice(start, i));
  }
  return out;
}

const PROC_HEADER = /^\s*sl\s+local_address\s+rem(ote)?_address/;
const PROC_ROW = /^\s*\d+:\s+[0-9A-Fa-f]{8}(?:[0-9A-Fa-f]{24})?:[0-9A-Fa-f]{4}\s+[0-9A-Fa-f]{8}(?:[0-9A-Fa-f]{24})?:[0-9A-Fa-f]{4}\s+[0-9A-Fa-f]{2}\s/;
const PS_HEADER = /^\s*LocalAddress\s+LocalPort\s+RemoteAddress\s+RemotePort\s+State\b/;
// The Chinese Windows headings (活动连接; 协议 本地地址 外部地址 状态) and message (无法获取所有权信息)
// are written as \u escapes: one non-Latin-1 character in a regular expression literal makes
// the whole extension bundle a two-byte string for Node to decode and V8 to scan.
const WIN_TITLE = /^\s*(Active Connections|\u6D3B\u52A8\u8FDE\u63A5)\s*$/;
const WIN_HEADER = /^\s*(Proto\s+Local Address\s+Foreign Address\s+State|\u534F\u8BAE\s+\u672C\u5730\u5730\u5740\s+\u5916\u90E8\u5730\u5740\s+\u72B6\u6001)/;
const WIN_ROW = /^\s*TCP\s+\S+:\S+\s+\S+:\S+\s+\S+(\s+\d+)?\s*$/;
const UNIX_NETSTAT_HEADER = /^\s*Proto\s+Recv-Q\s+Send-Q\s+Local Address\s+Foreign Address\s+(\(state\)|State)/;
const UNIX_NETSTAT_ROW = /^\s*tcp(4|6|46)?\s+\d+\s+\d+\s+(\S+)\s+(\S+)/;
const SS_HEADER = /^\s*(Netid\s+)?(State\s+)?Recv-Q\s+Send-Q\s+Local\s+Address:Port\s+Peer\s+Address:Port/;
const SS_ROW = /^\s*(?:tcp\s+)?(ESTAB|LISTEN|TIME-WAIT|SYN-SENT|SYN-RECV|FIN-WAIT-1|FIN-WAIT-2|CLOSE-WAIT|LAST-ACK|CLOSING|UNCONN)\s+\d+\s+\d+\s+\S*:\S+\s+\S*:\S+/;
const COUNT_LINE = /^\s*(?:([A-Za-z][A-Za-z0-9_-]*)\s+(\d+)|(\d+)\s+([A-Za-z][A-Za-z0-9_-]*))\s*$/;
/** A shell prompt with the command, e.g. `$ ss -tan state time-wait` or `root@web1:~# ss -tan`. */
const SS_COMMAND = /(?:^|[\s$#>])ss\s[^\n]*?\bstate\s+([A-Za-z0-9-]+)/;

type Layout =
  | { kind: 'proc' }
  | { kind: 'ss'; netid: boolean; stateColumn: boolean }
  | { kind: 'netstat-linux' }
  | { kind: 'netstat-macos' }
  | { kind: 'netstat-windows' }
  | { kind: 'powershell'; pid: boolean }
  | { kind: 'counts' };

/** A line that is only there because it was pasted: a prompt, a title, a rule, a blank. */
function isNoise(t: string): boolean {
  return t.length === 0 || /^[-=\s]+$/.test(t) || /^(\$|#|>|PS [A-Za-z]:|[\w.-]+@[\w.-]+)/.test(t) || /^Active Internet connections/.test(t) || WIN_TITLE.test(t);
}

function isHeader(line: string): boolean {
  return PROC_HEADER.test(line) || PS_HEADER.test(line) || WIN_HEADER.test(line) || UNIX_NETSTAT_HEADER.test(line) || SS_HEADER.test(line);
}

function detect(lines: readonly string[]): Layout | null {
  for (const line of lines) {
    if (PROC_HEADER.test(line) || PROC_ROW.test(line)) return { kind: 'proc' };
    if (PS_HEADER.test(line)) return { kind: 'powershell', pid: /\bOwningProcess\b/.test(line) };
    if (WIN_HEADER.test(line) || WIN_TITLE.test(line) || WIN_ROW.test(line)) return { kind: 'netstat-windows' };
    const unix = UNIX_NETSTAT_HEADER.exec(line);
    if (unix) return { kind: unix[1] === '(state)' ? 'netstat-macos' : 'netstat-linux' };
    const ss = SS_HEADER.exec(line);
    if (ss) return { kind: 'ss', netid: ss[1] !== undefined, stateColumn: ss[2] !== undefined };
    const row = UNIX_NETSTAT_ROW.exec(line);
    if (row) {
      const bsd = row[1] === '4' || row[1] === '46' || (!row[2].includes(':') && /\.(\d+|\*)$/.test(row[2]));
      return { kind: bsd ? 'netstat-macos' : 'netstat-linux' };
    }
    if (SS_ROW.test(line)) return { kind: 'ss', netid: /^\s*tcp\s/.test(line), stateColumn: true };
  }
  // The awk one-liner's output: every meaningful line is `STATE count` (or `count STATE`, as uniq -c prints it).
  let counted = 0;
  for (const line of lines) {
    const t = line.trim();
    if (isNoise(t)) continue;
    const m = COUNT_LINE.exec(t);
    if (!m) return null;
    const name = m[1] ?? m[4];
    if (stateFromSpelling(name) === null && !/^state$/i.test(name)) return null;
    counted++;
  }
  return counted > 0 ? { kind: 'counts' } : null;
}

function formatOf(layout: Layout): DoctorFormat {
  return layout.kind;
}

/** Text in chunks; `end()` gives the table. Never throws on the text it is given. */
export class ConnectionParser {
  private readonly table = new TableBuilder();
  private readonly counts = new Array<number>(STATE_IDS.length).fill(0);
  private readonly pending: string[] = [];
  private layout: Layout | null = null;
  private rest = '';
  private skipped = 0;
  private commandState: StateId | null = null;
  private impliedIndex = -1;
  private implied: { state: StateId; assumed: boolean } | null = null;
  private readonly ips = new Map<string, string>();
  /** /proc IPv4 addresses by their 32-bit value: looked up without cutting the line. */
  private readonly ipv4 = new Map<number, string>();
  private readonly littleEndian: boolean;
  /** No format showed within the first lines: the rest is not looked at. */
  private gaveUp = false;
  private firstChunk = true;

  constructor(private readonly options: ParseOptions = {}) {
    this.littleEndian = options.littleEndian ?? true;
    if (options.format) this.layout = { kind: options.format };
  }

  /** Adds text; lines may be split across chunks. */
  push(chunk: string): void {
    if (this.firstChunk && chunk.length > 0) {
      this.firstChunk = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let start = 0;
    const text = this.rest.length > 0 ? this.rest + chunk : chunk;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.line(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  /** Sockets read so far (once the format is known). */
  get rows(): number {
    return this.table.length;
  }

  end(): ParseOutcome {
    if (this.rest.length > 0) {
      const last = this.rest;
      this.rest = '';
      this.line(last.endsWith('\r') ? last.slice(0, -1) : last);
    }
    if (!this.layout && !this.gaveUp) this.decide();
    if (!this.layout) return { ok: false, message: UNKNOWN_FORMAT_MESSAGE };
    const table = this.table.finish();
    const counts = {} as Record<StateId, number>;
    let total = 0;
    if (this.layout.kind === 'counts') {
      STATE_IDS.forEach((id, i) => {
        counts[id] = this.counts[i];
        total += this.counts[i];
      });
    } else {
      const per = new Array<number>(STATE_IDS.length).fill(0);
      const states = table.state;
      for (let i = 0; i < table.length; i++) per[states[i]]++;
      STATE_IDS.forEach((id, i) => (counts[id] = per[i]));
      total = this.table.length;
    }
    return { ok: true, format: formatOf(this.layout), table, counts, total, impliedState: this.implied, skipped: this.skipped };
  }

  private line(line: string): void {
    if (this.layout) {
      this.row(line);
      return;
    }
    if (this.gaveUp) return;
    this.pending.push(line);
    if (this.commandState === null) {
      const m = SS_COMMAND.exec(line);
      if (m) this.commandState = stateFromSsFilter(m[1]);
    }
    if (this.pending.length >= DETECT_LINES) this.decide();
  }

  private decide(): void {
    const layout = detect(this.pending);
    if (!layout) {
      this.gaveUp = true;
      this.pending.length = 0;
      return;
    }
    this.layout = layout;
    if (layout.kind === 'ss' && !layout.stateColumn) {
      const fromPaste = this.commandState;
      const state = fromPaste ?? this.options.state ?? 'TIME-WAIT';
      this.implied = { state, assumed: fromPaste === null && !this.options.state };
      this.impliedIndex = STATE_IDS.indexOf(state);
    }
    const lines = this.pending.splice(0);
    for (const l of lines) this.row(l);
  }

  private ip(text: string): string {
    const known = this.ips.get(text);
    if (known !== undefined) return known;
    if (this.ips.size < 100_000) this.ips.set(text, text);
    return text;
  }

  private add(localIp: string, localPort: number, remoteIp: string, remotePort: number, state: number, pid: number, process: string | null, inode = -1, uid = -1): void {
    this.table.add(localIp, localPort, remoteIp, remotePort, state, pid, process, inode, uid);
  }

  private row(line: string): void {
    const layout = this.layout as Layout;
    switch (layout.kind) {
      case 'proc':
        return this.procRow(line);
      case 'ss':
        return this.ssRow(line, layout.netid, layout.stateColumn);
      case 'netstat-linux':
      case 'netstat-macos':
        return this.unixNetstatRow(line, layout.kind === 'netstat-macos');
      case 'netstat-windows':
        return this.windowsRow(line);
      case 'powershell':
        return this.powershellRow(line, layout.pid);
      case 'counts':
        return this.countLine(line);
    }
  }

  /** A line that is not a row: headers and pasting noise are expected, anything else is counted. */
  private skip(line: string): void {
    if (isNoise(line.trim()) || isHeader(line)) return;
    this.skipped++;
  }

  /** The hot path of a million-row file: fields are found by position, only the address hex is cut out. */
  private procRow(line: string): void {
    const k = bounds(line, 10);
    if (k === 0) return;
    const b = BOUNDS;
    if (line.charCodeAt(b[1] - 1) !== 58 /* ':' */ || k < 4) {
      if (!(b[1] - b[0] === 2 && line.startsWith('sl', b[0]))) this.skip(line);
      return;
    }
    const localIp = this.procIp(line, b[2], b[3]);
    const remoteIp = this.procIp(line, b[4], b[5]);
    const localPort = hexAt(line, b[3] - 4, b[3]);
    const remotePort = hexAt(line, b[5] - 4, b[5]);
    const code = b[7] - b[6] === 2 ? hexAt(line, b[6], b[7]) : -1;
    const state = code < 0 ? -1 : stateIndexFromProcCode(code);
    if (localIp === null || remoteIp === null || localPort < 0 || remotePort < 0 || state < 0) return this.skip(line);
    const uid = k > 7 ? decAt(line, b[14], b[15]) : -1;
    const inode = k > 9 ? decAt(line, b[18], b[19]) : -1;
    this.add(localIp, localPort === 0 ? -1 : localPort, remoteIp, remotePort === 0 ? -1 : remotePort, state, -1, null, inode, uid);
  }

  /** `0100007F:1F90`: the address part (8 or 32 hex digits before the colon), decoded once per distinct value. */
  private procIp(line: string, start: number, end: number): string | null {
    const cut = end - 5;
    if (line.charCodeAt(cut) !== 58 || (cut - start !== 8 && cut - start !== 32)) return null;
    if (cut - start === 8) {
      const value = hexAt(line, start, cut);
      if (value < 0) return null;
      let known = this.ipv4.get(value);
      if (known === undefined) {
        known = procHexToIp(line.slice(start, cut), this.littleEndian) ?? '';
        if (this.ipv4.size < 100_000) this.ipv4.set(value, known);
      }
      return known;
    }
    const hex = line.slice(start, cut);
    let ip = this.ips.get(hex);
    if (ip === undefined) {
      const decoded = procHexToIp(hex, this.littleEndian);
      if (decoded === null) return null;
      ip = decoded;
      if (this.ips.size < 100_000) this.ips.set(hex, ip);
    }
    return ip;
  }

  private ssRow(line: string, netid: boolean, stateColumn: boolean): void {
    const k = bounds(line, 7);
    const b = BOUNDS;
    let i = 0;
    if (netid) {
      if (k > 0 && !(b[1] - b[0] === 3 && line.startsWith('tcp', b[0]))) {
        const first = line.slice(b[0], b[1]);
        if (first !== 'Netid' && /^(udp|raw|u_|nl|p_|v_|x_|mptcp|sctp|tipc)/.test(first)) return;
        return this.skip(line);
      }
      i = 1;
    }
    let state = this.impliedIndex;
    if (stateColumn) {
      state = k > i ? stateIndexFromSpelling(line.slice(b[2 * i], b[2 * i + 1])) : -1;
      i++;
    }
    if (state < 0 || k < i + 4 || decAt(line, b[2 * i], b[2 * i + 1]) < 0 || decAt(line, b[2 * i + 2], b[2 * i + 3]) < 0) return this.skip(line);
    const processAt = k > i + 4 ? b[2 * (i + 4)] : -1;
    const re = b[2 * i + 7];
    const rs = b[2 * i + 6];
    const ls = b[2 * i + 4];
    const le = b[2 * i + 5];
    const local = this.hostPort(line, ls, le);
    if (local < 0) return this.skip(line);
    const localIp = this.lastIp;
    const remote = this.hostPort(line, rs, re);
    if (remote < 0) return this.skip(line);
    const remoteIp = this.lastIp;
    if (processAt < 0) {
      this.add(localIp, local === 0 ? -1 : local, remoteIp, remote === 0 ? -1 : remote, state, -1, null);
      return;
    }
    let pid = -1;
    let process: string | null = null;
    const m = /\(\("((?:[^"\\]|\\.)*)",pid=(\d+)/.exec(line.slice(processAt));
    if (m) {
      process = m[1];
      pid = Number(m[2]);
    }
    this.add(localIp, local === 0 ? -1 : local, remoteIp, remote === 0 ? -1 : remote, state, pid, process);
  }

  /** Set by hostPort: the (shared) address string of the field just read. */
  private lastIp = '';

  /**
   * `host:port` inside line[start, end) as ss prints it (`[::1]:80`, `*:*`, `127.0.0.53%lo:53`):
   * the port (0 for `*`), with the address in `lastIp`; -1 when it is not one.
   */
  private hostPort(line: string, start: number, end: number): number {
    let colon = end - 1;
    while (colon > start && line.charCodeAt(colon) !== 58) colon--;
    if (colon <= start) return -1;
    let port: number;
    if (end - colon === 2 && line.charCodeAt(colon + 1) === 42 /* '*' */) port = 0;
    else {
      port = end - colon > 6 ? -1 : decAt(line, colon + 1, end);
      if (port < 0 || port > 65535) return -1;
    }
    const bracketed = line.charCodeAt(start) === 91 && line.charCodeAt(colon - 1) === 93;
    this.lastIp = bracketed ? this.ip(line.slice(start + 1, colon - 1)) : this.dottedIp(line, start, colon);
    return port;
  }

  /** Dotted IPv4 text shared through its 32-bit value (no string is cut to look it up); anything else by text. */
  private readonly dotted = new Map<number, string>();
  private dottedIp(line: string, start: number, end: number): string {
    let value = 0;
    let part = 0;
    let digits = 0;
    let dots = 0;
    for (let i = start; i < end; i++) {
      const c = line.charCodeAt(i);
      if (c === 46 && digits > 0 && dots < 3) {
        value = value * 256 + part;
        part = 0;
        digits = 0;
        dots++;
      } else if (c >= 48 && c <= 57 && digits < 3) {
        part = part * 10 + (c - 48);
        digits++;
      } else return this.ip(line.slice(start, end));
    }
    if (dots !== 3 || digits === 0 || part > 255) return this.ip(line.slice(start, end));
    value = value * 256 + part;
    const known = this.dotted.get(value);
    if (known !== undefined) return known;
    const text = line.slice(start, end);
    if (this.dotted.size < 100_000) this.dotted.set(value, text);
    return text;
  }

  private unixNetstatRow(line: string, bsd: boolean): void {
    const f = fields(line);
    if (f.length === 0) return;
    const proto = f[0];
    if (/^udp/i.test(proto)) return;
    if (!/^tcp(4|6|46)?$/.test(proto)) return this.skip(line);
    if (f.length < 6) return this.skip(line);
    const local = bsd ? splitBsdAddress(f[3]) : splitHostPort(f[3]);
    const remote = bsd ? splitBsdAddress(f[4]) : splitHostPort(f[4]);
    const state = stateIndexFromSpelling(f[5]);
    if (!local || !remote || state < 0) return this.skip(line);
    let pid = -1;
    let process: string | null = null;
    if (!bsd && f.length > 6) {
      const m = /^(\d+)\/(.*)$/.exec(f.slice(6).join(' '));
      if (m) {
        pid = Number(m[1]);
        process = m[2].trim() || null;
      }
    }
    this.add(this.ip(local.ip), local.port, this.ip(remote.ip), remote.port, state, pid, process);
  }

  private windowsRow(line: string): void {
    const f = fields(line);
    if (f.length === 0) return;
    if (/^UDP$/i.test(f[0])) return;
    if (f[0] !== 'TCP') {
      // Headers, the title, `netstat -b`'s [program.exe] lines and its ownership notes.
      if (WIN_HEADER.test(line) || WIN_TITLE.test(line) || /^\[.*\]$/.test(f[0]) || /ownership information|\u65E0\u6CD5\u83B7\u53D6\u6240\u6709\u6743\u4FE1\u606F/.test(line)) return;
      return this.skip(line);
    }
    if (f.length < 4) return this.skip(line);
    const local = splitHostPort(f[1]);
    const remote = splitHostPort(f[2]);
    const state = stateIndexFromSpelling(f[3]);
    if (!local || !remote || state < 0) return this.skip(line);
    const pid = f.length > 4 && /^\d+$/.test(f[4]) ? Number(f[4]) : -1;
    this.add(this.ip(local.ip), local.port, this.ip(remote.ip), remote.port, state, pid > 0 ? pid : -1, null);
  }

  private powershellRow(line: string, hasPid: boolean): void {
    const f = fields(line);
    if (f.length === 0 || PS_HEADER.test(line) || /^-+$/.test(f[0])) return;
    if (f.length < 5) return this.skip(line);
    const localPort = /^\d+$/.test(f[1]) ? Number(f[1]) : NaN;
    const remotePort = /^\d+$/.test(f[3]) ? Number(f[3]) : NaN;
    const state = stateIndexFromSpelling(f[4]);
    if (Number.isNaN(localPort) || Number.isNaN(remotePort) || localPort > 65535 || remotePort > 65535 || state < 0) return this.skip(line);
    const last = f[f.length - 1];
    // AppliedSetting is often empty, so the owner is the last field when there are more than five.
    const pid = hasPid && f.length > 5 && /^\d+$/.test(last) ? Number(last) : -1;
    this.add(this.ip(f[0]), localPort === 0 ? -1 : localPort, this.ip(f[2]), remotePort === 0 ? -1 : remotePort, state, pid > 0 ? pid : -1, null);
  }

  private countLine(line: string): void {
    const t = line.trim();
    if (isNoise(t)) return;
    const m = COUNT_LINE.exec(t);
    if (!m) return this.skip(line);
    const name = m[1] ?? m[4];
    const n = Number(m[2] ?? m[3]);
    const state = stateIndexFromSpelling(name);
    // `ss -ant | awk '{++S[$1]}'` also counts its header line as "State 1".
    if (state < 0) {
      if (!/^state$/i.test(name)) this.skip(line);
      return;
    }
    this.counts[state] += n;
  }
}

export function parseConnections(text: string, options: ParseOptions = {}): ParseOutcome {
  try {
    const parser = new ConnectionParser(options);
    parser.push(text);
    return parser.end();
  } catch (error) {
    // A bug here must not reach the user as a stack trace; say what happened in one line.
    return { ok: false, message: `the doctor could not read this text (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * Whether a document looks like one of the accepted tables (for the CodeLens): its first
 * lines are enough, so this stays cheap on large files.
 */
export function looksLikeConnections(firstLines: string): DoctorFormat | null {
  const r = parseConnections(firstLines);
  return r.ok ? r.format : null;
}
