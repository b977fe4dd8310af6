/**
 * Reads Linux's /proc/net/tcp and /proc/net/tcp6 tables (the text, handed in): one row per
 * socket the kernel lists, with its state, queues and timer. Pure; the kernel child reads
 * the files and asks these functions.
 *
 * Row format (net/ipv4/tcp_ipv4.c, get_tcp4_sock): `sl local rem st tx_queue:rx_queue
 * tr:tm->when retrnsmt uid timeout inode ...`, addresses as hex in the host's byte order.
 */
import type { StateId } from '../tcp/states';
import { STATES } from '../tcp/states';

export interface ProcRow {
  /** Local and remote address as written in the table (hex), and the ports as numbers. */
  readonly localAddr: string;
  readonly localPort: number;
  readonly remoteAddr: string;
  readonly remotePort: number;
  readonly state: StateId;
  /** Octets sent but not yet acknowledged (write_seq - snd_una), for a connection. */
  readonly txQueue: number;
  /** Octets received but not yet read by the application (rcv_nxt - copied_seq). */
  readonly rxQueue: number;
  /**
   * The timer running: 0 none, 1 retransmission (or loss probe), 2 keepalive (or another
   * sk_timer), 3 TIME-WAIT, 4 zero-window probe.
   */
  readonly timer: number;
}

const BY_CODE = new Map(STATES.map((s) => [s.procCode, s.id]));

/** 127.0.0.1 as /proc/net/tcp writes it on a little-endian host; ::ffff:127.0.0.1 in tcp6. */
export const LOOPBACK4 = '0100007F';
export const LOOPBACK4_MAPPED6 = '0000000000000000FFFF00000100007F';

/** Parses the rows of one table; lines that are not rows (the header, blanks) are skipped. */
export function parseProcNetTcp(text: string): ProcRow[] {
  const rows: ProcRow[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6 || !/^\d+:$/.test(f[0])) continue;
    const [la, lp] = f[1].split(':');
    const [ra, rp] = f[2].split(':');
    const state = BY_CODE.get(f[3].toUpperCase());
    const [tx, rx] = f[4].split(':');
    const [tr] = f[5].split(':');
    if (!la || !lp || !ra || !rp || !state || tx === undefined || rx === undefined || tr === undefined) continue;
    rows.push({
      localAddr: la.toUpperCase(),
      localPort: parseInt(lp, 16),
      remoteAddr: ra.toUpperCase(),
      remotePort: parseInt(rp, 16),
      state,
      txQueue: parseInt(tx, 16),
      rxQueue: parseInt(rx, 16),
      timer: parseInt(tr, 16),
    });
  }
  return rows;
}

function isLoopback(addr: string): boolean {
  return addr === LOOPBACK4 || addr === LOOPBACK4_MAPPED6;
}

/** The row of the connection 127.0.0.1:local -> 127.0.0.1:remote, or null when the kernel lists none (CLOSED). */
export function findConnection(rows: readonly ProcRow[], localPort: number, remotePort: number): ProcRow | null {
  return rows.find((r) => r.localPort === localPort && r.remotePort === remotePort && isLoopback(r.localAddr) && isLoopback(r.remoteAddr) && r.state !== 'LISTEN') ?? null;
}

/** The listening socket on a port (any local address), or null. */
export function findListener(rows: readonly ProcRow[], port: number): ProcRow | null {
  return rows.find((r) => r.localPort === port && r.state === 'LISTEN') ?? null;
}

/** Connections from a loopback local port to a remote port (to find the port a connect() got). */
export function connectionsTo(rows: readonly ProcRow[], remotePort: number): ProcRow[] {
  return rows.filter((r) => r.remotePort === remotePort && r.state !== 'LISTEN' && isLoopback(r.localAddr));
}
