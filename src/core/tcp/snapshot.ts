/**
 * Snapshots: the whole world as plain JSON (version 2: hosts with sockets), and its validation
 * on the way back in. Restoring validates every field and names the first bad one.
 */
import type { StateId } from './states';
import { STATE_IDS } from './states';
import type { ConnectionError, EndpointId, ProfileId, Segment, VariantId, WorldOptions } from './types';
import { MAX_RCVBUF } from './types';
import { PROFILE_IDS } from './profiles';
import { VARIANT_IDS } from './variants';
import type { Endpoint, HeldEntry, KeepaliveMs, RexmitEntry } from './endpoint';
import type { Host } from './host';
import { Listener } from './host';
import { pairKey } from './host';
import { FLAG_ORDER, flagsOf, isFlag, maskOf } from './seq';

/** What a snapshot reads and writes: the world's state (the Simulator is one). */
export interface World {
  readonly options: WorldOptions;
  now: number;
  nextId: number;
  born: number;
  readonly flightA: Segment[];
  readonly flightB: Segment[];
  readonly hostA: Host;
  readonly hostB: Host;
  makeConn(host: Host, conn: number, born: number, lport: number, rport: number, isn: number, rcvBuf: number, autoRead: boolean, reuseAddr: boolean, keepalive: KeepaliveMs | null): Endpoint;
}

export interface SegmentData {
  readonly from: EndpointId;
  readonly sport: number;
  readonly dport: number;
  readonly win: number;
  readonly flags: readonly string[];
  readonly seq: number;
  readonly ack: number | null;
  readonly len: number;
  readonly id: number;
}

/** One connection in a snapshot: its TCB variables and the rest of its state. */
export interface EndpointData {
  readonly conn: number;
  readonly born: number;
  readonly lport: number;
  readonly rport: number;
  readonly isn: number;
  readonly state: StateId;
  readonly passive: boolean;
  readonly appClosed: boolean;
  readonly wrShut: boolean;
  readonly closePending: boolean;
  readonly finQueued: boolean;
  readonly finSent: boolean;
  readonly error: ConnectionError | null;
  readonly iss: number | null;
  readonly sndUna: number | null;
  readonly sndNxt: number | null;
  readonly sndWnd: number;
  readonly sndWl1: number;
  readonly sndWl2: number;
  readonly irs: number | null;
  readonly rcvNxt: number | null;
  readonly unsent: number;
  readonly delivered: number;
  readonly unread: number;
  readonly sentBytes: number;
  readonly ackPending: boolean;
  readonly retries: number;
  readonly backoff: number;
  readonly retransStamp: number;
  readonly synRexmit: boolean;
  readonly rto: number;
  readonly srtt: number;
  readonly rttvar: number;
  readonly lastInvalidAck: number;
  readonly probesOut: number;
  readonly persistBackoff: number;
  readonly lastRecv: number;
  readonly rcvBuf: number;
  readonly autoRead: boolean;
  readonly reuseAddr: boolean;
  readonly keepalive: KeepaliveMs | null;
  readonly accepted: boolean;
  readonly epoch: number;
  readonly rexmitQueue: readonly RexmitEntry[];
  readonly held: readonly HeldEntry[];
  /** Due times in ms, or null. */
  readonly timers: {
    readonly retransmit: number | null;
    readonly timeWait: number | null;
    readonly finWait2: number | null;
    readonly delayedAck: number | null;
    readonly keepalive: number | null;
    readonly persist: number | null;
  };
}

export interface ListenerData {
  readonly port: number;
  readonly backlog: number;
  readonly reuseAddr: boolean;
  readonly state: 'LISTEN' | 'CLOSED';
  readonly epoch: number;
  readonly born: number;
  /** Connection numbers. */
  readonly synQueue: readonly number[];
  readonly acceptQueue: readonly number[];
  readonly pendingAccepts: number;
  readonly lastOverflow: number;
  readonly keepalive: KeepaliveMs | null;
}

export interface HostData {
  readonly down: boolean;
  readonly epoch: number;
  readonly nextPort: number;
  readonly listeners: readonly ListenerData[];
  readonly conns: readonly EndpointData[];
}

export interface SimulatorSnapshot {
  readonly format: 'tcp-tutor-simulator';
  readonly version: 2;
  readonly options: WorldOptions;
  /** Clock in ms. */
  readonly now: number;
  readonly nextId: number;
  readonly born: number;
  readonly flight: { readonly A: readonly SegmentData[]; readonly B: readonly SegmentData[] };
  readonly hosts: { readonly A: HostData; readonly B: HostData };
}

