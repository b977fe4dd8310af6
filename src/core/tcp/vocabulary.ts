/**
 * The simulator's vocabulary: the ids and names every layer speaks (states, flags, calls,
 * endpoints, profiles, variants, how a connection ended). Declared once here; the rest of
 * src/core/tcp re-exports them, and src/shared (the host-webview contract) and src/i18n may
 * import this file and no other part of core. Types and id lists only: no behaviour.
 */

/** Octets one `send` call may pass to TCP: a limit of the scenario format (see limits.ts). */
export const MAX_SEND_OCTETS = 1_000_000;

export const STATE_IDS = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
] as const;

export type StateId = (typeof STATE_IDS)[number];

export function isStateId(value: unknown): value is StateId {
  return typeof value === 'string' && (STATE_IDS as readonly string[]).includes(value);
}

/** Who normally passes through a state. */
export type Role = 'active-opener' | 'passive-opener' | 'active-closer' | 'passive-closer';

export type Flag = 'SYN' | 'ACK' | 'FIN' | 'RST' | 'PSH';
/** Every flag, in the canonical order the simulator writes them (SYN, FIN, RST, PSH, ACK). */
export const FLAGS: readonly Flag[] = ['SYN', 'FIN', 'RST', 'PSH', 'ACK'];

export type UserCall = 'listen' | 'connect' | 'send' | 'close' | 'abort';
export const USER_CALLS: readonly UserCall[] = ['listen', 'connect', 'send', 'close', 'abort'];

export type TimerName = 'retransmit' | 'time-wait' | 'fin-wait-2' | 'delayed-ack' | 'keepalive' | 'persist';

/**
 * Which protocol a transition belongs to. `standard` edges are RFC 9293's; the others
 * exist only under a "what if" variant (they break the protocol on purpose), or are an
 * implementation's choice (Linux's FIN-WAIT-2 timeout).
 */
export type TransitionOrigin = 'standard' | 'implementation' | 'two-way-handshake' | 'no-time-wait';

/**
 * The id of every transition of the table in states.ts, in its order (a unit test keeps
 * the two equal). The contract validates a diagram selection against this list without
 * carrying the table.
 */
export const TRANSITION_IDS = [
  'closed-listen',
  'closed-syn-sent',
  'listen-closed',
  'listen-syn-received',
  'listen-syn-sent',
  'syn-sent-closed',
  'syn-sent-syn-received',
  'syn-sent-established',
  'syn-received-listen',
  'syn-received-established',
  'syn-received-fin-wait-1',
  'established-fin-wait-1',
  'established-close-wait',
  'fin-wait-1-fin-wait-2',
  'fin-wait-1-closing',
  'fin-wait-1-time-wait',
  'fin-wait-2-time-wait',
  'closing-time-wait',
  'time-wait-closed',
  'close-wait-last-ack',
  'last-ack-closed',
  'synchronized-closed-reset',
  'syn-received-closed',
  'fin-wait-2-closed',
  'two-way-listen-established',
  'no-time-wait-fin-wait-1-closed',
  'no-time-wait-fin-wait-2-closed',
  'no-time-wait-closing-closed',
] as const;

export type EndpointId = 'A' | 'B';
export const ENDPOINT_IDS: readonly EndpointId[] = ['A', 'B'];

export type ProfileId = 'linux' | 'linux-classic' | 'rfc9293';
export const PROFILE_IDS: readonly ProfileId[] = ['linux', 'linux-classic', 'rfc9293'];

export type VariantId = 'standard' | 'two-way-handshake' | 'no-time-wait';
export const VARIANT_IDS: readonly VariantId[] = ['standard', 'two-way-handshake', 'no-time-wait'];

/** What the application was told when its connection ended abnormally. */
export type ConnectionError = 'refused' | 'reset' | 'timeout';

/**
 * Why a user call was refused. The call changes nothing.
 * - `connection-does-not-exist`: send/close/abort/read with no connection (CLOSED), or accept with no listener.
 * - `not-connected`: send (or shutdown, read) on a listening socket, which has no peer (RFC 9293 "remote socket unspecified").
 * - `connection-closing`: send or shutdown after this side's shutdown/close, or any call after close (RFC 9293 "connection closing").
 * - `address-in-use`: listen/connect on a port a listener holds, or that a connection holds unless both sockets set SO_REUSEADDR (EADDRINUSE).
 * - `address-not-available`: connect whose four ports equal a TIME-WAIT connection's (EADDRNOTAVAIL).
 * - `connection-exists`: no longer produced (kept so old saved sessions still parse).
 */
export type CallErrorCode = 'connection-exists' | 'connection-does-not-exist' | 'not-connected' | 'connection-closing' | 'address-in-use' | 'address-not-available';
export const CALL_ERROR_CODES: readonly CallErrorCode[] = ['connection-exists', 'connection-does-not-exist', 'not-connected', 'connection-closing', 'address-in-use', 'address-not-available'];

