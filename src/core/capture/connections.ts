/**
 * Connections in a capture and what each endpoint's state machine did, segment by segment.
 *
 * Segments are grouped by their address and port pair (a new SYN on a pair whose old
 * connection has ended starts a new connection). Each endpoint is replayed through the
 * RFC 9293 section 3.10 rules as an observer sees them at the capture point:
 *
 * - A segment changes its sender's state when sent (SYN: SYN-SENT; SYN,ACK: SYN-RECEIVED;
 *   FIN: FIN-WAIT-1 or LAST-ACK; RST: CLOSED). Such a state is *proven*: only an endpoint in
 *   that state sends that segment. An ACK or data sent in ESTABLISHED, CLOSE-WAIT or
 *   CLOSING proves that state too.
 * - A segment changes its receiver's state when the receiver processes it. The capture does
 *   not show when that happens, so the model decides: a segment that occupies sequence space
 *   is processed before the receiver's next segment whose ACK covers it, and after any it
 *   sent earlier (so two FINs that cross are both seen as sent first: a simultaneous close);
 *   a segment with no sequence space (a bare ACK or RST) is processed on arrival unless it
 *   queues behind one that is not yet known to be processed. What is still queued when the
 *   capture ends is processed then. States reached this way, by a timer, or implied before
 *   an endpoint's first segment are *inferred* until a segment the endpoint sends proves them.
 *
 * Pure: no clock, no I/O. Checksums are not verified.
 */
import type { StateId } from '../tcp/states';
import { endpointText } from './address';
import type { CapturedSegment, TcpOptions } from './reader';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from './reader';

export type Side = 'client' | 'server';

export const FINDINGS = ['retransmission', 'reset', 'handshake-incomplete', 'mid-stream', 'half-close', 'simultaneous-open', 'simultaneous-close', 'zero-window'] as const;
export type Finding = (typeof FINDINGS)[number];

/** How a connection ended, as far as the capture shows. */
export type Ending = 'closed' | 'time-wait' | 'reset' | 'refused' | 'no-answer' | 'half-closed' | 'open' | 'connecting';

export interface ConnSegment {
  /** 1-based packet number in the file. */
  readonly packet: number;
  /** Seconds since the capture's first TCP segment. */
  readonly t: number;
  readonly from: Side;
  readonly flags: number;
  readonly seq: number;
  readonly ack: number;
  readonly len: number;
  readonly window: number;
  readonly options: TcpOptions | null;
  /** Its sequence range starts before data (or SYN/FIN) the same side already sent. */
  readonly retransmission: boolean;
}

/** One state an endpoint passed through. */
export interface StateChange {
  readonly side: Side;
  readonly state: StateId;
  /** Proven by a segment the endpoint sent; otherwise inferred. */
  readonly proven: boolean;
  /** Index (in the connection's segments) of the segment that caused it; -1 before any. */
  readonly segment: number;
  /** Sent: the endpoint's own segment; received: a segment it processed; implied: before its first segment. */
  readonly cause: 'sent' | 'received' | 'implied';
}

export interface Connection {
  readonly client: string;
  readonly server: string;
  readonly clientAddress: string;
  readonly clientPort: number;
  readonly serverAddress: string;
  readonly serverPort: number;
  readonly segments: number;
  readonly partial: boolean;
  readonly states: { readonly client: readonly StateId[]; readonly server: readonly StateId[] };
  readonly final: { readonly client: StateId; readonly server: StateId };
  readonly findings: readonly Finding[];
  readonly start: number;
  readonly end: number;
  readonly ending: Ending;
  /** State changes of both sides in the order the model made them. */
  readonly changes: readonly StateChange[];
  /** The segments, in capture order (at most `maxStoredSegments`). */
  readonly stored: readonly ConnSegment[];
  readonly iss: { readonly client: number | null; readonly server: number | null };
  /** Options each side put on its SYN (MSS, window scale, SACK permitted, timestamps). */
  readonly synOptions: { readonly client: TcpOptions | null; readonly server: TcpOptions | null };
  readonly bytes: { readonly client: number; readonly server: number };
}

// Sequence arithmetic modulo 2^32.
const seqDiff = (a: number, b: number): number => ((b - a) | 0);
const seqLt = (a: number, b: number): boolean => seqDiff(a, b) > 0;
const seqLe = (a: number, b: number): boolean => seqDiff(a, b) >= 0;
const seqAdd = (a: number, n: number): number => (a + n) >>> 0;

