/**
 * The sandbox's history: the steps a learner has taken, on one or more branches, and where
 * on the current branch the learner stands. The world at any point is rebuilt by replaying
 * the steps (the simulator is deterministic), so rewinding, branching and restoring a saved
 * session all come down to a list of steps. Pure: no `vscode` import, no clock.
 */
import type { NormalizedStep, ResolvedOptions, Scenario, SimulatorOptions, SimulatorSnapshot, TraceEvent } from '../tcp';
import { DEFAULT_ISN, MAX_STEPS, PROFILE_IDS, Simulator, StepError, VARIANT_IDS, eventLimitProblem, checkStep, isStepProblem, resolveOptions, scenarioOptions, stepToJson } from '../tcp';

export type SandboxSettings = ResolvedOptions;

/** What is saved in workspace state. Versioned so that a later release can migrate it. */
export interface SandboxRecord {
  readonly format: 'tcp-tutor-sandbox';
  readonly version: 1;
  readonly settings: SandboxSettings;
  readonly preset: string | null;
  readonly title: string | null;
  /** Steps in the public scenario-file form ({"A": "connect"}, {"deliver": "B"}, ...). */
  readonly branches: readonly (readonly unknown[])[];
  readonly branch: number;
  readonly position: number;
}

/** Longest history kept, in steps, so that a saved session stays small. */
export { MAX_STEPS } from '../tcp/limits';
/** Steps between checkpoints of the world: going back replays at most this many. */
const CHECKPOINT_EVERY = 100;

/** Most branches kept; the oldest is forgotten first. */
export const MAX_BRANCHES = 20;

export const DEFAULT_SETTINGS: SandboxSettings = { profile: 'linux', variant: 'standard', isn: { ...DEFAULT_ISN }, delayedAck: false };

export class SandboxRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxRecordError';
  }
}

/** One replayed step: the events it produced. */
export interface ReplayedStep {
  readonly step: NormalizedStep;
  readonly events: readonly TraceEvent[];
}

export class SandboxSession {
  private branches: NormalizedStep[][];
  private branchIndex: number;
  private pos: number;
  private sim: Simulator;
  private replayed: ReplayedStep[] = [];
  /**
   * The world every CHECKPOINT_EVERY steps along the current branch (and the story's event
   * count there), so that going back replays at most that many steps, not the whole story.
   */
  private checkpoints = new Map<number, { readonly snapshot: SimulatorSnapshot; readonly events: number }>();

  private constructor(
    private settingsValue: SandboxSettings,
    branches: NormalizedStep[][],
    branch: number,
    position: number,
    private presetId: string | null,
    private titleValue: string | null,
  ) {
    this.branches = branches.length > 0 ? branches : [[]];
    this.branchIndex = Math.min(Math.max(branch, 0), this.branches.length - 1);
    this.pos = Math.min(Math.max(position, 0), this.current.length);
    this.sim = new Simulator(this.settingsValue);
    this.replayTo(this.pos);
  }

  /** Takes the branch's next step, keeping its events, and a checkpoint where one is due. */
  private stepForward(): void {
    const step = this.current[this.pos];
    this.replayed.push({ step, events: this.sim.apply(step) });
    this.pos += 1;
    this.checkpoint();
  }

  private checkpoint(): void {
    if (this.pos % CHECKPOINT_EVERY === 0 && !this.checkpoints.has(this.pos)) this.checkpoints.set(this.pos, { snapshot: this.sim.snapshot(), events: this.sim.eventCount });
  }

  /** Back to an earlier position: the events up to it are kept; the world comes from the nearest checkpoint. */
  private rewind(position: number): void {
    this.replayed.length = position;
    let from = position - (position % CHECKPOINT_EVERY);
    while (from > 0 && !this.checkpoints.has(from)) from -= CHECKPOINT_EVERY;
    const cp = from > 0 ? this.checkpoints.get(from) : undefined;
    if (cp) {
      this.sim = Simulator.restore(cp.snapshot);
      this.sim.eventCount = cp.events;
    } else {
      from = 0;
      this.sim = new Simulator(this.settingsValue);
    }
    const steps = this.current;
    for (let i = from; i < position; i++) this.sim.apply(steps[i]);
    this.pos = position;
  }

  static create(settings: SandboxSettings = DEFAULT_SETTINGS): SandboxSession {
    // Every setting spelled out, as a saved record reads them back.
    return new SandboxSession(resolveOptions(settings), [[]], 0, 0, null, null);
  }

  /** A preset story, loaded at its start so that the learner can step through it. */
  static fromScenario(scenario: Scenario, preset: string | null, title: string | null): SandboxSession {
    // The story's sockets settings too (receive buffers, queues): a preset may need them.
    const settings: SandboxSettings = resolveOptions(scenarioOptions(scenario));
    const session = new SandboxSession(settings, [[...scenario.steps]], 0, 0, preset, title);
    // Keep only the steps that run (a scenario file may end in a step that cannot be carried out).
    session.current.splice(session.runnableLength(session.current));
    return session;
  }

