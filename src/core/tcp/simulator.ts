/**
 * The world: two hosts, A and B, each with sockets (listeners and connections, see host.ts),
 * the network between them (one in-flight queue per direction) and a virtual clock with
 * millisecond resolution. Mutable; `snapshot()` and `Simulator.restore()` turn it into plain
 * JSON and back (snapshot.ts).
 *
 * Public API, for the sandbox, the CLI and anyone predicting a kernel's states:
 * - `new Simulator(options)`, `apply(step)` -> trace events (throws StepError when a step
 *   cannot be carried out, e.g. nothing in flight to deliver);
 * - `state(host)`: the host's summary state (its most recent connection's, else LISTEN if it
 *   listens, else CLOSED), `connections()` and `listeners()`: every socket, as in a
 *   scenario's `final.connections` / `final.listeners`;
 * - `snapshot()` / `Simulator.restore()`.
 */
import type { StateId, TimerName, TransitionInfo } from './states';
import { TRANSITIONS } from './states';
import type { AnyCall, CallError, CallErrorCode, Cause, ConnRef, ConnectionError, EndpointId, ResolvedOptions, RuleCode, Segment, SimulatorOptions, TraceEvent, VariantId, WorldOptions } from './types';
import { DEFAULT_BACKLOG, DEFAULT_ISN, DEFAULT_RCVBUF, DEFAULT_SERVER_PORT, DEFAULT_SOMAXCONN, DEFAULT_SYN_BACKLOG, EPHEMERAL_FIRST, MAX_RCVBUF, otherEndpoint } from './types';
import type { Profile } from './profiles';
import { PROFILES, PROFILE_IDS } from './profiles';
import type { Variant } from './variants';
import { VARIANTS, VARIANT_IDS } from './variants';
import type { EventScratch, KeepaliveMs, ListenerQueues, ProfileMs, Wire } from './endpoint';
import { Endpoint, callError, profileMs, segLen } from './endpoint';
import * as hostModule from './host';
import { Host, Listener } from './host';
import type { NormalizedStep, Step } from './steps';
import { USER_CALLS, checkStep, isStepProblem } from './steps';
import * as seqModule from './seq';
import { MAX_FLUSH_SEGMENTS, MAX_IN_FLIGHT_SEGMENTS, formatCount, sendLimitProblem } from './limits';

// Read once into local bindings (no module getters on the hot path when run unbundled).
const { ACK, RST, SYN, flagsOf, maskOf, seqAdd, seqLt } = seqModule;
const { pairKey } = hostModule;
import type { SimulatorSnapshot } from './snapshot';
import { checkSnapshot, loadWorld, snapshotWorld } from './snapshot';

/** A step that cannot be carried out now (e.g. nothing in flight to deliver). */
export class StepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepError';
  }
}

export interface TcbView {
  readonly iss: number | null;
  readonly sndUna: number | null;
  readonly sndNxt: number | null;
  readonly irs: number | null;
  readonly rcvNxt: number | null;
  readonly rcvWnd: number;
}

export interface EndpointView {
  readonly id: EndpointId;
  /** The host's summary state (see Simulator.state). */
  readonly state: StateId;
  /** The connection shown: the host's most recent one, or null (then the TCB is empty). */
  readonly conn: number | null;
  readonly tcb: TcbView;
  /** The application has called close (or abort). */
  readonly appClosed: boolean;
  /** SYN-RECEIVED (or the connection) came from LISTEN. */
  readonly passive: boolean;
  /** How the connection ended for the application, if abnormally. */
  readonly error: ConnectionError | null;
  /** Octets the application passed to send() that are not on the wire yet. */
  readonly pendingSend: number;
  /** A close waiting for queued data and ESTABLISHED. */
  readonly closePending: boolean;
  /** Octets the application has read. */
  readonly delivered: number;
  /** Octets waiting in the receive buffer. */
  readonly unread: number;
  /** Octets of data sent (first transmissions). */
  readonly sentBytes: number;
  /** Octets and controls sent but not acknowledged (the retransmission queue). */
  readonly unacknowledged: number;
  readonly retries: number;
  /** Current retransmission timeout in seconds (with back-off). */
  readonly rto: number;
}

export interface TimerView {
  readonly endpoint: EndpointId;
  readonly conn: number;
  readonly name: TimerName;
  /** Due time in seconds. */
  readonly due: number;
}

/** One connection as `final.connections` reports it. */
export interface ConnectionView {
  readonly host: EndpointId;
  readonly conn: number;
  readonly local: number;
  readonly remote: number;
  readonly state: StateId;
  readonly error: ConnectionError | null;
  /** Octets the application has read. */
  readonly received: number;
  /** Octets received and waiting to be read. */
  readonly unread: number;
}

/** One listening socket as `final.listeners` reports it. */
export interface ListenerView {
  readonly host: EndpointId;
  readonly port: number;
  readonly state: 'LISTEN' | 'CLOSED';
  /** Connections in SYN-RECEIVED. */
  readonly synQueue: number;
  /** Established connections waiting for accept(). */
  readonly acceptQueue: number;
}

export type CallLegality = { readonly legal: true } | { readonly legal: false; readonly code: CallErrorCode; readonly message: string };

// ---------------------------------------------------------------------------------------

const TIMER_ORDER: readonly TimerName[] = ['delayed-ack', 'retransmit', 'persist', 'keepalive', 'fin-wait-2', 'time-wait'];
/** tcp_synq_no_recent_overflow: cookies are checked for two minutes after the SYN queue overflowed. */
const COOKIE_WINDOW_MS = 120_000;

const EDGES = new Map<string, TransitionInfo[]>();
for (const t of TRANSITIONS) {
  const key = `${t.from}|${t.to}`;
  const list = EDGES.get(key);
  if (list) list.push(t);
  else EDGES.set(key, [t]);
}

/**
 * The TRANSITIONS edge a move takes under a variant, preferring an edge whose causes
 * include this kind of cause (call name, segment, timer name), then drawn edges.
 */