interface Seg {
  readonly index: number;
  readonly flags: number;
  readonly seq: number;
  readonly ack: number;
  readonly len: number;
  /** SEG.LEN: data plus one for SYN and one for FIN. */
  readonly segLen: number;
  readonly end: number;
}

const MAX_PENDING = 256;

class Ep {
  state: StateId | null = null;
  /** Index into conn.changes of this side's latest change. */
  last = -1;
  iss: number | null = null;
  sndMax: number | null = null;
  finSeq: number | null = null;
  finFirst = false;
  finReceived = false;
  passive = false;
  established = false;
  pureSyn = false;
  synArrival: number | null = null;
  pending: Seg[] = [];
  pendingHead = 0;
  flushedEnd: number | null = null;
  synOptions: TcpOptions | null = null;
  bytes = 0;
  /** Index of the last segment this endpoint sent. */
  lastSent = -1;
  constructor(
    readonly address: string,
    readonly port: number,
  ) {}
}

class Conn {
  readonly eps: [Ep, Ep];
  count = 0;
  readonly stored: ConnSegment[] = [];
  readonly changes: { side: 0 | 1; state: StateId; proven: boolean; segment: number; cause: StateChange['cause'] }[] = [];
  readonly found = new Set<Finding>();
  anySyn = false;
  firstPureSyn: 0 | 1 | null = null;
  firstSynAckTo: 0 | 1 | null = null;
  refused = false;
  rst = false;
  start = 0;
  end = 0;

  constructor(
    a: Ep,
    b: Ep,
    private readonly maxStored: number,
  ) {
    this.eps = [a, b];
  }

  private side(ep: Ep): 0 | 1 {
    return ep === this.eps[0] ? 0 : 1;
  }

  private move(ep: Ep, state: StateId, segment: number, proven: boolean, cause: StateChange['cause']): void {
    if (ep.state === state) {
      if (proven) this.prove(ep);
      return;
    }
    ep.state = state;
    if (state === 'ESTABLISHED') ep.established = true;
    ep.last = this.changes.length;
    this.changes.push({ side: this.side(ep), state, proven, segment, cause });
  }

  private prove(ep: Ep): void {
    if (ep.last >= 0) this.changes[ep.last].proven = true;
  }

  add(s: CapturedSegment, x: 0 | 1, t: number): void {
    const X = this.eps[x];
    const Y = this.eps[x === 0 ? 1 : 0];
    const index = this.count++;
    if (index === 0) this.start = t;
    this.end = t;
    const flags = s.flags;
    const syn = (flags & TCP_SYN) !== 0;
    const fin = (flags & TCP_FIN) !== 0;
    const rst = (flags & TCP_RST) !== 0;
    const segLen = s.len + (syn ? 1 : 0) + (fin ? 1 : 0);
    const seg: Seg = { index, flags, seq: s.seq, ack: s.ack, len: s.len, segLen, end: seqAdd(s.seq, segLen) };

    if (rst) {
      this.found.add('reset');
      this.rst = true;
    } else if (s.window === 0) this.found.add('zero-window');
    if (syn) this.anySyn = true;
    if (syn && !(flags & TCP_ACK)) {
      X.pureSyn = true;
      if (this.firstPureSyn === null) this.firstPureSyn = x;
      X.synOptions = s.options;
    } else if (syn && this.firstSynAckTo === null) {
      this.firstSynAckTo = x === 0 ? 1 : 0;
      X.synOptions = s.options;
    }
    if (X.pureSyn && Y.pureSyn) this.found.add('simultaneous-open');
    let retransmission = false;
    if (segLen > 0) {
      if (X.sndMax !== null && seqLt(s.seq, X.sndMax)) {
        retransmission = true;
        this.found.add('retransmission');
      }
      if (X.sndMax === null || seqLt(X.sndMax, seg.end)) X.sndMax = seg.end;
    }
    X.bytes += s.len;
    if (this.stored.length < this.maxStored) {
      this.stored.push({ packet: s.packet, t, from: x === 0 ? 'client' : 'server', flags, seq: s.seq, ack: s.ack, len: s.len, window: s.window, options: s.options, retransmission });
    }
    this.send(X, seg);
    this.arrive(Y, seg);
  }

  // -------------------------------------------------------------------------------------
  // The sender

