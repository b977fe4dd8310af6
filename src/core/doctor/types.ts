/**
 * The connection doctor's data: a table of TCP sockets read from a tool's output (or from
 * the kernel), kept column by column so that a million rows stay small, and what the
 * doctor concludes from it. Pure: no I/O, no clock.
 */
import type { StateId } from '../tcp/states';
import type { DoctorFormat, FindingId } from './vocabulary';

export { DOCTOR_FORMATS, FINDING_IDS } from './vocabulary';
export type { DoctorFormat, FindingId } from './vocabulary';

/**
 * Sockets, one index per socket, column by column. IP strings are shared between rows
 * (a busy server has few distinct addresses and many ports), ports are numbers.
 * A port of -1 is the wildcard `*`; a pid of -1 is "none shown".
 */
export interface SocketTable {
  length: number;
  readonly localIp: string[];
  readonly localPort: number[];
  readonly remoteIp: string[];
  readonly remotePort: number[];
  /** Index into STATE_IDS. */
  readonly state: number[];
  readonly pid: number[];
  /** The program name where the tool shows it (ss -p, netstat -p), else null. */
  readonly process: (string | null)[];
  /** /proc only: the socket's inode (0 for TIME-WAIT), used to find the owning process. */
  readonly inode: number[];
  /** /proc only: the owner's uid, else -1. */
  readonly uid: number[];
}

export function emptyTable(): SocketTable {
  return { length: 0, localIp: [], localPort: [], remoteIp: [], remotePort: [], state: [], pid: [], process: [], inode: [], uid: [] };
}

export interface SocketRow {
  readonly local: string;
  readonly remote: string;
  readonly state: StateId;
  readonly pid: number | null;
}

export type StateCounts = Partial<Record<StateId, number>>;

/** A table read from text or from the kernel. */
export interface ParsedConnections {
  readonly ok: true;
  readonly format: DoctorFormat;
  readonly table: SocketTable;
  /** Per state. For the `counts` format these come from the text; otherwise from the table. */
  readonly counts: Readonly<Record<StateId, number>>;
  readonly total: number;
  /**
   * An `ss ... state NAME` table has no State column: the state it was given, and whether it
   * was assumed (TIME-WAIT, because neither the paste nor the caller named one).
   */
  readonly impliedState: { readonly state: StateId; readonly assumed: boolean } | null;
  /** Lines that looked like neither a row nor a header (a prompt, a stray line). */
  readonly skipped: number;
}

export interface ParseFailure {
  readonly ok: false;
  /** One line, naming the formats accepted. */
  readonly message: string;
}

export type ParseOutcome = ParsedConnections | ParseFailure;

export interface Thresholds {
  readonly closeWait: number;
  readonly timeWait: number;
  readonly synRecv: number;
  readonly finWait2: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { closeWait: 1, timeWait: 1000, synRecv: 100, finWait2: 100 };

/** ip_local_port_range: Linux's default. */
export const DEFAULT_PORT_RANGE: readonly [number, number] = [32768, 60999];

export interface PortCount {
  readonly port: number;
  readonly count: number;
}

export interface Finding {
  readonly id: FindingId;
  /** The state's count; for ephemeral-ports the most TIME-WAIT toward one remote address and port. */
  readonly count: number;
  readonly threshold: number;
  /** The busiest local ports in the state (largest first, at most ten). */
  readonly ports: readonly PortCount[];
  /** Programs holding sockets in the state, where the table names them (pid and name). */
  readonly processes: readonly { readonly pid: number; readonly name: string | null; readonly count: number }[];
  /** ephemeral-ports: the remote address and port, e.g. `10.0.0.5:3306`. */
  readonly remote: string | null;
  /** ephemeral-ports: the range it was measured against. */
  readonly portRange: readonly [number, number] | null;
}
