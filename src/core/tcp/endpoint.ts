/**
 * One TCP connection: the RFC 9293 connection state machine with its transmission control
 * block (TCB), user calls (3.10.1-3.10.5), segment arrival (3.10.7) and timeouts (3.10.8),
 * plus what the sockets layer adds on top (RFC 9293 3.6.1 and Linux): a receive buffer the
 * application reads from, a send window, the persist and keepalive timers, close() that
 * orphans the socket, and shutdown(SHUT_WR), which is RFC 9293's CLOSE.
 *
 * The class is still called Endpoint: each host (see host.ts) owns any number of them, one per
 * connection. Sequence numbers are modulo 2^32; times are integer milliseconds on the world's
 * virtual clock. The hot path allocates nothing but the segments it sends (and explanation
 * objects when the world records a trace).
 *
 * Modelling choices (see docs/scenario-format.md, "What the model simplifies"):
 * - data or FIN carried on a SYN is not kept (the SYN,ACK acknowledges only the SYN, so the
 *   sender sends the data again after the handshake); TCP Fast Open is not modelled;
 * - out-of-order data within the window is held and used when the gap is filled (SHLD-31);
 * - on a retransmission timeout only the oldest unacknowledged segment is sent again;
 * - there is no congestion window: the sender is limited by the peer's advertised window only;
 * - windows are in octets (as if scaled), so a receive buffer may exceed 65535.
 */
import type { StateId, TimerName } from './states';
import type { AckCheck, AnyCall, CallError, CallErrorCode, ConnectionError, EndpointId, RuleCode, Segment, SeqCheck, SeqCheckReason } from './types';
import type { Profile } from './profiles';
import { modelTimeout } from './profiles';
import type { Variant } from './variants';
import * as seqModule from './seq';

// Read once into local bindings: run unbundled (tsx, mocha), every use of an imported
// binding is a getter call, which costs a third of the hot path.
const { ACK, FIN, PSH, RST, SYN, maskOf, seqAdd, seqDiff, seqLe, seqLt } = seqModule;

/** What a connection needs from the world around it. */
export interface Wire {
  readonly now: number;
  readonly record: boolean;
  readonly delayedAck: boolean;
  /** Put a segment in flight from this connection (its ports, its window); returns it. */
  emit(ep: Endpoint, mask: number, seq: number, ack: number | null, len: number): Segment;
  /** Put a segment in flight from a host with no socket behind it (RST to a closed port). */
  emitRaw(from: EndpointId, sport: number, dport: number, mask: number, seq: number, ack: number | null, len: number, win: number): Segment;
  /** A passive connection is about to become ESTABLISHED: false when its listener's accept queue is full. */
  acceptQueueHasRoom(ep: Endpoint): boolean;
  /** A passive connection became ESTABLISHED: off the SYN queue, onto the accept queue (or accepted). */
  passiveEstablished(ep: Endpoint): void;
  /** A passive connection went back to LISTEN or CLOSED before being accepted: off its listener's queues. */
  passiveDropped(ep: Endpoint): void;
  /** tcp_abort_on_overflow. */
  readonly abortOnOverflow: boolean;
}

/** A segment sent and not yet fully acknowledged (the retransmission queue). */
export interface RexmitEntry {
  seq: number;
  /** Data octets. */
  len: number;
  syn: boolean;
  fin: boolean;
  /** When first sent (ms). */
  sentAt: number;
  /** Sent more than once (Karn: no RTT sample from it). */
  rexmit: boolean;
}

/** Out-of-order data (and FIN) held until the gap before it is filled. */
export interface HeldEntry {
  seq: number;
  len: number;
  fin: boolean;
}

/** Timer due times in ms, or -1 when not running. */
export interface TimerSet {
  retransmit: number;
  timeWait: number;
  finWait2: number;
  delayedAck: number;
  keepalive: number;
  persist: number;
}

/** Profile durations converted to integer milliseconds. */
export interface ProfileMs {
  readonly timeWait: number;
  readonly initialRto: number;
  readonly minRto: number;
  readonly maxRto: number;
  readonly synRetries: number;
  readonly synAckRetries: number;
  readonly dataRetries: number;
  readonly orphanRetries: number;
  readonly synLinearTimeouts: number;
  readonly timeBasedRetries: boolean;
  readonly rtoFallback: number;
  readonly synResendAfterBadAck: number;
  readonly linuxQuirks: boolean;
  readonly finWait2Timeout: number;
  readonly delayedAck: number;
  readonly invalidAckInterval: number;
  readonly mss: number;
  /** tcp_model_timeout(tcp_retries2, TCP_RTO_MIN) and tcp_model_timeout(orphan retries, TCP_RTO_MIN) in ms. */
  readonly dataTimeout: number;
  readonly orphanTimeout: number;
}

export function profileMs(p: Profile): ProfileMs {
  const ms = (s: number) => Math.round(s * 1000);
  return {
    timeWait: ms(p.timeWait),
    initialRto: ms(p.initialRto),
    minRto: ms(p.minRto),
    maxRto: ms(p.maxRto),
    synRetries: p.synRetries,
    synAckRetries: p.synAckRetries,
    dataRetries: p.dataRetries,
    orphanRetries: p.orphanRetries,
    synLinearTimeouts: p.synLinearTimeouts,
    timeBasedRetries: p.timeBasedRetries,
    rtoFallback: ms(p.rtoFallback),
    synResendAfterBadAck: p.synResendAfterBadAck === null ? -1 : ms(p.synResendAfterBadAck),
    linuxQuirks: p.linuxQuirks,
    finWait2Timeout: p.finWait2Timeout === null ? -1 : ms(p.finWait2Timeout),
    delayedAck: ms(p.delayedAckTimeout),
    invalidAckInterval: ms(p.invalidAckInterval),
    mss: p.mss,
    dataTimeout: ms(modelTimeout(p.dataRetries, p.minRto, p.maxRto)),
    orphanTimeout: ms(modelTimeout(p.orphanRetries, p.minRto, p.maxRto)),
  };
}