const nullable = (n: number): number | null => (n < 0 ? null : n);

function segmentData(s: Segment): SegmentData {
  return { from: s.from, sport: s.sport, dport: s.dport, win: s.win, flags: s.flags.slice(), seq: s.seq, ack: s.ack, len: s.len, id: s.id };
}

function endpointData(ep: Endpoint): EndpointData {
  const t = ep.timers;
  return {
    conn: ep.conn,
    born: ep.born,
    lport: ep.lport,
    rport: ep.rport,
    isn: ep.isn,
    state: ep.state,
    passive: ep.passive,
    appClosed: ep.appClosed,
    wrShut: ep.wrShut,
    closePending: ep.closePending,
    finQueued: ep.finQueued,
    finSent: ep.finSent,
    error: ep.error,
    iss: ep.iss,
    sndUna: ep.sndUna,
    sndNxt: ep.sndNxt,
    sndWnd: ep.sndWnd,
    sndWl1: ep.sndWl1,
    sndWl2: ep.sndWl2,
    irs: ep.irs,
    rcvNxt: ep.rcvNxt,
    unsent: ep.unsent,
    delivered: ep.delivered,
    unread: ep.unread,
    sentBytes: ep.sentBytes,
    ackPending: ep.ackPending,
    retries: ep.retries,
    backoff: ep.backoff,
    retransStamp: ep.retransStamp,
    synRexmit: ep.synRexmit,
    rto: ep.rto,
    srtt: ep.srtt,
    rttvar: ep.rttvar,
    lastInvalidAck: ep.lastInvalidAck,
    probesOut: ep.probesOut,
    persistBackoff: ep.persistBackoff,
    lastRecv: ep.lastRecv,
    rcvBuf: ep.rcvBuf,
    autoRead: ep.autoRead,
    reuseAddr: ep.reuseAddr,
    keepalive: ep.keepalive === null ? null : { ...ep.keepalive },
    accepted: ep.accepted,
    epoch: ep.epoch,
    rexmitQueue: ep.rexmitQueue.map((r) => ({ seq: r.seq, len: r.len, syn: r.syn, fin: r.fin, sentAt: r.sentAt, rexmit: r.rexmit })),
    held: ep.held.map((h) => ({ seq: h.seq, len: h.len, fin: h.fin })),
    timers: {
      retransmit: nullable(t.retransmit),
      timeWait: nullable(t.timeWait),
      finWait2: nullable(t.finWait2),
      delayedAck: nullable(t.delayedAck),
      keepalive: nullable(t.keepalive),
      persist: nullable(t.persist),
    },
  };
}

function hostData(h: Host): HostData {
  return {
    down: h.down,
    epoch: h.epoch,
    nextPort: h.nextPort,
    listeners: h.listeners.map((l) => ({
      port: l.port,
      backlog: l.backlog,
      reuseAddr: l.reuseAddr,
      state: l.state,
      epoch: l.epoch,
      born: l.born,
      synQueue: l.synQueue.map((c) => c.conn),
      acceptQueue: l.acceptQueue.map((c) => c.conn),
      pendingAccepts: l.pendingAccepts,
      lastOverflow: l.lastOverflow,
      keepalive: l.keepalive === null ? null : { ...l.keepalive },
    })),
    conns: h.conns.map(endpointData),
  };
}

export function snapshotWorld(sim: World): SimulatorSnapshot {
  const o = sim.options;
  return {
    format: 'tcp-tutor-simulator',
    version: 2,
    options: {
      profile: o.profile,
      variant: o.variant,
      isn: { A: [...o.isn.A], B: [...o.isn.B] },
      delayedAck: o.delayedAck,
      autoRead: { ...o.autoRead },
      autoAccept: { ...o.autoAccept },
      rcvBuf: { ...o.rcvBuf },
      somaxconn: o.somaxconn,
      synBacklog: o.synBacklog,
      syncookies: o.syncookies,
      abortOnOverflow: o.abortOnOverflow,
    },
    now: sim.now,
    nextId: sim.nextId,
    born: sim.born,
    flight: { A: sim.flightA.map(segmentData), B: sim.flightB.map(segmentData) },
    hosts: { A: hostData(sim.hostA), B: hostData(sim.hostB) },
  };
}

