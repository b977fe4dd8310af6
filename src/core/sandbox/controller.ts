/**
 * A sandbox at work: carries out sandbox commands on a session (the free sandbox and every
 * lesson's own sandbox use one each), and remembers what a view needs to draw it
 * incrementally: which rows the last step produced, and an epoch that changes whenever the
 * row list is rewritten rather than appended to. Pure: no UI types, no text; the host's
 * sandbox presenter turns it into a view model.
 */
import type { NormalizedStep } from '../tcp';
import { ENDPOINT_IDS, StepError, canonicalFlags } from '../tcp';
import type { TraceEvent } from '../tcp/vocabulary';
import type { PresetLibrary } from './library';
import { SandboxSession } from './session';
import type { SandboxCommand } from './vocabulary';

export interface CommandResult {
  /** The session changed (persist it, redraw every view). */
  readonly changed: boolean;
  /** Set when the command could not be carried out; nothing changed then. */
  readonly problem: string | null;
}

/** One event of the trace and the timeline step it belongs to. */
export interface TraceRow {
  readonly event: TraceEvent;
  readonly step: number;
}

export class SandboxController {
  private epochValue = 0;
  private lastStep: readonly [number, number] | null = null;
  /** A story opened from a file rather than from the library. */
  private fileTitleValue: string | null = null;

  constructor(
    private sessionValue: SandboxSession,
    readonly library: PresetLibrary,
  ) {}

  get session(): SandboxSession {
    return this.sessionValue;
  }

  /** Changes whenever the rows are rewritten (not only appended to). */
  get epoch(): number {
    return this.epochValue;
  }

  /** Rows produced by the step just taken, for animation and the spoken announcement. */
  get lastStepRows(): readonly [number, number] | null {
    return this.lastStep;
  }

  get fileTitle(): string | null {
    return this.fileTitleValue;
  }

  /** Replaces the whole session (a saved one restored, or a scenario file opened). */
  load(session: SandboxSession, fileTitle: string | null = null): void {
    this.sessionValue = session;
    this.fileTitleValue = fileTitle;
    this.lastStep = null;
    this.epochValue++;
  }

  handle(command: SandboxCommand): CommandResult {
    const s = this.sessionValue;
    switch (command.type) {
      case 'call': {
        // The same normalized step a scenario file's call makes, so history, export and replay treat it alike.
        const { type: _type, endpoint, call, bytes, ...args } = command;
        return this.step({ kind: 'call', endpoint, call, bytes: call === 'send' || call === 'read' ? (bytes ?? 0) : 0, ...args });
      }
      case 'network': {
        for (const from of ENDPOINT_IDS) {
          const index = s.simulator.inFlight(from).findIndex((seg) => seg.id === command.segment);
          if (index >= 0) return this.step({ kind: command.action, endpoint: from, nth: index + 1 });
        }
        return { changed: false, problem: `segment ${command.segment} is not in flight` };
      }
      case 'inject':
        return this.step({ kind: 'inject', to: command.to, flags: canonicalFlags(command.flags), seq: command.seq, ack: command.ack, len: command.len });
      case 'deliverAll':
        if (s.simulator.inFlight('A').length + s.simulator.inFlight('B').length === 0) return { changed: false, problem: 'nothing is in flight' };
        return this.step({ kind: 'flush' });
      case 'advance': {
        const next = s.simulator.nextTimer();
        if (!next) return { changed: false, problem: 'no timer is running' };
        const ms = Math.max(0, Math.round((next.due - s.simulator.time) * 1000));
        return this.step({ kind: 'advance', ms });
      }
      case 'seek': {
        const before = s.position;
        s.seek(command.position);
        this.lastStep = s.position === before + 1 ? this.rowsOfLastStep() : null;
        return { changed: s.position !== before, problem: null };
      }
      case 'branch':
        if (command.branch >= s.branchCount) return { changed: false, problem: `there is no branch ${command.branch + 1}` };
        s.switchBranch(command.branch);
        return this.rewritten();
      case 'reset':
        s.reset();
        this.fileTitleValue = null;
        return this.rewritten();
      case 'settings':
        s.changeSettings({
          ...(command.profile ? { profile: command.profile } : {}),
          ...(command.variant ? { variant: command.variant } : {}),
          ...(command.delayedAck !== undefined ? { delayedAck: command.delayedAck } : {}),
        });
        // A preset story whose waits were timed for other timers (60 s of TIME-WAIT on Linux,
        // 240 s under RFC 9293) is played on to where it ended under its own: every timer out.
        if (s.preset && this.presetChanged() && this.presetEndsQuiet(s.preset)) s.playOutTimers();
        return this.rewritten();
      case 'preset': {
        const scenario = this.library.scenario(command.id);
        if (!scenario) return { changed: false, problem: `there is no preset "${command.id}"` };
        this.load(SandboxSession.fromScenario(scenario, command.id, null));
        return { changed: true, problem: null };
      }
    }
  }

  private step(step: NormalizedStep): CommandResult {
    const s = this.sessionValue;
    const branchesBefore = s.branchCount;
    const branchBefore = s.branch;
    try {
      s.apply(step);
    } catch (error) {
      if (error instanceof StepError) return { changed: false, problem: error.message };
      throw error;
    }
    if (s.branchCount !== branchesBefore || s.branch !== branchBefore) this.epochValue++;
    this.lastStep = this.rowsOfLastStep();
    // A call the socket refuses (EADDRINUSE, ENOTCONN, …) is part of the story and stays in
    // the history, but the learner is told at once, in the simulator's words.
    const events = s.history.length > 0 ? s.history[s.history.length - 1].events : [];
    const refused = step.kind === 'call' ? events.find((e) => e.error) : undefined;
    return { changed: true, problem: refused?.error ? refused.error.message : null };
  }

  private rewritten(): CommandResult {
    this.epochValue++;
    this.lastStep = null;
    return { changed: true, problem: null };
  }

  private rowsOfLastStep(): readonly [number, number] | null {
    const h = this.sessionValue.history;
    if (h.length === 0) return null;
    const total = h.reduce((n, r) => n + r.events.length, 0);
    const last = h[h.length - 1].events.length;
    return last > 0 ? [total - last, total - 1] : null;
  }

  /** Every event up to the current position, with its step. */
  rows(): TraceRow[] {
    const rows: TraceRow[] = [];
    this.sessionValue.history.forEach((r, step) => {
      for (const event of r.events) rows.push({ event, step });
    });
    return rows;
  }

  /** Whether a preset story, under the settings it was written for, ends with no timer running. */
  private presetEndsQuiet(id: string): boolean {
    const scenario = this.library.scenario(id);
    if (!scenario) return false;
    const original = SandboxSession.fromScenario(scenario, id, null);
    original.seek(original.length);
    return original.simulator.nextTimer() === null;
  }

  /** The preset story now runs under other settings than it was written for. */
  presetChanged(): boolean {
    const s = this.sessionValue;
    const scenario = s.preset ? this.library.scenario(s.preset) : undefined;
    if (!scenario) return false;
    return scenario.profile !== s.settings.profile || scenario.variant !== s.settings.variant || scenario.delayedAck !== s.settings.delayedAck;
  }
}
