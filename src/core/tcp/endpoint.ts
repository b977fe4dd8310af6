/**
 * One TCP endpoint: the RFC 9293 connection state machine with its transmission control
 * block (TCB), user calls (3.10.1-3.10.5), segment arrival (3.10.7) and timeouts (3.10.8).
 *
 * Sequence numbers are modulo 2^32. Times are integer milliseconds on the world's virtual
 * clock. The endpoint never allocates on its hot path except the segments it sends (and
 * explanation objects when the world records a trace).
 *
 * Modelling choices (see docs/scenario-format.md, "What the model simplifies"):
 * - the application reads received data at once, so the window never shrinks and close()
 *   never finds unread data (RFC 9293 SHLD-3's RST-on-close is therefore not exercised);
 * - data or FIN carried on a SYN is not kept (the SYN,ACK acknowledges only the SYN, so the
 *   sender sends the data again after the handshake); TCP Fast Open is not modelled;
 * - out-of-order data within the window is held and used when the gap is filled (SHLD-31);
 * - on a retransmission timeout only the oldest unacknowledged segment is sent again.
 */
import type { StateId, TimerName, UserCall } from './states';
import type { AckCheck, CallError, CallErrorCode, ConnectionError, EndpointId, RuleCode, Segment, SeqCheck, SeqCheckReason } from './types';
import type { Profile } from './profiles';
import type { Variant } from './variants';
import { ACK, FIN, PSH, RST, SYN, maskOf, seqAdd, seqDiff, seqLe, seqLt } from './seq';

/** What an endpoint needs from the world around it. */
export interface Wire {
  readonly now: number;
  readonly record: boolean;
  readonly delayedAck: boolean;
  /** Put a segment in flight from this endpoint; returns it. */
  emit(from: EndpointId, mask: number, seq: number, ack: number | null, len: number): Segment;
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
  readonly finWait2Timeout: number;
  readonly delayedAck: number;
  readonly invalidAckInterval: number;
  readonly rcvWnd: number;
  readonly mss: number;
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
    finWait2Timeout: p.finWait2Timeout === null ? -1 : ms(p.finWait2Timeout),
    delayedAck: ms(p.delayedAckTimeout),
    invalidAckInterval: ms(p.invalidAckInterval),
    rcvWnd: p.rcvWnd,
    mss: p.mss,
  };
}

