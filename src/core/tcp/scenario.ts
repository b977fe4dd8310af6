/**
 * Scenario files (`*.tcp.json`): parse, validate with line numbers, and run.
 * The format is documented in docs/scenario-format.md and schemas/scenario.schema.json.
 */
import type { StateId } from './states';
import type { ConnectionError, ProfileId, SimulatorOptions, TraceEvent, VariantId } from './types';
import { DEFAULT_ISN, MAX_RCVBUF } from './types';
import { PROFILE_IDS } from './profiles';
import { VARIANT_IDS } from './variants';
import type { NormalizedStep, Step } from './steps';
import { checkStep, describeValue, isStepProblem } from './steps';
import type { Span } from './jsonLocate';
import { JsonSyntaxError, LocatedJsonParser } from './jsonLocate';
import { MAX_DESCRIPTION_CHARS, MAX_JSON_DEPTH, MAX_SCENARIO_CHARS, MAX_STEPS, MAX_TITLE_CHARS, eventLimitProblem, formatCount } from './limits';
import type { ConnectionView, ListenerView } from './simulator';
import { Simulator, StepError } from './simulator';

export interface Scenario {
  readonly title?: string;
  readonly description?: string;
  readonly profile: ProfileId;
  readonly variant: VariantId;
  /** Per host: every connection's ISN, or connection by connection (the last repeating). */
  readonly isn: { readonly A: number | readonly number[]; readonly B: number | readonly number[] };
  readonly delayedAck: boolean;
  /** The sockets settings the file gives (absent ones take their defaults). */
  readonly sockets?: SocketSettings;
  readonly steps: readonly NormalizedStep[];
}

/** Scenario fields of the sockets layer, as the file gives them. */
export interface SocketSettings {
  readonly autoRead?: boolean | { readonly A?: boolean; readonly B?: boolean };
  readonly autoAccept?: boolean | { readonly A?: boolean; readonly B?: boolean };
  readonly rcvBuf?: number | { readonly A?: number; readonly B?: number };
  readonly somaxconn?: number;
  readonly synBacklog?: number;
  readonly syncookies?: boolean;
  readonly abortOnOverflow?: boolean;
}

/** One problem in a scenario text. `line` is 1-based: the line where the bad step (or field) starts. */
export interface ScenarioError {
  readonly line: number;
  readonly column: number;
  /** e.g. `steps[3]: unknown step kind "delivr"`. */
  readonly message: string;
  /** Index of the step at fault, if any. */
  readonly step?: number;
  /** Where the value at fault is in the text (offsets), when known. */
  readonly span?: Span;
}

export type ParseResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly stepLines: readonly number[] }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

export interface FinalState {
  /** Per host: the state of its most recent connection, else its listener's LISTEN, else CLOSED (and that connection's error). */
  readonly A: { readonly state: StateId; readonly error: ConnectionError | null };
  readonly B: { readonly state: StateId; readonly error: ConnectionError | null };
  /** Every connection each host had, A's then B's, in creation order. */
  readonly connections: readonly ConnectionView[];
  /** Every listening socket, A's then B's, in creation order. */
  readonly listeners: readonly ListenerView[];
}

export interface RunResult {
  readonly final: FinalState;
  readonly events: readonly TraceEvent[];
}

export class ScenarioRunError extends Error {
  constructor(
    message: string,
    readonly step: number,
  ) {
    super(message);
    this.name = 'ScenarioRunError';
  }
}

