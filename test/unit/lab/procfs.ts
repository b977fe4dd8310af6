/**
 * What the kernel says about processes and their sockets, for the lab's cleanup tests:
 * children of a process (from /proc/PID/stat), the TCP ports a process's sockets hold
 * (its fds' socket inodes matched with /proc/net/tcp), and whether anything is left.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { parseProcNetTcp } from '../../../src/core/lab/procNet';
import type { ProcRow } from '../../../src/core/lab/procNet';

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited, not yet reaped) counts as gone.
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function ppidOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(after[1]);
  } catch {
    return null;
  }
}

export function cmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** Every live descendant of `pid`. */
export function descendants(pid: number): number[] {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const out: number[] = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const next = all.filter((p) => frontier.includes(ppidOf(p) ?? -1));
    for (const p of next) out.push(p);
    frontier = next;
  }
  return out;
}

function socketInodes(pid: number): Set<string> {
  const out = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) out.add(m[1]);
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    // the process is gone
  }
  return out;
}

function tcpTable(): { row: ProcRow; inode: string }[] {
  const out: { row: ProcRow; inode: string }[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const lines = text.split('\n');
    for (const line of lines) {
      const rows = parseProcNetTcp(line);
      if (rows.length === 1) out.push({ row: rows[0], inode: line.trim().split(/\s+/)[9] });
    }
  }
  return out;
}

/** The local TCP ports held by the sockets of these processes. */
export function tcpPortsOf(pids: readonly number[]): Set<number> {
  const inodes = new Set<string>();
  for (const p of pids) for (const i of socketInodes(p)) inodes.add(i);
  const ports = new Set<number>();
  for (const { row, inode } of tcpTable()) if (inodes.has(inode)) ports.add(row.localPort);
  return ports;
}

/** Rows on these ports (either end) in a state other than TIME-WAIT: a socket still open or orphaned. */
export function liveRowsOn(ports: ReadonlySet<number>): ProcRow[] {
  return tcpTable()
    .map((t) => t.row)
    .filter((r) => r.state !== 'TIME-WAIT' && (ports.has(r.localPort) || (ports.has(r.remotePort) && r.state !== 'LISTEN')));
}

/** Polls until `ok()` or `ms` runs out; returns the last value of `ok()`. */
export async function eventually(ok: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (ok()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}
