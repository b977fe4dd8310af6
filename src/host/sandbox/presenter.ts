/**
 * The sandbox presenter: turns a sandbox (the free one, or a lesson's own) into the
 * SandboxModel the webview draws, in the learner's language, sending only the rows a
 * webview does not hold yet. Reads the sandbox only. No `vscode` import.
 */
import type { SandboxController } from '../../core/sandbox/controller';
import type { PresetLibrary } from '../../core/sandbox/library';
import { TRANSITIONS } from '../../core/tcp/states';
import { USER_CALLS } from '../../core/tcp/vocabulary';
import type { EndpointId } from '../../core/tcp/vocabulary';
import type { Locale } from '../../i18n/types';
import type { PresetText } from '../../i18n/presets';
import type { HostSocketsView, SandboxEndpointModel, SandboxModel, SandboxPreset } from '../../shared/protocol';
import type { LadderRow } from '../../shared/ladder';
import { toMermaid, toScenarioJson, toSvg } from './export';

const DRAWN = new Set(TRANSITIONS.filter((t) => t.drawn).map((t) => t.id));

/** What a webview already holds, so only new rows are sent. */
export interface RowsKnown {
  readonly epoch: number;
  readonly count: number;
}

/** A preset's title and "watch for" line in a language, when the catalog has them. */
export type PresetTextSource = (id: string, locale: Locale) => PresetText | undefined;

/** The preset stories, in order, in `locale` (a preset without text shows its scenario's own title). */
export function presetList(library: PresetLibrary, text: PresetTextSource, locale: Locale): SandboxPreset[] {
  return library.ids().map((id) => ({ id, ...presetText(library, text, id, locale) }));
}

function presetText(library: PresetLibrary, text: PresetTextSource, id: string, locale: Locale): { title: string; watch: string } {
  const t = text(id, locale);
  if (t) return { title: t.title, watch: t.watch };
  const s = library.scenario(id);
  return { title: s?.title ?? id, watch: s?.description ?? '' };
}

/** The story's title: a preset's in `locale`, a scenario file's, or the session's own. */
export function sandboxTitle(sandbox: SandboxController, text: PresetTextSource, locale: Locale): string | null {
  const s = sandbox.session;
  if (s.preset) return presetText(sandbox.library, text, s.preset, locale).title;
  return sandbox.fileTitle ?? s.title;
}

/**
 * The picture of `sandbox`. `title` replaces the story's own (a lesson names its sandbox
 * after the lesson).
 */
export function presentSandbox(
  sandbox: SandboxController,
  text: PresetTextSource,
  locale: Locale,
  known: RowsKnown | null,
  problem: string | null,
  title?: string | null,
): SandboxModel {
  const s = sandbox.session;
  const sim = s.simulator;
  const rows: LadderRow[] = sandbox.rows();
  const rowsFrom = known && known.epoch === sandbox.epoch ? Math.min(known.count, rows.length) : 0;
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
  const presetChanged = sandbox.presetChanged();
  // The preset's "watch for" line stays after a switch to other settings; the webview says
  // beside it that the story now runs under those (presetChanged), so it is read as such.
  const watch = s.preset ? presetText(sandbox.library, text, s.preset, locale).watch || null : null;
  return {
    // The view shows each host's first ISN (a story may give one per connection).
    settings: { profile: s.settings.profile, variant: s.settings.variant, isn: { A: firstIsn(s.settings.isn.A), B: firstIsn(s.settings.isn.B) }, delayedAck: s.settings.delayedAck },
    preset: s.preset,
    title: title !== undefined ? title : sandboxTitle(sandbox, text, locale),
    watch,
    presetChanged,
    endpoints: { A: endpoint('A'), B: endpoint('B') },
    sockets: { A: hostSockets(sim, 'A'), B: hostSockets(sim, 'B') },
    rowsFrom,
    rows: rows.slice(rowsFrom),
    rowCount: rows.length,
    lastStepRows: sandbox.lastStepRows,
    inFlight: { A: sim.inFlight('A').map((x) => x.id), B: sim.inFlight('B').map((x) => x.id) },
    clock: sim.time,
    nextTimer: sim.nextTimer(),
    timeline: { position: s.position, length: s.length, branch: s.branch, branches: s.branchCount },
    problem,
  };
}

/** What an export holds: the ladder as Mermaid or SVG, or the steps so far as a scenario file. */
export function exportContent(sandbox: SandboxController, text: PresetTextSource, locale: Locale, format: 'mermaid' | 'scenario' | 'svg'): string {
  const title = sandboxTitle(sandbox, text, locale) ?? 'TCP Tutor sandbox';
  const s = sandbox.session;
  if (format === 'mermaid') return toMermaid(sandbox.rows(), title);
  if (format === 'svg') return toSvg(sandbox.rows(), title);
  return toScenarioJson(s.settings, s.stepsSoFar(), title);
}

/** A host's listeners and connections, for the sockets panel. */
function hostSockets(sim: SandboxController['session']['simulator'], id: EndpointId): HostSocketsView {
  const h = sim.host(id);
  return {
    down: h.down,
    listeners: h.listeners.map((l) => ({ port: l.port, state: l.state, backlog: l.backlog, synQueue: l.synQueue.map((c) => c.conn), acceptQueue: l.acceptQueue.map((c) => c.conn) })),
    connections: h.conns.map((c) => ({ conn: c.conn, local: c.lport, remote: c.rport, state: c.state, error: c.error, unread: c.unread, window: c.rcvWnd, orphan: c.appClosed && c.live })),
  };
}

function firstIsn(v: number | readonly number[]): number {
  return typeof v === 'number' ? v : v[0];
}
