/**
 * The world: two endpoints, A and B, the network between them (one in-flight queue per
 * direction) and a virtual clock with millisecond resolution. Mutable; `snapshot()` and
 * `Simulator.restore()` turn it into plain JSON and back.
 */
import type { StateId, TimerName, TransitionInfo, UserCall } from './states';
import { STATE_IDS, TRANSITIONS } from './states';
import type { CallError, CallErrorCode, Cause, ConnectionError, EndpointId, ProfileId, ResolvedOptions, Segment, SimulatorOptions, TraceEvent, VariantId } from './types';
import { DEFAULT_ISN, otherEndpoint } from './types';
import type { Profile } from './profiles';
import { PROFILES, PROFILE_IDS } from './profiles';
import type { Variant } from './variants';
import { VARIANTS, VARIANT_IDS } from './variants';
import type { HeldEntry, ProfileMs, RexmitEntry, Wire } from './endpoint';
import { Endpoint, callError, profileMs } from './endpoint';
import type { NormalizedStep, Step } from './steps';
import { USER_CALLS, checkStep, isStepProblem } from './steps';
import { FLAG_ORDER, flagsOf, isFlag, maskOf } from './seq';
import { MAX_FLUSH_SEGMENTS, formatCount, sendLimitProblem } from './limits';

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
  readonly state: StateId;
  readonly tcb: TcbView;
  /** The application has called close (or abort). */
  readonly appClosed: boolean;
  /** SYN-RECEIVED (or the connection) came from LISTEN. */
  readonly passive: boolean;
  /** How the last connection ended for the application, if abnormally. */
  readonly error: ConnectionError | null;
  /** Octets the application passed to send() that wait for ESTABLISHED. */
  readonly pendingSend: number;
  /** A close() waiting for queued data and ESTABLISHED. */
  readonly closePending: boolean;
  /** Octets delivered to the application. */
  readonly delivered: number;
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
  readonly name: TimerName;
  /** Due time in seconds. */
  readonly due: number;
}

export type CallLegality = { readonly legal: true } | { readonly legal: false; readonly code: CallErrorCode; readonly message: string };

// ---------------------------------------------------------------------------------------
// Snapshot data

export interface SegmentData {
  readonly from: EndpointId;
  readonly flags: readonly string[];
  readonly seq: number;
  readonly ack: number | null;
  readonly len: number;
  readonly id: number;
}

/** One endpoint in a snapshot: its TCB variables (as in TcbView) and the rest of its state. */
export interface EndpointData extends TcbView {
  readonly state: StateId;
  readonly passive: boolean;
  readonly appClosed: boolean;
  readonly closePending: boolean;
  readonly finSent: boolean;
  readonly error: ConnectionError | null;
  readonly pendingSend: number;
  readonly delivered: number;
  readonly sentBytes: number;
  readonly ackPending: boolean;
  readonly retries: number;
  readonly backoff: number;
  readonly rto: number;
  readonly srtt: number;
  readonly rttvar: number;
  readonly lastInvalidAck: number;
  readonly rexmitQueue: readonly RexmitEntry[];
  readonly held: readonly HeldEntry[];
  /** Due times in ms, or null. */
  readonly timers: { readonly retransmit: number | null; readonly timeWait: number | null; readonly finWait2: number | null; readonly delayedAck: number | null };
}

export interface SimulatorSnapshot {
  readonly format: 'tcp-tutor-simulator';
  readonly version: 1;
  readonly options: ResolvedOptions;
  /** Clock in ms. */
  readonly now: number;
  readonly nextId: number;
  readonly flight: { readonly A: readonly SegmentData[]; readonly B: readonly SegmentData[] };
  readonly endpoints: { readonly A: EndpointData; readonly B: EndpointData };
}

// ---------------------------------------------------------------------------------------

const TIMER_ORDER: readonly TimerName[] = ['delayed-ack', 'retransmit', 'fin-wait-2', 'time-wait'];

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

/** Whether one of the edge's listed causes is of this kind (the same call, a segment, the same timer). */
export function causeMatches(t: TransitionInfo, cause: Cause, timer?: TimerName): boolean {
  for (const c of t.causes) {
    if ((c.kind === 'call' && c.call === cause) || (c.kind === 'segment' && cause === 'segment') || (c.kind === 'timer' && cause === 'timer' && c.timer === timer)) return true;
  }
  return false;
}