const SYNCHRONIZED_SIGNALS_RESET: ReadonlySet<StateId> = new Set<StateId>(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK']);
/** States in which close() with unread data answers with RST (Linux tcp_close, data_was_unread). */
const RST_ON_UNREAD: ReadonlySet<StateId> = new Set<StateId>(['SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK']);
/** States that may still receive data, so a reopened window is worth announcing. */
const RECEIVING: ReadonlySet<StateId> = new Set<StateId>(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2']);
/** States in which the keepalive timer probes (Linux tcp_keepalive_timer skips CLOSE and SYN-SENT; the others always have data or a FIN in flight). */
const KEEPALIVE_STATES: ReadonlySet<StateId> = new Set<StateId>(['ESTABLISHED', 'CLOSE-WAIT', 'FIN-WAIT-2']);

const CALL_MESSAGES: Readonly<Record<CallErrorCode, string>> = {
  'connection-exists': 'a connection already exists on this endpoint (RFC 9293: "error: connection already exists")',
  'connection-does-not-exist': 'there is no connection (RFC 9293: "error: connection does not exist")',
  'not-connected': 'a listening socket has no peer, so it cannot send, shut down or be read (RFC 9293: "error: remote socket unspecified"); its connections are the sockets accept() returns',
  'connection-closing': 'this side has already shut down or closed its direction of the connection (RFC 9293: "error: connection closing")',
  'address-in-use': 'another socket holds this port (EADDRINUSE): a listener always, a connection unless both sockets set SO_REUSEADDR',
  'address-not-available': 'a connection with these four ports still exists, e.g. in TIME-WAIT (EADDRNOTAVAIL)',
};

export function callError(code: CallErrorCode, call: AnyCall, state: StateId): CallError {
  return { code, message: `${call} in ${state}: ${CALL_MESSAGES[code]}` };
}

/** A listening socket's queues, as a passive connection sees its listener (host.ts's Listener). */
export interface ListenerQueues {
  readonly port: number;
  readonly backlog: number;
  /** Passive connections in SYN-RECEIVED. */
  readonly synQueue: Endpoint[];
  /** Established connections not yet accepted. */
  readonly acceptQueue: Endpoint[];
  /** accept() calls waiting for a connection. */
  pendingAccepts: number;
}

/** Per-event explanation scratch, owned by the world, filled by whichever socket handles the event. */
export interface EventScratch {
  rule: RuleCode | undefined;
  check: SeqCheck | undefined;
  ackCheck: AckCheck | undefined;
  signal: ConnectionError | undefined;
  giveUp: boolean;
}

export interface ConnSettings {
  readonly rcvBuf: number;
  readonly autoRead: boolean;
  readonly reuseAddr: boolean;
  /** Keepalive in ms, or null when off. */
  readonly keepalive: KeepaliveMs | null;
}

export interface KeepaliveMs {
  readonly idle: number;
  readonly interval: number;
  readonly count: number;
}

export class Endpoint {
  state: StateId = 'CLOSED';
  /** SYN-RECEIVED (or the connection) came from LISTEN. */
  passive = false;
  /** The application has closed the socket (close(), or abort): it is an orphan. */
  appClosed = false;
  /** shutdown(SHUT_WR) or close() was called: no more sends. */
  wrShut = false;
  /** close()/shutdown() in SYN-RECEIVED with data still queued: FIN after ESTABLISHED. */
  closePending = false;
  /** A FIN is queued behind unsent data (3.10.4: "queue this until all preceding SENDs have been segmentized"). */
  finQueued = false;
  /** Our FIN has been sent (it is the last sequence number we use). */
  finSent = false;
  error: ConnectionError | null = null;
  iss: number | null = null;
  sndUna: number | null = null;
  sndNxt: number | null = null;
  /** The peer's advertised window and the segment that last updated it (SND.WND, SND.WL1, SND.WL2). */
  sndWnd = 0;
  sndWl1 = 0;
  sndWl2 = 0;
  irs: number | null = null;
  rcvNxt: number | null = null;
  /** Octets the application passed to send() that are not yet on the wire (no window yet, or before ESTABLISHED). */
  unsent = 0;
  /** Octets the application has read. */
  delivered = 0;
  /** Octets received and waiting in the receive buffer for read(). */
  unread = 0;
  /** Octets of data this endpoint has sent (first transmissions). */
  sentBytes = 0;
  /** An ACK is owed and waiting for the delayed-ACK timer or our next segment. */
  ackPending = false;
  retries = 0;
  backoff = 0;
  /** When the first retransmitted segment was first sent (Linux retrans_stamp), ms, or -1. */
  retransStamp = -1;
  /** Our SYN (or SYN,ACK) was sent again: no RTT sample from the handshake (RFC 6298 5.7). */
  synRexmit = false;
  /** Base RTO in ms (before back-off). */
  rto: number;
  /** Smoothed RTT and its variation in ms (-1: no sample yet). */
  srtt = -1;
  rttvar = -1;
  /** When the last rate-limited reply to an unacceptable segment was sent (ms, -1: never). */
  lastInvalidAck = -1;
  /** Zero-window probes and keepalive probes sent without an answer (icsk_probes_out). */
  probesOut = 0;
  /** Persist timer back-off. */
  persistBackoff = 0;
  /** When a segment last arrived (ms): keepalive idles from here. */
  lastRecv = 0;
  rcvBuf: number;
  autoRead: boolean;
  reuseAddr: boolean;
  keepalive: KeepaliveMs | null;
  /** Passive and not yet accepted: the listener whose SYN queue or accept queue holds it. */
  listener: ListenerQueues | null = null;
  /** The application has this socket (active, or passive and accepted). */
  accepted = false;
  /** The process generation that owns this socket (a killed process's sockets keep theirs). */
  epoch = 0;
  rexmitQueue: RexmitEntry[] = [];
  held: HeldEntry[] = [];
  readonly timers: TimerSet = { retransmit: -1, timeWait: -1, finWait2: -1, delayedAck: -1, keepalive: -1, persist: -1 };

  /** States passed through during the current event. */
  hops: StateId[] = [];
  /** Set while processing a segment: an ACK of data or FIN is owed. */
  private ackNeeded = false;

  constructor(
    /** The host. */
    readonly id: EndpointId,
    /** The host's connection number, 1, 2, ... in creation order. */
    readonly conn: number,
    /** World-wide creation order. */
    readonly born: number,
    readonly lport: number,
    readonly rport: number,
    readonly isn: number,
    private readonly p: ProfileMs,
    private readonly variant: Variant,
    private readonly wire: Wire,
    private readonly ev: EventScratch,
    settings: ConnSettings,
  ) {
    this.rto = p.initialRto;
    this.rcvBuf = settings.rcvBuf;
    this.autoRead = settings.autoRead;
    this.reuseAddr = settings.reuseAddr;
    this.keepalive = settings.keepalive;
  }

  /** The receive window: the buffer minus what waits to be read (RCV.WND). */
  get rcvWnd(): number {
    const w = this.rcvBuf - this.unread;
    return w > 0 ? w : 0;
  }

  /** Holds its port: neither CLOSED nor a passive connection dropped back to LISTEN. */
  get live(): boolean {
    return this.state !== 'CLOSED' && this.state !== 'LISTEN';
  }

  // ---------------------------------------------------------------------------------
  // Queries

  /** Null when the call is legal now, else why not. */
  callRefusal(call: AnyCall): CallErrorCode | null {
    const s = this.state;
    switch (call) {
      case 'send':
        if (this.appClosed && s !== 'CLOSED') return 'connection-closing';
        if (s === 'CLOSED') return 'connection-does-not-exist';
        if (s === 'LISTEN') return 'not-connected';
        if (this.wrShut || this.closePending) return 'connection-closing';
        if (s === 'SYN-SENT' || s === 'SYN-RECEIVED' || s === 'ESTABLISHED' || s === 'CLOSE-WAIT') return null;
        return 'connection-closing';
      case 'shutdown':
        if (this.appClosed && s !== 'CLOSED') return 'connection-closing';
        if (s === 'CLOSED') return 'connection-does-not-exist';
        if (s === 'LISTEN') return 'not-connected';
        if (this.wrShut || this.closePending) return 'connection-closing';
        if (s === 'SYN-SENT' || s === 'SYN-RECEIVED' || s === 'ESTABLISHED' || s === 'CLOSE-WAIT') return null;
        return 'connection-closing';
      case 'close':
        if (this.appClosed) return s === 'CLOSED' ? 'connection-does-not-exist' : 'connection-closing';
        if (s === 'CLOSED') return 'connection-does-not-exist';
        if (s === 'LISTEN') return 'not-connected';
        return null;
      case 'abort':
        return s === 'CLOSED' ? 'connection-does-not-exist' : s === 'LISTEN' ? 'not-connected' : null;
      case 'read':
        if (this.appClosed) return 'connection-closing';
        if (s === 'LISTEN') return 'not-connected';
        if (s === 'CLOSED' && this.unread === 0) return 'connection-does-not-exist';
        return null;
      case 'keepalive':
        if (this.appClosed && s !== 'CLOSED') return 'connection-closing';
        if (s === 'CLOSED') return 'connection-does-not-exist';
        if (s === 'LISTEN') return 'not-connected';
        return null;
      default:
        return null;
    }
  }

  // ---------------------------------------------------------------------------------
  // User calls (RFC 9293 3.10.1-3.10.5 and the sockets API). The caller has checked callRefusal().

  /** OPEN, active (3.10.1 CLOSED STATE): SYN, SYN-SENT. */
  connect(now: number): void {
    this.lastRecv = now;
    const iss = this.isn >>> 0;
    this.iss = iss;
    this.sndUna = iss;
    this.sndNxt = seqAdd(iss, 1);
    this.enter('SYN-SENT');
    this.wire.emit(this, SYN, iss, null, 0);
    this.pushRexmit(iss, 0, true, false);
  }

  /** SEND (3.10.2): queued before ESTABLISHED; after, sent as far as the peer's window allows. */
  send(bytes: number): void {
    this.unsent += bytes;
    if (this.state === 'SYN-SENT' || this.state === 'SYN-RECEIVED') return;
    this.trySend();
  }

  /** shutdown(SHUT_WR): RFC 9293's CLOSE (3.10.4). The socket keeps receiving. */
  shutdown(): void {
    this.wrShut = true;
    this.rfcClose();
  }

  /**
   * close(): RFC 9293 3.6.1's half-duplex close. Unread data: RST and CLOSED at once
   * (SHLD-3; Linux tcp_close data_was_unread). Otherwise CLOSE if not yet shut down, and the
   * socket is orphaned: later data gets RST, FIN-WAIT-2 times out (Linux tcp_fin_timeout).
   */
  close(linger0: boolean): void {
    const s = this.state;
    if (linger0) {
      // SO_LINGER {on, 0}: Linux tcp_close -> tcp_disconnect: RST where 3.10.5 ABORT sends one, no TIME-WAIT.
      this.ev.rule = 'linger-rst';
      this.abortRst();
      return;
    }
    if (this.unread > 0 && RST_ON_UNREAD.has(s)) {
      // RFC 9293 3.6.1: a CLOSE with data still pending SHOULD send RST (SHLD-3).
      this.ev.rule = 'close-unread-rst';
      this.emitRst(this.sndNxt as number);
      this.appClosed = true;
      this.wrShut = true;
      this.enterClosed();
      return;
    }
    this.appClosed = true;
    if (!this.wrShut) {
      this.wrShut = true;
      this.rfcClose();
    }
    // An orphan in FIN-WAIT-2 times out from now (Linux tcp_close arms tcp_fin_timeout).
    if (this.state === 'FIN-WAIT-2' && this.p.finWait2Timeout >= 0 && this.timers.finWait2 < 0) this.timers.finWait2 = this.wire.now + this.p.finWait2Timeout;
  }

  /** CLOSE (3.10.4), per state. */
  private rfcClose(): void {
    switch (this.state) {
      case 'SYN-SENT':
        // 3.10.4 SYN-SENT STATE: delete the TCB.
        this.enterClosed();
        return;
      case 'SYN-RECEIVED':
        // 3.10.4 SYN-RECEIVED STATE: FIN now if nothing is queued, else after ESTABLISHED.
        if (this.unsent > 0) {
          this.closePending = true;
          return;
        }
        this.enter('FIN-WAIT-1');
        this.queueFin();
        return;
      case 'ESTABLISHED':
        // 3.10.4 ESTABLISHED STATE: FIN after queued sends; FIN-WAIT-1 in any case.
        this.enter('FIN-WAIT-1');
        this.queueFin();
        return;
      case 'CLOSE-WAIT':
        // 3.10.4 CLOSE-WAIT STATE: FIN after queued sends; LAST-ACK.
        this.enter('LAST-ACK');
        this.queueFin();
        return;
      default:
        return;
    }
  }

  /** ABORT (3.10.5): RST in SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT; nothing else. */
  abort(): void {
    this.abortRst();
  }

  private abortRst(): void {
    const s = this.state;
    if (s === 'SYN-RECEIVED' || s === 'ESTABLISHED' || s === 'FIN-WAIT-1' || s === 'FIN-WAIT-2' || s === 'CLOSE-WAIT') this.emitRst(this.sndNxt as number);
    this.appClosed = true;
    this.wrShut = true;
    this.enterClosed();
  }

  /** RECEIVE (3.10.3): the application takes `bytes` octets (all when -1) from the buffer. Returns how many. */
  read(bytes: number): number {
    const before = this.rcvWnd;
    const n = bytes < 0 || bytes > this.unread ? this.unread : bytes;
    this.unread -= n;
    this.delivered += n;
    if (before === 0 && this.rcvWnd > 0 && RECEIVING.has(this.state)) {
      // Linux tcp_cleanup_rbuf: a read that reopens the window announces it at once.
      this.ev.rule = 'window-update';
      this.sendAck();
    }
    return n;
  }

  /** SO_KEEPALIVE on (Linux tcp_set_keepalive: the timer runs from now). */
  setKeepalive(k: KeepaliveMs): void {
    this.keepalive = k;
    this.probesOut = 0;
    if (KEEPALIVE_STATES.has(this.state)) this.timers.keepalive = this.wire.now + k.idle;
  }

  /** The host crashed: the connection is gone without a word. */
  vanish(): void {
    this.resetTcb();
    this.enter('CLOSED');
  }

  // ---------------------------------------------------------------------------------
  // Segment arrival (RFC 9293 3.10.7)

  /** 3.10.7.2 LISTEN STATE, third (SYN): this new connection takes the SYN its listener passed on. */
  acceptSyn(seg: Segment, now: number): void {
    this.ev.rule = 'listen-syn';
    this.passive = true;
    this.lastRecv = now;
    this.irs = seg.seq;
    this.rcvNxt = seqAdd(seg.seq, 1);
    this.sndWnd = seg.win;
    this.sndWl1 = seg.seq;
    const iss = this.isn >>> 0;
    this.iss = iss;
    this.sndUna = iss;
    this.sndNxt = seqAdd(iss, 1);
    this.sndWl2 = iss;
    this.rto = this.p.initialRto;
    if (this.variant.twoWayHandshake) {
      this.enter('ESTABLISHED');
      this.wire.emit(this, SYN | ACK, iss, this.rcvNxt, 0);
      this.pushRexmit(iss, 0, true, false);
      this.wire.passiveEstablished(this);
      this.afterEstablished();
      return;
    }
    this.enter('SYN-RECEIVED');
    this.wire.emit(this, SYN | ACK, iss, this.rcvNxt, 0);
    this.pushRexmit(iss, 0, true, false);
  }

  /**
   * The ACK of a SYN cookie (Linux cookie_v4_check): the connection is born ESTABLISHED with the
   * cookie as its ISS; then the ACK is processed as in SYN-RECEIVED.
   */
  acceptCookie(seg: Segment, cookie: number, now: number): void {
    this.passive = true;
    this.lastRecv = now;
    this.irs = seqAdd(seg.seq, -1);
    this.rcvNxt = seg.seq;
    this.iss = cookie;
    this.sndUna = cookie;
    this.sndNxt = seqAdd(cookie, 1);
    this.sndWl1 = seg.seq;
    this.sndWl2 = seg.ack as number;
    this.sndWnd = seg.win;
    this.hops.push('SYN-RECEIVED');
    this.state = 'SYN-RECEIVED';
    this.arriveSynchronized(seg, maskOf(seg.flags));
    this.ev.rule = 'listen-cookie-ack';
  }

  receive(seg: Segment): void {
    const mask = maskOf(seg.flags);
    switch (this.state) {
      case 'CLOSED':
      case 'LISTEN':
        // The world routes segments only to live connections.
        return;
      case 'SYN-SENT':
        this.arriveSynSent(seg, mask);
        return;
      default:
        this.arriveSynchronized(seg, mask);
    }
  }

  /** 3.10.7.3 SYN-SENT STATE. */
  private arriveSynSent(seg: Segment, mask: number): void {
    const iss = this.iss as number;
    let ackOk = false;
    // First, check the ACK bit.
    if (mask & ACK) {
      const ack = seg.ack as number;
      ackOk = seqLt(iss, ack) && seqLe(ack, this.sndNxt as number);
      if (this.wire.record) this.ev.ackCheck = { ack, sndUna: this.sndUna as number, sndNxt: this.sndNxt as number, acceptable: ackOk };
      if (!ackOk) {
        if (mask & RST) {
          // "If the RST bit is set, discard the segment and return."
          this.ev.rule = 'syn-sent-bad-ack-rst-dropped';
          return;
        }
        // "<SEQ=SEG.ACK><CTL=RST>, and discard the segment."
        this.ev.rule = 'syn-sent-bad-ack';
        this.wire.emitRaw(this.id, this.lport, this.rport, RST, ack, null, 0, 0);
        // Linux tcp_rcv_synsent_state_process: "Previous FIN/ACK or RST/ACK might be ignored":
        // the SYN goes again after TCP_TIMEOUT_MIN if it has not been resent yet.
        if (this.p.synResendAfterBadAck >= 0 && this.retries === 0) this.timers.retransmit = this.wire.now + this.p.synResendAfterBadAck;
        return;
      }
    }
    // Second, check the RST bit.
    if (mask & RST) {
      if (ackOk) {
        this.ev.rule = 'syn-sent-rst-refused';
        this.signal('refused');
        this.enterClosed();
      } else {
        this.ev.rule = 'syn-sent-rst-ignored';
      }
      return;
    }
    // Fourth, check the SYN bit.
    if (!(mask & SYN)) {
      this.ev.rule = 'syn-sent-drop';
      return;
    }
    this.lastRecv = this.wire.now;
    this.irs = seg.seq;
    this.rcvNxt = seqAdd(seg.seq, 1);
    this.sndWnd = seg.win;
    this.sndWl1 = seg.seq;
    this.sndWl2 = seg.ack ?? iss;
    if (mask & ACK) this.ackAdvance(seg.ack as number);
    if (seqLt(iss, this.sndUna as number)) {
      // "If SND.UNA > ISS (our SYN has been ACKed), change the connection state to ESTABLISHED."
      this.ev.rule = 'syn-sent-syn-ack';
      this.enter('ESTABLISHED');
      this.ackNeeded = !this.variant.twoWayHandshake;
      const rest = seg.len > 0 || (mask & FIN) !== 0;
      if (rest) this.processTextAndFin(seqAdd(seg.seq, 1), seg.len, (mask & FIN) !== 0);
      this.afterEstablished();
      this.flushAck(false);
      return;
    }
    // "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment" (simultaneous open).
    this.ev.rule = 'simultaneous-open';
    this.passive = false;
    this.enter('SYN-RECEIVED');
    if (this.rexmitQueue.length > 0) this.rexmitQueue[0].rexmit = true;
    this.wire.emit(this, SYN | ACK, iss, this.rcvNxt, 0);
    this.clearAckOwed();
  }

  /** 3.10.7.4 Other states (SYN-RECEIVED and the synchronised states). */
  private arriveSynchronized(seg: Segment, mask: number): void {
    const rcvNxt = this.rcvNxt as number;
    const wnd = this.rcvWnd;
    let seq = seg.seq;
    let syn = (mask & SYN) !== 0;
    let fin = (mask & FIN) !== 0;
    let dataLen = seg.len;
    const fullLen = dataLen + (syn ? 1 : 0) + (fin ? 1 : 0);

    // Linux tcp_check_req: a retransmitted SYN (seq = IRS) in SYN-RECEIVED of a passive open gets the SYN,ACK again.
    if (this.p.linuxQuirks && this.state === 'SYN-RECEIVED' && this.passive && mask === SYN && seg.seq === this.irs) {
      this.ev.rule = 'syn-received-syn-resend';
      if (this.replyAllowed()) this.wire.emit(this, SYN | ACK, this.iss as number, rcvNxt, 0);
      return;
    }

    // First, check the sequence number (table 6), with the appendix A.2 allowance for the
    // SYN,ACK of a simultaneous open, whose SYN we already hold.
    let reason: SeqCheckReason;
    let acceptable: boolean;
    if (this.state === 'SYN-RECEIVED' && syn && (mask & ACK) !== 0 && seq === this.irs) {
      reason = 'old-syn';
      acceptable = true;
      syn = false;
      seq = seqAdd(seq, 1);
    } else {
      const d = seqDiff(seq, rcvNxt);
      if (fullLen === 0) {
        acceptable = wnd === 0 ? d === 0 : d >= 0 && d < wnd;
        reason = d === 0 ? 'at-rcv-nxt' : d < 0 ? 'old' : d < wnd ? 'in-window' : 'beyond-window';
      } else if (wnd === 0) {
        acceptable = false;
        reason = d < 0 ? 'old' : d === 0 ? 'at-rcv-nxt' : 'beyond-window';
      } else {
        const dEnd = d + fullLen - 1;
        const startIn = d >= 0 && d < wnd;
        const endIn = dEnd >= 0 && dEnd < wnd;
        acceptable = startIn || endIn;
        reason = d === 0 ? 'at-rcv-nxt' : startIn ? 'in-window' : endIn ? 'overlaps' : d < 0 ? 'old' : 'beyond-window';
      }
    }
    if (this.wire.record) this.ev.check = { seq: seg.seq, len: fullLen, rcvNxt, rcvWnd: wnd, acceptable, reason };

    if (!acceptable) {
      if (mask & RST) {
        // "If the RST bit is set, drop the segment and return."
        this.ev.rule = 'unacceptable-rst-dropped';
        return;
      }
      if (this.state === 'TIME-WAIT' && fin && seqAdd(seg.seq, fullLen) === rcvNxt) {
        // 3.10.7.4 eighth, TIME-WAIT: a retransmitted FIN: acknowledge it and restart the 2 MSL wait.
        this.ev.rule = 'time-wait-fin';
        this.sendAck();
        this.timers.timeWait = this.wire.now + this.p.timeWait;
        return;
      }
      // "<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>", except when the window is zero and the
      // segment carries data at RCV.NXT: it is still an ACK that may open our send window.
      this.ev.rule = 'unacceptable-ack';
      if (wnd === 0 && reason === 'at-rcv-nxt' && (mask & ACK) !== 0 && !syn && !(mask & RST)) this.acceptAckOnly(seg);
      this.replyInvalid(fullLen === 0 || syn);
      return;
    }

    // Trim what lies before RCV.NXT (only the new part is processed).
    const old = seqDiff(rcvNxt, seq);
    if (old > 0) {
      let cut = old;
      if (syn) {
        syn = false;
        cut--;
      }
      const dataCut = Math.min(cut, dataLen);
      dataLen -= dataCut;
      seq = seqAdd(seq, dataCut + (old - cut));
    }
    // Trim what lies beyond the window.
    const room = wnd - seqDiff(seq, rcvNxt);
    if (dataLen > room) {
      dataLen = Math.max(room, 0);
      fin = false;
    } else if (fin && dataLen + 1 > room) {
      fin = false;
    }

    // Second, the RST bit (RFC 5961 as adopted by RFC 9293).
    if (mask & RST) {
      if (seg.seq !== rcvNxt) {
        if (this.state === 'TIME-WAIT' && this.p.linuxQuirks) {
          // Linux tcp_timewait_state_process: an inexact RST in TIME-WAIT is dropped without a challenge ACK.
          this.ev.rule = 'time-wait-rst-ignored';
          return;
        }
        // RFC 5961 section 3.2: an in-window inexact RST gets a challenge ACK.
        this.ev.rule = 'rst-challenge-ack';
        this.replyInvalid(true);
        return;
      }
      if (this.state === 'SYN-RECEIVED') {
        if (this.passive) {
          // "If this connection was initiated with a passive OPEN, return this connection to the LISTEN state."
          this.ev.rule = 'rst-back-to-listen';
          this.backToListen();
        } else {
          // "...initiated with an active OPEN: the connection was refused" (RFC); Linux tcp_reset reports ECONNRESET.
          this.ev.rule = 'rst-reset';
          this.signal(this.p.linuxQuirks ? 'reset' : 'refused');
          this.enterClosed();
        }
        return;
      }
      // ESTABLISHED .. CLOSE-WAIT: "users should receive a reset"; CLOSING, LAST-ACK, TIME-WAIT: CLOSED.
      this.ev.rule = 'rst-reset';
      if (SYNCHRONIZED_SIGNALS_RESET.has(this.state)) this.signal('reset');
      this.enterClosed();
      return;
    }

    // Fourth, the SYN bit.
    if (syn) {
      if (this.state === 'SYN-RECEIVED' && this.passive) {
        // "If the connection was initiated with a passive OPEN, return this connection to LISTEN."
        this.ev.rule = 'syn-back-to-listen';
        this.backToListen();
        return;
      }
      // RFC 5961 section 4: a challenge ACK.
      this.ev.rule = 'syn-challenge-ack';
      this.replyInvalid(true);
      return;
    }

    // Fifth, the ACK field.
    if (!(mask & ACK)) {
      this.ev.rule = 'no-ack-drop';
      return;
    }
    const ack = seg.ack as number;
    let establishedNow = false;
    if (this.state === 'SYN-RECEIVED') {
      const ok = seqLt(this.sndUna as number, ack) && seqLe(ack, this.sndNxt as number);
      if (this.wire.record) this.ev.ackCheck = { ack, sndUna: this.sndUna as number, sndNxt: this.sndNxt as number, acceptable: ok };
      if (!ok) {
        // "<SEQ=SEG.ACK><CTL=RST>"
        this.ev.rule = 'syn-received-bad-ack';
        this.wire.emitRaw(this.id, this.lport, this.rport, RST, ack, null, 0, 0);
        return;
      }
      if (this.passive && !this.wire.acceptQueueHasRoom(this)) {
        if (this.wire.abortOnOverflow) {
          // Linux tcp_check_req, listen_overflow with tcp_abort_on_overflow: embryonic_reset.
          this.ev.rule = 'accept-queue-overflow-rst';
          this.wire.emitRaw(this.id, this.lport, this.rport, RST, ack, null, 0, 0);
          this.backToListen();
          return;
        }
        // Linux tcp_check_req, listen_overflow: the ACK is dropped; the SYN,ACK timer keeps running.
        this.ev.rule = 'accept-queue-overflow';
        return;
      }
      this.enter('ESTABLISHED');
      establishedNow = true;
      this.sndWnd = seg.win;
      this.sndWl1 = seg.seq;
      this.sndWl2 = ack;
    }
    // RFC 5961 section 5: SND.UNA - MAX.SND.WND =< SEG.ACK =< SND.NXT (MAX.SND.WND taken as 65535 or the window).
    if (seqLt(this.sndNxt as number, ack) || seqDiff(this.sndUna as number, ack) > Math.max(65535, this.sndWnd)) {
      this.ev.rule = 'ack-unsent';
      this.replyInvalid(dataLen === 0 && !fin);
      return;
    }
    this.lastRecv = this.wire.now;
    this.probesOut = 0;
    this.ackAdvance(ack);
    this.updateWindow(seg, ack);
    this.ev.rule = 'processed';
    switch (this.state) {
      case 'FIN-WAIT-1':
        // "if the FIN segment is now acknowledged, then enter FIN-WAIT-2".
        if (this.finAcked()) this.enterFinWait2();
        break;
      case 'CLOSING':
        // "if the ACK acknowledges our FIN, then enter the TIME-WAIT state". Otherwise the ACK may
        // have opened the window our queued data and FIN wait for: Linux tcp_rcv_state_process
        // runs tcp_data_snd_check after tcp_ack in every state, so they go out now.
        if (this.finAcked()) this.enterTimeWait();
        else this.trySend();
        return;
      case 'LAST-ACK':
        // "If our FIN is now acknowledged, delete the TCB, enter the CLOSED state". Otherwise send
        // what a reopened window allows (as in CLOSING).
        if (this.finAcked()) this.enterClosed();
        else this.trySend();
        return;
      case 'TIME-WAIT':
        if (!fin) return;
        break;
      default:
        break;
    }

    if (this.appClosed && dataLen > 0 && (this.state === 'FIN-WAIT-1' || this.state === 'FIN-WAIT-2')) {
      // RFC 9293 3.6.1 / RFC 1122 4.2.2.13: new data after close() is answered with RST (Linux
      // tcp_rcv_state_process; the reply is tcp_v4_send_reset's <SEQ=SEG.ACK><CTL=RST>).
      this.ev.rule = 'orphan-data-rst';
      this.wire.emitRaw(this.id, this.lport, this.rport, RST, ack, null, 0, 0);
      this.signal('reset');
      this.enterClosed();
      return;
    }

    // Seventh and eighth: the text and the FIN.
    if (dataLen > 0 || fin) this.processTextAndFin(seq, dataLen, fin);
    if (establishedNow) {
      this.wire.passiveEstablished(this);
      this.afterEstablished();
    }
    this.trySend();
    this.flushAck(true);
  }

  /** An ACK that arrived with data into our zero window: take its acknowledgment and window. */
  private acceptAckOnly(seg: Segment): void {
    const ack = seg.ack as number;
    if (this.state === 'SYN-RECEIVED' || seqLt(this.sndNxt as number, ack)) return;
    this.lastRecv = this.wire.now;
    this.probesOut = 0;
    this.ackAdvance(ack);
    this.updateWindow(seg, ack);
    this.trySend();
  }

  /** 3.10.7.4 fifth, ESTABLISHED: "If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be updated." */
  private updateWindow(seg: Segment, ack: number): void {
    if (seqLt(this.sndWl1, seg.seq) || (this.sndWl1 === seg.seq && seqLe(this.sndWl2, ack))) {
      this.sndWnd = seg.win;
      this.sndWl1 = seg.seq;
      this.sndWl2 = ack;
    }
  }

  /**
   * Steps seven and eight for a segment (already trimmed to start at or after RCV.NXT).
   * In-order data goes to the receive buffer (read at once with autoRead) and held data that
   * now follows is used too; data after a gap is held and answered with an immediate duplicate ACK.
   */
  private processTextAndFin(seq: number, dataLen: number, fin: boolean): void {
    const s = this.state;
    const textState = s === 'ESTABLISHED' || s === 'FIN-WAIT-1' || s === 'FIN-WAIT-2';
    const rcvNxt = this.rcvNxt as number;
    if (seq !== rcvNxt) {
      if (textState) this.held.push({ seq, len: dataLen, fin });
      // Out of order: an immediate duplicate ACK (RFC 5681), not delayed.
      this.sendAck();
      return;
    }
    if (dataLen > 0 && textState) this.take(dataLen);
    if (fin) {
      this.processFin();
      return;
    }
    if (this.held.length > 0) this.useHeld();
  }

  private take(n: number): void {
    this.rcvNxt = seqAdd(this.rcvNxt as number, n);
    if (this.autoRead) this.delivered += n;
    else this.unread += n;
    this.ackNeeded = true;
  }

  private useHeld(): void {
    let progress = true;
    while (progress && this.held.length > 0) {
      progress = false;
      for (let i = 0; i < this.held.length; i++) {
        const h = this.held[i];
        const rcvNxt = this.rcvNxt as number;
        const d = seqDiff(rcvNxt, h.seq);
        const end = h.len + (h.fin ? 1 : 0);
        if (d < 0) continue;
        this.held.splice(i, 1);
        progress = true;
        if (d >= end) break; // entirely old
        const newData = Math.min(Math.max(h.len - d, 0), this.rcvWnd);
        if (newData > 0) this.take(newData);
        if (h.fin && newData === Math.max(h.len - d, 0)) {
          this.processFin();
          return;
        }
        break;
      }
    }
  }

  /** 3.10.7.4 eighth: the FIN bit. */
  private processFin(): void {
    this.rcvNxt = seqAdd(this.rcvNxt as number, 1);
    this.held.length = 0;
    this.ackNeeded = true;
    switch (this.state) {
      case 'SYN-RECEIVED':
      case 'ESTABLISHED':
        // "Enter the CLOSE-WAIT state."
        this.enter('CLOSE-WAIT');
        return;
      case 'FIN-WAIT-1':
        // "If our FIN has been ACKed, enter TIME-WAIT ...; otherwise, enter the CLOSING state."
        this.sendAck();
        if (this.finAcked()) this.enterTimeWait();
        else this.enter('CLOSING');
        return;
      case 'FIN-WAIT-2':
        // "Enter the TIME-WAIT state. Start the time-wait timer, turn off the other timers."
        this.sendAck();
        this.enterTimeWait();
        return;
      case 'TIME-WAIT':
        // "Remain in the TIME-WAIT state. Restart the 2 MSL time-wait timeout."
        this.sendAck();
        this.timers.timeWait = this.wire.now + this.p.timeWait;
        return;
      default:
        // CLOSE-WAIT, CLOSING, LAST-ACK: remain.
        return;
    }
  }

  /** Queued data and a queued close go out once ESTABLISHED is reached. */
  private afterEstablished(): void {
    // RFC 6298 section 5.7 (Linux tcp_init_metrics): a resent SYN leaves no RTT sample, so the RTO is 3 s.
    if (this.srtt < 0 && this.synRexmit) this.rto = this.p.rtoFallback;
    if (this.keepalive !== null && this.timers.keepalive < 0) this.timers.keepalive = this.wire.now + this.keepalive.idle;
    this.trySend();
    if (this.closePending && this.state === 'ESTABLISHED') {
      this.closePending = false;
      this.enter('FIN-WAIT-1');
      this.queueFin();
    }
  }

  /** Send the ACK owed by this segment now, or arm the delayed-ACK timer. */
  private flushAck(mayDelay: boolean): void {
    if (!this.ackNeeded) return;
    this.ackNeeded = false;
    const s = this.state;
    if (mayDelay && this.wire.delayedAck && !this.ackPending && (s === 'ESTABLISHED' || s === 'CLOSE-WAIT' || s === 'FIN-WAIT-1' || s === 'FIN-WAIT-2')) {
      this.ackPending = true;
      this.timers.delayedAck = this.wire.now + this.p.delayedAck;
      return;
    }
    this.sendAck();
  }

  // ---------------------------------------------------------------------------------
  // Timers (RFC 9293 3.10.8, and Linux's persist and keepalive timers)

  /** Fire one timer that is due. */
  fire(name: TimerName): void {
    switch (name) {
      case 'retransmit':
        this.timers.retransmit = -1;
        this.retransmitTimeout();
        return;
      case 'time-wait':
        // "If the time-wait timeout expires on a connection, delete the TCB, enter the CLOSED state."
        this.timers.timeWait = -1;
        this.enterClosed();
        return;
      case 'fin-wait-2':
        // Linux tcp_fin_timeout for an orphan (RFC 9293 has no such timer).
        this.timers.finWait2 = -1;
        this.enterClosed();
        return;
      case 'delayed-ack':
        this.timers.delayedAck = -1;
        if (this.ackPending) this.sendAck();
        return;
      case 'persist':
        this.timers.persist = -1;
        this.persistTimeout();
        return;
      case 'keepalive':
        this.timers.keepalive = -1;
        this.keepaliveTimeout();
        return;
    }
  }

  /** Whether the retransmission limit is reached (Linux tcp_write_timeout). */
  private retriesExhausted(): boolean {
    const s = this.state;
    if (s === 'SYN-SENT') return this.retries >= this.p.synRetries + this.p.synLinearTimeouts;
    if (s === 'SYN-RECEIVED') return this.retries >= (this.passive ? this.p.synAckRetries : this.p.synRetries);
    if (this.p.timeBasedRetries) {
      // retransmits_timed_out(): tcp_model_timeout from TCP_RTO_MIN, counted from retrans_stamp.
      if (this.retries === 0 || this.retransStamp < 0) return false;
      return this.wire.now - this.retransStamp >= (this.appClosed ? this.p.orphanTimeout : this.p.dataTimeout);
    }
    return this.retries >= (this.appClosed ? this.p.orphanRetries : this.p.dataRetries);
  }

  private retransmitTimeout(): void {
    if (this.rexmitQueue.length === 0) return;
    const s = this.state;
    if (this.retriesExhausted()) {
      this.ev.giveUp = true;
      if (s === 'SYN-RECEIVED' && this.passive) {
        // A half-open passive connection is dropped; the listener stays (Linux's request socket).
        this.backToListen();
        return;
      }
      this.signal('timeout');
      this.enterClosed();
      return;
    }
    const e = this.rexmitQueue[0];
    if (this.retries === 0) this.retransStamp = e.sentAt;
    this.retries++;
    // Linux 6.5+ tcp_retransmit_timer: the first tcp_syn_linear_timeouts SYN retries keep the RTO.
    if (!(s === 'SYN-SENT' && this.retries <= this.p.synLinearTimeouts)) this.backoff++;
    e.rexmit = true;
    if (e.syn) {
      this.synRexmit = true;
      if (s === 'SYN-SENT') this.wire.emit(this, SYN, e.seq, null, 0);
      else this.emitAcking(SYN | ACK, e.seq, 0);
    } else {
      this.emitAcking(ACK | (e.len > 0 ? PSH : 0) | (e.fin ? FIN : 0), e.seq, e.len);
    }
    this.armRetransmit();
  }

  /** Linux tcp_probe_timer / tcp_send_probe0: a zero-window probe <SEQ=SND.UNA-1>, no data. */
  private persistTimeout(): void {
    if (!this.wantsToSend() || this.rexmitQueue.length > 0) {
      this.persistBackoff = 0;
      return;
    }
    if (this.usableWindow() > 0) {
      this.trySend();
      return;
    }
    const interval = this.persistInterval();
    if (this.appClosed ? interval >= this.p.maxRto : this.probesOut >= this.p.dataRetries) {
      // tcp_probe_timer: an orphan gives up once the backed-off RTO reaches TCP_RTO_MAX
      // (tcp_orphan_retries with alive false); others after tcp_retries2 unanswered probes.
      this.ev.giveUp = true;
      this.signal('timeout');
      this.enterClosed();
      return;
    }
    this.ev.rule = 'window-probe';
    this.emitAcking(ACK, seqAdd(this.sndUna as number, -1), 0);
    this.probesOut++;
    if (this.persistBackoff < 30) this.persistBackoff++;
    this.timers.persist = this.wire.now + this.persistInterval();
  }

  private persistInterval(): number {
    let t = Math.max(this.rto, this.p.minRto);
    for (let i = 0; i < this.persistBackoff && t < this.p.maxRto; i++) t *= 2;
    return Math.min(t, this.p.maxRto);
  }

  /** Linux tcp_keepalive_timer. */
  private keepaliveTimeout(): void {
    const k = this.keepalive;
    if (k === null || !KEEPALIVE_STATES.has(this.state)) return;
    const now = this.wire.now;
    if (this.rexmitQueue.length > 0 || this.unsent > 0) {
      // Data in flight: the retransmission timer watches the peer instead.
      this.timers.keepalive = now + k.interval;
      return;
    }
    const elapsed = now - this.lastRecv;
    if (elapsed < k.idle) {
      this.timers.keepalive = this.lastRecv + k.idle;
      return;
    }
    if (this.probesOut >= k.count) {
      // "icsk_probes_out >= keepalive_probes": tcp_send_active_reset and tcp_write_err (ETIMEDOUT).
      this.ev.rule = 'keepalive-reset';
      this.emitRst(this.sndNxt as number);
      this.signal('timeout');
      this.enterClosed();
      return;
    }
    // tcp_write_wakeup -> tcp_xmit_probe_skb: <SEQ=SND.UNA-1><ACK=RCV.NXT>, no data.
    this.ev.rule = 'keepalive-probe';
    this.emitAcking(ACK, seqAdd(this.sndUna as number, -1), 0);
    this.probesOut++;
    this.timers.keepalive = now + k.interval;
  }

  // ---------------------------------------------------------------------------------
  // Helpers

  enter(s: StateId): void {
    this.state = s;
    this.hops.push(s);
  }

  private signal(e: ConnectionError): void {
    this.error = e;
    this.ev.signal = e;
  }

  private resetTcb(): void {
    this.closePending = false;
    this.finQueued = false;
    this.ackPending = false;
    this.ackNeeded = false;
    this.unsent = 0;
    if (this.rexmitQueue.length > 0) this.rexmitQueue.length = 0;
    if (this.held.length > 0) this.held.length = 0;
    this.timers.retransmit = -1;
    this.timers.timeWait = -1;
    this.timers.finWait2 = -1;
    this.timers.delayedAck = -1;
    this.timers.keepalive = -1;
    this.timers.persist = -1;
  }

  enterClosed(): void {
    this.resetTcb();
    this.enter('CLOSED');
  }

  /** 3.10.7.4: "return this connection to the LISTEN state" (it is then gone; its listener stays). */
  private backToListen(): void {
    this.resetTcb();
    this.enter('LISTEN');
    this.wire.passiveDropped(this);
  }

  private enterFinWait2(): void {
    this.enter('FIN-WAIT-2');
    if (this.p.finWait2Timeout >= 0 && this.appClosed) this.timers.finWait2 = this.wire.now + this.p.finWait2Timeout;
  }

  private enterTimeWait(): void {
    if (this.variant.noTimeWait) {
      this.enterClosed();
      return;
    }
    this.enter('TIME-WAIT');
    this.timers.retransmit = -1;
    this.timers.finWait2 = -1;
    this.timers.delayedAck = -1;
    this.timers.keepalive = -1;
    this.timers.persist = -1;
    this.ackPending = false;
    this.rexmitQueue.length = 0;
    this.timers.timeWait = this.wire.now + this.p.timeWait;
  }

  private finAcked(): boolean {
    return this.finSent && this.sndUna === this.sndNxt;
  }

  private currentRto(): number {
    let rto = this.rto;
    for (let i = 0; i < this.backoff && rto < this.p.maxRto; i++) rto *= 2;
    return Math.min(rto, this.p.maxRto);
  }

  private armRetransmit(): void {
    this.timers.retransmit = this.wire.now + this.currentRto();
  }

  private pushRexmit(seq: number, len: number, syn: boolean, fin: boolean): void {
    this.rexmitQueue.push({ seq, len, syn, fin, sentAt: this.wire.now, rexmit: false });
    if (this.timers.retransmit < 0) this.armRetransmit();
  }

  /** SND.UNA < ack: advance, drop what is acknowledged, take an RTT sample, re-arm. */
  private ackAdvance(ack: number): void {
    const una = this.sndUna as number;
    if (!seqLt(una, ack)) return;
    this.sndUna = ack;
    let sample = -1;
    const q = this.rexmitQueue;
    while (q.length > 0) {
      const e = q[0];
      const end = seqAdd(e.seq, e.len + (e.syn ? 1 : 0) + (e.fin ? 1 : 0));
      if (seqLe(end, ack)) {
        sample = e.rexmit ? -1 : this.wire.now - e.sentAt;
        q.shift();
        continue;
      }
      if (seqLt(e.seq, ack)) {
        // Partly acknowledged: keep the rest.
        let cut = seqDiff(ack, e.seq);
        if (e.syn) {
          e.syn = false;
          cut--;
        }
        e.len -= cut;
        e.seq = ack;
      }
      break;
    }
    if (sample >= 0) this.rttSample(sample);
    this.retries = 0;
    this.backoff = 0;
    this.retransStamp = -1;
    if (q.length === 0) this.timers.retransmit = -1;
    else this.armRetransmit();
  }

  /** RFC 6298 section 2, with a 1 ms clock granularity. */
  private rttSample(r: number): void {
    if (this.srtt < 0) {
      this.srtt = r;
      this.rttvar = r / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
    }
    const rto = Math.round(this.srtt + Math.max(1, 4 * this.rttvar));
    this.rto = Math.min(Math.max(rto, this.p.minRto), this.p.maxRto);
  }

  private wantsToSend(): boolean {
    return this.unsent > 0 || (this.finQueued && !this.finSent);
  }

  /** SND.UNA + SND.WND - SND.NXT. */
  private usableWindow(): number {
    return seqDiff(seqAdd(this.sndUna as number, this.sndWnd), this.sndNxt as number);
  }

  /** Send queued data (and then a queued FIN) as far as the peer's window allows; arm the persist timer when it is shut. */
  private trySend(): void {
    if (this.sndNxt === null) return;
    const s = this.state;
    if (s === 'SYN-SENT' || s === 'SYN-RECEIVED' || s === 'CLOSED' || s === 'LISTEN' || s === 'TIME-WAIT') return;
    const mss = this.p.mss;
    while (this.unsent > 0) {
      const usable = this.usableWindow();
      if (usable <= 0) break;
      const n = Math.min(mss, this.unsent, usable);
      this.unsent -= n;
      const seq = this.sndNxt as number;
      this.emitAcking(ACK | (this.unsent === 0 ? PSH : 0), seq, n);
      this.sndNxt = seqAdd(seq, n);
      this.sentBytes += n;
      this.pushRexmit(seq, n, false, false);
    }
    if (this.unsent === 0 && this.finQueued && !this.finSent && this.usableWindow() > 0) this.sendFin();
    if (this.wantsToSend() && this.rexmitQueue.length === 0) {
      // Linux tcp_check_probe_timer: nothing in flight and the window shut: probe it.
      if (this.timers.persist < 0) this.timers.persist = this.wire.now + this.persistInterval();
    } else {
      this.timers.persist = -1;
      this.persistBackoff = 0;
    }
  }

  private queueFin(): void {
    this.finQueued = true;
    this.trySend();
  }

  private sendFin(): void {
    const seq = this.sndNxt as number;
    this.emitAcking(FIN | ACK, seq, 0);
    this.sndNxt = seqAdd(seq, 1);
    this.finSent = true;
    this.pushRexmit(seq, 0, false, true);
  }

  private sendAck(): void {
    this.emitAcking(ACK, this.sndNxt as number, 0);
  }

  /**
   * The RST a socket sends of its own accord (ABORT, close() with unread data or SO_LINGER 0,
   * keepalive giving up, a closed listener's queued connections). RFC 9293 3.10.5 and 3.10.7:
   * <SEQ=SND.NXT><CTL=RST>, no ACK. Linux tcp_send_active_reset builds it with
   * tcp_init_nondata_skb(skb, tcp_acceptable_seq(sk), TCPHDR_ACK | TCPHDR_RST): RST,ACK with
   * ack = RCV.NXT. (A reply to a segment, tcp_v4_send_reset, keeps the RFC's form.)
   */
  private emitRst(seq: number): void {
    if (this.p.linuxQuirks && this.rcvNxt !== null) this.wire.emit(this, RST | ACK, seq, this.rcvNxt, 0);
    else this.wire.emit(this, RST, seq, null, 0);
  }

  /** Emit a segment with the ACK flag and ACK = RCV.NXT: it settles any ACK we owe. */
  private emitAcking(mask: number, seq: number, len: number): void {
    this.wire.emit(this, mask, seq, this.rcvNxt, len);
    this.clearAckOwed();
  }

  private clearAckOwed(): void {
    this.ackNeeded = false;
    this.ackPending = false;
    this.timers.delayedAck = -1;
  }

  /** tcp_oow_rate_limited for replies to data-less segments; records the reply. */
  private replyAllowed(): boolean {
    const now = this.wire.now;
    if (this.lastInvalidAck >= 0 && now - this.lastInvalidAck < this.p.invalidAckInterval) {
      this.ev.rule = 'unacceptable-rate-limited';
      return false;
    }
    this.lastInvalidAck = now;
    return true;
  }

  /**
   * The ACK that answers an unacceptable segment, a challenge ACK (RST or SYN, RFC 5961),
   * or an ACK of unsent data. Replies to segments without data are rate-limited as Linux
   * does (tcp_invalid_ratelimit), which also ends any ACK loop between desynchronised ends.
   */
  private replyInvalid(limited: boolean): void {
    if (limited && !this.replyAllowed()) return;
    this.sendAck();
  }
}

/** SEG.LEN: data plus one for SYN and one for FIN. */
export function segLen(seg: Segment, mask: number = maskOf(seg.flags)): number {
  return seg.len + (mask & SYN ? 1 : 0) + (mask & FIN ? 1 : 0);
}
