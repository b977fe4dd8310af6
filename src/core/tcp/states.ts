/**
 * The eleven connection states of RFC 9293 (section 3.3.2) and the transitions
 * between them, as data. The simulator checks its own moves against this table,
 * the state diagram is drawn from it, and the lessons refer to its ids.
 *
 * Pure data: no `vscode` import, nothing that depends on a clock.
 */

import type { Flag, Role, StateId, TimerName, TransitionOrigin, UserCall } from './vocabulary';

export { STATE_IDS, isStateId } from './vocabulary';
export type { Flag, Role, StateId, TimerName, TransitionOrigin, UserCall } from './vocabulary';

export interface StateInfo {
  readonly id: StateId;
  /** What `netstat -tan` prints on Linux. */
  readonly netstat: string;
  /** What `ss -tan` prints. */
  readonly ss: string;
  /** The state number in the `st` column of Linux's /proc/net/tcp (hex). */
  readonly procCode: string;
  readonly roles: readonly Role[];
  /** A synchronised state (RFC 9293 3.3.2): a connection exists and both ISNs are known. */
  readonly synchronized: boolean;
}

export const STATES: readonly StateInfo[] = [
  { id: 'CLOSED', netstat: 'CLOSE', ss: 'UNCONN', procCode: '07', roles: ['active-opener', 'passive-opener', 'active-closer', 'passive-closer'], synchronized: false },
  { id: 'LISTEN', netstat: 'LISTEN', ss: 'LISTEN', procCode: '0A', roles: ['passive-opener'], synchronized: false },
  { id: 'SYN-SENT', netstat: 'SYN_SENT', ss: 'SYN-SENT', procCode: '02', roles: ['active-opener'], synchronized: false },
  { id: 'SYN-RECEIVED', netstat: 'SYN_RECV', ss: 'SYN-RECV', procCode: '03', roles: ['passive-opener'], synchronized: false },
  { id: 'ESTABLISHED', netstat: 'ESTABLISHED', ss: 'ESTAB', procCode: '01', roles: ['active-opener', 'passive-opener'], synchronized: true },
  { id: 'FIN-WAIT-1', netstat: 'FIN_WAIT1', ss: 'FIN-WAIT-1', procCode: '04', roles: ['active-closer'], synchronized: true },
  { id: 'FIN-WAIT-2', netstat: 'FIN_WAIT2', ss: 'FIN-WAIT-2', procCode: '05', roles: ['active-closer'], synchronized: true },
  { id: 'CLOSE-WAIT', netstat: 'CLOSE_WAIT', ss: 'CLOSE-WAIT', procCode: '08', roles: ['passive-closer'], synchronized: true },
  { id: 'CLOSING', netstat: 'CLOSING', ss: 'CLOSING', procCode: '0B', roles: ['active-closer'], synchronized: true },
  { id: 'LAST-ACK', netstat: 'LAST_ACK', ss: 'LAST-ACK', procCode: '09', roles: ['passive-closer'], synchronized: true },
  { id: 'TIME-WAIT', netstat: 'TIME_WAIT', ss: 'TIME-WAIT', procCode: '06', roles: ['active-closer'], synchronized: true },
];

export function stateInfo(id: StateId): StateInfo {
  const found = STATES.find((s) => s.id === id);
  if (!found) throw new Error(`unknown state ${id}`);
  return found;
}


/** What makes a transition happen. */
export type TransitionCause =
  | { readonly kind: 'call'; readonly call: UserCall }
  | { readonly kind: 'segment'; readonly flags: readonly Flag[]; readonly acksOurFin?: boolean; readonly acksOurSyn?: boolean }
  | { readonly kind: 'timer'; readonly timer: TimerName; readonly giveUp?: boolean };


export interface TransitionInfo {
  /** Stable id, used by the diagram, the simulator's events and the lessons. */
  readonly id: string;
  readonly from: StateId;
  readonly to: StateId;
  /** The usual causes; the first is the one the diagram's label names. */
  readonly causes: readonly TransitionCause[];
  /** Flags of the segment sent when the transition is taken, or null if none is sent. */
  readonly sends: readonly Flag[] | null;
  readonly origin: TransitionOrigin;
  /**
   * Drawn on the textbook diagram. Aborts and resets that lead from many states to
   * CLOSED are real transitions but are described in words rather than drawn.
   */
  readonly drawn: boolean;
}