const TOP_KEYS = ['$schema', 'title', 'description', 'profile', 'variant', 'isn', 'delayedAck', 'autoRead', 'autoAccept', 'rcvBuf', 'somaxconn', 'synBacklog', 'syncookies', 'abortOnOverflow', 'steps'];
const PER_HOST_BOOL = ['autoRead', 'autoAccept'] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validate a value already parsed from JSON. `at(path)` gives positions (line 1 if unknown). */
function validate(value: unknown, at: (path: string) => { line: number; column: number; span?: Span }): ParseResult {
  const errors: ScenarioError[] = [];
  const err = (path: string, message: string, step?: number) => {
    const p = at(path);
    errors.push({ line: p.line, column: p.column, message, ...(step !== undefined ? { step } : {}), ...(p.span ? { span: p.span } : {}) });
  };
  if (!isRecord(value)) {
    err('', `a scenario must be a JSON object with "steps", got ${describeValue(value)}`);
    return { ok: false, errors };
  }
  for (const k of Object.keys(value)) if (!TOP_KEYS.includes(k)) err(k, `unknown property "${k}" (allowed: ${TOP_KEYS.map((x) => `"${x}"`).join(', ')})`);
  if (value.title !== undefined && typeof value.title !== 'string') err('title', `"title" must be a string, got ${describeValue(value.title)}`);
  else if (typeof value.title === 'string' && value.title.length > MAX_TITLE_CHARS) err('title', `"title" has ${formatCount(value.title.length)} characters; the limit is ${formatCount(MAX_TITLE_CHARS)}`);
  if (value.description !== undefined && typeof value.description !== 'string') err('description', `"description" must be a string, got ${describeValue(value.description)}`);
  else if (typeof value.description === 'string' && value.description.length > MAX_DESCRIPTION_CHARS) {
    err('description', `"description" has ${formatCount(value.description.length)} characters; the limit is ${formatCount(MAX_DESCRIPTION_CHARS)}`);
  }
  const profile = value.profile ?? 'linux';
  if (!PROFILE_IDS.includes(profile as ProfileId)) err('profile', `"profile" must be one of ${PROFILE_IDS.map((p) => `"${p}"`).join(', ')}, got ${describeValue(value.profile)}`);
  const variant = value.variant ?? 'standard';
  if (!VARIANT_IDS.includes(variant as VariantId)) err('variant', `"variant" must be one of ${VARIANT_IDS.map((v) => `"${v}"`).join(', ')}, got ${describeValue(value.variant)}`);
  const isn: { A: number | number[]; B: number | number[] } = { A: DEFAULT_ISN.A, B: DEFAULT_ISN.B };
  const isU32 = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
  if (value.isn !== undefined) {
    if (!isRecord(value.isn)) err('isn', `"isn" must be an object like {"A": 100, "B": 300}, got ${describeValue(value.isn)}`);
    else {
      for (const k of Object.keys(value.isn)) if (k !== 'A' && k !== 'B') err(`isn.${k}`, `unknown property "${k}" in "isn" (allowed: "A", "B")`);
      for (const k of ['A', 'B'] as const) {
        const v = value.isn[k];
        if (v === undefined) continue;
        if (Array.isArray(v)) {
          if (v.length === 0 || v.length > 10_000 || !v.every(isU32)) err(`isn.${k}`, `"isn.${k}" must be a whole number from 0 to 4294967295, or a non-empty list of them (one per connection, the last repeating)`);
          else isn[k] = v as number[];
        } else if (!isU32(v)) err(`isn.${k}`, `"isn.${k}" must be a whole number from 0 to 4294967295, or a list of them (one per connection), got ${describeValue(v)}`);
        else isn[k] = v;
      }
    }
  }
  const sockets: Record<string, unknown> = {};
  const perHost = (key: string, ok: (v: unknown) => boolean, what: string) => {
    const v = value[key];
    if (v === undefined) return;
    if (ok(v)) {
      sockets[key] = v;
      return;
    }
    if (!isRecord(v)) {
      err(key, `"${key}" must be ${what}, or one per host like {"A": …, "B": …}, got ${describeValue(v)}`);
      return;
    }
    for (const k of Object.keys(v)) {
      if (k !== 'A' && k !== 'B') err(`${key}.${k}`, `unknown property "${k}" in "${key}" (allowed: "A", "B")`);
      else if (!ok(v[k])) err(`${key}.${k}`, `"${key}.${k}" must be ${what}, got ${describeValue(v[k])}`);
    }
    sockets[key] = v;
  };
  for (const k of PER_HOST_BOOL) perHost(k, (v) => typeof v === 'boolean', 'true or false');
  perHost('rcvBuf', (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_RCVBUF, `a whole number of octets from 0 to ${MAX_RCVBUF}`);
  for (const k of ['somaxconn', 'synBacklog'] as const) {
    const v = value[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1_000_000) err(k, `"${k}" must be a whole number from 0 to 1000000, got ${describeValue(v)}`);
    else sockets[k] = v;
  }
  for (const k of ['syncookies', 'abortOnOverflow'] as const) {
    const v = value[k];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') err(k, `"${k}" must be true or false, got ${describeValue(v)}`);
    else sockets[k] = v;
  }
  if (value.delayedAck !== undefined && typeof value.delayedAck !== 'boolean') err('delayedAck', `"delayedAck" must be true or false, got ${describeValue(value.delayedAck)}`);
  const steps: NormalizedStep[] = [];
  const stepLines: number[] = [];
  if (value.steps === undefined) err('', 'missing "steps": a scenario needs an array of steps');
  else if (!Array.isArray(value.steps)) err('steps', `"steps" must be an array, got ${describeValue(value.steps)}`);
  else {
    // Past the limit, only the steps within it are checked: the count is the problem.
    if (value.steps.length > MAX_STEPS) err('steps', `the scenario has ${formatCount(value.steps.length)} steps; the limit is ${formatCount(MAX_STEPS)} steps (the sandbox keeps no more)`);
    const count = Math.min(value.steps.length, MAX_STEPS);
    for (let i = 0; i < count; i++) {
      stepLines.push(at(`steps.${i}`).line);
      const n = checkStep(value.steps[i]);
      if (isStepProblem(n)) err(`steps.${i}`, `steps[${i}]: ${n.message}`, i);
      else steps.push(n);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    scenario: {
      ...(typeof value.title === 'string' ? { title: value.title } : {}),
      ...(typeof value.description === 'string' ? { description: value.description } : {}),
      profile: profile as ProfileId,
      variant: variant as VariantId,
      isn,
      delayedAck: (value.delayedAck as boolean | undefined) ?? false,
      ...(Object.keys(sockets).length > 0 ? { sockets: sockets as SocketSettings } : {}),
      steps,
    },
    stepLines,
  };
}

/** A parse that can be run in slices (`advance` reads about `work` characters), for callers with a time budget. */
export interface ScenarioParseJob {
  /** True once `result()` is ready. */
  advance(work: number): boolean;
  result(): ParseResult;
}

/** Parse and validate a scenario file's text, a slice at a time. Never throws. */
export function scenarioParseJob(text: string): ScenarioParseJob {
  const failed = (message: string, line = 1, column = 1): ParseResult => ({ ok: false, errors: [{ line, column, message }] });
  let done: ParseResult | null = null;
  if (text.length > MAX_SCENARIO_CHARS) {
    done = failed(`the file has ${formatCount(text.length)} characters; a scenario file holds at most ${formatCount(MAX_SCENARIO_CHARS)}`);
  }
  const parser = done ? null : new LocatedJsonParser(text, MAX_JSON_DEPTH);
  const finish = (): ParseResult => {
    const located = (parser as LocatedJsonParser).result();
    const spans = located.spans;
    const at = (path: string) => {
      // Fall back to the nearest enclosing value that has a position.
      let p = path;
      for (;;) {
        const span = spans.get(p);
        if (span) return { ...located.position(span.start), span };
        if (p === '') return { line: 1, column: 1 };
        const dot = p.lastIndexOf('.');
        p = dot < 0 ? '' : p.slice(0, dot);
      }
    };
    return validate(located.value, at);
  };
  const caught = (e: unknown): ParseResult => {
    if (e instanceof JsonSyntaxError) {
      if (e.tooDeep) return failed(`the JSON nests deeper than ${MAX_JSON_DEPTH} levels, the limit for a scenario file (a scenario needs 5)`, e.line, e.column);
      return failed(`invalid JSON: ${e.message}`, e.line, e.column);
    }
    return failed(`could not read the scenario: ${e instanceof Error ? e.message : String(e)}`);
  };
  return {
    advance(work: number): boolean {
      if (done) return true;
      try {
        if ((parser as LocatedJsonParser).advance(work)) done = finish();
      } catch (e) {
        done = caught(e);
      }
      return done !== null;
    },
    result(): ParseResult {
      while (!this.advance(Number.MAX_SAFE_INTEGER)) {
        // Reads to the end.
      }
      return done as ParseResult;
    },
  };
}

/** Parse and validate a scenario file's text. Never throws. */
export function parseScenario(text: string): ParseResult {
  return scenarioParseJob(text).result();
}

/** Validate a scenario given as a value (e.g. already parsed). Line numbers are 1. */
export function parseScenarioValue(value: unknown): ParseResult {
  return validate(value, () => ({ line: 1, column: 1 }));
}

/**
 * Validate a scenario's text for an editor: every problem with the line where the bad step
 * (or field) starts. Empty when the scenario is valid.
 */
export function validateScenarioText(text: string): ScenarioError[] {
  const r = parseScenario(text);
  return r.ok ? [] : r.errors.map(({ span: _span, ...e }) => e);
}

/** The simulator options a scenario asks for. */
export function scenarioOptions(scenario: Scenario): SimulatorOptions {
  return { profile: scenario.profile, variant: scenario.variant, isn: scenario.isn, delayedAck: scenario.delayedAck, ...(scenario.sockets ?? {}) };
}

/** The `final` block of a run: per-host summary states, every connection and every listener. */
export function finalState(sim: Simulator): FinalState {
  return {
    A: { state: sim.state('A'), error: sim.error('A') },
    B: { state: sim.state('B'), error: sim.error('B') },
    connections: sim.connections(),
    listeners: sim.listeners(),
  };
}

/** Run a scenario from start to end (with `record: false`, no events: a check only). Throws ScenarioRunError naming the step that could not be carried out. */
export function runScenario(scenario: Scenario, options: { readonly record?: boolean } = {}): RunResult {
  const sim = simulatorForScenario(scenario, options.record !== false);
  const events: TraceEvent[] = [];
  scenario.steps.forEach((step, i) => {
    try {
      for (const e of sim.apply(step)) events.push(e);
      const tooLong = eventLimitProblem(sim.eventCount);
      if (tooLong !== null) throw new StepError(tooLong);
    } catch (e) {
      if (e instanceof StepError) throw new ScenarioRunError(`steps[${i}]: ${e.message}`, i);
      throw e;
    }
  });
  return { final: finalState(sim), events };
}

/** A fresh simulator with the scenario's settings (`record: false` keeps no trace). */
export function simulatorForScenario(scenario: Scenario, record = true): Simulator {
  return new Simulator({ ...scenarioOptions(scenario), record });
}

export type { Step };