  /** Rebuilds a saved session. Throws SandboxRecordError (with a one-line reason) on anything unusable. */
  static fromRecord(raw: unknown): SandboxSession {
    if (!isRecord(raw)) throw new SandboxRecordError('the saved sandbox is not an object');
    if (raw.format !== 'tcp-tutor-sandbox') throw new SandboxRecordError('the saved sandbox has no "tcp-tutor-sandbox" format mark');
    if (raw.version !== 1) throw new SandboxRecordError(`the saved sandbox has version ${JSON.stringify(raw.version)}, this release reads version 1`);
    const settings = parseSettings(raw.settings);
    if (!Array.isArray(raw.branches) || raw.branches.length === 0 || raw.branches.length > MAX_BRANCHES) {
      throw new SandboxRecordError('the saved sandbox has no usable list of branches');
    }
    const branches = raw.branches.map((b: unknown, i: number) => {
      if (!Array.isArray(b) || b.length > MAX_STEPS) throw new SandboxRecordError(`branch ${i} is not a list of at most ${MAX_STEPS} steps`);
      return b.map((s: unknown, j: number) => {
        const step = checkStep(denormalize(s));
        if (isStepProblem(step)) throw new SandboxRecordError(`branch ${i}, step ${j}: ${step.message}`);
        return step;
      });
    });
    if (!Number.isInteger(raw.branch) || (raw.branch as number) < 0 || (raw.branch as number) >= branches.length) {
      throw new SandboxRecordError('the saved sandbox points at a branch that does not exist');
    }
    const branch = raw.branch as number;
    if (!Number.isInteger(raw.position) || (raw.position as number) < 0 || (raw.position as number) > branches[branch].length) {
      throw new SandboxRecordError('the saved sandbox points at a step that does not exist');
    }
    const preset = typeof raw.preset === 'string' ? raw.preset : null;
    const title = typeof raw.title === 'string' ? raw.title.slice(0, 200) : null;
    const session = new SandboxSession(settings, branches, branch, 0, preset, title);
    // Every branch must replay: a record that does not is corrupt.
    branches.forEach((b, i) => {
      if (session.runnableLength(b) !== b.length) throw new SandboxRecordError(`branch ${i} does not replay`);
    });
    session.seek(raw.position as number);
    return session;
  }

  /**
   * What the extension does with whatever workspace state holds: nothing saved gives a new
   * session; an unreadable record gives a new session and the reason, so that the caller can
   * keep the record aside and tell the learner. Never throws.
   */
  static restoreOrCreate(raw: unknown): { session: SandboxSession; problem: string | null } {
    if (raw === undefined || raw === null) return { session: SandboxSession.create(), problem: null };
    try {
      return { session: SandboxSession.fromRecord(raw), problem: null };
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      return { session: SandboxSession.create(), problem };
    }
  }

  toRecord(): SandboxRecord {
    return {
      format: 'tcp-tutor-sandbox',
      version: 1,
      settings: cloneSettings(this.settingsValue),
      preset: this.presetId,
      title: this.titleValue,
      branches: this.branches.map((b) => b.map(denormalize)),
      branch: this.branchIndex,
      position: this.pos,
    };
  }

  get settings(): SandboxSettings {
    return this.settingsValue;
  }
  get preset(): string | null {
    return this.presetId;
  }
  get title(): string | null {
    return this.titleValue;
  }
  get position(): number {
    return this.pos;
  }
  get length(): number {
    return this.current.length;
  }
  get branch(): number {
    return this.branchIndex;
  }
  get branchCount(): number {
    return this.branches.length;
  }
  /** The world at the current position. Read it; do not apply steps to it. */
  get simulator(): Simulator {
    return this.sim;
  }
  /** The steps up to the current position, with the events each produced. */
  get history(): readonly ReplayedStep[] {
    return this.replayed;
  }
  /** The steps of the current branch up to the current position (what "Save as .tcp.json" writes). */
  stepsSoFar(): readonly NormalizedStep[] {
    return this.current.slice(0, this.pos);
  }

  private get current(): NormalizedStep[] {
    return this.branches[this.branchIndex];
  }

  /**
   * Takes a step at the current position. Behind the end of the branch, the step starts a new
   * branch and the old one is kept. Throws StepError, changing nothing, if the step cannot be
   * carried out (delivering from an empty queue, for example).
   */
  apply(step: NormalizedStep): readonly TraceEvent[] {
    if (this.pos >= MAX_STEPS) throw new StepError(`the sandbox keeps at most ${MAX_STEPS} steps; reset it to go on`);
    const before = this.sim.snapshot();
    const eventsBefore = this.sim.eventCount;
    let events: TraceEvent[];
    try {
      events = this.sim.apply(step);
      const tooLong = eventLimitProblem(this.sim.eventCount);
      if (tooLong !== null) throw new StepError(`${tooLong}; reset the sandbox to go on`);
    } catch (error) {
      this.sim = Simulator.restore(before);
      // A snapshot does not keep the count; the story's length so far is what the limit counts.
      this.sim.eventCount = eventsBefore;
      throw error;
    }
    if (this.pos < this.current.length) {
      if (sameStep(this.current[this.pos], step)) {
        // Doing what the branch already did next is just moving forward.
      } else {
        const fork = [...this.current.slice(0, this.pos), step];
        this.branches.push(fork);
        if (this.branches.length > MAX_BRANCHES) this.branches.shift();
        this.branchIndex = this.branches.length - 1;
        // The new branch shares the old one's steps up to here only.
        for (const at of [...this.checkpoints.keys()]) if (at > this.pos) this.checkpoints.delete(at);
      }
    } else {
      this.current.push(step);
    }
    this.pos += 1;
    this.replayed.push({ step, events });
    this.checkpoint();
    return events;
  }