/** The sockets calls beyond RFC 9293's five, and the host faults. */
export type SocketCall = 'shutdown' | 'read' | 'accept' | 'keepalive' | 'crash' | 'reboot' | 'kill';
export type AnyCall = UserCall | SocketCall;
export const SOCKET_CALLS: readonly SocketCall[] = ['shutdown', 'read', 'accept', 'keepalive', 'crash', 'reboot', 'kill'];

/** The optional arguments of a call: a scenario step's (docs/scenario-format.md) and the sandbox's call intent. */
export interface CallArgs {
  readonly bytes?: number;
  /** The host's N-th connection, or "listen" for its listener. */
  readonly conn?: number | 'listen';
  /** listen: the port (80); connect: the local port (next free from 40000). */
  readonly port?: number;
  /** connect: the remote port (80). */
  readonly to?: number;
  readonly backlog?: number;
  readonly reuseAddr?: boolean;
  /** close: SO_LINGER {on, 0}. */
  readonly linger?: 0;
  /** keepalive: TCP_KEEPIDLE, TCP_KEEPINTVL (seconds), TCP_KEEPCNT. */
  readonly idle?: number;
  readonly interval?: number;
  readonly count?: number;
}
/** An argument a call may take. */
export type CallArgument = keyof CallArgs;
/** Which arguments each call takes: a scenario step's keys (docs/scenario-format.md) and the sandbox's call intent. */
export const CALL_ARGUMENTS: Readonly<Record<AnyCall, readonly CallArgument[]>> = {
  listen: ['port', 'backlog', 'reuseAddr'],
  connect: ['port', 'to', 'reuseAddr'],
  send: ['bytes', 'conn'],
  close: ['conn', 'linger'],
  abort: ['conn'],
  shutdown: ['conn'],
  read: ['bytes', 'conn'],
  accept: [],
  keepalive: ['idle', 'interval', 'count', 'conn'],
  crash: [],
  reboot: [],
  kill: [],
};

// ---------------------------------------------------------------------------------------
// The trace: what the simulator reports, step by step (serialisable records).

/**
 * A segment on the wire. `len` counts data octets only (SYN and FIN occupy one sequence
 * number each but are not counted here; see `segLen`). `ack` is null exactly when the ACK
 * flag is off. Flags are always in the canonical order SYN, FIN, RST, PSH, ACK.
 */
export interface Segment {
  readonly from: EndpointId;
  /** Source and destination ports. */
  readonly sport: number;
  readonly dport: number;
  /** The window the sender advertises: its receive buffer minus the octets waiting to be read (0 on a RST). */
  readonly win: number;
  readonly flags: readonly Flag[];
  readonly seq: number;
  readonly ack: number | null;
  readonly len: number;
  /** Unique within a world, in creation order (a duplicate gets a new id). */
  readonly id: number;
}

export interface CallError {
  readonly code: CallErrorCode;
  readonly message: string;
}

/** The receiver's sequence-number acceptability test (RFC 9293 3.10.7.4, table 6). */
export interface SeqCheck {
  readonly seq: number;
  /** SEG.LEN: data octets plus one for SYN and one for FIN. */
  readonly len: number;
  readonly rcvNxt: number;
  readonly rcvWnd: number;
  readonly acceptable: boolean;
  readonly reason: SeqCheckReason;
}

/**
 * - `at-rcv-nxt`: SEG.SEQ = RCV.NXT (the next expected octet).
 * - `in-window`: starts inside the window but after RCV.NXT (out of order: held, duplicate ACK sent).
 * - `overlaps`: starts before RCV.NXT but ends inside the window (only the new part is used).
 * - `old-syn`: a SYN,ACK repeating the SYN already received, in SYN-RECEIVED (simultaneous
 *   open; RFC 9293 appendix A.2 mitigation, as Linux does): the old SYN is trimmed off.
 * - `old`: entirely before RCV.NXT (an old duplicate).
 * - `beyond-window`: at or after RCV.NXT + RCV.WND.
 */
export type SeqCheckReason = 'at-rcv-nxt' | 'in-window' | 'overlaps' | 'old-syn' | 'old' | 'beyond-window';

/** The SYN-SENT / SYN-RECEIVED acknowledgment test. */
export interface AckCheck {
  readonly ack: number;
  readonly sndUna: number;
  readonly sndNxt: number;
  readonly acceptable: boolean;
}

/**
 * Which rule of RFC 9293 section 3.10 decided what happened, for explanations. Stable codes.
 */