function loadHost(sim: World, h: Host, d: HostData): void {
  h.down = d.down;
  h.epoch = d.epoch;
  h.nextPort = d.nextPort;
  for (const c of d.conns) {
    const ep = sim.makeConn(h, c.conn, c.born, c.lport, c.rport, c.isn, c.rcvBuf, c.autoRead, c.reuseAddr, c.keepalive === null ? null : { ...c.keepalive });
    ep.state = c.state;
    ep.passive = c.passive;
    ep.appClosed = c.appClosed;
    ep.wrShut = c.wrShut;
    ep.closePending = c.closePending;
    ep.finQueued = c.finQueued;
    ep.finSent = c.finSent;
    ep.error = c.error;
    ep.iss = c.iss;
    ep.sndUna = c.sndUna;
    ep.sndNxt = c.sndNxt;
    ep.sndWnd = c.sndWnd;
    ep.sndWl1 = c.sndWl1;
    ep.sndWl2 = c.sndWl2;
    ep.irs = c.irs;
    ep.rcvNxt = c.rcvNxt;
    ep.unsent = c.unsent;
    ep.delivered = c.delivered;
    ep.unread = c.unread;
    ep.sentBytes = c.sentBytes;
    ep.ackPending = c.ackPending;
    ep.retries = c.retries;
    ep.backoff = c.backoff;
    ep.retransStamp = c.retransStamp;
    ep.synRexmit = c.synRexmit;
    ep.rto = c.rto;
    ep.srtt = c.srtt;
    ep.rttvar = c.rttvar;
    ep.lastInvalidAck = c.lastInvalidAck;
    ep.probesOut = c.probesOut;
    ep.persistBackoff = c.persistBackoff;
    ep.lastRecv = c.lastRecv;
    ep.accepted = c.accepted;
    ep.epoch = c.epoch;
    ep.rexmitQueue = c.rexmitQueue.map((r) => ({ ...r }));
    ep.held = c.held.map((x) => ({ ...x }));
    ep.timers.retransmit = c.timers.retransmit ?? -1;
    ep.timers.timeWait = c.timers.timeWait ?? -1;
    ep.timers.finWait2 = c.timers.finWait2 ?? -1;
    ep.timers.delayedAck = c.timers.delayedAck ?? -1;
    ep.timers.keepalive = c.timers.keepalive ?? -1;
    ep.timers.persist = c.timers.persist ?? -1;
    h.conns.push(ep);
    if (ep.live) {
      h.byPair.set(pairKey(ep.lport, ep.rport), ep);
      h.portUse.set(ep.lport, (h.portUse.get(ep.lport) ?? 0) + 1);
    }
  }
  for (const ld of d.listeners) {
    const l = new Listener(h.id, ld.port, ld.backlog, ld.reuseAddr, ld.epoch, ld.born);
    l.state = ld.state;
    l.pendingAccepts = ld.pendingAccepts;
    l.lastOverflow = ld.lastOverflow;
    l.keepalive = ld.keepalive === null ? null : { ...ld.keepalive };
    for (const n of ld.synQueue) {
      const ep = h.conns[n - 1];
      ep.listener = l;
      l.synQueue.push(ep);
    }
    for (const n of ld.acceptQueue) {
      const ep = h.conns[n - 1];
      ep.listener = l;
      l.acceptQueue.push(ep);
    }
    h.listeners.push(l);
  }
}

export function loadWorld(sim: World, snap: SimulatorSnapshot): void {
  sim.now = snap.now;
  sim.nextId = snap.nextId;
  sim.born = snap.born;
  for (const s of snap.flight.A) sim.flightA.push(segmentFromData(s));
  for (const s of snap.flight.B) sim.flightB.push(segmentFromData(s));
  loadHost(sim, sim.hostA, snap.hosts.A);
  loadHost(sim, sim.hostB, snap.hosts.B);
}

function segmentFromData(s: SegmentData): Segment {
  return { from: s.from, sport: s.sport, dport: s.dport, win: s.win, flags: flagsOf(maskOf(s.flags as Segment['flags'])), seq: s.seq, ack: s.ack, len: s.len, id: s.id };
}

// ---------------------------------------------------------------------------------------
// Validation

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

function pair(c: Checker, v: unknown, each: (c: Checker, x: unknown) => unknown): Record<'A' | 'B', unknown> {
  const r = obj(c, v, ['A', 'B']);
  return { A: each(c.at('A'), r.A), B: each(c.at('B'), r.B) };
}