export class Simulator implements Wire {
  readonly options: ResolvedOptions;
  readonly profile: Profile;
  readonly variant: Variant;
  readonly record: boolean;
  readonly delayedAck: boolean;
  /** Clock in ms. */
  now = 0;
  /** Endpoint events processed (calls, segment arrivals, timers) since construction. */
  eventCount = 0;
  private nextId = 1;
  private readonly flightA: Segment[] = [];
  private readonly flightB: Segment[] = [];
  readonly A: Endpoint;
  readonly B: Endpoint;
  private readonly p: ProfileMs;
  private curSent: Segment[] | null = null;
  private out: TraceEvent[] | null = null;

  constructor(options: SimulatorOptions = {}) {
    this.options = resolveOptions(options);
    this.profile = PROFILES[this.options.profile];
    this.variant = VARIANTS[this.options.variant];
    this.record = options.record !== false;
    this.delayedAck = this.options.delayedAck;
    this.p = profileMs(this.profile);
    this.A = new Endpoint('A', this.options.isn.A, this.p, this.variant, this);
    this.B = new Endpoint('B', this.options.isn.B, this.p, this.variant, this);
  }

  // ---------------------------------------------------------------------------------
  // Wire

  emit(from: EndpointId, mask: number, seq: number, ack: number | null, len: number): Segment {
    const seg: Segment = { from, flags: flagsOf(mask), seq: seq >>> 0, ack: ack === null ? null : ack >>> 0, len, id: this.nextId++ };
    (from === 'A' ? this.flightA : this.flightB).push(seg);
    if (this.curSent !== null) this.curSent.push(seg);
    return seg;
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
          this.call(n.endpoint, n.call, n.bytes);
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
          this.inject(n.to, maskOf(n.flags), n.seq, n.ack, n.len);
          break;
        case 'advance':
          this.advanceMs(n.ms);
          break;
        case 'flush':
          this.flush();
          break;
      }
    } finally {
      this.out = null;
      this.curSent = null;
    }
    return out;
  }

  call(e: EndpointId, call: UserCall, bytes = 0): void {
    const ep = this.ep(e);
    const refusal = ep.callRefusal(call);
    if (refusal !== null) {
      this.eventCount++;
      if (this.out) {
        const ev: TraceEvent = { t: this.now / 1000, endpoint: e, cause: call, ...(call === 'send' ? { bytes } : {}), from: ep.state, to: ep.state, sent: [], error: callError(refusal, call, ep.state) };
        this.out.push(ev);
      }
      return;
    }
    if (call === 'send') {
      let outstanding = ep.pendingSend;
      for (const r of ep.rexmitQueue) outstanding += r.len;
      const tooMuch = sendLimitProblem(e, outstanding, bytes);
      if (tooMuch !== null) throw new StepError(tooMuch);
    }
    this.run(ep, call, undefined, undefined, call === 'send' ? bytes : undefined);
  }

  deliver(from: EndpointId, nth = 1): void {
    const seg = this.take(from, nth, 'deliver');
    this.run(this.ep(otherEndpoint(from)), 'segment', seg);
  }

  drop(from: EndpointId, nth = 1): void {
    const seg = this.take(from, nth, 'drop');
    if (this.out) this.out.push({ t: this.now / 1000, endpoint: from, cause: 'drop', segment: seg });
  }

  duplicate(from: EndpointId, nth = 1): void {
    const q = this.queue(from);
    if (nth > q.length) throw new StepError(this.emptyMessage(from, nth, 'duplicate'));
    const seg = q[nth - 1];
    const copy: Segment = { from: seg.from, flags: seg.flags, seq: seg.seq, ack: seg.ack, len: seg.len, id: this.nextId++ };
    q.push(copy);
    if (this.out) this.out.push({ t: this.now / 1000, endpoint: from, cause: 'duplicate', segment: seg, copy });
  }

  inject(to: EndpointId, mask: number, seq: number, ack: number | null, len: number): void {
    const from = otherEndpoint(to);
    const seg: Segment = { from, flags: flagsOf(mask), seq: seq >>> 0, ack: ack === null ? null : ack >>> 0, len, id: this.nextId++ };
    if (this.out) this.out.push({ t: this.now / 1000, endpoint: from, cause: 'inject', segment: seg });
    this.run(this.ep(to), 'segment', seg);
  }

  /** Move the clock on; due timers fire in time order (ties: A before B, then delayed-ack, retransmit, fin-wait-2, time-wait). */
  advance(seconds: number): void {
    this.advanceMs(Math.round(seconds * 1000));
  }

  private advanceMs(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      const next = this.nextTimerRaw();
      if (next === null || next.due > target) break;
      this.now = next.due;
      const ep = next.ep;
      this.run(ep, 'timer', undefined, next.name);
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

  /** Run one endpoint event and record it. */
  private run(ep: Endpoint, cause: Cause, segment?: Segment, timer?: TimerName, bytes?: number): void {
    this.eventCount++;
    ep.beginEvent();
    const from = ep.state;
    if (this.out === null) {
      this.dispatch(ep, cause, segment, timer, bytes);
      return;
    }
    const sent: Segment[] = [];
    this.curSent = sent;
    try {
      this.dispatch(ep, cause, segment, timer, bytes);
    } finally {
      this.curSent = null;
    }
    const to = ep.state;
    const ev: { -readonly [K in keyof TraceEvent]: TraceEvent[K] } = { t: this.now / 1000, endpoint: ep.id, cause };
    if (segment) ev.segment = segment;
    if (timer) ev.timer = timer;
    if (bytes !== undefined) ev.bytes = bytes;
    ev.from = from;
    ev.to = to;
    if (from !== to || ep.hops.length > 0) {
      const direct = from !== to ? edgeFor(from, to, this.variant.id, cause, timer) : undefined;
      // A move of several edges is reported as one edge only when the table has an edge
      // for it with this kind of cause (FIN-WAIT-1 to TIME-WAIT on a FIN that acks our FIN).
      if (direct && (ep.hops.length <= 1 || causeMatches(direct, cause, timer))) ev.transition = direct.id;
      else if (ep.hops.length > 1) ev.via = ep.hops.slice(0, -1);
    }
    ev.sent = sent;
    if (ep.evCheck) ev.check = ep.evCheck;
    if (ep.evAckCheck) ev.ackCheck = ep.evAckCheck;
    if (ep.evRule) ev.rule = ep.evRule;
    if (ep.evSignal) ev.signal = ep.evSignal;
    if (ep.evGiveUp) ev.giveUp = true;
    this.out.push(ev);
  }

  private dispatch(ep: Endpoint, cause: Cause, segment?: Segment, timer?: TimerName, bytes?: number): void {
    switch (cause) {
      case 'listen':
        ep.listen();
        return;
      case 'connect':
        ep.connect();
        return;
      case 'send':
        ep.send(bytes ?? 0);
        return;
      case 'close':
        ep.close();
        return;
      case 'abort':
        ep.abort();
        return;
      case 'segment':
        ep.receive(segment as Segment);
        return;
      case 'timer':
        ep.fire(timer as TimerName);
        return;
      default:
        return;
    }
  }

  // ---------------------------------------------------------------------------------
  // Queries

  ep(e: EndpointId): Endpoint {
    return e === 'A' ? this.A : this.B;
  }

  private queue(from: EndpointId): Segment[] {
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

  state(e: EndpointId): StateId {
    return this.ep(e).state;
  }

  endpoint(e: EndpointId): EndpointView {
    const ep = this.ep(e);
    let unacked = 0;
    for (const r of ep.rexmitQueue) unacked += r.len + (r.syn ? 1 : 0) + (r.fin ? 1 : 0);
    let rto = ep.rto;
    for (let i = 0; i < ep.backoff && rto < this.p.maxRto; i++) rto *= 2;
    return {
      id: e,
      state: ep.state,
      tcb: { iss: ep.iss, sndUna: ep.sndUna, sndNxt: ep.sndNxt, irs: ep.irs, rcvNxt: ep.rcvNxt, rcvWnd: ep.rcvWnd },
      appClosed: ep.appClosed,
      passive: ep.passive,
      error: ep.error,
      pendingSend: ep.pendingSend,
      closePending: ep.closePending,
      delivered: ep.delivered,
      sentBytes: ep.sentBytes,
      unacknowledged: unacked,
      retries: ep.retries,
      rto: Math.min(rto, this.p.maxRto) / 1000,
    };
  }

  /** Running timers, soonest first. */
  timers(): TimerView[] {
    const out: TimerView[] = [];
    for (const ep of [this.A, this.B]) {
      const t = ep.timers;
      const add = (name: TimerName, due: number) => {
        if (due >= 0) out.push({ endpoint: ep.id, name, due: due / 1000 });
      };
      add('delayed-ack', t.delayedAck);
      add('retransmit', t.retransmit);
      add('fin-wait-2', t.finWait2);
      add('time-wait', t.timeWait);
    }
    return out.sort((x, y) => x.due - y.due || (x.endpoint < y.endpoint ? -1 : x.endpoint > y.endpoint ? 1 : 0) || TIMER_ORDER.indexOf(x.name) - TIMER_ORDER.indexOf(y.name));
  }

  /** The timer that fires next, or null if none is running. */
  nextTimer(): TimerView | null {
    const n = this.nextTimerRaw();
    return n === null ? null : { endpoint: n.ep.id, name: n.name, due: n.due / 1000 };
  }

  private nextTimerRaw(): { ep: Endpoint; name: TimerName; due: number } | null {
    let best: { ep: Endpoint; name: TimerName; due: number } | null = null;
    for (const ep of [this.A, this.B]) {
      const t = ep.timers;
      for (const name of TIMER_ORDER) {
        const due = name === 'delayed-ack' ? t.delayedAck : name === 'retransmit' ? t.retransmit : name === 'fin-wait-2' ? t.finWait2 : t.timeWait;
        if (due >= 0 && (best === null || due < best.due)) best = { ep, name, due };
      }
    }
    return best;
  }

  /** For each user call, whether it is legal now and, if not, why. */
  legalCalls(e: EndpointId): Record<UserCall, CallLegality> {
    const ep = this.ep(e);
    const out = {} as Record<UserCall, CallLegality>;
    for (const call of USER_CALLS) {
      const code = ep.callRefusal(call);
      if (code === null) out[call] = { legal: true };
      else {
        const err: CallError = callError(code, call, ep.state);
        out[call] = { legal: false, code: err.code, message: err.message };
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------
  // Snapshots

  snapshot(): SimulatorSnapshot {
    return {
      format: 'tcp-tutor-simulator',
      version: 1,
      options: { profile: this.options.profile, variant: this.options.variant, isn: { A: this.options.isn.A, B: this.options.isn.B }, delayedAck: this.options.delayedAck },
      now: this.now,
      nextId: this.nextId,
      flight: { A: this.flightA.map(segmentData), B: this.flightB.map(segmentData) },
      endpoints: { A: endpointData(this.A), B: endpointData(this.B) },
    };
  }

  /** Rebuild a world from `snapshot()` data. Throws an Error naming the first bad field. */
  static restore(data: unknown, opts: { record?: boolean } = {}): Simulator {
    const snap = checkSnapshot(data);
    const sim = new Simulator({ ...snap.options, record: opts.record });
    sim.now = snap.now;
    sim.nextId = snap.nextId;
    for (const s of snap.flight.A) sim.flightA.push(segmentFromData(s));
    for (const s of snap.flight.B) sim.flightB.push(segmentFromData(s));
    loadEndpoint(sim.A, snap.endpoints.A);
    loadEndpoint(sim.B, snap.endpoints.B);
    return sim;
  }
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

export function resolveOptions(o: SimulatorOptions): ResolvedOptions {
  const profile = o.profile ?? 'linux';
  const variant = o.variant ?? 'standard';
  if (!PROFILE_IDS.includes(profile)) throw new Error(`unknown profile ${JSON.stringify(profile)} (expected "linux" or "rfc9293")`);
  if (!VARIANT_IDS.includes(variant)) throw new Error(`unknown variant ${JSON.stringify(variant)} (expected ${VARIANT_IDS.map((v) => `"${v}"`).join(', ')})`);
  const A = o.isn?.A ?? DEFAULT_ISN.A;
  const B = o.isn?.B ?? DEFAULT_ISN.B;
  for (const [k, v] of [
    ['A', A],
    ['B', B],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new Error(`isn.${k} must be a whole number from 0 to 4294967295, got ${String(v)}`);
  }
  return { profile, variant, isn: { A, B }, delayedAck: o.delayedAck ?? false };
}

function segmentData(s: Segment): SegmentData {
  return { from: s.from, flags: s.flags.slice(), seq: s.seq, ack: s.ack, len: s.len, id: s.id };
}

function segmentFromData(s: SegmentData): Segment {
  return { from: s.from, flags: flagsOf(maskOf(s.flags as Segment['flags'])), seq: s.seq, ack: s.ack, len: s.len, id: s.id };
}

const nullable = (n: number): number | null => (n < 0 ? null : n);

function endpointData(ep: Endpoint): EndpointData {
  return {
    state: ep.state,
    passive: ep.passive,
    appClosed: ep.appClosed,
    closePending: ep.closePending,
    finSent: ep.finSent,
    error: ep.error,
    iss: ep.iss,
    sndUna: ep.sndUna,
    sndNxt: ep.sndNxt,
    irs: ep.irs,
    rcvNxt: ep.rcvNxt,
    rcvWnd: ep.rcvWnd,
    pendingSend: ep.pendingSend,
    delivered: ep.delivered,
    sentBytes: ep.sentBytes,
    ackPending: ep.ackPending,
    retries: ep.retries,
    backoff: ep.backoff,
    rto: ep.rto,
    srtt: ep.srtt,
    rttvar: ep.rttvar,
    lastInvalidAck: ep.lastInvalidAck,
    rexmitQueue: ep.rexmitQueue.map((r) => ({ seq: r.seq, len: r.len, syn: r.syn, fin: r.fin, sentAt: r.sentAt, rexmit: r.rexmit })),
    held: ep.held.map((h) => ({ seq: h.seq, len: h.len, fin: h.fin })),
    timers: { retransmit: nullable(ep.timers.retransmit), timeWait: nullable(ep.timers.timeWait), finWait2: nullable(ep.timers.finWait2), delayedAck: nullable(ep.timers.delayedAck) },
  };
}

function loadEndpoint(ep: Endpoint, d: EndpointData): void {
  ep.state = d.state;
  ep.passive = d.passive;
  ep.appClosed = d.appClosed;
  ep.closePending = d.closePending;
  ep.finSent = d.finSent;
  ep.error = d.error;
  ep.iss = d.iss;
  ep.sndUna = d.sndUna;
  ep.sndNxt = d.sndNxt;
  ep.irs = d.irs;
  ep.rcvNxt = d.rcvNxt;
  ep.rcvWnd = d.rcvWnd;
  ep.pendingSend = d.pendingSend;
  ep.delivered = d.delivered;
  ep.sentBytes = d.sentBytes;
  ep.ackPending = d.ackPending;
  ep.retries = d.retries;
  ep.backoff = d.backoff;
  ep.rto = d.rto;
  ep.srtt = d.srtt;
  ep.rttvar = d.rttvar;
  ep.lastInvalidAck = d.lastInvalidAck;
  ep.rexmitQueue = d.rexmitQueue.map((r) => ({ ...r }));
  ep.held = d.held.map((h) => ({ ...h }));
  ep.timers.retransmit = d.timers.retransmit ?? -1;
  ep.timers.timeWait = d.timers.timeWait ?? -1;
  ep.timers.finWait2 = d.timers.finWait2 ?? -1;
  ep.timers.delayedAck = d.timers.delayedAck ?? -1;
}

// ---------------------------------------------------------------------------------------
// Snapshot validation

class Checker {
  constructor(private readonly path: string) {}
  fail(what: string, v: unknown): never {
    throw new Error(`corrupt simulator snapshot: ${this.path} ${what}, got ${describe(v)}`);
  }
  at(key: string | number): Checker {
    return new Checker(typeof key === 'number' ? `${this.path}[${key}]` : this.path ? `${this.path}.${key}` : key);
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return JSON.stringify(v);
}

function obj(c: Checker, v: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) c.fail('must be an object', v);
  const r = v as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!keys.includes(k)) c.at(k).fail('is not a known field', r[k]);
  for (const k of keys) if (!(k in r)) c.at(k).fail('is missing', undefined);
  return r;
}

function int(c: Checker, v: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) c.fail(`must be a whole number from ${min} to ${max}`, v);
  return v as number;
}

function u32OrNull(c: Checker, v: unknown): number | null {
  return v === null ? null : int(c, v, 0, 0xffffffff);
}

function num(c: Checker, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) c.fail(`must be a number from ${min}`, v);
  return v as number;
}

function bool(c: Checker, v: unknown): boolean {
  if (typeof v !== 'boolean') c.fail('must be true or false', v);
  return v as boolean;
}

function arr(c: Checker, v: unknown): unknown[] {
  if (!Array.isArray(v)) c.fail('must be an array', v);
  return v as unknown[];
}

function checkSegment(c: Checker, v: unknown, from: EndpointId): SegmentData {
  const r = obj(c, v, ['from', 'flags', 'seq', 'ack', 'len', 'id']);
  if (r.from !== from) c.at('from').fail(`must be "${from}"`, r.from);
  const flags = arr(c.at('flags'), r.flags);
  for (let i = 0; i < flags.length; i++) if (!isFlag(flags[i])) c.at('flags').at(i).fail(`must be one of ${FLAG_ORDER.join(', ')}`, flags[i]);
  const canonical = flagsOf(maskOf(flags as Segment['flags']));
  if (canonical.length !== flags.length || canonical.some((f, i) => f !== flags[i])) c.at('flags').fail(`must list each flag once in the order ${FLAG_ORDER.join(', ')}`, flags);
  const seq = int(c.at('seq'), r.seq, 0, 0xffffffff);
  const ack = u32OrNull(c.at('ack'), r.ack);
  if ((ack === null) !== !canonical.includes('ACK')) c.at('ack').fail('must be a number exactly when the ACK flag is set', r.ack);
  const len = int(c.at('len'), r.len, 0, 0xffffffff);
  const id = int(c.at('id'), r.id, 1);
  return { from, flags: canonical, seq, ack, len, id };
}

const ENDPOINT_KEYS = [
  'state', 'passive', 'appClosed', 'closePending', 'finSent', 'error', 'iss', 'sndUna', 'sndNxt', 'irs', 'rcvNxt', 'rcvWnd', 'pendingSend', 'delivered', 'sentBytes',
  'ackPending', 'retries', 'backoff', 'rto', 'srtt', 'rttvar', 'lastInvalidAck', 'rexmitQueue', 'held', 'timers',
] as const;

function checkEndpoint(c: Checker, v: unknown): EndpointData {
  const r = obj(c, v, ENDPOINT_KEYS);
  if (typeof r.state !== 'string' || !(STATE_IDS as readonly string[]).includes(r.state)) c.at('state').fail('must be an RFC 9293 state name', r.state);
  if (r.error !== null && r.error !== 'refused' && r.error !== 'reset' && r.error !== 'timeout') c.at('error').fail('must be null, "refused", "reset" or "timeout"', r.error);
  const timers = obj(c.at('timers'), r.timers, ['retransmit', 'timeWait', 'finWait2', 'delayedAck']);
  const timer = (k: string) => (timers[k] === null ? null : int(c.at('timers').at(k), timers[k]));
  const state = r.state as StateId;
  const synced = state !== 'CLOSED' && state !== 'LISTEN';
  const tcb = (k: string, v2: unknown) => {
    const x = u32OrNull(c.at(k), v2);
    if (synced && x === null && !(state === 'SYN-SENT' && (k === 'irs' || k === 'rcvNxt'))) c.at(k).fail(`must be set in ${state}`, v2);
    return x;
  };
  return {
    state,
    passive: bool(c.at('passive'), r.passive),
    appClosed: bool(c.at('appClosed'), r.appClosed),
    closePending: bool(c.at('closePending'), r.closePending),
    finSent: bool(c.at('finSent'), r.finSent),
    error: r.error as ConnectionError | null,
    iss: tcb('iss', r.iss),
    sndUna: tcb('sndUna', r.sndUna),
    sndNxt: tcb('sndNxt', r.sndNxt),
    irs: tcb('irs', r.irs),
    rcvNxt: tcb('rcvNxt', r.rcvNxt),
    rcvWnd: int(c.at('rcvWnd'), r.rcvWnd, 0, 0xffffffff),
    pendingSend: int(c.at('pendingSend'), r.pendingSend),
    delivered: int(c.at('delivered'), r.delivered),
    sentBytes: int(c.at('sentBytes'), r.sentBytes),
    ackPending: bool(c.at('ackPending'), r.ackPending),
    retries: int(c.at('retries'), r.retries),
    backoff: int(c.at('backoff'), r.backoff, 0, 64),
    rto: int(c.at('rto'), r.rto, 1),
    srtt: num(c.at('srtt'), r.srtt, -1),
    rttvar: num(c.at('rttvar'), r.rttvar, -1),
    lastInvalidAck: int(c.at('lastInvalidAck'), r.lastInvalidAck, -1),
    rexmitQueue: arr(c.at('rexmitQueue'), r.rexmitQueue).map((e, i) => {
      const cc = c.at('rexmitQueue').at(i);
      const x = obj(cc, e, ['seq', 'len', 'syn', 'fin', 'sentAt', 'rexmit']);
      return { seq: int(cc.at('seq'), x.seq, 0, 0xffffffff), len: int(cc.at('len'), x.len), syn: bool(cc.at('syn'), x.syn), fin: bool(cc.at('fin'), x.fin), sentAt: int(cc.at('sentAt'), x.sentAt), rexmit: bool(cc.at('rexmit'), x.rexmit) };
    }),
    held: arr(c.at('held'), r.held).map((e, i) => {
      const cc = c.at('held').at(i);
      const x = obj(cc, e, ['seq', 'len', 'fin']);
      return { seq: int(cc.at('seq'), x.seq, 0, 0xffffffff), len: int(cc.at('len'), x.len), fin: bool(cc.at('fin'), x.fin) };
    }),
    timers: { retransmit: timer('retransmit'), timeWait: timer('timeWait'), finWait2: timer('finWait2'), delayedAck: timer('delayedAck') },
  };
}

function checkSnapshot(data: unknown): SimulatorSnapshot {
  const c = new Checker('');
  const r = obj(new Checker('snapshot'), data, ['format', 'version', 'options', 'now', 'nextId', 'flight', 'endpoints']);
  if (r.format !== 'tcp-tutor-simulator') c.at('format').fail('must be "tcp-tutor-simulator"', r.format);
  if (r.version !== 1) c.at('version').fail('must be 1', r.version);
  const o = obj(c.at('options'), r.options, ['profile', 'variant', 'isn', 'delayedAck']);
  if (!PROFILE_IDS.includes(o.profile as ProfileId)) c.at('options').at('profile').fail('must be "linux" or "rfc9293"', o.profile);
  if (!VARIANT_IDS.includes(o.variant as VariantId)) c.at('options').at('variant').fail(`must be one of ${VARIANT_IDS.join(', ')}`, o.variant);
  const isn = obj(c.at('options').at('isn'), o.isn, ['A', 'B']);
  const options: ResolvedOptions = {
    profile: o.profile as ProfileId,
    variant: o.variant as VariantId,
    isn: { A: int(c.at('options.isn.A'), isn.A, 0, 0xffffffff), B: int(c.at('options.isn.B'), isn.B, 0, 0xffffffff) },
    delayedAck: bool(c.at('options').at('delayedAck'), o.delayedAck),
  };
  const now = int(c.at('now'), r.now);
  const nextId = int(c.at('nextId'), r.nextId, 1);
  const f = obj(c.at('flight'), r.flight, ['A', 'B']);
  const flightA = arr(c.at('flight.A'), f.A).map((s, i) => checkSegment(c.at('flight.A').at(i), s, 'A'));
  const flightB = arr(c.at('flight.B'), f.B).map((s, i) => checkSegment(c.at('flight.B').at(i), s, 'B'));
  for (const s of [...flightA, ...flightB]) if (s.id >= nextId) c.at('nextId').fail(`must be above every segment id (segment ${s.id} is in flight)`, nextId);
  const e = obj(c.at('endpoints'), r.endpoints, ['A', 'B']);
  const A = checkEndpoint(c.at('endpoints.A'), e.A);
  const B = checkEndpoint(c.at('endpoints.B'), e.B);
  return { format: 'tcp-tutor-simulator', version: 1, options, now, nextId, flight: { A: flightA, B: flightB }, endpoints: { A, B } };
}

export { TIMER_ORDER };
export type { ProfileId, VariantId };