export type RuleCode =
  | 'closed-rst-reply' // segment to a CLOSED endpoint answered with RST
  | 'closed-rst-ignored' // RST to a CLOSED endpoint is discarded
  | 'listen-rst-ignored'
  | 'listen-ack-rst' // any ACK in LISTEN is answered with <SEQ=SEG.ACK><CTL=RST>
  | 'listen-syn' // LISTEN receives SYN: SYN,ACK
  | 'listen-drop'
  | 'syn-sent-bad-ack' // SYN-SENT: SEG.ACK =< ISS or > SND.NXT: RST <SEQ=SEG.ACK>
  | 'syn-sent-bad-ack-rst-dropped'
  | 'syn-sent-rst-refused' // RST with an acceptable ACK: connection refused
  | 'syn-sent-rst-ignored' // RST without ACK is dropped
  | 'syn-sent-syn-ack' // our SYN acked: ESTABLISHED
  | 'simultaneous-open' // bare SYN in SYN-SENT: SYN-RECEIVED, SYN,ACK
  | 'syn-sent-drop'
  | 'unacceptable-ack' // seq check failed: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
  | 'unacceptable-rst-dropped'
  | 'unacceptable-rate-limited' // the reply ACK was suppressed by the rate limit
  | 'rst-out-of-window'
  | 'rst-reset' // RST at exactly RCV.NXT
  | 'rst-challenge-ack' // in-window inexact RST (RFC 5961)
  | 'rst-back-to-listen' // passive SYN-RECEIVED back to LISTEN
  | 'syn-challenge-ack' // SYN in a synchronised state (RFC 5961)
  | 'syn-back-to-listen' // SYN in passive SYN-RECEIVED: back to LISTEN
  | 'no-ack-drop' // ACK bit off: dropped
  | 'syn-received-bad-ack' // unacceptable ACK in SYN-RECEIVED: RST <SEQ=SEG.ACK>
  | 'ack-unsent' // ACK of something not yet sent: ACK and drop
  | 'time-wait-fin' // retransmitted FIN in TIME-WAIT: ACK and restart the timer
  | 'time-wait-rst-ignored' // inexact RST in TIME-WAIT: dropped, no challenge ACK (Linux tcp_timewait_state_process)
  | 'time-wait-syn-reuse' // SYN above RCV.NXT for a TIME-WAIT pair: TIME-WAIT ends, the listener takes the SYN (RFC 6191)
  | 'syn-received-syn-resend' // retransmitted SYN in SYN-RECEIVED: SYN,ACK again (Linux tcp_check_req)
  | 'listen-accept-queue-full' // SYN dropped: the accept queue is full (tcp_conn_request)
  | 'listen-syn-queue-full' // SYN dropped: the SYN queue is full and SYN cookies are off
  | 'listen-syn-backlog' // SYN dropped: tcp_max_syn_backlog nearly used up, cookies off
  | 'listen-syn-cookie' // SYN answered with a SYN cookie: no state kept
  | 'listen-cookie-ack' // the ACK of a SYN cookie creates the connection
  | 'accept-queue-overflow' // final ACK with the accept queue full: dropped (Linux tcp_check_req listen_overflow)
  | 'accept-queue-overflow-rst' // the same with tcp_abort_on_overflow: RST
  | 'orphan-data-rst' // data for a closed (orphaned) socket: RST (RFC 9293 3.6.1, RFC 1122 4.2.2.13)
  | 'close-unread-rst' // close() with unread data: RST (RFC 9293 3.6.1)
  | 'linger-rst' // close() with SO_LINGER {on, 0}: RST
  | 'listener-closed-rst' // the listener closed with this connection in its accept queue: RST
  | 'host-down' // the host has crashed: nothing answers
  | 'window-probe' // the persist timer sent a zero-window probe
  | 'keepalive-probe' // the keepalive timer sent a probe
  | 'keepalive-reset' // keepalive probes unanswered: RST, error timeout
  | 'window-update' // the application read and the window reopened: a window update
  | 'processed';

export type Cause = AnyCall | 'segment' | 'timer' | 'drop' | 'duplicate' | 'inject';

/** Which socket an event belongs to: the host's connection number, `listen:<port>` for a listener, null for none (a closed port, a crashed host). */
export type ConnRef = number | `listen:${number}` | null;

/**
 * One thing that happened. Endpoint events (calls, arriving segments, timers) carry
 * `from`, `to` and `sent`; network events (drop, duplicate, inject) carry `segment` only.
 */
export interface TraceEvent {
  /** Virtual time in seconds. */
  readonly t: number;
  /** The endpoint that processed the event; for network events, the sender whose segment it is. */
  readonly endpoint: EndpointId;
  /** The socket that processed the event (see ConnRef); for network events, the sender's. */
  readonly conn: ConnRef;
  readonly cause: Cause;
  /** The arriving segment (cause `segment`), or the dropped / duplicated / injected one. */
  readonly segment?: Segment;
  /** The new copy made by `duplicate`. */
  readonly copy?: Segment;
  readonly timer?: TimerName;
  /** Octets the application passed to `send`, or read with `read`. */
  readonly bytes?: number;
  readonly from?: StateId;
  readonly to?: StateId;
  /** Id of the TRANSITIONS edge joining `from` and `to`, when one does. */
  readonly transition?: string;
  /** States passed through on the way, when the event took more than one edge. */
  readonly via?: readonly StateId[];
  readonly sent?: readonly Segment[];
  readonly check?: SeqCheck;
  readonly ackCheck?: AckCheck;
  readonly rule?: RuleCode;
  /** The call was illegal and changed nothing. */
  readonly error?: CallError;
  /** The application is told its connection ended: refused, reset, or timed out. */
  readonly signal?: ConnectionError;
  /** A retransmission timer whose retries were exhausted. */
  readonly giveUp?: true;
}