  private send(X: Ep, s: Seg): void {
    const syn = (s.flags & TCP_SYN) !== 0;
    const ack = (s.flags & TCP_ACK) !== 0;
    const fin = (s.flags & TCP_FIN) !== 0;
    if (ack) this.flushCovered(X, s.ack, syn);
    X.lastSent = s.index;
    if (s.len > 0 && X.finReceived) this.found.add('half-close');
    if (syn && !ack) {
      if (X.state === null || X.state === 'CLOSED' || X.state === 'LISTEN') {
        X.iss = s.seq;
        this.move(X, 'SYN-SENT', s.index, true, 'sent');
      } else if (X.state === 'SYN-SENT') this.prove(X);
      return;
    }
    if (syn) {
      if (X.iss === null) X.iss = s.seq;
      if (X.state === null) {
        X.passive = true;
        const at = X.synArrival ?? s.index;
        this.move(X, 'LISTEN', -1, false, 'implied');
        this.move(X, 'SYN-RECEIVED', at, true, 'sent');
      } else if (X.state === 'LISTEN' || X.state === 'SYN-SENT') {
        this.move(X, 'SYN-RECEIVED', s.index, true, 'sent');
      } else if (X.state === 'SYN-RECEIVED') this.prove(X);
      return;
    }
    if (s.flags & TCP_RST) {
      if (X.state !== null && X.state !== 'CLOSED') this.move(X, 'CLOSED', s.index, true, 'sent');
      return;
    }
    if (X.state === null) {
      // A partial connection: this endpoint's first segment implies its state.
      if (fin) this.move(X, X.finReceived ? 'LAST-ACK' : 'FIN-WAIT-1', s.index, true, 'sent');
      else this.move(X, X.finReceived ? 'CLOSE-WAIT' : 'ESTABLISHED', s.index, true, 'sent');
    } else if (fin && X.finSeq === null) {
      if (X.state === 'ESTABLISHED' || X.state === 'SYN-RECEIVED') this.move(X, 'FIN-WAIT-1', s.index, true, 'sent');
      else if (X.state === 'CLOSE-WAIT') this.move(X, 'LAST-ACK', s.index, true, 'sent');
    } else if (fin) {
      if (X.state === 'FIN-WAIT-1' || X.state === 'LAST-ACK') this.prove(X);
    } else if (ack) {
      if (X.state === 'ESTABLISHED' && !X.finReceived && X.finSeq === null) this.prove(X);
      else if (X.state === 'CLOSE-WAIT' && X.finReceived && X.finSeq === null) this.prove(X);
      else if (X.state === 'CLOSING' && X.finReceived) this.prove(X);
    }
    if (fin && X.finSeq === null) {
      X.finSeq = seqAdd(s.seq, s.len);
      X.finFirst = !X.finReceived;
      if (this.eps[0].finFirst && this.eps[1].finFirst) this.found.add('simultaneous-close');
    }
  }

  /**
   * Before X sends a segment carrying ACK `ack`: process, in order, the queued segments it
   * shows X has. A segment with new sequence space counts when the ACK covers it; one with
   * none (a bare ACK, a repeat) that arrived before this send counts too, except when X is
   * sending a SYN, which shows it has not yet processed an ACK of its own SYN.
   */
  private flushCovered(X: Ep, ack: number, sendingSyn: boolean): void {
    const q = X.pending;
    let i = X.pendingHead;
    let fe = X.flushedEnd;
    for (; i < q.length; i++) {
      const e = q[i];
      const isNew = e.segLen > 0 && (fe === null || seqLt(fe, e.end));
      if (isNew) {
        if (!seqLe(e.end, ack)) break;
        fe = e.end;
      } else if (sendingSyn) break;
      this.process(X, e);
    }
    if (i > X.pendingHead) this.dequeue(X, i);
  }

  private dequeue(X: Ep, upTo: number): void {
    X.pendingHead = upTo;
    if (X.pendingHead >= X.pending.length) {
      X.pending = [];
      X.pendingHead = 0;
    } else if (X.pendingHead > 64) {
      X.pending = X.pending.slice(X.pendingHead);
      X.pendingHead = 0;
    }
  }

  // -------------------------------------------------------------------------------------
  // The receiver

  private arrive(Y: Ep, s: Seg): void {
    // Nothing queued ahead and nothing new in it (a bare ACK or RST, or a repeat of what was
    // already processed): processed on arrival.
    const old = s.segLen === 0 || (Y.flushedEnd !== null && seqLe(s.end, Y.flushedEnd));
    if (Y.pendingHead >= Y.pending.length && old) {
      this.process(Y, s);
      return;
    }
    Y.pending.push(s);
    if (Y.pending.length - Y.pendingHead > MAX_PENDING) {
      this.process(Y, Y.pending[Y.pendingHead]);
      this.dequeue(Y, Y.pendingHead + 1);
    }
  }