function keepaliveData(c: Checker, v: unknown): KeepaliveMs | null {
  if (v === null) return null;
  const r = obj(c, v, ['idle', 'interval', 'count']);
  return { idle: int(c.at('idle'), r.idle, 1), interval: int(c.at('interval'), r.interval, 1), count: int(c.at('count'), r.count, 1, 1000) };
}

function checkSegment(c: Checker, v: unknown, from: EndpointId): SegmentData {
  const r = obj(c, v, ['from', 'sport', 'dport', 'win', 'flags', 'seq', 'ack', 'len', 'id']);
  if (r.from !== from) c.at('from').fail(`must be "${from}"`, r.from);
  const flags = arr(c.at('flags'), r.flags);
  for (let i = 0; i < flags.length; i++) if (!isFlag(flags[i])) c.at('flags').at(i).fail(`must be one of ${FLAG_ORDER.join(', ')}`, flags[i]);
  const canonical = flagsOf(maskOf(flags as Segment['flags']));
  if (canonical.length !== flags.length || canonical.some((f, i) => f !== flags[i])) c.at('flags').fail(`must list each flag once in the order ${FLAG_ORDER.join(', ')}`, flags);
  const ack = u32OrNull(c.at('ack'), r.ack);
  if ((ack === null) !== !canonical.includes('ACK')) c.at('ack').fail('must be a number exactly when the ACK flag is set', r.ack);
  return {
    from,
    sport: int(c.at('sport'), r.sport, 1, 65535),
    dport: int(c.at('dport'), r.dport, 1, 65535),
    win: int(c.at('win'), r.win, 0, 0xffffffff),
    flags: canonical,
    seq: int(c.at('seq'), r.seq, 0, 0xffffffff),
    ack,
    len: int(c.at('len'), r.len, 0, 0xffffffff),
    id: int(c.at('id'), r.id, 1),
  };
}

const TIMER_KEYS = ['retransmit', 'timeWait', 'finWait2', 'delayedAck', 'keepalive', 'persist'] as const;
const ENDPOINT_KEYS = [
  'conn', 'born', 'lport', 'rport', 'isn', 'state', 'passive', 'appClosed', 'wrShut', 'closePending', 'finQueued', 'finSent', 'error', 'iss', 'sndUna', 'sndNxt', 'sndWnd', 'sndWl1',
  'sndWl2', 'irs', 'rcvNxt', 'unsent', 'delivered', 'unread', 'sentBytes', 'ackPending', 'retries', 'backoff', 'retransStamp', 'synRexmit', 'rto', 'srtt', 'rttvar', 'lastInvalidAck',
  'probesOut', 'persistBackoff', 'lastRecv', 'rcvBuf', 'autoRead', 'reuseAddr', 'keepalive', 'accepted', 'epoch', 'rexmitQueue', 'held', 'timers',
] as const;