export function edgeFor(from: StateId, to: StateId, variant: VariantId, cause?: Cause, timer?: TimerName): TransitionInfo | undefined {
  const list = EDGES.get(`${from}|${to}`);
  if (!list) return undefined;
  const origins = VARIANTS[variant].origins;
  let best: TransitionInfo | undefined;
  let bestScore = -1;
  for (const t of list) {
    if (!origins.includes(t.origin)) continue;
    let score = t.drawn ? 1 : 0;
    if (cause !== undefined && causeMatches(t, cause, timer)) score += 2;
    // A variant's own edge beats a standard one it replaces (e.g. FIN in FIN-WAIT-2 to CLOSED).
    if (t.origin !== 'standard' && t.origin !== 'implementation' && cause === 'segment') score += 1;
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

/** Whether one of the edge's listed causes is of this kind (the same call, a segment, the same timer). shutdown is RFC 9293's CLOSE. */
export function causeMatches(t: TransitionInfo, cause: Cause, timer?: TimerName): boolean {
  const call = cause === 'shutdown' || cause === 'kill' ? 'close' : cause;
  for (const c of t.causes) {
    if ((c.kind === 'call' && c.call === call) || (c.kind === 'segment' && cause === 'segment') || (c.kind === 'timer' && cause === 'timer' && c.timer === timer)) return true;
  }
  return false;
}

/** What a socket event does (the trace's cause is separate). */
type Op = 'segment' | 'accept-syn' | 'accept-cookie' | 'timer' | 'connect' | 'send' | 'close' | 'close-linger' | 'shutdown' | 'abort' | 'read' | 'keepalive' | 'vanish' | 'tw-reuse' | 'listener-reset' | 'accept';

type CallStepN = Extract<NormalizedStep, { kind: 'call' }>;

/** A SYN cookie: a deterministic function of the ports and the client's ISN (Linux: a keyed hash, __cookie_v4_init_sequence). */
export function synCookie(lport: number, rport: number, irs: number): number {
  let h = Math.imul(lport ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul((rport + 0x632be59b) | 0, 0xc2b2ae35) ^ irs;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Simulator implements Wire {
  readonly options: WorldOptions;
  readonly profile: Profile;
  readonly variant: Variant;
  readonly record: boolean;
  readonly delayedAck: boolean;
  readonly abortOnOverflow: boolean;
  /** Clock in ms. */
  now = 0;
  /** Endpoint events processed (calls, segment arrivals, timers) since construction. */
  eventCount = 0;
  /** Next segment id. */
  nextId = 1;
  /** Sockets created so far (world-wide creation order). */
  born = 0;
  readonly flightA: Segment[] = [];
  readonly flightB: Segment[] = [];
  readonly hostA = new Host('A');
  readonly hostB = new Host('B');
  readonly p: ProfileMs;
  readonly ev: EventScratch = { rule: undefined, check: undefined, ackCheck: undefined, signal: undefined, giveUp: false };
  private curSent: Segment[] | null = null;
  private out: TraceEvent[] | null = null;

  constructor(options: SimulatorOptions = {}) {
    this.options = resolveWorld(options);
    this.profile = PROFILES[this.options.profile];
    this.variant = VARIANTS[this.options.variant];
    this.record = options.record !== false;
    this.delayedAck = this.options.delayedAck;
    this.abortOnOverflow = this.options.abortOnOverflow;
    this.p = profileMs(this.profile);
  }

  // ---------------------------------------------------------------------------------
  // Wire

  emit(ep: Endpoint, mask: number, seq: number, ack: number | null, len: number): Segment {
    return this.emitRaw(ep.id, ep.lport, ep.rport, mask, seq, ack, len, mask & RST ? 0 : ep.rcvWnd);
  }

  emitRaw(from: EndpointId, sport: number, dport: number, mask: number, seq: number, ack: number | null, len: number, win: number): Segment {
    const seg: Segment = { from, sport, dport, win, flags: flagsOf(mask), seq: seq >>> 0, ack: ack === null ? null : ack >>> 0, len, id: this.nextId++ };
    (from === 'A' ? this.flightA : this.flightB).push(seg);
    if (this.curSent !== null) this.curSent.push(seg);
    return seg;
  }

  acceptQueueHasRoom(ep: Endpoint): boolean {
    const l = ep.listener;
    if (l === null) return true;
    // sk_acceptq_is_full: sk_ack_backlog > sk_max_ack_backlog (Linux admits one more than the backlog).
    return !(l.acceptQueue.length > this.maxBacklog(l));
  }

  passiveEstablished(ep: Endpoint): void {
    const l = ep.listener;
    if (l === null) return;
    removeFrom(l.synQueue, ep);
    if (this.options.autoAccept[ep.id] || l.pendingAccepts > 0) {
      if (l.pendingAccepts > 0) l.pendingAccepts--;
      ep.accepted = true;
      ep.listener = null;
      return;
    }
    l.acceptQueue.push(ep);
  }

  passiveDropped(ep: Endpoint): void {
    const l = ep.listener;
    if (l === null) return;
    removeFrom(l.synQueue, ep);
    removeFrom(l.acceptQueue, ep);
    ep.listener = null;
  }

  private maxBacklog(l: ListenerQueues): number {
    return Math.min(l.backlog, this.options.somaxconn);
  }

  // ---------------------------------------------------------------------------------
  // Steps

  /** Carry out one step; returns the trace events it produced (none when not recording). Throws StepError if it cannot. */
  apply(step: Step | NormalizedStep): TraceEvent[] {
    const n = normalize(step);
    const out: TraceEvent[] = [];
    this.out = this.record ? out : null;
    try {
      switch (n.kind) {
        case 'call':
          this.callStep(n);
          break;
        case 'deliver':
          this.deliver(n.endpoint, n.nth);
          break;
        case 'drop':
          this.drop(n.endpoint, n.nth);
          break;
        case 'duplicate':
          this.duplicate(n.endpoint, n.nth);
          break;
        case 'inject':
          this.injectStep(n);
          break;
        case 'advance':
          this.advanceMs(n.ms);
          break;
        case 'flush':
          this.flush();
          break;
      }
      this.checkFlightLimit();
    } finally {
      this.out = null;
      this.curSent = null;
    }
    return out;
  }

  /** The network holds a bounded number of segments, so no step leaves unbounded work behind it. */
  private checkFlightLimit(): void {
    for (const [from, q] of [['A', this.flightA], ['B', this.flightB]] as const) {
      if (q.length > MAX_IN_FLIGHT_SEGMENTS) throw new StepError(`${formatCount(q.length)} segments would be in flight from ${from}; the network holds at most ${formatCount(MAX_IN_FLIGHT_SEGMENTS)} per direction`);
    }
  }

  /** A call with its default arguments. */
  call(e: EndpointId, call: AnyCall, bytes = 0): void {
    this.callStep({ kind: 'call', endpoint: e, call, bytes });
  }

  deliver(from: EndpointId, nth = 1): void {
    const seg = this.take(from, nth, 'deliver');
    this.arrive(seg);
  }

  drop(from: EndpointId, nth = 1): void {
    const seg = this.take(from, nth, 'drop');
    if (this.out) this.out.push({ t: this.now / 1000, endpoint: from, conn: this.senderRef(seg), cause: 'drop', segment: seg });
  }

  duplicate(from: EndpointId, nth = 1): void {
    const q = this.queue(from);
    if (nth > q.length) throw new StepError(this.emptyMessage(from, nth, 'duplicate'));
    const seg = q[nth - 1];
    const copy: Segment = { from: seg.from, sport: seg.sport, dport: seg.dport, win: seg.win, flags: seg.flags, seq: seg.seq, ack: seg.ack, len: seg.len, id: this.nextId++ };
    q.push(copy);
    if (this.out) this.out.push({ t: this.now / 1000, endpoint: from, conn: this.senderRef(seg), cause: 'duplicate', segment: seg, copy });
  }

  /** Inject a segment at `to` as if the other host had sent it; ports default as the contract says. */
  inject(to: EndpointId, mask: number, seq: number, ack: number | null, len: number, ports: { sport?: number; dport?: number; win?: number } = {}): void {
    const from = otherEndpoint(to);
    const d = this.defaultInjectPorts(to);
    const seg: Segment = {
      from,
      sport: ports.sport ?? d.sport,
      dport: ports.dport ?? d.dport,
      win: ports.win ?? (mask & RST ? 0 : DEFAULT_RCVBUF),
      flags: flagsOf(mask),
      seq: seq >>> 0,
      ack: ack === null ? null : ack >>> 0,
      len,
      id: this.nextId++,
    };
    if (this.out) this.out.push({ t: this.now / 1000, endpoint: from, conn: this.senderRef(seg), cause: 'inject', segment: seg });
    this.arrive(seg);
  }

  private injectStep(n: Extract<NormalizedStep, { kind: 'inject' }>): void {
    this.inject(n.to, maskOf(n.flags), n.seq, n.ack, n.len, { sport: n.sport, dport: n.dport, win: n.win });
  }

  /** The most recent connection between the two hosts, else from 40000 to the receiver's listening port, else 80. */
  private defaultInjectPorts(to: EndpointId): { sport: number; dport: number } {
    const rx = this.host(to);
    const tx = this.host(otherEndpoint(to));
    const a = rx.conns.length > 0 ? rx.conns[rx.conns.length - 1] : undefined;
    const b = tx.conns.length > 0 ? tx.conns[tx.conns.length - 1] : undefined;
    if (a && (!b || a.born > b.born)) return { sport: a.rport, dport: a.lport };
    if (b) return { sport: b.lport, dport: b.rport };
    const l = rx.currentListener() ?? rx.listeners[rx.listeners.length - 1];
    return { sport: EPHEMERAL_FIRST, dport: l ? l.port : DEFAULT_SERVER_PORT };
  }

  /** Move the clock on; due timers fire in time order (ties: A before B, lower connection first, then delayed-ack, retransmit, persist, keepalive, fin-wait-2, time-wait). */
  advance(seconds: number): void {
    this.advanceMs(Math.round(seconds * 1000));
  }

  private advanceMs(ms: number): void {
    const target = this.now + ms;
    // Every timer due by the target, in firing order. Firing a timer changes only its own
    // connection's timers (nothing is delivered while time passes), so after each firing only
    // that connection is looked at again; entries whose timer has since moved are skipped.
    const heap = new TimerHeap();
    for (let hi = 0; hi < 2; hi++) for (const ep of (hi === 0 ? this.hostA : this.hostB).byPair.values()) pushDue(heap, ep, target);
    for (;;) {
      const top = heap.pop();
      if (top === undefined) break;
      if (timerDue(top.ep.timers, top.name) !== top.due) continue;
      this.now = top.due;
      this.run(top.ep, 'timer', 'timer', undefined, top.name);
      pushDue(heap, top.ep, target);
    }
    this.now = target;
  }

  /** Deliver everything in flight, oldest first across both directions, until nothing is. */
  flush(): void {
    let count = 0;
    for (;;) {
      const a = this.flightA.length > 0 ? this.flightA[0].id : Infinity;
      const b = this.flightB.length > 0 ? this.flightB[0].id : Infinity;
      if (a === Infinity && b === Infinity) return;
      if (++count > MAX_FLUSH_SEGMENTS) throw new StepError(`flush: still delivering after ${formatCount(MAX_FLUSH_SEGMENTS)} segments, the limit of one flush; deliver the rest one by one`);
      this.deliver(a < b ? 'A' : 'B', 1);
    }
  }

  private take(from: EndpointId, nth: number, what: string): Segment {
    const q = this.queue(from);
    if (nth > q.length) throw new StepError(this.emptyMessage(from, nth, what));
    if (nth === 1) return q.shift() as Segment;
    return q.splice(nth - 1, 1)[0];
  }

  private emptyMessage(from: EndpointId, nth: number, what: string): string {
    const n = this.queue(from).length;
    if (n === 0) return `${what}: nothing in flight from ${from}`;
    return `${what}: only ${n} segment${n === 1 ? '' : 's'} in flight from ${from}, so there is no ${ordinal(nth)}`;
  }

  /** The sending socket of a segment, for network events. */
  private senderRef(seg: Segment): ConnRef {
    const h = this.host(seg.from);
    const ep = h.byPair.get(pairKey(seg.sport, seg.dport));
    if (ep) return ep.conn;
    for (let i = h.conns.length - 1; i >= 0; i--) {
      const c = h.conns[i];
      if (c.lport === seg.sport && c.rport === seg.dport) return c.conn;
    }
    const l = h.listeners.find((x) => x.port === seg.sport);
    return l ? l.ref : null;
  }

  // ---------------------------------------------------------------------------------
  // Segment arrival: demultiplexing to a connection, a listener, or nothing

  private arrive(seg: Segment): void {
    const host = this.host(otherEndpoint(seg.from));
    if (host.down) {
      this.noSocketEvent(host.id, 'segment', seg, 'host-down');
      return;
    }
    const ep = host.byPair.get(pairKey(seg.dport, seg.sport));
    if (ep !== undefined) {
      if (ep.state === 'TIME-WAIT' && maskOf(seg.flags) === SYN && seqLt(ep.rcvNxt as number, seg.seq)) {
        const l = host.listenerOn(seg.dport);
        if (l !== undefined) {
          // RFC 6191 / RFC 1122 4.2.2.13, Linux tcp_timewait_state_process (TCP_TW_SYN): a SYN
          // above the old RCV.NXT ends TIME-WAIT and goes to the listener.
          this.run(ep, 'segment', 'tw-reuse', seg);
          this.listenerSyn(host, l, seg, true);
          return;
        }
      }
      this.run(ep, 'segment', 'segment', seg);
      return;
    }
    const l = host.listenerOn(seg.dport);
    if (l !== undefined) {
      this.listenerArrive(host, l, seg);
      return;
    }
    this.closedPort(host, seg);
  }

  /** 3.10.7.1 CLOSED STATE: no socket for the segment. */
  private closedPort(host: Host, seg: Segment): void {
    const mask = maskOf(seg.flags);
    this.eventCount++;
    const sent = this.beginSent();
    let rule: RuleCode;
    if (mask & RST) {
      // "An incoming segment containing a RST is discarded."
      rule = 'closed-rst-ignored';
    } else if (mask & ACK) {
      // "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>."
      rule = 'closed-rst-reply';
      this.emitRaw(host.id, seg.dport, seg.sport, RST, seg.ack as number, null, 0, 0);
    } else {
      // "If the ACK bit is off, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>."
      rule = 'closed-rst-reply';
      this.emitRaw(host.id, seg.dport, seg.sport, RST | ACK, 0, seqAdd(seg.seq, segLen(seg, mask)), 0, 0);
    }
    this.endSent();
    if (this.out) this.out.push({ t: this.now / 1000, endpoint: host.id, conn: null, cause: 'segment', segment: seg, from: 'CLOSED', to: 'CLOSED', sent: sent ?? [], rule });
  }

  /** 3.10.7.2 LISTEN STATE, with Linux's queues (tcp_v4_rcv, tcp_conn_request, cookie_v4_check). */
  private listenerArrive(host: Host, l: Listener, seg: Segment): void {
    const mask = maskOf(seg.flags);
    if (mask & RST) {
      // "First, check for a RST: an incoming RST should be ignored."
      this.listenerEvent(host, l, 'segment', seg, 'listen-rst-ignored', 'LISTEN');
      return;
    }
    if (mask & ACK) {
      if (!(mask & SYN) && this.options.syncookies && l.lastOverflow >= 0 && this.now - l.lastOverflow < COOKIE_WINDOW_MS) {
        const cookie = synCookie(l.port, seg.sport, seqAdd(seg.seq, -1));
        if (seqAdd(seg.ack as number, -1) === cookie) {
          if (l.acceptQueue.length > this.maxBacklog(l)) {
            this.listenerEvent(host, l, 'segment', seg, 'listen-accept-queue-full', 'LISTEN');
            return;
          }
          const ep = this.newConn(host, l.port, seg.sport, cookie, l.reuseAddr, l.keepalive);
          ep.listener = l;
          this.run(ep, 'segment', 'accept-cookie', seg, undefined, undefined, 'LISTEN', cookie);
          return;
        }
      }
      // "Second, check for an ACK: <SEQ=SEG.ACK><CTL=RST>."
      this.listenerEvent(host, l, 'segment', seg, 'listen-ack-rst', 'LISTEN', () => this.emitRaw(host.id, l.port, seg.sport, RST, seg.ack as number, null, 0, 0));
      return;
    }
    if (!(mask & SYN)) {
      // "Fourth, other control or text-bearing segments: drop the segment and return."
      this.listenerEvent(host, l, 'segment', seg, 'listen-drop', 'LISTEN');
      return;
    }
    this.listenerSyn(host, l, seg, false);
  }

  /** Linux 6.18 tcp_conn_request: queue checks, SYN cookies, then a new connection in SYN-RECEIVED. */
  private listenerSyn(host: Host, l: Listener, seg: Segment, fromTimeWait: boolean): void {
    const max = this.maxBacklog(l);
    const o = this.options;
    let wantCookie = false;
    // inet_csk_reqsk_queue_is_full: qlen > sk_max_ack_backlog (the TIME-WAIT path, with an isn, skips it).
    if (!fromTimeWait && l.synQueue.length > max) {
      l.lastOverflow = this.now;
      if (o.syncookies) wantCookie = true;
      else {
        this.listenerEvent(host, l, 'segment', seg, 'listen-syn-queue-full', 'LISTEN');
        return;
      }
    }
    // sk_acceptq_is_full: the SYN is dropped.
    if (l.acceptQueue.length > max) {
      this.listenerEvent(host, l, 'segment', seg, 'listen-accept-queue-full', 'LISTEN');
      return;
    }
    // Without cookies: drop when fewer than a quarter of tcp_max_syn_backlog is left.
    if (!wantCookie && !fromTimeWait && !o.syncookies && o.synBacklog - l.synQueue.length < o.synBacklog >> 2) {
      this.listenerEvent(host, l, 'segment', seg, 'listen-syn-backlog', 'LISTEN');
      return;
    }
    if (wantCookie) {
      // tcp_conn_request with want_cookie: the SYN,ACK carries the cookie as ISN; no state is kept.
      const cookie = synCookie(l.port, seg.sport, seg.seq);
      this.listenerEvent(host, l, 'segment', seg, 'listen-syn-cookie', 'LISTEN', () => this.emitRaw(host.id, l.port, seg.sport, SYN | ACK, cookie, seqAdd(seg.seq, 1), 0, this.options.rcvBuf[host.id]));
      return;
    }
    const ep = this.newConn(host, l.port, seg.sport, -1, l.reuseAddr, l.keepalive);
    ep.listener = l;
    l.synQueue.push(ep);
    this.run(ep, 'segment', 'accept-syn', seg, undefined, undefined, 'LISTEN');
  }

  // ---------------------------------------------------------------------------------
  // Calls

  private callStep(n: CallStepN): void {
    const host = this.host(n.endpoint);
    const call = n.call;
    if (call === 'crash' || call === 'reboot') {
      this.crash(host, call);
      return;
    }
    if (host.down) throw new StepError(`${n.endpoint} has crashed: only "reboot" brings it back`);
    switch (call) {
      case 'kill':
        this.kill(host);
        return;
      case 'listen':
        this.listenCall(host, n);
        return;
      case 'connect':
        this.connectCall(host, n);
        return;
      case 'accept':
        this.acceptCall(host);
        return;
      default:
        break;
    }
    // send, close, shutdown, abort, read, keepalive: on a connection or a listener.
    let ep: Endpoint | undefined;
    let l: Listener | undefined;
    if (n.conn === 'listen') {
      l = host.currentListener() ?? host.listeners[host.listeners.length - 1];
      if (l === undefined) {
        this.callErrorEvent(host.id, null, call, 'CLOSED', 'connection-does-not-exist', n.bytes);
        return;
      }
    } else if (typeof n.conn === 'number') {
      ep = host.conns[n.conn - 1];
      if (ep === undefined) throw new StepError(`${n.endpoint} has ${host.conns.length} connection${host.conns.length === 1 ? '' : 's'}, so there is no connection ${n.conn}`);
    } else {
      ep = host.currentConn();
      if (ep === undefined) l = host.currentListener();
      if (ep === undefined && l === undefined) {
        this.callErrorEvent(host.id, null, call, 'CLOSED', 'connection-does-not-exist', n.bytes);
        return;
      }
    }
    if (l !== undefined) {
      this.listenerCall(host, l, n);
      return;
    }
    const c = ep as Endpoint;
    const refusal = c.callRefusal(call);
    if (refusal !== null) {
      this.callErrorEvent(host.id, c.conn, call, c.state, refusal, n.bytes);
      return;
    }
    // A call on a connection still in an accept queue: the application has it now.
    if (c.listener !== null && c.state !== 'SYN-RECEIVED') {
      removeFrom(c.listener.acceptQueue, c);
      c.listener = null;
      c.accepted = true;
    }
    switch (call) {
      case 'send': {
        let outstanding = c.unsent;
        for (const r of c.rexmitQueue) outstanding += r.len;
        const tooMuch = sendLimitProblem(`${host.id}'s connection`, outstanding, n.bytes);
        if (tooMuch !== null) throw new StepError(tooMuch);
        this.run(c, 'send', 'send', undefined, undefined, n.bytes);
        return;
      }
      case 'close':
        this.run(c, 'close', n.linger === 0 ? 'close-linger' : 'close');
        return;
      case 'shutdown':
        this.run(c, 'shutdown', 'shutdown');
        return;
      case 'abort':
        this.run(c, 'abort', 'abort');
        return;
      case 'read':
        this.run(c, 'read', 'read', undefined, undefined, n.bytes > 0 ? n.bytes : -1);
        return;
      case 'keepalive':
        this.run(c, 'keepalive', 'keepalive', undefined, undefined, undefined, undefined, 0, this.keepaliveMs(n));
        return;
      default:
        return;
    }
  }

  private keepaliveMs(n: CallStepN): KeepaliveMs {
    const pr = this.profile;
    return { idle: (n.idle ?? pr.keepIdle) * 1000, interval: (n.interval ?? pr.keepInterval) * 1000, count: n.count ?? pr.keepCount };
  }

  /** A call aimed at a listening socket. */
  private listenerCall(host: Host, l: Listener, n: CallStepN): void {
    const call = n.call;
    if (l.state === 'CLOSED') {
      this.callErrorEvent(host.id, l.ref, call, 'CLOSED', 'connection-does-not-exist', n.bytes);
      return;
    }
    if (call === 'close' || call === 'abort') {
      this.closeListener(host, l, call);
      return;
    }
    if (call === 'keepalive') {
      // SO_KEEPALIVE on a listener is inherited by the connections it creates (Linux sk_clone_lock).
      l.keepalive = this.keepaliveMs(n);
      this.listenerEvent(host, l, 'keepalive', undefined, undefined, 'LISTEN');
      return;
    }
    this.callErrorEvent(host.id, l.ref, call, 'LISTEN', 'not-connected', n.bytes);
  }

  /** Why binding `port` fails, or null (Linux inet_csk_bind_conflict, __inet_check_established). */
  private bindRefusal(host: Host, port: number, reuseAddr: boolean, to: number | null): CallErrorCode | null {
    if (host.listenerOn(port)) return 'address-in-use';
    for (const c of host.byPair.values()) if (c.lport === port && !(reuseAddr && c.reuseAddr)) return 'address-in-use';
    if (to !== null && host.byPair.has(pairKey(port, to))) return 'address-not-available';
    return null;
  }

  private listenCall(host: Host, n: CallStepN): void {
    const port = n.port ?? DEFAULT_SERVER_PORT;
    const reuse = n.reuseAddr ?? false;
    const ref: ConnRef = `listen:${port}`;
    const refusal = this.bindRefusal(host, port, reuse, null);
    if (refusal !== null) {
      this.callErrorEvent(host.id, ref, 'listen', 'CLOSED', refusal, 0);
      return;
    }
    // 3.10.1 OPEN, passive: LISTEN.
    const l = new Listener(host.id, port, n.backlog ?? DEFAULT_BACKLOG, reuse, host.epoch, this.born++);
    host.listeners.push(l);
    this.listenerEvent(host, l, 'listen', undefined, undefined, 'CLOSED');
  }

  private connectCall(host: Host, n: CallStepN): void {
    const to = n.to ?? DEFAULT_SERVER_PORT;
    const reuse = n.reuseAddr ?? false;
    let port = n.port;
    if (port === undefined) {
      port = this.ephemeral(host, to);
      if (port < 0) {
        this.callErrorEvent(host.id, null, 'connect', 'CLOSED', 'address-not-available', 0);
        return;
      }
    } else {
      const refusal = this.bindRefusal(host, port, reuse, to);
      if (refusal !== null) {
        this.callErrorEvent(host.id, null, 'connect', 'CLOSED', refusal, 0);
        return;
      }
    }
    const ep = this.newConn(host, port, to, -1, reuse, null);
    ep.accepted = true;
    this.run(ep, 'connect', 'connect', undefined, undefined, undefined, 'CLOSED');
  }

  /** The host's next free ephemeral port from 40000 up (wrapping), or -1. */
  private ephemeral(host: Host, to: number): number {
    const span = 65536 - EPHEMERAL_FIRST;
    for (let i = 0; i < span; i++) {
      const port = EPHEMERAL_FIRST + ((host.nextPort - EPHEMERAL_FIRST + i) % span);
      if (host.listenerOn(port) !== undefined || (host.portUse.get(port) ?? 0) > 0 || host.byPair.has(pairKey(port, to))) continue;
      host.nextPort = port + 1 > 65535 ? EPHEMERAL_FIRST : port + 1;
      return port;
    }
    return -1;
  }

  private acceptCall(host: Host): void {
    const l = host.currentListener();
    if (l === undefined) {
      this.callErrorEvent(host.id, null, 'accept', 'CLOSED', 'connection-does-not-exist', 0);
      return;
    }
    const ep = l.acceptQueue.shift();
    if (ep === undefined) {
      // accept() blocks: it takes the next connection to be established.
      l.pendingAccepts++;
      this.listenerEvent(host, l, 'accept', undefined, undefined, 'LISTEN');
      return;
    }
    ep.listener = null;
    ep.accepted = true;
    this.run(ep, 'accept', 'accept');
  }

  /** close() of a listener: LISTEN to CLOSED; connections in its accept queue are reset, half-open ones dropped (inet_csk_listen_stop). */
  private closeListener(host: Host, l: Listener, cause: Cause): void {
    this.listenerEvent(host, l, cause, undefined, undefined, 'LISTEN', () => {
      l.state = 'CLOSED';
    });
    const queued = l.acceptQueue.splice(0);
    const half = l.synQueue.splice(0);
    l.pendingAccepts = 0;
    for (const ep of queued) {
      ep.listener = null;
      this.run(ep, cause, 'listener-reset');
    }
    for (const ep of half) {
      ep.listener = null;
      this.run(ep, cause, 'vanish');
    }
  }

  /** The process dies: the kernel closes each of its sockets as close() does, its listeners too. */
  private kill(host: Host): void {
    const epoch = host.epoch;
    let any = false;
    for (const l of host.listeners) {
      if (l.state === 'LISTEN' && l.epoch === epoch) {
        any = true;
        this.closeListener(host, l, 'kill');
      }
    }
    for (const ep of host.conns.slice()) {
      if (ep.epoch !== epoch || ep.appClosed || !ep.accepted || ep.state === 'CLOSED' || ep.state === 'LISTEN') continue;
      any = true;
      this.run(ep, 'kill', 'close');
    }
    host.epoch++;
    if (!any) this.noSocketEvent(host.id, 'kill');
  }

  /** crash: every socket is gone without a word; reboot: the host is back with no sockets. */
  private crash(host: Host, call: 'crash' | 'reboot'): void {
    if (call === 'crash' && host.down) throw new StepError(`${host.id} has already crashed: "reboot" brings it back`);
    if (!host.down) {
      let any = false;
      for (const l of host.listeners) {
        if (l.state !== 'LISTEN') continue;
        any = true;
        this.listenerEvent(host, l, call, undefined, undefined, 'LISTEN', () => {
          l.state = 'CLOSED';
          l.synQueue.length = 0;
          l.acceptQueue.length = 0;
          l.pendingAccepts = 0;
        });
      }
      for (const ep of host.conns) {
        if (!ep.live) continue;
        any = true;
        ep.listener = null;
        this.run(ep, call, 'vanish');
      }
      host.epoch++;
      if (!any && call === 'crash') this.noSocketEvent(host.id, call);
    }
    host.down = call === 'crash';
    if (call === 'reboot') this.noSocketEvent(host.id, 'reboot');
  }

  // ---------------------------------------------------------------------------------
  // Sockets

  private newConn(host: Host, lport: number, rport: number, isn: number, reuseAddr: boolean, keepalive: KeepaliveMs | null): Endpoint {
    const n = host.conns.length + 1;
    const list = this.options.isn[host.id];
    const iss = isn >= 0 ? isn : list[Math.min(n - 1, list.length - 1)];
    const ep = new Endpoint(host.id, n, this.born++, lport, rport, iss, this.p, this.variant, this, this.ev, {
      rcvBuf: this.options.rcvBuf[host.id],
      autoRead: this.options.autoRead[host.id],
      reuseAddr,
      keepalive,
    });
    ep.epoch = host.epoch;
    host.conns.push(ep);
    host.byPair.set(pairKey(lport, rport), ep);
    host.portUse.set(lport, (host.portUse.get(lport) ?? 0) + 1);
    return ep;
  }

  /** After an event: a connection that is gone frees its ports and leaves its listener's SYN queue. */
  private settle(ep: Endpoint): void {
    if (ep.listener !== null && ep.state !== 'SYN-RECEIVED') removeFrom(ep.listener.synQueue, ep);
    if (ep.live) return;
    const host = this.host(ep.id);
    const key = pairKey(ep.lport, ep.rport);
    if (host.byPair.get(key) === ep) {
      host.byPair.delete(key);
      const u = (host.portUse.get(ep.lport) ?? 1) - 1;
      if (u <= 0) host.portUse.delete(ep.lport);
      else host.portUse.set(ep.lport, u);
    }
    if (ep.state === 'LISTEN') this.passiveDropped(ep);
  }

  // ---------------------------------------------------------------------------------
  // Events

  private beginSent(): Segment[] | null {
    if (this.out === null) return null;
    const sent: Segment[] = [];
    this.curSent = sent;
    return sent;
  }

  private endSent(): void {
    this.curSent = null;
  }

  private resetScratch(): void {
    const ev = this.ev;
    ev.rule = undefined;
    ev.check = undefined;
    ev.ackCheck = undefined;
    ev.signal = undefined;
    ev.giveUp = false;
  }

  /** Run one connection event and record it. */
  private run(ep: Endpoint, cause: Cause, op: Op, segment?: Segment, timer?: TimerName, bytes?: number, fromState?: StateId, cookie = 0, keepalive?: KeepaliveMs): void {
    this.eventCount++;
    this.resetScratch();
    if (ep.hops.length > 0) ep.hops.length = 0;
    const from = fromState ?? ep.state;
    const sent = this.beginSent();
    let readBytes = bytes;
    try {
      switch (op) {
        case 'segment':
          ep.receive(segment as Segment);
          break;
        case 'accept-syn':
          ep.acceptSyn(segment as Segment, this.now);
          break;
        case 'accept-cookie':
          ep.acceptCookie(segment as Segment, cookie, this.now);
          break;
        case 'timer':
          ep.fire(timer as TimerName);
          break;
        case 'connect':
          ep.connect(this.now);
          break;
        case 'send':
          ep.send(bytes ?? 0);
          break;
        case 'close':
          ep.close(false);
          break;
        case 'close-linger':
          ep.close(true);
          break;
        case 'shutdown':
          ep.shutdown();
          break;
        case 'abort':
          ep.abort();
          break;
        case 'read':
          readBytes = ep.read(bytes ?? -1);
          break;
        case 'keepalive':
          ep.setKeepalive(keepalive as KeepaliveMs);
          break;
        case 'vanish':
          ep.vanish();
          break;
        case 'tw-reuse':
          this.ev.rule = 'time-wait-syn-reuse';
          ep.enterClosed();
          break;
        case 'listener-reset':
          this.ev.rule = 'listener-closed-rst';
          ep.abort();
          break;
        case 'accept':
          break;
      }
    } finally {
      this.endSent();
    }
    this.settle(ep);
    if (this.out === null) return;
    const to = ep.state;
    const ev: { -readonly [K in keyof TraceEvent]: TraceEvent[K] } = { t: this.now / 1000, endpoint: ep.id, conn: ep.conn, cause };
    if (segment) ev.segment = segment;
    if (timer) ev.timer = timer;
    if (readBytes !== undefined && (cause === 'send' || cause === 'read')) ev.bytes = readBytes;
    ev.from = from;
    ev.to = to;
    const hops = ep.hops;
    if (from !== to || hops.length > 0) {
      const direct = from !== to ? edgeFor(from, to, this.variant.id, cause, timer) : undefined;
      // A move of several edges is reported as one edge only when the table has an edge
      // for it with this kind of cause (FIN-WAIT-1 to TIME-WAIT on a FIN that acks our FIN).
      if (direct && (hops.length <= 1 || causeMatches(direct, cause, timer))) ev.transition = direct.id;
      else if (hops.length > 1) ev.via = hops.slice(0, -1);
    }
    ev.sent = sent ?? [];
    const x = this.ev;
    if (x.check) ev.check = x.check;
    if (x.ackCheck) ev.ackCheck = x.ackCheck;
    if (x.rule) ev.rule = x.rule;
    if (x.signal) ev.signal = x.signal;
    if (x.giveUp) ev.giveUp = true;
    this.out.push(ev);
  }

  /** An event of a listening socket. */
  private listenerEvent(host: Host, l: Listener, cause: Cause, segment: Segment | undefined, rule: RuleCode | undefined, from: StateId, act?: () => void): void {
    this.eventCount++;
    const sent = this.beginSent();
    try {
      if (act) act();
    } finally {
      this.endSent();
    }
    if (this.out === null) return;
    const to: StateId = l.state === 'LISTEN' ? 'LISTEN' : 'CLOSED';
    const ev: { -readonly [K in keyof TraceEvent]: TraceEvent[K] } = { t: this.now / 1000, endpoint: host.id, conn: l.ref, cause };
    if (segment) ev.segment = segment;
    ev.from = from;
    ev.to = to;
    if (from !== to) {
      const e = edgeFor(from, to, this.variant.id, cause);
      if (e) ev.transition = e.id;
    }
    ev.sent = sent ?? [];
    if (rule) ev.rule = rule;
    this.out.push(ev);
  }

  /** An event with no socket: a crashed host's silence, a reboot, a kill with nothing open. */
  private noSocketEvent(host: EndpointId, cause: Cause, segment?: Segment, rule?: RuleCode): void {
    this.eventCount++;
    if (this.out === null) return;
    const ev: { -readonly [K in keyof TraceEvent]: TraceEvent[K] } = { t: this.now / 1000, endpoint: host, conn: null, cause };
    if (segment) ev.segment = segment;
    ev.from = 'CLOSED';
    ev.to = 'CLOSED';
    ev.sent = [];
    if (rule) ev.rule = rule;
    this.out.push(ev);
  }

  private callErrorEvent(host: EndpointId, conn: ConnRef, call: AnyCall, state: StateId, code: CallErrorCode, bytes: number): void {
    this.eventCount++;
    if (this.out === null) return;
    const ev: TraceEvent = { t: this.now / 1000, endpoint: host, conn, cause: call, ...(call === 'send' ? { bytes } : {}), from: state, to: state, sent: [], error: callError(code, call, state) };
    this.out.push(ev);
  }

  // ---------------------------------------------------------------------------------
  // Queries

  host(e: EndpointId): Host {
    return e === 'A' ? this.hostA : this.hostB;
  }

  /** The connection a call without "conn" acts on, if any. */
  currentConnection(e: EndpointId): Endpoint | undefined {
    return this.host(e).currentConn();
  }

  queue(from: EndpointId): Segment[] {
    return from === 'A' ? this.flightA : this.flightB;
  }

  /** Segments in flight from `from`, oldest first. */
  inFlight(from: EndpointId): readonly Segment[] {
    return this.queue(from).slice();
  }

  /** Time in seconds. */
  get time(): number {
    return this.now / 1000;
  }

  /** The host's summary state: its most recent connection's state, else LISTEN if it has a listener in LISTEN, else CLOSED. */
  state(e: EndpointId): StateId {
    const h = this.host(e);
    if (h.conns.length > 0) return h.conns[h.conns.length - 1].state;
    for (const l of h.listeners) if (l.state === 'LISTEN') return 'LISTEN';
    return 'CLOSED';
  }

  /** The error of the host's most recent connection. */
  error(e: EndpointId): ConnectionError | null {
    const h = this.host(e);
    return h.conns.length > 0 ? h.conns[h.conns.length - 1].error : null;
  }

  /** Every connection, A's then B's, each host's in creation order. */
  connections(): ConnectionView[] {
    const out: ConnectionView[] = [];
    for (const h of [this.hostA, this.hostB]) {
      for (const c of h.conns) out.push({ host: h.id, conn: c.conn, local: c.lport, remote: c.rport, state: c.state, error: c.error, received: c.delivered, unread: c.unread });
    }
    return out;
  }

  /** Every listening socket, A's then B's, in creation order. */
  listeners(): ListenerView[] {
    const out: ListenerView[] = [];
    for (const h of [this.hostA, this.hostB]) {
      for (const l of h.listeners) out.push({ host: h.id, port: l.port, state: l.state, synQueue: l.synQueue.length, acceptQueue: l.acceptQueue.length });
    }
    return out;
  }

  /** The host's most recent connection's TCB, for display. */
  endpoint(e: EndpointId): EndpointView {
    const h = this.host(e);
    const ep = h.conns.length > 0 ? h.conns[h.conns.length - 1] : undefined;
    const state = this.state(e);
    if (ep === undefined) {
      return {
        id: e,
        state,
        conn: null,
        tcb: { iss: null, sndUna: null, sndNxt: null, irs: null, rcvNxt: null, rcvWnd: this.options.rcvBuf[e] },
        appClosed: false,
        passive: false,
        error: null,
        pendingSend: 0,
        closePending: false,
        delivered: 0,
        unread: 0,
        sentBytes: 0,
        unacknowledged: 0,
        retries: 0,
        rto: this.p.initialRto / 1000,
      };
    }
    let unacked = 0;
    for (const r of ep.rexmitQueue) unacked += r.len + (r.syn ? 1 : 0) + (r.fin ? 1 : 0);
    let rto = ep.rto;
    for (let i = 0; i < ep.backoff && rto < this.p.maxRto; i++) rto *= 2;
    const live = ep.live;
    return {
      id: e,
      state,
      conn: ep.conn,
      tcb: live
        ? { iss: ep.iss, sndUna: ep.sndUna, sndNxt: ep.sndNxt, irs: ep.irs, rcvNxt: ep.rcvNxt, rcvWnd: ep.rcvWnd }
        : { iss: null, sndUna: null, sndNxt: null, irs: null, rcvNxt: null, rcvWnd: ep.rcvWnd },
      appClosed: ep.appClosed,
      passive: ep.passive,
      error: ep.error,
      pendingSend: ep.unsent,
      closePending: ep.closePending,
      delivered: ep.delivered,
      unread: ep.unread,
      sentBytes: ep.sentBytes,
      unacknowledged: unacked,
      retries: ep.retries,
      rto: Math.min(rto, this.p.maxRto) / 1000,
    };
  }

  /** Running timers, soonest first. */
  timers(): TimerView[] {
    const out: TimerView[] = [];
    for (const h of [this.hostA, this.hostB]) {
      for (const ep of h.byPair.values()) {
        const t = ep.timers;
        for (const name of TIMER_ORDER) {
          const due = timerDue(t, name);
          if (due >= 0) out.push({ endpoint: h.id, conn: ep.conn, name, due: due / 1000 });
        }
      }
    }
    return out.sort((x, y) => x.due - y.due || (x.endpoint < y.endpoint ? -1 : x.endpoint > y.endpoint ? 1 : 0) || x.conn - y.conn || TIMER_ORDER.indexOf(x.name) - TIMER_ORDER.indexOf(y.name));
  }

  /** The timer that fires next, or null if none is running. */
  nextTimer(): TimerView | null {
    const n = this.nextTimerRaw();
    return n === null ? null : { endpoint: n.ep.id, conn: n.ep.conn, name: n.name, due: n.due / 1000 };
  }

  private nextTimerRaw(): { ep: Endpoint; name: TimerName; due: number } | null {
    let bestEp: Endpoint | null = null;
    let bestName: TimerName = 'retransmit';
    let bestDue = Infinity;
    for (let hi = 0; hi < 2; hi++) {
      const h = hi === 0 ? this.hostA : this.hostB;
      for (const ep of h.byPair.values()) {
        const t = ep.timers;
        if (t.delayedAck >= 0 && t.delayedAck < bestDue) {
          bestEp = ep;
          bestName = 'delayed-ack';
          bestDue = t.delayedAck;
        }
        if (t.retransmit >= 0 && t.retransmit < bestDue) {
          bestEp = ep;
          bestName = 'retransmit';
          bestDue = t.retransmit;
        }
        if (t.persist >= 0 && t.persist < bestDue) {
          bestEp = ep;
          bestName = 'persist';
          bestDue = t.persist;
        }
        if (t.keepalive >= 0 && t.keepalive < bestDue) {
          bestEp = ep;
          bestName = 'keepalive';
          bestDue = t.keepalive;
        }
        if (t.finWait2 >= 0 && t.finWait2 < bestDue) {
          bestEp = ep;
          bestName = 'fin-wait-2';
          bestDue = t.finWait2;
        }
        if (t.timeWait >= 0 && t.timeWait < bestDue) {
          bestEp = ep;
          bestName = 'time-wait';
          bestDue = t.timeWait;
        }
      }
    }
    return bestEp === null ? null : { ep: bestEp, name: bestName, due: bestDue };
  }

  /** For each of RFC 9293's calls, whether it is legal now (with no "conn": on the host's current socket) and, if not, why. */
  legalCalls(e: EndpointId): Record<(typeof USER_CALLS)[number], CallLegality> {
    const h = this.host(e);
    const ep = h.currentConn();
    const l = ep === undefined ? h.currentListener() : undefined;
    const out = {} as Record<(typeof USER_CALLS)[number], CallLegality>;
    for (const call of USER_CALLS) {
      let code: CallErrorCode | null;
      let state: StateId;
      if (h.down) {
        code = 'connection-does-not-exist';
        state = 'CLOSED';
      } else if (call === 'listen') {
        code = this.bindRefusal(h, DEFAULT_SERVER_PORT, false, null);
        state = this.state(e);
      } else if (call === 'connect') {
        code = null;
        state = this.state(e);
      } else if (ep !== undefined) {
        code = ep.callRefusal(call);
        state = ep.state;
      } else if (l !== undefined) {
        code = call === 'close' || call === 'abort' ? null : 'not-connected';
        state = 'LISTEN';
      } else {
        code = 'connection-does-not-exist';
        state = 'CLOSED';
      }
      if (code === null) out[call] = { legal: true };
      else {
        const err: CallError = callError(code, call, state);
        out[call] = { legal: false, code: err.code, message: err.message };
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------
  // Snapshots

  snapshot(): SimulatorSnapshot {
    return snapshotWorld(this);
  }

  /** Rebuild a world from `snapshot()` data. Throws an Error naming the first bad field. */
  static restore(data: unknown, opts: { record?: boolean } = {}): Simulator {
    const snap = checkSnapshot(data);
    const sim = new Simulator({ ...snap.options, record: opts.record });
    loadWorld(sim, snap);
    return sim;
  }

  /** For snapshot.ts: make a connection from saved data. */
  makeConn(host: Host, conn: number, born: number, lport: number, rport: number, isn: number, rcvBuf: number, autoRead: boolean, reuseAddr: boolean, keepalive: KeepaliveMs | null): Endpoint {
    return new Endpoint(host.id, conn, born, lport, rport, isn, this.p, this.variant, this, this.ev, { rcvBuf, autoRead, reuseAddr, keepalive });
  }
}

function timerDue(t: Endpoint['timers'], name: TimerName): number {
  switch (name) {
    case 'delayed-ack':
      return t.delayedAck;
    case 'retransmit':
      return t.retransmit;
    case 'persist':
      return t.persist;
    case 'keepalive':
      return t.keepalive;
    case 'fin-wait-2':
      return t.finWait2;
    case 'time-wait':
      return t.timeWait;
  }
}

interface TimerEntry {
  readonly due: number;
  readonly ep: Endpoint;
  readonly name: TimerName;
  /** Tie-break: A before B, lower connection first, then TIMER_ORDER. */
  readonly rank: number;
}

function pushDue(heap: TimerHeap, ep: Endpoint, target: number): void {
  const t = ep.timers;
  const base = (ep.id === 'A' ? 0 : 1) * 1e9 + ep.conn * 8;
  if (t.delayedAck >= 0 && t.delayedAck <= target) heap.push({ due: t.delayedAck, ep, name: 'delayed-ack', rank: base });
  if (t.retransmit >= 0 && t.retransmit <= target) heap.push({ due: t.retransmit, ep, name: 'retransmit', rank: base + 1 });
  if (t.persist >= 0 && t.persist <= target) heap.push({ due: t.persist, ep, name: 'persist', rank: base + 2 });
  if (t.keepalive >= 0 && t.keepalive <= target) heap.push({ due: t.keepalive, ep, name: 'keepalive', rank: base + 3 });
  if (t.finWait2 >= 0 && t.finWait2 <= target) heap.push({ due: t.finWait2, ep, name: 'fin-wait-2', rank: base + 4 });
  if (t.timeWait >= 0 && t.timeWait <= target) heap.push({ due: t.timeWait, ep, name: 'time-wait', rank: base + 5 });
}

/** A binary min-heap of timers by (due, rank). */
class TimerHeap {
  private readonly a: TimerEntry[] = [];

  push(e: TimerEntry): void {
    const a = this.a;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i], a[p])) break;
      const x = a[i];
      a[i] = a[p];
      a[p] = x;
      i = p;
    }
  }

  pop(): TimerEntry | undefined {
    const a = this.a;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop() as TimerEntry;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        const x = a[i];
        a[i] = a[m];
        a[m] = x;
        i = m;
      }
    }
    return top;
  }
}

function before(x: TimerEntry, y: TimerEntry): boolean {
  return x.due < y.due || (x.due === y.due && x.rank < y.rank);
}

function removeFrom(list: Endpoint[], ep: Endpoint): void {
  const i = list.indexOf(ep);
  if (i >= 0) list.splice(i, 1);
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${s}`;
}

function normalize(step: Step | NormalizedStep): NormalizedStep {
  if ('kind' in step) return step;
  const n = checkStep(step);
  if (isStepProblem(n)) throw new StepError(n.path ? `${n.path}: ${n.message}` : n.message);
  return n;
}

function perHost<T>(v: T | { readonly A?: T; readonly B?: T } | undefined, def: T, isT: (x: unknown) => x is T, name: string): { A: T; B: T } {
  if (v === undefined) return { A: def, B: def };
  if (isT(v)) return { A: v, B: v };
  if (typeof v !== 'object' || v === null) throw new Error(`${name} must be one value or {"A": …, "B": …}`);
  const o = v as { A?: unknown; B?: unknown };
  for (const k of Object.keys(o)) if (k !== 'A' && k !== 'B') throw new Error(`${name} has an unknown key ${JSON.stringify(k)}`);
  const A = o.A === undefined ? def : o.A;
  const B = o.B === undefined ? def : o.B;
  if (!isT(A) || !isT(B)) throw new Error(`${name} has a bad value`);
  return { A, B };
}

const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
const isBuf = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_RCVBUF;

/** Resolve options to the world's full settings. Throws an Error naming a bad option. */
export function resolveWorld(o: SimulatorOptions | ResolvedOptions): WorldOptions {
  const profile = o.profile ?? 'linux';
  const variant = o.variant ?? 'standard';
  if (!PROFILE_IDS.includes(profile)) throw new Error(`unknown profile ${JSON.stringify(profile)} (expected ${PROFILE_IDS.map((p) => `"${p}"`).join(', ')})`);
  if (!VARIANT_IDS.includes(variant)) throw new Error(`unknown variant ${JSON.stringify(variant)} (expected ${VARIANT_IDS.map((v) => `"${v}"`).join(', ')})`);
  const isnOf = (k: 'A' | 'B'): number[] => {
    const v = o.isn?.[k] ?? DEFAULT_ISN[k];
    const list = typeof v === 'number' ? [v] : [...v];
    if (list.length === 0) throw new Error(`isn.${k} must not be an empty list`);
    for (const x of list) if (!Number.isInteger(x) || x < 0 || x > 0xffffffff) throw new Error(`isn.${k} must be a whole number from 0 to 4294967295, got ${String(x)}`);
    return list;
  };
  const so = o as SimulatorOptions;
  const somaxconn = so.somaxconn ?? DEFAULT_SOMAXCONN;
  const synBacklog = so.synBacklog ?? DEFAULT_SYN_BACKLOG;
  for (const [k, v] of [
    ['somaxconn', somaxconn],
    ['synBacklog', synBacklog],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 1_000_000) throw new Error(`${k} must be a whole number from 0 to 1000000, got ${String(v)}`);
  }
  return {
    profile,
    variant,
    isn: { A: isnOf('A'), B: isnOf('B') },
    delayedAck: o.delayedAck ?? false,
    autoRead: perHost(so.autoRead, true, isBool, 'autoRead'),
    autoAccept: perHost(so.autoAccept, true, isBool, 'autoAccept'),
    rcvBuf: perHost(so.rcvBuf, DEFAULT_RCVBUF, isBuf, 'rcvBuf'),
    somaxconn,
    synBacklog,
    syncookies: so.syncookies ?? PROFILES[profile].syncookies,
    abortOnOverflow: so.abortOnOverflow ?? false,
  };
}

/** The options as given back to a caller (first ISN per host when every connection uses one). */
export function resolveOptions(o: SimulatorOptions): ResolvedOptions {
  const w = resolveWorld(o);
  const isn = (l: readonly number[]): number | readonly number[] => (l.length === 1 ? l[0] : l);
  return { ...w, isn: { A: isn(w.isn.A), B: isn(w.isn.B) } };
}

export { TIMER_ORDER };
