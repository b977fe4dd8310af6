/**
 * The bridge from the simulator (src/core/tcp) to the lesson engine: a `GoalView` built from the
 * simulator's trace events, and a runner that plays a lesson scenario step by step. Used by
 * content validation (every scenario must run, every "make it happen" solution must reach its
 * goal); the UI can use the same `TraceGoalView` for the learner's sandbox.
 */
import { Simulator, StepError, parseScenarioValue, scenarioOptions, type TraceEvent } from '../tcp';
import type { StateId } from '../tcp/states';
import type { Endpoint, GoalView, ResultRecord, Scenario, ScenarioStep, SegmentRecord } from './types';

/** A GoalView fed with trace events as they happen. */
export class TraceGoalView implements GoalView {
  readonly segments: SegmentRecord[] = [];
  readonly results: ResultRecord[] = [];
  steps = 0;

  constructor(private readonly stateOf: (e: Endpoint) => StateId) {}

  state(endpoint: Endpoint): StateId {
    return this.stateOf(endpoint);
  }

  /** Feeds the events of one step; `countStep` says whether it was one of the learner's steps. */
  add(events: readonly TraceEvent[], countStep = true): void {
    if (countStep) this.steps++;
    for (const e of events) {
      if (e.cause === 'inject' && e.segment) this.segments.push(toRecord(e.segment));
      for (const s of e.sent ?? []) this.segments.push(toRecord(s));
      if (e.signal) this.results.push({ endpoint: e.endpoint, kind: e.signal });
    }
  }
}

function toRecord(s: { from: Endpoint; flags: readonly SegmentRecord['flags'][number][]; seq: number; ack: number | null; len: number }): SegmentRecord {
  return { from: s.from, flags: [...s.flags], seq: s.seq, ack: s.ack, len: s.len };
}

export type SandboxRun =
  | { readonly ok: true; readonly view: GoalView; readonly sim: Simulator; readonly callErrors: readonly string[]; readonly viewAfterSetup: GoalView }
  | { readonly ok: false; readonly error: string };

/** Snapshot of a view at a moment (states are frozen). */
function freeze(v: TraceGoalView, sim: Simulator): GoalView {
  const A = sim.state('A');
  const B = sim.state('B');
  return { state: (e) => (e === 'A' ? A : B), segments: [...v.segments], results: [...v.results], steps: v.steps };
}

/**
 * Plays `scenario` (its steps are the setup, not counted) and then `learnerSteps` (counted).
 * Never throws: a scenario that is malformed or cannot be carried out gives `ok: false`
 * with the simulator's one-line message.
 */
export function runSandbox(scenario: Scenario, learnerSteps: readonly ScenarioStep[] = []): SandboxRun {
  const parsed = parseScenarioValue(scenario);
  if (!parsed.ok) return { ok: false, error: parsed.errors.map((e) => e.message).join('; ') };
  const s = parsed.scenario;
  // Every setting of the scenario, the sockets model's included (autoRead, backlog limits…).
  const sim = new Simulator(scenarioOptions(s));
  const view = new TraceGoalView((e) => sim.state(e));
  const callErrors: string[] = [];
  const play = (step: unknown, where: string, count: boolean): string | null => {
    try {
      const events = sim.apply(step as Parameters<Simulator['apply']>[0]);
      for (const e of events) if (e.error) callErrors.push(`${where}: ${e.error.message}`);
      view.add(events, count);
      return null;
    } catch (e) {
      if (e instanceof StepError) return `${where}: ${e.message}`;
      return `${where}: ${String(e)}`;
    }
  };
  for (let i = 0; i < s.steps.length; i++) {
    const err = play(s.steps[i], `steps[${i}]`, false);
    if (err) return { ok: false, error: err };
  }
  const viewAfterSetup = freeze(view, sim);
  for (let i = 0; i < learnerSteps.length; i++) {
    const parsedStep = parseScenarioValue({ steps: [learnerSteps[i]] });
    if (!parsedStep.ok) return { ok: false, error: `solution[${i}]: ${parsedStep.errors.map((e) => e.message).join('; ')}` };
    const err = play(parsedStep.scenario.steps[0], `solution[${i}]`, true);
    if (err) return { ok: false, error: err };
  }
  return { ok: true, view: freeze(view, sim), sim, callErrors, viewAfterSetup };
}
