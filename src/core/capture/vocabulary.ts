/**
 * The words of a capture replay (src/core/capture/scenario.ts) that a reader sees: what
 * could not be reproduced, as records, and the text maker the caller passes in, so that the
 * scenario's description and the log are in the learner's language (src/i18n/capture.ts).
 */

/** Something a replay of a captured connection could not reproduce one for one. */
export type ReplayNote =
  /** The simulator refused a step; the replay stops there. */
  | { readonly kind: 'stopped'; readonly detail: string }
  /** The capture starts after the handshake: the scenario opens the connection first. */
  | { readonly kind: 'partial' }
  /** Only the first `segments` segments fit in a scenario of `max` steps. */
  | { readonly kind: 'truncated'; readonly segments: number; readonly max: number }
  /** Captured segments (ACKs, window updates) the simulator sends differently or not at all. */
  | { readonly kind: 'skipped'; readonly count: number }
  /** The generated file does not validate (a bug). */
  | { readonly kind: 'invalid'; readonly detail: string }
  /** The generated file does not run (a bug). */
  | { readonly kind: 'doesNotRun'; readonly detail: string };

/** What a replay's description says, before its notes. */
export interface ReplayFacts {
  readonly client: string;
  readonly server: string;
  readonly finalClient: string;
  readonly finalServer: string;
}

/** Makes a replay's text in one language. */
export interface ReplayWords {
  /** The scenario's description: the facts, then each note. */
  description(facts: ReplayFacts, notes: readonly ReplayNote[]): string;
  /** One note, as a sentence (for the log). */
  note(note: ReplayNote): string;
}