const call = (c: UserCall): TransitionCause => ({ kind: 'call', call: c });
const seg = (flags: Flag[], extra: { acksOurFin?: boolean; acksOurSyn?: boolean } = {}): TransitionCause => ({
  kind: 'segment',
  flags,
  ...extra,
});
const timer = (t: TimerName, giveUp = false): TransitionCause => (giveUp ? { kind: 'timer', timer: t, giveUp } : { kind: 'timer', timer: t });

export const TRANSITIONS: readonly TransitionInfo[] = [
  // Opening (RFC 9293 figure 5, top half).
  { id: 'closed-listen', from: 'CLOSED', to: 'LISTEN', causes: [call('listen')], sends: null, origin: 'standard', drawn: true },
  { id: 'closed-syn-sent', from: 'CLOSED', to: 'SYN-SENT', causes: [call('connect')], sends: ['SYN'], origin: 'standard', drawn: true },
  { id: 'listen-closed', from: 'LISTEN', to: 'CLOSED', causes: [call('close')], sends: null, origin: 'standard', drawn: true },
  { id: 'listen-syn-received', from: 'LISTEN', to: 'SYN-RECEIVED', causes: [seg(['SYN'])], sends: ['SYN', 'ACK'], origin: 'standard', drawn: true },
  { id: 'listen-syn-sent', from: 'LISTEN', to: 'SYN-SENT', causes: [call('send')], sends: ['SYN'], origin: 'standard', drawn: true },
  {
    id: 'syn-sent-closed',
    from: 'SYN-SENT',
    to: 'CLOSED',
    causes: [call('close'), seg(['RST', 'ACK']), timer('retransmit', true)],
    sends: null,
    origin: 'standard',
    drawn: true,
  },
  { id: 'syn-sent-syn-received', from: 'SYN-SENT', to: 'SYN-RECEIVED', causes: [seg(['SYN'])], sends: ['SYN', 'ACK'], origin: 'standard', drawn: true },
  {
    id: 'syn-sent-established',
    from: 'SYN-SENT',
    to: 'ESTABLISHED',
    causes: [seg(['SYN', 'ACK'], { acksOurSyn: true })],
    sends: ['ACK'],
    origin: 'standard',
    drawn: true,
  },
  { id: 'syn-received-listen', from: 'SYN-RECEIVED', to: 'LISTEN', causes: [seg(['RST'])], sends: null, origin: 'standard', drawn: true },
  {
    id: 'syn-received-established',
    from: 'SYN-RECEIVED',
    to: 'ESTABLISHED',
    causes: [seg(['ACK'], { acksOurSyn: true })],
    sends: null,
    origin: 'standard',
    drawn: true,
  },
  { id: 'syn-received-fin-wait-1', from: 'SYN-RECEIVED', to: 'FIN-WAIT-1', causes: [call('close')], sends: ['FIN', 'ACK'], origin: 'standard', drawn: true },
  // Closing (bottom half): active close on the left, passive close on the right.
  { id: 'established-fin-wait-1', from: 'ESTABLISHED', to: 'FIN-WAIT-1', causes: [call('close')], sends: ['FIN', 'ACK'], origin: 'standard', drawn: true },
  { id: 'established-close-wait', from: 'ESTABLISHED', to: 'CLOSE-WAIT', causes: [seg(['FIN', 'ACK'])], sends: ['ACK'], origin: 'standard', drawn: true },
  {
    id: 'fin-wait-1-fin-wait-2',
    from: 'FIN-WAIT-1',
    to: 'FIN-WAIT-2',
    causes: [seg(['ACK'], { acksOurFin: true })],
    sends: null,
    origin: 'standard',
    drawn: true,
  },
  { id: 'fin-wait-1-closing', from: 'FIN-WAIT-1', to: 'CLOSING', causes: [seg(['FIN', 'ACK'])], sends: ['ACK'], origin: 'standard', drawn: true },
  {
    id: 'fin-wait-1-time-wait',
    from: 'FIN-WAIT-1',
    to: 'TIME-WAIT',
    causes: [seg(['FIN', 'ACK'], { acksOurFin: true })],
    sends: ['ACK'],
    origin: 'standard',
    drawn: true,
  },
  { id: 'fin-wait-2-time-wait', from: 'FIN-WAIT-2', to: 'TIME-WAIT', causes: [seg(['FIN', 'ACK'])], sends: ['ACK'], origin: 'standard', drawn: true },
  {
    id: 'closing-time-wait',
    from: 'CLOSING',
    to: 'TIME-WAIT',
    causes: [seg(['ACK'], { acksOurFin: true })],
    sends: null,
    origin: 'standard',
    drawn: true,
  },
  { id: 'time-wait-closed', from: 'TIME-WAIT', to: 'CLOSED', causes: [timer('time-wait')], sends: null, origin: 'standard', drawn: true },
  { id: 'close-wait-last-ack', from: 'CLOSE-WAIT', to: 'LAST-ACK', causes: [call('close')], sends: ['FIN', 'ACK'], origin: 'standard', drawn: true },
  {
    id: 'last-ack-closed',
    from: 'LAST-ACK',
    to: 'CLOSED',
    causes: [seg(['ACK'], { acksOurFin: true })],
    sends: null,
    origin: 'standard',
    drawn: true,
  },
  // Real transitions that the textbook figure describes in words instead of drawing.
  {
    id: 'synchronized-closed-reset',
    from: 'ESTABLISHED',
    to: 'CLOSED',
    causes: [seg(['RST']), call('abort'), timer('retransmit', true)],
    sends: null,
    origin: 'standard',
    drawn: false,
  },
  {
    id: 'syn-received-closed',
    from: 'SYN-RECEIVED',
    to: 'CLOSED',
    causes: [seg(['RST']), call('abort'), timer('retransmit', true)],
    sends: null,
    origin: 'standard',
    drawn: false,
  },
  { id: 'fin-wait-2-closed', from: 'FIN-WAIT-2', to: 'CLOSED', causes: [timer('fin-wait-2')], sends: null, origin: 'implementation', drawn: false },
  // "What if" variants.
  { id: 'two-way-listen-established', from: 'LISTEN', to: 'ESTABLISHED', causes: [seg(['SYN'])], sends: ['SYN', 'ACK'], origin: 'two-way-handshake', drawn: false },
  {
    id: 'no-time-wait-fin-wait-1-closed',
    from: 'FIN-WAIT-1',
    to: 'CLOSED',
    causes: [seg(['FIN', 'ACK'], { acksOurFin: true })],
    sends: ['ACK'],
    origin: 'no-time-wait',
    drawn: false,
  },
  { id: 'no-time-wait-fin-wait-2-closed', from: 'FIN-WAIT-2', to: 'CLOSED', causes: [seg(['FIN', 'ACK'])], sends: ['ACK'], origin: 'no-time-wait', drawn: false },
  {
    id: 'no-time-wait-closing-closed',
    from: 'CLOSING',
    to: 'CLOSED',
    causes: [seg(['ACK'], { acksOurFin: true })],
    sends: null,
    origin: 'no-time-wait',
    drawn: false,
  },
];

export function transitionById(id: string): TransitionInfo | undefined {
  return TRANSITIONS.find((t) => t.id === id);
}

/**
 * The transition the diagram should light up for a move from `from` to `to`, or undefined
 * when no drawn edge joins them (an abort or reset to CLOSED, for example). Standard edges
 * win over variant ones when both join the same pair.
 */
export function findTransition(from: StateId, to: StateId, origins: readonly TransitionOrigin[] = ['standard']): TransitionInfo | undefined {
  const candidates = TRANSITIONS.filter((t) => t.from === from && t.to === to && origins.includes(t.origin));
  return candidates.find((t) => t.drawn) ?? candidates[0];
}