  /** Moves to a position on the current branch (0 = before the first step). */
  seek(position: number): void {
    const target = Math.min(Math.max(Math.trunc(position), 0), this.current.length);
    if (target < this.pos) this.rewind(target);
    while (this.pos < target) this.stepForward();
  }

  switchBranch(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.branches.length || index === this.branchIndex) return;
    this.branchIndex = index;
    this.replayTo(Math.min(this.pos, this.current.length));
  }

  /** Forgets every step and branch; keeps the settings. */
  reset(): void {
    this.branches = [[]];
    this.branchIndex = 0;
    this.presetId = null;
    this.titleValue = null;
    this.replayTo(0);
  }

  /**
   * New profile, variant, ISNs or delayed ACK. The story so far is replayed under them as
   * far as it still runs (under a variant, a step may no longer make sense); other branches
   * are forgotten, since they were taken under the old rules.
   */
  changeSettings(change: Partial<Pick<SandboxSettings, 'profile' | 'variant' | 'delayedAck'>>): void {
    this.settingsValue = cloneSettings({ ...this.settingsValue, ...change });
    const steps = [...this.current];
    const keep = this.runnableLength(steps);
    const position = Math.min(this.pos, keep);
    this.branches = [steps.slice(0, keep)];
    this.branchIndex = 0;
    this.replayTo(position);
  }

  /**
   * Waits out the timers still running at the end of the story (at most `max` waits), as the
   * story's own last steps did under the settings it was written for. Returns how many waits
   * were added after the last step; the position does not move.
   */
  playOutTimers(max = 8): number {
    const sim = new Simulator({ ...this.settingsValue, record: false });
    const steps = this.current;
    for (const step of steps) sim.apply(step);
    let added = 0;
    for (let timer = sim.nextTimer(); timer !== null && added < max; timer = sim.nextTimer()) {
      const step: NormalizedStep = { kind: 'advance', ms: Math.max(1, Math.round((timer.due - sim.time) * 1000)) };
      sim.apply(step);
      steps.push(step);
      added++;
    }
    return added;
  }

  /** How many of `steps` run in a row from the start under the current settings. */
  private runnableLength(steps: readonly NormalizedStep[]): number {
    const sim = new Simulator({ ...this.settingsValue, record: false });
    for (let i = 0; i < steps.length; i++) {
      try {
        sim.apply(steps[i]);
        if (eventLimitProblem(sim.eventCount) !== null) return i;
      } catch (error) {
        if (error instanceof StepError) return i;
        throw error;
      }
    }
    return steps.length;
  }

  /** Replays the current branch from its start (after a change of branch or settings). */
  private replayTo(position: number): void {
    this.sim = new Simulator(this.settingsValue);
    this.replayed = [];
    this.checkpoints = new Map();
    this.pos = 0;
    while (this.pos < position) this.stepForward();
  }
}

function sameStep(a: NormalizedStep, b: NormalizedStep): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function cloneSettings(s: SandboxSettings): SandboxSettings {
  return { ...s, isn: { A: s.isn.A, B: s.isn.B } };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseSettings(v: unknown): SandboxSettings {
  if (!isRecord(v)) throw new SandboxRecordError('the saved sandbox has no settings');
  if (!(PROFILE_IDS as readonly unknown[]).includes(v.profile)) throw new SandboxRecordError(`unknown profile ${JSON.stringify(v.profile)}`);
  if (!(VARIANT_IDS as readonly unknown[]).includes(v.variant)) throw new SandboxRecordError(`unknown variant ${JSON.stringify(v.variant)}`);
  if (!isRecord(v.isn)) throw new SandboxRecordError('the saved sandbox has unusable initial sequence numbers');
  if (typeof v.delayedAck !== 'boolean') throw new SandboxRecordError('the saved sandbox has no delayedAck flag');
  // Every setting the story ran under (ISN lists, receive buffers, queues...), read the way
  // the simulator reads them: a story must reload under the settings it was played with.
  try {
    return resolveOptions(v as SimulatorOptions);
  } catch (error) {
    throw new SandboxRecordError(`the saved sandbox has unusable settings: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * A normalised step in the public scenario-file form (the form `checkStep` reads), so that
 * saved sessions and exported `.tcp.json` files share one format.
 */
export function denormalize(step: unknown): unknown {
  if (!isRecord(step) || typeof step.kind !== 'string') return step;
  // One writer for every kind, so that nothing a step holds (an inject's ports, a call's
  // arguments) is lost between playing a story and reloading it.
  return stepToJson(step as unknown as NormalizedStep);
}
