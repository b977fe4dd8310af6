/**
 * The lab's result: for every step, the simulator's prediction and the kernel's state side
 * by side, and whether they agree. Also the messages the kernel child sends (JSON lines),
 * with a validator, since they cross a process boundary.
 */
import type { StateId } from '../tcp/states';
import { isStateId } from '../tcp/states';
import type { HostPair, LabError, LabStory } from './types';
import { LAB_ERRORS } from './types';
import type { SimColumn } from './sim';
import type { KnownDifferenceId } from './stories';
import { KNOWN_DIFFERENCES } from './stories';

export interface StepErrors {
  readonly A: LabError | null;
  readonly B: LabError | null;
  /** The error of the step's own call (listen's EADDRINUSE), if any. */
  readonly call: LabError | null;
}

/** What the kernel child reports after one step. */
export interface KernelStepReport {
  readonly index: number;
  readonly states: HostPair<StateId>;
  readonly errors: StepErrors;
  /** Whether the kernel reached the story's expected state within the step's wait. */
  readonly reached: boolean;
  /**
   * Whether each host's application has closed its most recent connection's socket. An
   * orphaned connection has no application left to tell of an error, so its errors are not
   * compared (the simulator still records one, e.g. the RST it sent for late data).
   */
  readonly appClosed: HostPair<boolean>;
}

export type KernelMessage =
  | ({ readonly type: 'step' } & KernelStepReport)
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };

export interface LabStepResult {
  readonly action: string;
  /** The simulator's states, or null when the simulator in use cannot tell this story. */
  readonly sim: HostPair<StateId> | null;
  readonly kernel: HostPair<StateId>;
  readonly agree: boolean;
  readonly errors: { readonly sim: StepErrors | null; readonly kernel: StepErrors };
  /** Why sim and kernel differ (English; the UI explains in the learner's language). */
  readonly why?: string;
}

export interface LabResult {
  readonly name: string;
  readonly platform: string;
  readonly steps: readonly LabStepResult[];
  readonly agree: boolean;
  /** Which simulator told the sim column: the sockets model, the older one-TCB model, or none. */
  readonly simModel: 'sockets' | 'legacy' | null;
  /** Why there is no sim column, when there is none. */
  readonly simUnavailable?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isErr(v: unknown): v is LabError | null {
  return v === null || (typeof v === 'string' && (LAB_ERRORS as readonly string[]).includes(v));
}

/** Checks one line the kernel child wrote; null when it is not a valid message. */
export function parseKernelMessage(line: string): KernelMessage | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isRecord(v)) return null;
  if (v.type === 'done') return { type: 'done' };
  if (v.type === 'error') return typeof v.message === 'string' ? { type: 'error', message: v.message } : null;
  if (v.type !== 'step') return null;
  const s = v.states;
  const e = v.errors;
  if (typeof v.index !== 'number' || !Number.isInteger(v.index) || v.index < 0) return null;
  if (!isRecord(s) || !isStateId(s.A) || !isStateId(s.B)) return null;
  if (!isRecord(e) || !isErr(e.A) || !isErr(e.B) || !isErr(e.call)) return null;
  if (typeof v.reached !== 'boolean') return null;
  const c = v.appClosed;
  if (!isRecord(c) || typeof c.A !== 'boolean' || typeof c.B !== 'boolean') return null;
  return { type: 'step', index: v.index, states: { A: s.A, B: s.B }, errors: { A: e.A, B: e.B, call: e.call }, reached: v.reached, appClosed: { A: c.A, B: c.B } };
}

/** Errors compared where an application can still be told: not on a host whose socket it closed. */
function sameErrors(a: StepErrors, b: StepErrors, appClosed: HostPair<boolean>): boolean {
  return (appClosed.A || a.A === b.A) && (appClosed.B || a.B === b.B) && a.call === b.call;
}

