/**
 * The sandbox on the host: turns the learner's intents into simulator steps, keeps the
 * session, and builds what the webviews draw. Pure (no `vscode`): the extension glue
 * persists the session and carries the exports to the clipboard or a file.
 */
import type { NormalizedStep, Scenario } from '../../core/tcp';
import { ENDPOINT_IDS, StepError, USER_CALLS, canonicalFlags, parseScenario } from '../../core/tcp';
import type { EndpointId } from '../../core/tcp/types';
import type { Locale } from '../../i18n/types';
import type { SandboxEndpointModel, SandboxIntent, SandboxModel, SandboxPreset } from '../../shared/protocol';
import { TRANSITIONS } from '../../core/tcp/states';
import type { LadderRow } from '../../shared/ladder';
import { SandboxSession } from '../../core/sandbox/session';
import type { PresetText } from '../../i18n/presets';
import { toMermaid, toScenarioJson, toSvg } from './export';

const DRAWN = new Set(TRANSITIONS.filter((t) => t.drawn).map((t) => t.id));

export interface LibraryFile {
  /** File name, e.g. `normal-open.tcp.json`. */
  readonly name: string;
  readonly text: string;
}

/** The preset stories: the scenario library, with titles in both languages. */
/** The preset texts of one language, and the order presets are listed in. */
export interface PresetTexts {
  readonly presets: Readonly<Record<string, PresetText>>;
  readonly presetOrder: readonly string[];
}

export class PresetLibrary {
  private readonly scenarios = new Map<string, Scenario>();
  readonly problems: string[] = [];

  constructor(
    files: readonly LibraryFile[],
    private readonly texts: (locale: Locale) => PresetTexts,
  ) {
    for (const f of files) {
      if (!f.name.endsWith('.tcp.json')) continue;
      const id = f.name.slice(0, -'.tcp.json'.length);
      const parsed = parseScenario(f.text);
      if (parsed.ok) this.scenarios.set(id, parsed.scenario);
      else this.problems.push(`${f.name}: ${parsed.errors[0]?.message ?? 'invalid'}`);
    }
  }

  ids(): string[] {
    const known = this.texts('en').presetOrder.filter((id) => this.scenarios.has(id));
    const rest = [...this.scenarios.keys()].filter((id) => !known.includes(id)).sort();
    return [...known, ...rest];
  }

  list(locale: Locale): SandboxPreset[] {
    return this.ids().map((id) => ({ id, ...this.text(id, locale) }));
  }

  text(id: string, locale: Locale): { title: string; watch: string } {
    const t = this.texts(locale).presets[id];
    if (t) return { title: t.title, watch: t.watch };
    const s = this.scenarios.get(id);
    return { title: s?.title ?? id, watch: s?.description ?? '' };
  }

  scenario(id: string): Scenario | undefined {
    return this.scenarios.get(id);
  }
}

/** What a webview already holds, so only new rows are sent. */
export interface RowsKnown {
  readonly epoch: number;
  readonly count: number;
}

export interface HandleResult {
  /** The session changed (persist it, redraw every webview). */
  readonly changed: boolean;
  /** Set when the intent could not be carried out; nothing changed then. */
  readonly problem: string | null;
  readonly export?: { readonly format: 'mermaid' | 'scenario' | 'svg'; readonly content: string };
}

export class SandboxController {
  private epochValue = 0;
  private lastStep: readonly [number, number] | null = null;
  /** A story opened from a file rather than from the library. */
  private fileTitle: string | null = null;

  constructor(
    private sessionValue: SandboxSession,
    readonly library: PresetLibrary,
  ) {}

  get session(): SandboxSession {
    return this.sessionValue;
  }

  get epoch(): number {
    return this.epochValue;
  }

  /** Replaces the whole session (a saved one restored, or a scenario file opened). */
  load(session: SandboxSession, fileTitle: string | null = null): void {
    this.sessionValue = session;
    this.fileTitle = fileTitle;
    this.lastStep = null;
    this.epochValue++;
  }