  /** Flush everything still queued (the capture ended). */
  finish(): void {
    for (const ep of this.eps) {
      for (let i = ep.pendingHead; i < ep.pending.length; i++) this.process(ep, ep.pending[i]);
      ep.pending = [];
      ep.pendingHead = 0;
    }
  }

  /** Y processes segment s (RFC 9293 3.10.7, as far as states go). */
  private process(Y: Ep, s: Seg): void {
    // Processed after its arrival but also after anything the receiver sent since (a segment
    // queued behind the receiver's own FIN, say): the ladder shows the change no earlier.
    const at = Math.max(s.index, Y.lastSent);
    const syn = (s.flags & TCP_SYN) !== 0;
    const ack = (s.flags & TCP_ACK) !== 0;
    const fin = (s.flags & TCP_FIN) !== 0;
    if (s.segLen > 0 && (Y.flushedEnd === null || seqLt(Y.flushedEnd, s.end))) Y.flushedEnd = s.end;
    if (s.flags & TCP_RST) {
      switch (Y.state) {
        case null:
        case 'LISTEN':
        case 'CLOSED':
          return;
        case 'SYN-SENT':
          // RFC 9293 3.10.7.3: only a RST whose ACK acknowledges our SYN counts (refused).
          if (ack && Y.iss !== null && s.ack === seqAdd(Y.iss, 1)) {
            this.refused = true;
            this.move(Y, 'CLOSED', at, false, 'received');
          }
          return;
        case 'SYN-RECEIVED':
          this.move(Y, Y.passive ? 'LISTEN' : 'CLOSED', at, false, 'received');
          return;
        default:
          this.move(Y, 'CLOSED', at, false, 'received');
          return;
      }
    }
    if (syn && !ack) {
      if (Y.state === null) Y.synArrival = s.index;
      else if (Y.state === 'SYN-SENT' || Y.state === 'LISTEN') this.move(Y, 'SYN-RECEIVED', at, false, 'received');
      return;
    }
    if (syn) {
      if ((Y.state === 'SYN-SENT' || Y.state === 'SYN-RECEIVED') && Y.iss !== null && seqLe(seqAdd(Y.iss, 1), s.ack)) this.move(Y, 'ESTABLISHED', at, false, 'received');
      return;
    }
    if (Y.state === null) {
      if (!this.anySyn && ack) this.move(Y, 'ESTABLISHED', at, false, 'implied');
      else {
        if (fin) Y.finReceived = true;
        return;
      }
    }
    if (Y.state === 'SYN-RECEIVED' && ack && Y.iss !== null && seqLe(seqAdd(Y.iss, 1), s.ack)) this.move(Y, 'ESTABLISHED', at, false, 'received');
    if (Y.state === 'SYN-SENT' || Y.state === 'LISTEN' || Y.state === 'SYN-RECEIVED') return;
    const acksOurFin = ack && Y.finSeq !== null && seqLe(seqAdd(Y.finSeq, 1), s.ack);
    if (fin) Y.finReceived = true;
    switch (Y.state) {
      case 'ESTABLISHED':
        if (fin) this.move(Y, 'CLOSE-WAIT', at, false, 'received');
        break;
      case 'FIN-WAIT-1':
        // A FIN that also acknowledges ours goes straight to TIME-WAIT (no FIN-WAIT-2).
        if (fin && acksOurFin) this.move(Y, 'TIME-WAIT', at, false, 'received');
        else if (acksOurFin) this.move(Y, 'FIN-WAIT-2', at, false, 'received');
        else if (fin) this.move(Y, 'CLOSING', at, false, 'received');
        break;
      case 'FIN-WAIT-2':
        if (fin) this.move(Y, 'TIME-WAIT', at, false, 'received');
        break;
      case 'CLOSING':
        if (acksOurFin) this.move(Y, 'TIME-WAIT', at, false, 'received');
        break;
      case 'LAST-ACK':
        if (acksOurFin) this.move(Y, 'CLOSED', at, false, 'received');
        break;
      default:
        break;
    }
  }

  /** Whether a new SYN from side x starts a new connection on this address pair. */
  startsNew(x: 0 | 1, s: CapturedSegment): boolean {
    if ((s.flags & (TCP_SYN | TCP_ACK | TCP_RST)) !== TCP_SYN) return false;
    const X = this.eps[x];
    if (X.state === 'CLOSED' || X.state === 'TIME-WAIT') return true;
    return X.iss !== null && X.iss !== s.seq && X.state !== null && X.state !== 'SYN-SENT';
  }