function checkEndpoint(c: Checker, v: unknown, n: number): EndpointData {
  const r = obj(c, v, ENDPOINT_KEYS);
  if (r.conn !== n) c.at('conn').fail(`must be ${n} (connections are numbered in order)`, r.conn);
  if (typeof r.state !== 'string' || !(STATE_IDS as readonly string[]).includes(r.state)) c.at('state').fail('must be an RFC 9293 state name', r.state);
  if (r.error !== null && r.error !== 'refused' && r.error !== 'reset' && r.error !== 'timeout') c.at('error').fail('must be null, "refused", "reset" or "timeout"', r.error);
  const timers = obj(c.at('timers'), r.timers, TIMER_KEYS);
  const timer = (k: string) => (timers[k] === null ? null : int(c.at('timers').at(k), timers[k]));
  const state = r.state as StateId;
  const synced = state !== 'CLOSED' && state !== 'LISTEN';
  const tcb = (k: string, v2: unknown) => {
    const x = u32OrNull(c.at(k), v2);
    if (synced && x === null && !(state === 'SYN-SENT' && (k === 'irs' || k === 'rcvNxt'))) c.at(k).fail(`must be set in ${state}`, v2);
    return x;
  };
  const u32 = (k: string) => int(c.at(k), r[k], 0, 0xffffffff);
  return {
    conn: n,
    born: int(c.at('born'), r.born),
    lport: int(c.at('lport'), r.lport, 1, 65535),
    rport: int(c.at('rport'), r.rport, 1, 65535),
    isn: u32('isn'),
    state,
    passive: bool(c.at('passive'), r.passive),
    appClosed: bool(c.at('appClosed'), r.appClosed),
    wrShut: bool(c.at('wrShut'), r.wrShut),
    closePending: bool(c.at('closePending'), r.closePending),
    finQueued: bool(c.at('finQueued'), r.finQueued),
    finSent: bool(c.at('finSent'), r.finSent),
    error: r.error as ConnectionError | null,
    iss: tcb('iss', r.iss),
    sndUna: tcb('sndUna', r.sndUna),
    sndNxt: tcb('sndNxt', r.sndNxt),
    sndWnd: u32('sndWnd'),
    sndWl1: u32('sndWl1'),
    sndWl2: u32('sndWl2'),
    irs: tcb('irs', r.irs),
    rcvNxt: tcb('rcvNxt', r.rcvNxt),
    unsent: int(c.at('unsent'), r.unsent),
    delivered: int(c.at('delivered'), r.delivered),
    unread: int(c.at('unread'), r.unread),
    sentBytes: int(c.at('sentBytes'), r.sentBytes),
    ackPending: bool(c.at('ackPending'), r.ackPending),
    retries: int(c.at('retries'), r.retries),
    backoff: int(c.at('backoff'), r.backoff, 0, 64),
    retransStamp: int(c.at('retransStamp'), r.retransStamp, -1),
    synRexmit: bool(c.at('synRexmit'), r.synRexmit),
    rto: int(c.at('rto'), r.rto, 1),
    srtt: num(c.at('srtt'), r.srtt, -1),
    rttvar: num(c.at('rttvar'), r.rttvar, -1),
    lastInvalidAck: int(c.at('lastInvalidAck'), r.lastInvalidAck, -1),
    probesOut: int(c.at('probesOut'), r.probesOut),
    persistBackoff: int(c.at('persistBackoff'), r.persistBackoff, 0, 64),
    lastRecv: int(c.at('lastRecv'), r.lastRecv),
    rcvBuf: int(c.at('rcvBuf'), r.rcvBuf, 0, MAX_RCVBUF),
    autoRead: bool(c.at('autoRead'), r.autoRead),
    reuseAddr: bool(c.at('reuseAddr'), r.reuseAddr),
    keepalive: keepaliveData(c.at('keepalive'), r.keepalive),
    accepted: bool(c.at('accepted'), r.accepted),
    epoch: int(c.at('epoch'), r.epoch),
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
    timers: {
      retransmit: timer('retransmit'),
      timeWait: timer('timeWait'),
      finWait2: timer('finWait2'),
      delayedAck: timer('delayedAck'),
      keepalive: timer('keepalive'),
      persist: timer('persist'),
    },
  };
}

function checkHost(c: Checker, v: unknown): HostData {
  const r = obj(c, v, ['down', 'epoch', 'nextPort', 'listeners', 'conns']);
  const conns = arr(c.at('conns'), r.conns).map((e, i) => checkEndpoint(c.at('conns').at(i), e, i + 1));
  const live = new Set<number>();
  conns.forEach((e, i) => {
    if (e.state === 'CLOSED' || e.state === 'LISTEN') return;
    const k = pairKey(e.lport, e.rport);
    if (live.has(k)) c.at('conns').at(i).fail('has the ports of another live connection', `${e.lport}-${e.rport}`);
    live.add(k);
  });
  const queued = new Set<number>();
  const connList = (cc: Checker, x: unknown): number[] =>
    arr(cc, x).map((n, i) => {
      const k = int(cc.at(i), n, 1, conns.length);
      if (queued.has(k)) cc.at(i).fail('names a connection already in a queue', n);
      queued.add(k);
      return k;
    });
  const listeners = arr(c.at('listeners'), r.listeners).map((e, i) => {
    const cc = c.at('listeners').at(i);
    const x = obj(cc, e, ['port', 'backlog', 'reuseAddr', 'state', 'epoch', 'born', 'synQueue', 'acceptQueue', 'pendingAccepts', 'lastOverflow', 'keepalive']);
    if (x.state !== 'LISTEN' && x.state !== 'CLOSED') cc.at('state').fail('must be "LISTEN" or "CLOSED"', x.state);
    return {
      port: int(cc.at('port'), x.port, 1, 65535),
      backlog: int(cc.at('backlog'), x.backlog, 0, 65535),
      reuseAddr: bool(cc.at('reuseAddr'), x.reuseAddr),
      state: x.state as 'LISTEN' | 'CLOSED',
      epoch: int(cc.at('epoch'), x.epoch),
      born: int(cc.at('born'), x.born),
      synQueue: connList(cc.at('synQueue'), x.synQueue),
      acceptQueue: connList(cc.at('acceptQueue'), x.acceptQueue),
      pendingAccepts: int(cc.at('pendingAccepts'), x.pendingAccepts),
      lastOverflow: int(cc.at('lastOverflow'), x.lastOverflow, -1),
      keepalive: keepaliveData(cc.at('keepalive'), x.keepalive),
    };
  });
  return { down: bool(c.at('down'), r.down), epoch: int(c.at('epoch'), r.epoch), nextPort: int(c.at('nextPort'), r.nextPort, 1, 65535), listeners, conns };
}