  handle(intent: SandboxIntent, locale: Locale): HandleResult {
    const s = this.sessionValue;
    switch (intent.type) {
      case 'sandbox/call':
        return this.step({ kind: 'call', endpoint: intent.endpoint, call: intent.call, bytes: intent.call === 'send' ? (intent.bytes ?? 0) : 0 });
      case 'sandbox/network': {
        for (const from of ENDPOINT_IDS) {
          const index = s.simulator.inFlight(from).findIndex((seg) => seg.id === intent.segment);
          if (index >= 0) return this.step({ kind: intent.action, endpoint: from, nth: index + 1 });
        }
        return { changed: false, problem: `segment ${intent.segment} is not in flight` };
      }
      case 'sandbox/inject':
        return this.step({ kind: 'inject', to: intent.to, flags: canonicalFlags(intent.flags), seq: intent.seq, ack: intent.ack, len: intent.len });
      case 'sandbox/deliverAll':
        if (s.simulator.inFlight('A').length + s.simulator.inFlight('B').length === 0) return { changed: false, problem: 'nothing is in flight' };
        return this.step({ kind: 'flush' });
      case 'sandbox/advance': {
        const next = s.simulator.nextTimer();
        if (!next) return { changed: false, problem: 'no timer is running' };
        const ms = Math.max(0, Math.round((next.due - s.simulator.time) * 1000));
        return this.step({ kind: 'advance', ms });
      }
      case 'sandbox/seek': {
        const before = s.position;
        s.seek(intent.position);
        this.lastStep = s.position === before + 1 ? this.rowsOfLastStep() : null;
        return { changed: s.position !== before, problem: null };
      }
      case 'sandbox/branch':
        if (intent.branch >= s.branchCount) return { changed: false, problem: `there is no branch ${intent.branch + 1}` };
        s.switchBranch(intent.branch);
        return this.rewritten();
      case 'sandbox/reset':
        s.reset();
        this.fileTitle = null;
        return this.rewritten();
      case 'sandbox/settings':
        s.changeSettings({
          ...(intent.profile ? { profile: intent.profile } : {}),
          ...(intent.variant ? { variant: intent.variant } : {}),
          ...(intent.delayedAck !== undefined ? { delayedAck: intent.delayedAck } : {}),
        });
        return this.rewritten();
      case 'sandbox/preset': {
        const scenario = this.library.scenario(intent.id);
        if (!scenario) return { changed: false, problem: `there is no preset "${intent.id}"` };
        this.load(SandboxSession.fromScenario(scenario, intent.id, null));
        return { changed: true, problem: null };
      }
      case 'sandbox/export': {
        const title = this.title(locale) ?? 'TCP Tutor sandbox';
        const rows = this.rows();
        if (intent.format === 'mermaid') return { changed: false, problem: null, export: { format: 'mermaid', content: toMermaid(rows, title) } };
        if (intent.format === 'svg') return { changed: false, problem: null, export: { format: 'svg', content: toSvg(rows, title) } };
        return { changed: false, problem: null, export: { format: 'scenario', content: toScenarioJson(s.settings, s.stepsSoFar(), title) } };
      }
    }
  }

  private step(step: NormalizedStep): HandleResult {
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
    return { changed: true, problem: null };
  }

  private rewritten(): HandleResult {
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

  rows(): LadderRow[] {
    const rows: LadderRow[] = [];
    this.sessionValue.history.forEach((r, step) => {
      for (const event of r.events) rows.push({ event, step });
    });
    return rows;
  }

  title(locale: Locale): string | null {
    const s = this.sessionValue;
    if (s.preset) return this.library.text(s.preset, locale).title;
    return this.fileTitle ?? s.title;
  }

  /**
   * The preset's "watch for" line, only while the story runs under the settings it was
   * written for: after a switch to another variant or profile it would describe the wrong story.
   */
  private watch(locale: Locale): string | null {
    const s = this.sessionValue;
    if (!s.preset || this.presetChanged()) return null;
    return this.library.text(s.preset, locale).watch || null;
  }

  private presetChanged(): boolean {
    const s = this.sessionValue;
    const scenario = s.preset ? this.library.scenario(s.preset) : undefined;
    if (!scenario) return false;
    return scenario.profile !== s.settings.profile || scenario.variant !== s.settings.variant || scenario.delayedAck !== s.settings.delayedAck;
  }

  model(locale: Locale, known: RowsKnown | null, problem: string | null = null): SandboxModel {
    const s = this.sessionValue;
    const sim = s.simulator;
    const rows = this.rows();
    const rowsFrom = known && known.epoch === this.epochValue ? Math.min(known.count, rows.length) : 0;
    const endpoint = (id: EndpointId): SandboxEndpointModel => {
      const v = sim.endpoint(id);
      const legal = sim.legalCalls(id);
      let lastTransition: string | null = null;
      for (let i = rows.length - 1; i >= 0 && lastTransition === null; i--) {
        const e = rows[i].event;
        if (e.endpoint === id && e.transition && DRAWN.has(e.transition) && e.from !== e.to) lastTransition = e.transition;
      }
      const calls = Object.fromEntries(
        USER_CALLS.map((c) => {
          const l = legal[c];
          return [c, l.legal ? { legal: true } : { legal: false, code: l.code }];
        }),
      ) as SandboxEndpointModel['calls'];
      return { id, state: v.state, tcb: v.tcb, appClosed: v.appClosed, error: v.error, pendingSend: v.pendingSend, delivered: v.delivered, lastTransition, calls };
    };
    return {
      settings: s.settings,
      preset: s.preset,
      title: this.title(locale),
      watch: this.watch(locale),
      presetChanged: this.presetChanged(),
      endpoints: { A: endpoint('A'), B: endpoint('B') },
      rowsFrom,
      rows: rows.slice(rowsFrom),
      rowCount: rows.length,
      lastStepRows: this.lastStep,
      inFlight: { A: sim.inFlight('A').map((x) => x.id), B: sim.inFlight('B').map((x) => x.id) },
      clock: sim.time,
      nextTimer: sim.nextTimer(),
      timeline: { position: s.position, length: s.length, branch: s.branch, branches: s.branchCount },
      problem,
    };
  }
}
