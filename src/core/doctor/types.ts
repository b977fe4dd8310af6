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
 * Sockets, one index per socket, column by column, sized to the table. IP strings are shared
 * between rows (a busy server has few distinct addresses and many ports), numbers are typed
 * arrays, so a million sockets take tens of megabytes. A port of -1 is the wildcard `*`; a
 * pid of -1 is "none shown"; an inode or uid of -1 is "not known".
 */
export interface SocketTable {
  readonly length: number;
  readonly localIp: readonly string[];
  readonly localPort: Int32Array;
  readonly remoteIp: readonly string[];
  readonly remotePort: Int32Array;
  /** Index into STATE_IDS. */
  readonly state: Uint8Array;
  /** Writable: the live reader fills in owners it finds. */
  readonly pid: Int32Array;
  /** The program name where the tool shows it (ss -p, netstat -p), else null. */
  readonly process: (string | null)[];
  /** /proc only: the socket's inode (0 for TIME-WAIT), used to find the owning process. */
  readonly inode: Float64Array;
  /** /proc only: the owner's uid. */
  readonly uid: Int32Array;
}

/** Builds a SocketTable row by row, growing its columns by doubling. */
export class TableBuilder {
  length = 0;
  private capacity = 0;
  private localIp: string[] = [];
  private remoteIp: string[] = [];
  private process: (string | null)[] = [];
  private localPort = new Int32Array(0);
  private remotePort = new Int32Array(0);
  private state = new Uint8Array(0);
  private pid = new Int32Array(0);
  private inode = new Float64Array(0);
  private uid = new Int32Array(0);

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    const g = <T extends Int32Array | Uint8Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.localPort = g(this.localPort, (n) => new Int32Array(n));
    this.remotePort = g(this.remotePort, (n) => new Int32Array(n));
    this.state = g(this.state, (n) => new Uint8Array(n));
    this.pid = g(this.pid, (n) => new Int32Array(n));
    this.inode = g(this.inode, (n) => new Float64Array(n));
    this.uid = g(this.uid, (n) => new Int32Array(n));
    this.capacity = capacity;
  }

  add(localIp: string, localPort: number, remoteIp: string, remotePort: number, state: number, pid: number, process: string | null, inode = -1, uid = -1): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.localIp.push(localIp);
    this.remoteIp.push(remoteIp);
    this.process.push(process);
    this.localPort[i] = localPort;
    this.remotePort[i] = remotePort;
    this.state[i] = state;
    this.pid[i] = pid;
    this.inode[i] = inode;
    this.uid[i] = uid;
  }

  /** The table, its columns cut to its length. */
  finish(): SocketTable {
    const n = this.length;
    return {
      length: n,
      localIp: this.localIp,
      localPort: this.localPort.slice(0, n),
      remoteIp: this.remoteIp,
      remotePort: this.remotePort.slice(0, n),
      state: this.state.slice(0, n),
      pid: this.pid.slice(0, n),
      process: this.process,
      inode: this.inode.slice(0, n),
      uid: this.uid.slice(0, n),
    };
  }
}

export function emptyTable(): SocketTable {
  return new TableBuilder().finish();
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
