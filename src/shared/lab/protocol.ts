/**
 * The kernel lab's part of the host-webview contract: the Lab tab's view model (all text
 * already in the learner's language), the learner's intents, and their validator.
 */
import type { StateId } from '../../core/tcp/states';
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

export interface LabMessage {
  readonly type: 'lab';
  readonly model: LabModel;
  /** Show the Lab tab (a run started from a lesson). */
  readonly reveal: boolean;
}

/** What the learner asks of the lab. `run` plays the story on this machine's kernel. */
export type LabIntent =
  | { readonly type: 'lab/select'; readonly story: string }
  | { readonly type: 'lab/run'; readonly story: string }
  | { readonly type: 'lab/cancel' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStoryName(v: unknown): v is string {
  return typeof v === 'string' && /^[a-z0-9-]{1,80}$/.test(v);
}

/** Checks a lab intent from the webview; a reason when it is not one. Never throws. */
export function parseLabIntent(raw: unknown): LabIntent | string {
  if (!isRecord(raw)) return 'expected an object';
  switch (raw.type) {
    case 'lab/select':
    case 'lab/run':
      if (!isStoryName(raw.story)) return `${raw.type}: story must be a story name`;
      return { type: raw.type, story: raw.story };
    case 'lab/cancel':
      return { type: 'lab/cancel' };
    default:
      return `unknown lab intent ${JSON.stringify(String(raw.type)).slice(0, 60)}`;
  }
}
