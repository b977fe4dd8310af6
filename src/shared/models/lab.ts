/**
 * The Lab tab as the webview draws it: a story's steps with the simulator's states and the
 * kernel's, all text already in the learner's language. The host runs both.
 */
import type { StateId } from '../vocabulary';
import type { LabUiStrings } from '../../i18n/lab';

export interface LabHostStates {
  readonly A: StateId;
  readonly B: StateId;
}

export interface LabStepView {
  /** The call, in the learner's language. */
  readonly action: string;
  readonly explain: string;
  /** The simulator's prediction; null when it has none for this story. */
  readonly sim: LabHostStates | null;
  /** The kernel's states; null until the step has run. */
  readonly kernel: LabHostStates | null;
  /** null until the step has run. */
  readonly agree: boolean | null;
  /** What the applications were told (errors), as sentences, for the simulator and the kernel. */
  readonly simNotes: readonly string[];
  readonly kernelNotes: readonly string[];
  /** Why the two differ, in the learner's language; null when they agree or the step has not run. */
  readonly why: string | null;
}

export type LabRunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface LabStoryView {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  readonly steps: readonly LabStepView[];
  readonly status: LabRunStatus;
  /** The status line, in the learner's language. */
  readonly statusText: string;
  /** Why the simulator has no prediction for this story, once for all steps; null when it has one. */
  readonly simNote: string | null;
  /** Kernel and simulator of the last run, as a sentence; null before any run. */
  readonly platform: string | null;
}

export interface LabModel {
  /** False where no local Linux kernel is reachable (the tab is hidden then). */
  readonly available: boolean;
  readonly unavailableReason: string | null;
  readonly strings: LabUiStrings;
  readonly stories: readonly { readonly name: string; readonly title: string }[];
  /** The story shown. */
  readonly story: LabStoryView;
  /** Lesson steps (lesson id and step index) that have a lab twin, for "Run it on this machine". */
  readonly twins: readonly { readonly lesson: string; readonly step: number; readonly story: string }[];
}
