/**
 * Types of the learner-facing text. Every string a learner sees in the webview comes from
 * a catalog of this shape, chosen by the host for the learner's language.
 */
import type { Role, StateId } from '../core/tcp/vocabulary';

export { LOCALES, isLocale } from '../core/course/vocabulary';
export type { Locale } from '../core/course/vocabulary';

/** What the tutor says about one state. Each field is one or two plain sentences. */
export interface StateText {
  /** What the state means, in one sentence a learner remembers. */
  readonly meaning: string;
  /** Which side normally passes through it and when. */
  readonly who: string;
  /** How an endpoint gets into this state (call, segment, timer). */
  readonly entered: string;
  /** How it leaves this state, and to where. */
  readonly left: string;
  /** An optional extra remark (a common misconception, a Linux detail). */
  readonly note?: string;
}

/** What the tutor says about one transition. */
export interface TransitionText {
  /** The short label drawn on the arrow, e.g. "rcv SYN / SYN+ACK". */
  readonly label: string;
  /** The event that causes the transition, as a sentence. */
  readonly event: string;
  /** The segment sent, as a sentence ("Nothing is sent." when none). */
  readonly sent: string;
  /** Optional extra remark. */
  readonly note?: string;
}

export interface DiagramText {
  readonly states: Readonly<Record<StateId, StateText>>;
  /** Keyed by transition id (TRANSITIONS in src/core/tcp/states.ts), one entry for every transition. */
  readonly transitions: Readonly<Record<string, TransitionText>>;
  readonly roles: Readonly<Record<Role, string>>;
}