const SYNCHRONIZED_SIGNALS_RESET: ReadonlySet<StateId> = new Set<StateId>(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK']);

const CALL_MESSAGES: Readonly<Record<CallErrorCode, string>> = {
  'connection-exists': 'a connection already exists on this endpoint (RFC 9293: "error: connection already exists"); it must be CLOSED first',
  'connection-does-not-exist': 'there is no connection (the endpoint is CLOSED; RFC 9293: "error: connection does not exist")',
  'not-connected': 'a listening endpoint has no peer yet, so it cannot send (RFC 9293: "error: remote socket unspecified"); wait for a SYN to arrive',
  'connection-closing': 'this side has already closed its direction of the connection (RFC 9293: "error: connection closing")',
};

export function callError(code: CallErrorCode, call: UserCall, state: StateId): CallError {
  return { code, message: `${call} in ${state}: ${CALL_MESSAGES[code]}` };
}

export class Endpoint {
  state: StateId = 'CLOSED';
  /** SYN-RECEIVED (or the connection) came from LISTEN. */
  passive = false;
  /** The application has called close (or abort). */
  appClosed = false;
  /** close() was called in SYN-RECEIVED with data still queued: FIN after ESTABLISHED. */
  closePending = false;
  /** Our FIN has been sent (it is the last sequence number we use). */
  finSent = false;
  error: ConnectionError | null = null;
  iss: number | null = null;
  sndUna: number | null = null;
  sndNxt: number | null = null;
  irs: number | null = null;
  rcvNxt: number | null = null;
  rcvWnd: number;
  /** Octets the application asked to send before the connection was ESTABLISHED. */
  pendingSend = 0;
  /** Octets delivered to the application. */
  delivered = 0;
  /** Octets of data this endpoint has sent (first transmissions). */
  sentBytes = 0;
  /** An ACK is owed and waiting for the delayed-ACK timer or our next segment. */
  ackPending = false;
  retries = 0;
  backoff = 0;
  /** Base RTO in ms (before back-off). */
  rto: number;
  /** Smoothed RTT and its variation in ms (-1: no sample yet). */
  srtt = -1;
  rttvar = -1;
  /** When the last rate-limited reply to an unacceptable segment was sent (ms, -1: never). */
  lastInvalidAck = -1;
  rexmitQueue: RexmitEntry[] = [];
  held: HeldEntry[] = [];
  readonly timers: TimerSet = { retransmit: -1, timeWait: -1, finWait2: -1, delayedAck: -1 };

  // Per-event scratch, read by the world to build the trace event.
  hops: StateId[] = [];
  evRule: RuleCode | undefined = undefined;
  evCheck: SeqCheck | undefined = undefined;
  evAckCheck: AckCheck | undefined = undefined;
  evSignal: ConnectionError | undefined = undefined;
  evGiveUp = false;
  /** Set while processing a segment: an ACK of data or FIN is owed. */
  private ackNeeded = false;

  constructor(
    readonly id: EndpointId,
    private readonly isn: number,
    private readonly p: ProfileMs,
    private readonly variant: Variant,
    private readonly wire: Wire,
  ) {
    this.rcvWnd = p.rcvWnd;
    this.rto = p.initialRto;
  }

  beginEvent(): void {
    this.hops.length = 0;
    this.evRule = undefined;
    this.evCheck = undefined;
    this.evAckCheck = undefined;
    this.evSignal = undefined;
    this.evGiveUp = false;
  }

  // ---------------------------------------------------------------------------------
  // Queries

  /** Null when the call is legal now, else why not. */
  callRefusal(call: UserCall): CallErrorCode | null {
    const s = this.state;
    switch (call) {
      case 'listen':
        return s === 'CLOSED' ? null : 'connection-exists';
      case 'connect':
        return s === 'CLOSED' || s === 'LISTEN' ? null : 'connection-exists';
      case 'send':
        if (s === 'CLOSED') return 'connection-does-not-exist';
        if (s === 'LISTEN') return 'not-connected';
        if (s === 'SYN-SENT' || s === 'SYN-RECEIVED') return this.closePending ? 'connection-closing' : null;
        if (s === 'ESTABLISHED' || s === 'CLOSE-WAIT') return null;
        return 'connection-closing';
      case 'close':
        if (s === 'CLOSED') return 'connection-does-not-exist';
        if (s === 'LISTEN' || s === 'SYN-SENT' || s === 'ESTABLISHED' || s === 'CLOSE-WAIT') return null;
        if (s === 'SYN-RECEIVED') return this.closePending ? 'connection-closing' : null;
        return 'connection-closing';
      case 'abort':
        return s === 'CLOSED' ? 'connection-does-not-exist' : null;
    }
  }

  // ---------------------------------------------------------------------------------
  // User calls (RFC 9293 3.10.1-3.10.5). The caller has checked callRefusal().

  listen(): void {
    this.resetTcb();
    this.newConnectionCounters();
    this.error = null;
    this.appClosed = false;
    this.enter('LISTEN');
  }

  connect(): void {
    // CLOSED, or LISTEN turned active (3.10.1 LISTEN STATE).
    this.resetTcb();
    this.newConnectionCounters();
    this.error = null;
    this.appClosed = false;
    this.passive = false;
    const iss = this.isn >>> 0;
    this.iss = iss;
    this.sndUna = iss;
    this.sndNxt = seqAdd(iss, 1);
    this.enter('SYN-SENT');
    this.wire.emit(this.id, SYN, iss, null, 0);
    this.pushRexmit(iss, 0, true, false);
  }

  send(bytes: number): void {
    if (this.state === 'SYN-SENT' || this.state === 'SYN-RECEIVED') {
      this.pendingSend += bytes;
      return;
    }
    this.sendData(bytes);
  }

  close(): void {
    switch (this.state) {
      case 'LISTEN':
      case 'SYN-SENT':
        this.appClosed = true;
        this.enterClosed();
        return;
      case 'SYN-RECEIVED':
        this.appClosed = true;
        if (this.pendingSend > 0) {
          this.closePending = true;
          return;
        }
        this.sendFin();
        this.enter('FIN-WAIT-1');
        return;
      case 'ESTABLISHED':
        this.appClosed = true;
        this.sendFin();
        this.enter('FIN-WAIT-1');
        return;
      case 'CLOSE-WAIT':
        this.appClosed = true;
        this.sendFin();
        this.enter('LAST-ACK');
        return;
      default:
        return;
    }
  }

  abort(): void {
    const s = this.state;
    if (s === 'SYN-RECEIVED' || s === 'ESTABLISHED' || s === 'FIN-WAIT-1' || s === 'FIN-WAIT-2' || s === 'CLOSE-WAIT') {
      this.wire.emit(this.id, RST, this.sndNxt as number, null, 0);
    }
    this.appClosed = true;
    this.enterClosed();
  }

  // ---------------------------------------------------------------------------------
  // Segment arrival (RFC 9293 3.10.7)

  receive(seg: Segment): void {
    const mask = maskOf(seg.flags);
    switch (this.state) {
      case 'CLOSED':
        this.arriveClosed(seg, mask);
        return;
      case 'LISTEN':
        this.arriveListen(seg, mask);
        return;
      case 'SYN-SENT':
        this.arriveSynSent(seg, mask);
        return;
      default:
        this.arriveSynchronized(seg, mask);
    }
  }

  private arriveClosed(seg: Segment, mask: number): void {
    if (mask & RST) {
      this.evRule = 'closed-rst-ignored';
      return;
    }
    this.evRule = 'closed-rst-reply';
    if (mask & ACK) {
      this.wire.emit(this.id, RST, seg.ack as number, null, 0);
    } else {
      this.wire.emit(this.id, RST | ACK, 0, seqAdd(seg.seq, segLen(seg, mask)), 0);
    }
  }

  private arriveListen(seg: Segment, mask: number): void {
    if (mask & RST) {
      this.evRule = 'listen-rst-ignored';
      return;
    }
    if (mask & ACK) {
      this.evRule = 'listen-ack-rst';
      this.wire.emit(this.id, RST, seg.ack as number, null, 0);
      return;
    }
    if (!(mask & SYN)) {
      this.evRule = 'listen-drop';
      return;
    }
    this.evRule = 'listen-syn';
    this.passive = true;
    this.irs = seg.seq;
    this.rcvNxt = seqAdd(seg.seq, 1);
    const iss = this.isn >>> 0;
    this.iss = iss;
    this.sndUna = iss;
    this.sndNxt = seqAdd(iss, 1);
    this.rto = this.p.initialRto;
    this.enter(this.variant.twoWayHandshake ? 'ESTABLISHED' : 'SYN-RECEIVED');
    this.wire.emit(this.id, SYN | ACK, iss, this.rcvNxt, 0);
    this.pushRexmit(iss, 0, true, false);
  }

  private arriveSynSent(seg: Segment, mask: number): void {
    const iss = this.iss as number;
    let ackOk = false;
    if (mask & ACK) {
      const ack = seg.ack as number;
      ackOk = seqLt(iss, ack) && seqLe(ack, this.sndNxt as number);
      if (this.wire.record) this.evAckCheck = { ack, sndUna: this.sndUna as number, sndNxt: this.sndNxt as number, acceptable: ackOk };
      if (!ackOk) {
        if (mask & RST) {
          this.evRule = 'syn-sent-bad-ack-rst-dropped';
          return;
        }
        this.evRule = 'syn-sent-bad-ack';
        this.wire.emit(this.id, RST, ack, null, 0);
        return;
      }
    }
    if (mask & RST) {
      if (ackOk) {
        this.evRule = 'syn-sent-rst-refused';
        this.signal('refused');
        this.enterClosed();
      } else {
        this.evRule = 'syn-sent-rst-ignored';
      }
      return;
    }
    if (!(mask & SYN)) {
      this.evRule = 'syn-sent-drop';
      return;
    }
    this.irs = seg.seq;
    this.rcvNxt = seqAdd(seg.seq, 1);
    if (mask & ACK) this.ackAdvance(seg.ack as number);
    if (seqLt(iss, this.sndUna as number)) {
      // Our SYN is acknowledged: ESTABLISHED (the third segment of the handshake follows).
      this.evRule = 'syn-sent-syn-ack';
      this.enter('ESTABLISHED');
      this.ackNeeded = !this.variant.twoWayHandshake;
      const rest = seg.len > 0 || (mask & FIN) !== 0;
      if (rest) this.processTextAndFin(seqAdd(seg.seq, 1), seg.len, (mask & FIN) !== 0);
      this.afterEstablished();
      this.flushAck(false);
      return;
    }
    // Simultaneous open: a bare SYN crossed ours.
    this.evRule = 'simultaneous-open';
    this.passive = false;
    this.enter('SYN-RECEIVED');
    if (this.rexmitQueue.length > 0) this.rexmitQueue[0].rexmit = true;
    this.wire.emit(this.id, SYN | ACK, iss, this.rcvNxt, 0);
    this.clearAckOwed();
  }

  private arriveSynchronized(seg: Segment, mask: number): void {
    const rcvNxt = this.rcvNxt as number;
    const wnd = this.rcvWnd;
    let seq = seg.seq;
    let syn = (mask & SYN) !== 0;
    let fin = (mask & FIN) !== 0;
    let dataLen = seg.len;
    const fullLen = dataLen + (syn ? 1 : 0) + (fin ? 1 : 0);

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
        reason = d < 0 ? 'old' : 'beyond-window';
      } else {
        const dEnd = d + fullLen - 1;
        const startIn = d >= 0 && d < wnd;
        const endIn = dEnd >= 0 && dEnd < wnd;
        acceptable = startIn || endIn;
        reason = d === 0 ? 'at-rcv-nxt' : startIn ? 'in-window' : endIn ? 'overlaps' : d < 0 ? 'old' : 'beyond-window';
      }
    }
    if (this.wire.record) this.evCheck = { seq: seg.seq, len: fullLen, rcvNxt, rcvWnd: wnd, acceptable, reason };

    if (!acceptable) {
      if (mask & RST) {
        this.evRule = 'unacceptable-rst-dropped';
        return;
      }
      if (this.state === 'TIME-WAIT' && fin && seqAdd(seg.seq, fullLen) === rcvNxt) {
        // A retransmission of the peer's FIN: acknowledge it and restart the 2 MSL wait.
        this.evRule = 'time-wait-fin';
        this.sendAck();
        this.timers.timeWait = this.wire.now + this.p.timeWait;
        return;
      }
      this.evRule = 'unacceptable-ack';
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
        this.evRule = 'rst-challenge-ack';
        this.replyInvalid(true);
        return;
      }
      if (this.state === 'SYN-RECEIVED') {
        if (this.passive) {
          this.evRule = 'rst-back-to-listen';
          this.backToListen();
        } else {
          this.evRule = 'rst-reset';
          this.signal('refused');
          this.enterClosed();
        }
        return;
      }
      this.evRule = 'rst-reset';
      if (SYNCHRONIZED_SIGNALS_RESET.has(this.state)) this.signal('reset');
      this.enterClosed();
      return;
    }

    // Fourth, the SYN bit.
    if (syn) {
      if (this.state === 'SYN-RECEIVED' && this.passive) {
        this.evRule = 'syn-back-to-listen';
        this.backToListen();
        return;
      }
      this.evRule = 'syn-challenge-ack';
      this.replyInvalid(true);
      return;
    }

    // Fifth, the ACK field.
    if (!(mask & ACK)) {
      this.evRule = 'no-ack-drop';
      return;
    }
    const ack = seg.ack as number;
    let establishedNow = false;
    if (this.state === 'SYN-RECEIVED') {
      const ok = seqLt(this.sndUna as number, ack) && seqLe(ack, this.sndNxt as number);
      if (this.wire.record) this.evAckCheck = { ack, sndUna: this.sndUna as number, sndNxt: this.sndNxt as number, acceptable: ok };
      if (!ok) {
        this.evRule = 'syn-received-bad-ack';
        this.wire.emit(this.id, RST, ack, null, 0);
        return;
      }
      this.enter('ESTABLISHED');
      establishedNow = true;
    }
    // RFC 5961 section 5: SND.UNA - MAX.SND.WND =< SEG.ACK =< SND.NXT (MAX.SND.WND = the window).
    if (seqLt(this.sndNxt as number, ack) || seqDiff(this.sndUna as number, ack) > this.p.rcvWnd) {
      this.evRule = 'ack-unsent';
      this.replyInvalid(dataLen === 0 && !fin);
      return;
    }
    this.ackAdvance(ack);
    this.evRule = 'processed';
    switch (this.state) {
      case 'FIN-WAIT-1':
        if (this.finAcked()) this.enterFinWait2();
        break;
      case 'CLOSING':
        if (this.finAcked()) this.enterTimeWait();
        return;
      case 'LAST-ACK':
        if (this.finAcked()) this.enterClosed();
        return;
      case 'TIME-WAIT':
        if (!fin) return;
        break;
      default:
        break;
    }

    // Seventh and eighth: the text and the FIN.
    if (dataLen > 0 || fin) this.processTextAndFin(seq, dataLen, fin);
    if (establishedNow) this.afterEstablished();
    this.flushAck(true);
  }

  /**
   * Steps seven and eight for a segment (already trimmed to start at or after RCV.NXT).
   * In-order data is delivered and held data that now follows is used too; data after a gap
   * is held and answered with an immediate duplicate ACK.
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
    if (dataLen > 0) {
      if (textState) {
        this.rcvNxt = seqAdd(rcvNxt, dataLen);
        this.delivered += dataLen;
        this.ackNeeded = true;
      }
    }
    if (fin) {
      this.processFin();
      return;
    }
    if (this.held.length > 0) this.useHeld();
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
        const newData = Math.max(h.len - d, 0);
        if (newData > 0) {
          this.rcvNxt = seqAdd(rcvNxt, newData);
          this.delivered += newData;
          this.ackNeeded = true;
        }
        if (h.fin) {
          this.processFin();
          return;
        }
        break;
      }
    }
  }

  private processFin(): void {
    this.rcvNxt = seqAdd(this.rcvNxt as number, 1);
    this.held.length = 0;
    this.ackNeeded = true;
    switch (this.state) {
      case 'SYN-RECEIVED':
      case 'ESTABLISHED':
        this.enter('CLOSE-WAIT');
        return;
      case 'FIN-WAIT-1':
        this.sendAck();
        if (this.finAcked()) this.enterTimeWait();
        else this.enter('CLOSING');
        return;
      case 'FIN-WAIT-2':
        this.sendAck();
        this.enterTimeWait();
        return;
      case 'TIME-WAIT':
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
    if (this.pendingSend > 0) {
      const n = this.pendingSend;
      this.pendingSend = 0;
      this.sendData(n);
    }
    if (this.closePending && this.state === 'ESTABLISHED') {
      this.closePending = false;
      this.sendFin();
      this.enter('FIN-WAIT-1');
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
  // Timers (RFC 9293 3.10.8)

  /** Fire one timer that is due. */
  fire(name: TimerName): void {
    switch (name) {
      case 'retransmit':
        this.timers.retransmit = -1;
        this.retransmitTimeout();
        return;
      case 'time-wait':
        this.timers.timeWait = -1;
        this.enterClosed();
        return;
      case 'fin-wait-2':
        this.timers.finWait2 = -1;
        this.enterClosed();
        return;
      case 'delayed-ack':
        this.timers.delayedAck = -1;
        if (this.ackPending) this.sendAck();
        return;
    }
  }

  private retransmitTimeout(): void {
    if (this.rexmitQueue.length === 0) return;
    const s = this.state;
    const limit = s === 'SYN-SENT' ? this.p.synRetries : s === 'SYN-RECEIVED' ? (this.passive ? this.p.synAckRetries : this.p.synRetries) : this.p.dataRetries;
    if (this.retries >= limit) {
      this.evGiveUp = true;
      if (s === 'SYN-RECEIVED' && this.passive) {
        // A half-open passive connection is dropped; the listener stays (Linux's request socket).
        this.backToListen();
        return;
      }
      this.signal('timeout');
      this.enterClosed();
      return;
    }
    this.retries++;
    this.backoff++;
    const e = this.rexmitQueue[0];
    e.rexmit = true;
    if (e.syn) {
      if (s === 'SYN-SENT') this.wire.emit(this.id, SYN, e.seq, null, 0);
      else this.emitAcking(SYN | ACK, e.seq, 0);
    } else {
      this.emitAcking(ACK | (e.len > 0 ? PSH : 0) | (e.fin ? FIN : 0), e.seq, e.len);
    }
    this.armRetransmit();
  }

  // ---------------------------------------------------------------------------------
  // Helpers

  private enter(s: StateId): void {
    this.state = s;
    this.hops.push(s);
  }

  private signal(e: ConnectionError): void {
    this.error = e;
    this.evSignal = e;
  }

  private resetTcb(): void {
    this.passive = false;
    this.closePending = false;
    this.finSent = false;
    this.iss = null;
    this.sndUna = null;
    this.sndNxt = null;
    this.irs = null;
    this.rcvNxt = null;
    this.pendingSend = 0;
    this.ackPending = false;
    this.ackNeeded = false;
    this.retries = 0;
    this.backoff = 0;
    this.rto = this.p.initialRto;
    this.srtt = -1;
    this.rttvar = -1;
    this.lastInvalidAck = -1;
    this.rexmitQueue.length = 0;
    this.held.length = 0;
    this.timers.retransmit = -1;
    this.timers.timeWait = -1;
    this.timers.finWait2 = -1;
    this.timers.delayedAck = -1;
  }

  private newConnectionCounters(): void {
    this.delivered = 0;
    this.sentBytes = 0;
  }

  private enterClosed(): void {
    this.resetTcb();
    this.enter('CLOSED');
  }

  private backToListen(): void {
    this.resetTcb();
    this.appClosed = false;
    this.enter('LISTEN');
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

  private sendData(bytes: number): void {
    let left = bytes;
    const mss = this.p.mss;
    while (left > 0) {
      const n = left > mss ? mss : left;
      left -= n;
      const seq = this.sndNxt as number;
      this.emitAcking(ACK | (left === 0 ? PSH : 0), seq, n);
      this.sndNxt = seqAdd(seq, n);
      this.sentBytes += n;
      this.pushRexmit(seq, n, false, false);
    }
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

  /** Emit a segment with the ACK flag and ACK = RCV.NXT: it settles any ACK we owe. */
  private emitAcking(mask: number, seq: number, len: number): void {
    this.wire.emit(this.id, mask, seq, this.rcvNxt, len);
    this.clearAckOwed();
  }

  private clearAckOwed(): void {
    this.ackNeeded = false;
    this.ackPending = false;
    this.timers.delayedAck = -1;
  }

  /**
   * The ACK that answers an unacceptable segment, a challenge ACK (RST or SYN, RFC 5961),
   * or an ACK of unsent data. Replies to segments without data are rate-limited as Linux
   * does (tcp_invalid_ratelimit), which also ends any ACK loop between desynchronised ends.
   */
  private replyInvalid(limited: boolean): void {
    const now = this.wire.now;
    if (limited) {
      if (this.lastInvalidAck >= 0 && now - this.lastInvalidAck < this.p.invalidAckInterval) {
        this.evRule = 'unacceptable-rate-limited';
        return;
      }
      this.lastInvalidAck = now;
    }
    this.sendAck();
  }
}

/** SEG.LEN: data plus one for SYN and one for FIN. */
export function segLen(seg: Segment, mask: number = maskOf(seg.flags)): number {
  return seg.len + (mask & SYN ? 1 : 0) + (mask & FIN ? 1 : 0);
}