function checkOptions(c: Checker, v: unknown): WorldOptions {
  const o = obj(c, v, ['profile', 'variant', 'isn', 'delayedAck', 'autoRead', 'autoAccept', 'rcvBuf', 'somaxconn', 'synBacklog', 'syncookies', 'abortOnOverflow']);
  if (!PROFILE_IDS.includes(o.profile as ProfileId)) c.at('profile').fail(`must be one of ${PROFILE_IDS.join(', ')}`, o.profile);
  if (!VARIANT_IDS.includes(o.variant as VariantId)) c.at('variant').fail(`must be one of ${VARIANT_IDS.join(', ')}`, o.variant);
  const isnList = (cc: Checker, x: unknown) => {
    const l = arr(cc, x).map((n, i) => int(cc.at(i), n, 0, 0xffffffff));
    if (l.length === 0) cc.fail('must not be empty', x);
    return l;
  };
  const isn = pair(c.at('isn'), o.isn, isnList) as { A: number[]; B: number[] };
  return {
    profile: o.profile as ProfileId,
    variant: o.variant as VariantId,
    isn,
    delayedAck: bool(c.at('delayedAck'), o.delayedAck),
    autoRead: pair(c.at('autoRead'), o.autoRead, bool) as { A: boolean; B: boolean },
    autoAccept: pair(c.at('autoAccept'), o.autoAccept, bool) as { A: boolean; B: boolean },
    rcvBuf: pair(c.at('rcvBuf'), o.rcvBuf, (cc, x) => int(cc, x, 0, MAX_RCVBUF)) as { A: number; B: number },
    somaxconn: int(c.at('somaxconn'), o.somaxconn, 0, 1_000_000),
    synBacklog: int(c.at('synBacklog'), o.synBacklog, 0, 1_000_000),
    syncookies: bool(c.at('syncookies'), o.syncookies),
    abortOnOverflow: bool(c.at('abortOnOverflow'), o.abortOnOverflow),
  };
}

export function checkSnapshot(data: unknown): SimulatorSnapshot {
  const c = new Checker('');
  const r = obj(new Checker('snapshot'), data, ['format', 'version', 'options', 'now', 'nextId', 'born', 'flight', 'hosts']);
  if (r.format !== 'tcp-tutor-simulator') c.at('format').fail('must be "tcp-tutor-simulator"', r.format);
  if (r.version !== 2) c.at('version').fail('must be 2', r.version);
  const options = checkOptions(c.at('options'), r.options);
  const now = int(c.at('now'), r.now);
  const nextId = int(c.at('nextId'), r.nextId, 1);
  const born = int(c.at('born'), r.born);
  const f = obj(c.at('flight'), r.flight, ['A', 'B']);
  const flightA = arr(c.at('flight.A'), f.A).map((s, i) => checkSegment(c.at('flight.A').at(i), s, 'A'));
  const flightB = arr(c.at('flight.B'), f.B).map((s, i) => checkSegment(c.at('flight.B').at(i), s, 'B'));
  for (const s of [...flightA, ...flightB]) if (s.id >= nextId) c.at('nextId').fail(`must be above every segment id (segment ${s.id} is in flight)`, nextId);
  const h = obj(c.at('hosts'), r.hosts, ['A', 'B']);
  const A = checkHost(c.at('hosts.A'), h.A);
  const B = checkHost(c.at('hosts.B'), h.B);
  return { format: 'tcp-tutor-simulator', version: 2, options, now, nextId, born, flight: { A: flightA, B: flightB }, hosts: { A, B } };
}
