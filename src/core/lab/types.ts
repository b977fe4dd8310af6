/**
 * The kernel lab's stories as data: each step is written once, as steps of the simulator's
 * sockets-model scenario format (for the "sim" column) and as one action on real sockets
 * (for the "kernel" column), with the state Linux is known to settle in. Pure: shared by the
 * CLI, the extension host and the kernel child process.
 */
import type { StateId } from '../tcp/states';

export type LabHost = 'A' | 'B';
export const LAB_HOSTS: readonly LabHost[] = ['A', 'B'];

export interface HostPair<T> {
  readonly A: T;
  readonly B: T;
}

/**
 * How an application learns that something went wrong, in the simulator's words:
 * connection errors (`refused`, `reset`, `timeout`) and call errors of the sockets model
 * (`address-in-use`, `address-not-available`).
 */
export type LabError = 'refused' | 'reset' | 'timeout' | 'address-in-use' | 'address-not-available';
export const LAB_ERRORS: readonly LabError[] = ['refused', 'reset', 'timeout', 'address-in-use', 'address-not-available'];

/**
 * One action on real sockets, carried out by the kernel child. A host's connection is its
 * most recent one (as the simulator's `final.A`/`final.B`).
 * - `listen`: a listening socket on 127.0.0.1. `port`: a fresh port (default), the port of
 *   the host's own earlier listener (`"same"`), or the local port of the host's connection
 *   `conn` (1-based). `stuck`: the listener lives in a helper process that stops calling
 *   accept() until an `accept` action (the "stopped" server).
 * - `close-listener`: close() on the listening socket.
 * - `connect`: connect() to the other host's listener port (also after that listener closed).
 * - `send`: write `bytes` octets and wait until the peer's kernel acknowledged them.
 * - `fill`: write until the peer advertises a zero window (the sender's kernel arms its
 *   zero-window probe timer) and every written octet is in the sender's kernel.
 * - `shutdown`: shutdown(SHUT_WR). `close`: close(). `abort`: close() with SO_LINGER {on, 0}.
 * - `read`: the application starts reading, and goes on reading everything that arrives.
 * - `accept`: the stuck listener's process calls accept() again.
 */
export type KernelAction =
  | { readonly do: 'listen'; readonly host: LabHost; readonly backlog?: number; readonly stuck?: boolean; readonly port?: 'fresh' | 'same' | { readonly conn: number } }
  | { readonly do: 'close-listener' | 'connect' | 'shutdown' | 'close' | 'abort' | 'read' | 'fill' | 'accept'; readonly host: LabHost }
  | { readonly do: 'send'; readonly host: LabHost; readonly bytes: number };

/** What a step leaves behind: each host's state, and the errors its application was told. */
export interface LabExpectation {
  readonly A: StateId;
  readonly B: StateId;
  /** Connection errors of each host's most recent connection, and the step's call error. */
  readonly errors?: { readonly A?: LabError; readonly B?: LabError; readonly call?: LabError };
}

export interface LabStep {
  /** Stable within the story; the key of the step's text in src/i18n/lab.ts. */
  readonly id: string;
  /** The call made, in sockets-API words (English, for the CLI), e.g. `A: close()`. */
  readonly action: string;
  /** Steps of a sockets-model scenario (`*.tcp.json`) that tell the same thing to the simulator. */
  readonly sim: readonly Readonly<Record<string, unknown>>[];
  readonly kernel: KernelAction;
  /**
   * Where Linux settles after the action: the kernel child polls /proc until it sees this, or
   * until `waitMs` (default 3000) runs out, and then reports what it saw, whatever that is.
   */
  readonly expect: LabExpectation;
  readonly waitMs?: number;
}

/** Scenario fields of the sockets model; each also per host. */
export interface LabScenarioFields {
  readonly autoRead?: boolean | HostPair<boolean>;
  readonly autoAccept?: boolean | HostPair<boolean>;
  readonly rcvBuf?: number | HostPair<number>;
}

export interface LabStory {
  /** The CLI name, e.g. `normal-close`. */
  readonly name: string;
  /** English title (the CLI's); the UI's titles are in src/i18n/lab.ts. */
  readonly title: string;
  /** Scenario fields for the simulator; `autoRead` also decides which kernel sockets read at once. */
  readonly fields: LabScenarioFields;
  readonly steps: readonly LabStep[];
}

/** Per-host value of a scenario field that may be one value or `{A, B}`. */
export function perHost<T>(value: T | HostPair<T> | undefined, host: LabHost, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'object' && value !== null && 'A' in value && 'B' in value) return (value as HostPair<T>)[host];
  return value as T;
}
