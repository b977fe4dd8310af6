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
  return { type: 'step', index: v.index, states: { A: s.A, B: s.B }, errors: { A: e.A, B: e.B, call: e.call }, reached: v.reached };
}

function sameErrors(a: StepErrors, b: StepErrors): boolean {
  return a.A === b.A && a.B === b.B && a.call === b.call;
}

function describe(states: HostPair<StateId>, errors: StepErrors): string {
  const err = (h: 'A' | 'B') => (errors[h] ? ` (${errors[h]})` : '');
  return `A ${states.A}${err('A')}, B ${states.B}${err('B')}${errors.call ? `, the call failed: ${errors.call}` : ''}`;
}

/** Puts the two columns together. `kernel` holds one report per step, in order. */
export function combine(story: LabStory, sim: SimColumn, kernel: readonly KernelStepReport[], platform: string): LabResult {
  const steps: LabStepResult[] = story.steps.map((step, i) => {
    const k = kernel[i];
    const s = sim.ok ? sim.steps[i] : null;
    const simStates = s ? s.states : null;
    const agree = s !== null && s.states.A === k.states.A && s.states.B === k.states.B && sameErrors(s.errors, k.errors);
    let why: string | undefined;
    if (!sim.ok) why = `no simulator prediction: ${sim.reason}`;
    else if (!agree && s) {
      const parts = [`the simulator predicts ${describe(s.states, s.errors)}; the kernel shows ${describe(k.states, k.errors)}`];
      if (!k.reached) parts.push(`the kernel did not reach the expected ${step.expect.A} / ${step.expect.B} in ${((step.waitMs ?? 3000) / 1000).toFixed(0)} s`);
      if (sim.model === 'legacy') {
        parts.push('the simulator in use is the older model (one connection block per side, close() as RFC 9293 CLOSE, no receive buffer), which does not answer late data after close() with RST');
      }
      why = parts.join('; ');
    }
    return { action: step.action, sim: simStates, kernel: k.states, agree, errors: { sim: s ? s.errors : null, kernel: k.errors }, ...(why ? { why } : {}) };
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