  result(): Connection {
    const [e0, e1] = this.eps;
    let client: 0 | 1;
    if (this.firstPureSyn !== null) client = this.firstPureSyn;
    else if (this.firstSynAckTo !== null) client = this.firstSynAckTo;
    else client = e1.port > e0.port ? 1 : 0;
    const c = this.eps[client];
    const sv = this.eps[client === 0 ? 1 : 0];
    const sideOf = (i: 0 | 1): Side => (i === client ? 'client' : 'server');
    const changes: StateChange[] = this.changes.map((ch) => ({ side: sideOf(ch.side), state: ch.state, proven: ch.proven, segment: ch.segment, cause: ch.cause }));
    const list = (side: Side) => changes.filter((ch) => ch.side === side).map((ch) => ch.state);
    const found = new Set(this.found);
    const partial = this.firstPureSyn === null;
    if (!this.anySyn) found.add('mid-stream');
    if (this.anySyn && !(c.established && sv.established)) found.add('handshake-incomplete');
    const finalC = c.state ?? 'CLOSED';
    const finalS = sv.state ?? 'CLOSED';
    let ending: Ending;
    if (this.refused) ending = 'refused';
    else if (this.rst) ending = 'reset';
    else if (sv.state === null && this.firstPureSyn !== null) ending = 'no-answer';
    else if ((finalC === 'CLOSED' || finalC === 'TIME-WAIT') && (finalS === 'CLOSED' || finalS === 'TIME-WAIT')) ending = finalC === 'TIME-WAIT' || finalS === 'TIME-WAIT' ? 'time-wait' : 'closed';
    else if (c.finSeq !== null || sv.finSeq !== null) ending = 'half-closed';
    else if (c.established && sv.established) ending = 'open';
    else ending = 'connecting';
    // The stored segments were labelled with side 0 as the client; swap if it is not.
    const stored = client === 0 ? this.stored : this.stored.map((g) => ({ ...g, from: (g.from === 'client' ? 'server' : 'client') as Side }));
    return {
      client: endpointText(c.address, c.port),
      server: endpointText(sv.address, sv.port),
      clientAddress: c.address,
      clientPort: c.port,
      serverAddress: sv.address,
      serverPort: sv.port,
      segments: this.count,
      partial,
      states: { client: list('client'), server: list('server') },
      final: { client: finalC, server: finalS },
      findings: FINDINGS.filter((f) => found.has(f)),
      start: this.start,
      end: this.end,
      ending,
      changes,
      stored,
      iss: { client: c.iss, server: sv.iss },
      synOptions: { client: c.synOptions, server: sv.synOptions },
      bytes: { client: c.bytes, server: sv.bytes },
    };
  }
}

export interface TrackerOptions {
  /** Segments kept per connection for the ladder (the count and the states cover all of them). */
  readonly maxStoredSegments?: number;
}

/** Feed it every captured segment in order; `finish()` gives the connections, in order of first segment. */
export class ConnectionTracker {
  private readonly open = new Map<string, Conn>();
  private readonly all: Conn[] = [];
  private baseSec: number | null = null;
  private baseNsec = 0;
  private readonly maxStored: number;

  constructor(options: TrackerOptions = {}) {
    this.maxStored = options.maxStoredSegments ?? 100_000;
  }

  readonly add = (s: CapturedSegment): void => {
    if (this.baseSec === null) {
      this.baseSec = s.sec;
      this.baseNsec = s.nsec;
    }
    const t = s.sec - this.baseSec + (s.nsec - this.baseNsec) / 1e9;
    const forward = s.src < s.dst || (s.src === s.dst && s.srcPort <= s.dstPort);
    const key = forward ? `${s.src} ${s.srcPort} ${s.dst} ${s.dstPort}` : `${s.dst} ${s.dstPort} ${s.src} ${s.srcPort}`;
    let conn = this.open.get(key);
    let x: 0 | 1 = 0;
    if (conn) {
      x = conn.eps[0].port === s.srcPort && conn.eps[0].address === s.src ? 0 : 1;
      if (conn.startsNew(x, s)) conn = undefined;
    }
    if (!conn) {
      conn = new Conn(new Ep(s.src, s.srcPort), new Ep(s.dst, s.dstPort), this.maxStored);
      x = 0;
      this.open.set(key, conn);
      this.all.push(conn);
    }
    conn.add(s, x, t);
  };

  finish(): Connection[] {
    return this.all.map((c) => {
      c.finish();
      return c.result();
    });
  }
}
