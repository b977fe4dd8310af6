/**
 * The "sim" column: the simulator plays a lab story, and after each lab step the state of
 * each host (the simulator's `final.A` / `final.B`: the host's most recent connection, else
 * its listener, else CLOSED) and the errors its application was told are recorded.
 *
 * Stories are written in the sockets model's scenario format. While the simulator in use
 * does not read that format yet (it has one TCB per side and no receive buffer), a story is
 * translated to the older format when that keeps its meaning (shutdown is the older `close`,
 * close with SO_LINGER 0 is `abort`, ports are dropped); otherwise the column is unavailable
 * and says why. Nothing is guessed: every value shown comes from a simulator run.
 */
import type { StateId } from '../tcp/states';
import type { RunResult } from '../tcp/scenario';
import { parseScenarioValue, runScenario, ScenarioRunError } from '../tcp/scenario';
import type { HostPair, LabError, LabStory } from './types';
import { LAB_ERRORS } from './types';

export interface SimStepResult {
  readonly states: HostPair<StateId>;
  readonly errors: { readonly A: LabError | null; readonly B: LabError | null; readonly call: LabError | null };
}

export type SimColumn =
  | { readonly ok: true; readonly model: 'sockets' | 'legacy'; readonly steps: readonly SimStepResult[] }
  | { readonly ok: false; readonly reason: string };

type RawStep = Readonly<Record<string, unknown>>;

function isLabError(v: unknown): v is LabError {
  return typeof v === 'string' && (LAB_ERRORS as readonly string[]).includes(v);
}

/** The scenario (as a value) for the first `count` lab steps. */
function scenarioValue(story: LabStory, steps: readonly RawStep[]): Record<string, unknown> {
  return { title: story.title, profile: 'linux', ...story.fields, steps };
}

/**
 * A sockets-model step in the older format, or a reason it has none. Only translations that
 * keep the meaning for the simulator's single connection per side are made.
 */
function legacyStep(step: RawStep): RawStep | string {
  const host = 'A' in step ? 'A' : 'B' in step ? 'B' : null;
  if (host === null) return step;
  const call = step[host];
  const extra = Object.keys(step).filter((k) => k !== host);
  const only = (allowed: readonly string[]) => extra.every((k) => allowed.includes(k));
  switch (call) {
    case 'listen':
      return only(['port']) ? { [host]: 'listen' } : `"listen" with ${extra.map((k) => `"${k}"`).join(', ')}`;
    case 'connect':
      return only(['port', 'to']) ? { [host]: 'connect' } : `"connect" with ${extra.map((k) => `"${k}"`).join(', ')}`;
    case 'send':
      return step;
    case 'shutdown':
      // The older model's close is RFC 9293's CLOSE, which is what shutdown(SHUT_WR) does.
      return extra.length === 0 ? { [host]: 'close' } : `"shutdown" with ${extra.join(', ')}`;
    case 'close':
      if (extra.length === 0) return step;
      if (extra.length === 1 && step.linger === 0) return { [host]: 'abort' };
      return `"close" with ${extra.map((k) => `"${k}"`).join(', ')}`;
    default:
      return `the call "${String(call)}"`;
  }
}

function legacyStory(story: LabStory): { steps: RawStep[][] } | string {
  const fields = Object.keys(story.fields);
  if (fields.length > 0) return `the scenario fields ${fields.map((f) => `"${f}"`).join(', ')}`;
  const connects = { A: 0, B: 0 };
  const out: RawStep[][] = [];
  for (const step of story.steps) {
    const translated: RawStep[] = [];
    for (const s of step.sim) {
      const t = legacyStep(s);
      if (typeof t === 'string') return t;
      for (const h of ['A', 'B'] as const) if (t[h] === 'connect' && ++connects[h] > 1) return `a second "connect" by ${h}`;
      translated.push(t);
    }
    out.push(translated);
  }
  return { steps: out };
}

/** Call errors and connection errors of the events from index `from` on. */
function stepErrors(run: RunResult, from: number): SimStepResult['errors'] {
  let call: LabError | null = null;
  for (const ev of run.events.slice(from)) {
    const code = ev.error?.code;
    if (isLabError(code)) call = code;
  }
  const conn = (h: 'A' | 'B'): LabError | null => {
    const e = run.final[h].error;
    return isLabError(e) ? e : null;
  };
  return { A: conn('A'), B: conn('B'), call };
}

/** Runs every prefix of the story and records where each lab step leaves the hosts. */
function play(story: LabStory, steps: readonly (readonly RawStep[])[]): SimColumn {
  const results: SimStepResult[] = [];
  const flat: RawStep[] = [];
  let before = 0;
  for (let i = 0; i < steps.length; i++) {
    for (const step of steps[i]) flat.push(step);
    const parsed = parseScenarioValue(scenarioValue(story, flat));
    if (!parsed.ok) return { ok: false, reason: parsed.errors[0].message };
    let run: RunResult;
    try {
      run = runScenario(parsed.scenario);
    } catch (e) {
      if (e instanceof ScenarioRunError) return { ok: false, reason: `step ${i + 1} (${story.steps[i].action}): ${e.message}` };
      return { ok: false, reason: `step ${i + 1} (${story.steps[i].action}): ${e instanceof Error ? e.message : String(e)}` };
    }
    results.push({ states: { A: run.final.A.state, B: run.final.B.state }, errors: stepErrors(run, before) });
    before = run.events.length;
  }
  return { ok: true, model: simulatorHasSocketsModel() ? 'sockets' : 'legacy', steps: results };
}

/**
 * The sim column of a story: played as written (the sockets model), else in the older
 * format when the story can be said in it, else unavailable with the reason.
 */
export function simColumn(story: LabStory): SimColumn {
  const direct = play(story, story.steps.map((s) => s.sim));
  if (direct.ok) return direct;
  const legacy = legacyStory(story);
  if (typeof legacy === 'string') {
    return { ok: false, reason: `the simulator in use cannot express ${legacy} (it waits for the sockets model); it said: ${direct.reason}` };
  }
  const old = play(story, legacy.steps);
  if (!old.ok) return { ok: false, reason: `the simulator in use rejected the story: ${old.reason}` };
  return old;
}

/** Whether the simulator in use reads the sockets model's scenario format. */
export function simulatorHasSocketsModel(): boolean {
  return parseScenarioValue({ autoRead: false, steps: [{ B: 'listen', port: 80, backlog: 1 }, { A: 'shutdown' }] }).ok;
}