/** Why a step's columns differ, as data (the CLI says it in English, the UI in the learner's language). */
export type DisagreementReason =
  | { readonly kind: 'no-sim'; readonly detail: string }
  | { readonly kind: 'differ'; readonly sim: { readonly states: HostPair<StateId>; readonly errors: StepErrors }; readonly kernel: { readonly states: HostPair<StateId>; readonly errors: StepErrors } }
  | { readonly kind: 'timeout'; readonly want: HostPair<StateId>; readonly seconds: number; readonly seen: HostPair<StateId> }
  | { readonly kind: 'legacy' }
  | { readonly kind: 'known'; readonly id: KnownDifferenceId };

export interface StepJudgement {
  readonly agree: boolean;
  readonly reasons: readonly DisagreementReason[];
}

/** Compares one step's prediction with what the kernel showed. */
export function judgeStep(story: LabStory, index: number, sim: SimColumn, k: KernelStepReport): StepJudgement {
  const step = story.steps[index];
  if (!sim.ok) return { agree: false, reasons: [{ kind: 'no-sim', detail: sim.reason }] };
  const s = sim.steps[index];
  if (s.states.A === k.states.A && s.states.B === k.states.B && sameErrors(s.errors, k.errors, k.appClosed)) return { agree: true, reasons: [] };
  const reasons: DisagreementReason[] = [{ kind: 'differ', sim: { states: s.states, errors: s.errors }, kernel: { states: k.states, errors: k.errors } }];
  if (!k.reached) reasons.push({ kind: 'timeout', want: { A: step.expect.A, B: step.expect.B }, seconds: Math.round((step.waitMs ?? 3000) / 1000), seen: k.states });
  if (sim.model === 'legacy') reasons.push({ kind: 'legacy' });
  const known = KNOWN_DIFFERENCES.find((d) => d.story === story.name && d.step === step.id);
  if (known && sim.model === 'sockets') reasons.push({ kind: 'known', id: known.id });
  return { agree: false, reasons };
}

export function describeStates(states: HostPair<StateId>, errors: StepErrors): string {
  const err = (h: 'A' | 'B') => (errors[h] ? ` (${errors[h]})` : '');
  return `A ${states.A}${err('A')}, B ${states.B}${err('B')}${errors.call ? `, the call failed: ${errors.call}` : ''}`;
}

const KNOWN_IN_ENGLISH: Readonly<Record<KnownDifferenceId, string>> = {
  'window-update-in-closing-or-last-ack':
    "a window update that reaches the simulator in CLOSING or LAST-ACK does not send its queued data and FIN (it waits for its persist timer); Linux's tcp_ack() sends them at once in every state",
};

/** The reasons in English, for the CLI. */
export function reasonsInEnglish(reasons: readonly DisagreementReason[]): string {
  return reasons
    .map((r) => {
      switch (r.kind) {
        case 'no-sim':
          return `no simulator prediction: ${r.detail}`;
        case 'differ':
          return `the simulator predicts ${describeStates(r.sim.states, r.sim.errors)}; the kernel shows ${describeStates(r.kernel.states, r.kernel.errors)}`;
        case 'timeout':
          return `the kernel did not reach the expected ${r.want.A} / ${r.want.B} in ${r.seconds} s`;
        case 'legacy':
          return 'the simulator in use is the older model (one connection block per side, close() as RFC 9293 CLOSE, no receive buffer), which does not answer late data after close() with RST';
        case 'known':
          return KNOWN_IN_ENGLISH[r.id];
      }
    })
    .join('; ');
}

/** Puts the two columns together. `kernel` holds one report per step, in order. */
export function combine(story: LabStory, sim: SimColumn, kernel: readonly KernelStepReport[], platform: string): LabResult {
  const steps: LabStepResult[] = story.steps.map((step, i) => {
    const k = kernel[i];
    const s = sim.ok ? sim.steps[i] : null;
    const j = judgeStep(story, i, sim, k);
    const why = j.agree ? undefined : reasonsInEnglish(j.reasons);
    return { action: step.action, sim: s ? s.states : null, kernel: k.states, agree: j.agree, errors: { sim: s ? s.errors : null, kernel: k.errors }, ...(why ? { why } : {}) };
  });
  return {
    name: story.name,
    platform,
    steps,
    agree: steps.length > 0 && steps.every((s) => s.agree),
    simModel: sim.ok ? sim.model : null,
    ...(sim.ok ? {} : { simUnavailable: sim.reason }),
  };
}
