/**
 * The Connections tab's presenter: keeps the table on show (live from this machine, or a
 * pasted one), refreshes the live one every few seconds while a webview shows the tab and
 * the learner has not paused it, and sends each webview a summary and then the rows in
 * chunks. Nothing here blocks the extension host for long: the live reader and the pasted
 * text are parsed a slice at a time, and rows go out a chunk at a time.
 *
 * No `vscode` import: the glue (settings, commands, CodeLens) is in ./register.ts.
 */
import { STATES } from '../../core/tcp/states';
import type { Finding, ParsedConnections, ParseOutcome, Thresholds } from '../../core/doctor/types';
import { DEFAULT_PORT_RANGE } from '../../core/doctor/types';
import { ConnectionParser } from '../../core/doctor/parse';
import { computeFindings } from '../../core/doctor/findings';
import { formatAddress } from '../../core/doctor/addresses';
import type { Locale } from '../../i18n/types';
import type { DoctorText, SysctlName } from '../../i18n/doctor';
import { fill } from '../../i18n/fill';
import type { FromConnectionsMessage, ToConnectionsMessage, ConnectionsSummary, FindingView, RowsChunk } from '../../shared/protocol';
import type { LiveResult, SysctlValue } from '../../node/doctor/live';
import type { Feature } from '../views';

/** A tutor webview as this feature sees it (TutorView is one). */
export interface ConnectionsView {
  post(message: ToConnectionsMessage): void;
}

export interface ConnectionsSettings {
  readonly thresholds: Thresholds;
  readonly refreshSeconds: number;
  readonly owners: boolean;
}

export interface PresenterDeps {
  readonly liveAvailable: boolean;
  locale(): Locale;
  text(locale: Locale): DoctorText;
  lessonTitle(id: string, locale: Locale): string;
  settings(): ConnectionsSettings;
  readLive(owners: boolean): Promise<LiveResult>;
  openLesson(lesson: string, from: ConnectionsView): void;
  log(message: string): void;
  /** The time of day, as text in the learner's language (the clock lives here, not in core). */
  clock(locale: Locale): string;
}

/** Rows per message: small enough that serialising one takes a few milliseconds. */
export const ROWS_PER_CHUNK = 5000;
/** Characters of pasted text parsed between yields. */
const TEXT_SLICE = 512 * 1024;

interface Snapshot {
  readonly source: 'live' | 'pasted';
  readonly title: string | null;
  readonly parsed: ParsedConnections | null;
  readonly findings: readonly Finding[];
  readonly sysctls: readonly SysctlValue[] | null;
  readonly error: string | null;
  readonly ownersPartial: boolean;
  readonly updated: string | null;
  readonly generation: number;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Parses text a slice at a time, yielding between slices. */
export async function parseInSlices(text: string, sliceChars = TEXT_SLICE): Promise<ParseOutcome> {
  const parser = new ConnectionParser();
  for (let i = 0; i < text.length; i += sliceChars) {
    parser.push(text.slice(i, i + sliceChars));
    if (i + sliceChars < text.length) await tick();
  }
  return parser.end();
}

export class ConnectionsPresenter implements Feature<FromConnectionsMessage> {
  private readonly views = new Set<ConnectionsView>();
  private readonly visible = new Set<ConnectionsView>();
  private snapshot: Snapshot;
  private generation = 0;
  private paused = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reading: Promise<void> | null = null;
  private disposed = false;
  /** A diagnosis waits to be shown by a webview that is not ready yet. */
  private revealNext = false;

  constructor(private readonly deps: PresenterDeps) {
    this.snapshot = { source: 'live', title: null, parsed: null, findings: [], sysctls: null, error: null, ownersPartial: false, updated: null, generation: 0 };
  }

  /** A webview's page (re)started: send it what is on show. */
  show(view: ConnectionsView): void {
    this.views.add(view);
    void this.send(view, this.revealNext);
    this.revealNext = false;
  }

  forget(view: ConnectionsView): void {
    this.views.delete(view);
    this.visible.delete(view);
  }

  receive(intent: FromConnectionsMessage, from: ConnectionsView): void {
    switch (intent.type) {
      case 'connections/visible':
        if (intent.visible) {
          this.visible.add(from);
          // First look, or a stale live table: read now.
          if (this.snapshot.source === 'live' && !this.paused && this.deps.liveAvailable) void this.refresh();
        } else this.visible.delete(from);
        this.schedule();
        return;
      case 'connections/pause':
        this.paused = intent.paused;
        this.schedule();
        this.broadcastSummary();
        return;
      case 'connections/refresh':
        if (this.snapshot.source === 'live') void this.refresh();
        return;
      case 'connections/live':
        this.snapshot = { ...this.snapshot, source: 'live', title: null };
        this.paused = false;
        void this.refresh();
        return;
      case 'connections/openLesson':
        this.deps.openLesson(intent.lesson, from);
        return;
    }
  }

  /** Pasted text: parse it (a slice at a time), show it, and stop the live refresh. */
  async diagnose(text: string, title: string): Promise<ParseOutcome> {
    const outcome = await parseInSlices(text);
    if (!outcome.ok) return outcome;
    this.paused = true;
    this.schedule();
    const findings = computeFindings(outcome, this.deps.settings().thresholds, DEFAULT_PORT_RANGE);
    this.snapshot = {
      source: 'pasted',
      title,
      parsed: outcome,
      findings,
      sysctls: null,
      error: null,
      ownersPartial: false,
      updated: this.deps.clock(this.deps.locale()),
      generation: ++this.generation,
    };
    this.revealNext = this.views.size === 0;
    await Promise.all([...this.views].map((v) => this.send(v, true)));
    return outcome;
  }

  /** Reads the live table now (one read at a time) and sends it. */
  refresh(): Promise<void> {
    if (!this.deps.liveAvailable || this.disposed) return Promise.resolve();
    if (this.reading) return this.reading;
    this.reading = (async () => {
      const settings = this.deps.settings();
      const live = await this.deps.readLive(settings.owners);
      // A paste may have arrived meanwhile: it wins.
      if (this.snapshot.source !== 'live' || this.disposed) return;
      // Findings, the summary and the first rows come after a turn of the event loop each.
      await tick();
      const locale = this.deps.locale();
      if (!live.ok) {
        this.snapshot = { ...this.snapshot, parsed: null, findings: [], error: live.message, updated: this.deps.clock(locale), generation: ++this.generation };
        this.deps.log(`Connections: ${live.message}`);
      } else {
        this.snapshot = {
          source: 'live',
          title: null,
          parsed: live.parsed,
          findings: computeFindings(live.parsed, settings.thresholds, live.portRange),
          sysctls: live.sysctls,
          error: null,
          ownersPartial: live.ownersPartial,
          updated: this.deps.clock(locale),
          generation: ++this.generation,
        };
        await tick();
      }
      await Promise.all([...this.views].map((v) => this.send(v, false)));
    })().finally(() => {
      this.reading = null;
      this.schedule();
    });
    return this.reading;
  }

  /** The language changed: send the summary again (rows carry no text). */
  relabel(): void {
    this.broadcastSummary();
  }

  private broadcastSummary(): void {
    for (const v of this.views) v.post(this.summaryMessage(false));
  }

  /** Live refresh runs while someone looks at the tab and nothing paused it. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed || this.paused || this.snapshot.source !== 'live' || this.visible.size === 0 || !this.deps.liveAvailable || this.reading) return;
    const seconds = Math.max(1, this.deps.settings().refreshSeconds);
    this.timer = setTimeout(() => void this.refresh(), seconds * 1000);
  }

  private summaryMessage(reveal: boolean): ToConnectionsMessage {
    const locale = this.deps.locale();
    const text = this.deps.text(locale);
    return { type: 'connections/summary', summary: this.summary(locale, text), strings: text.ui, reveal };
  }

  summary(locale: Locale, text: DoctorText): ConnectionsSummary {
    const s = this.snapshot;
    const p = s.parsed;
    const notes: string[] = [];
    if (p?.impliedState?.assumed) notes.push(fill(text.ui.assumedState, { state: p.impliedState.state }));
    if (p && p.skipped > 0) notes.push(fill(text.ui.skippedLines, { count: p.skipped }));
    if (s.source === 'live' && p?.format === 'proc') notes.push(text.ui.processNote);
    if (s.ownersPartial) notes.push(text.ui.ownersPartial);
    return {
      source: s.source,
      title: s.title,
      liveAvailable: this.deps.liveAvailable,
      format: p?.format ?? null,
      total: p?.total ?? 0,
      states: STATES.map((st) => ({ id: st.id, ss: st.ss, netstat: st.netstat, count: p?.counts[st.id] ?? 0 })),
      findings: s.findings.map((f) => this.findingView(f, locale, text)),
      sysctls: s.sysctls?.map((v) => ({ name: v.name, value: v.value, default: text.sysctls[v.name as SysctlName].default, meaning: text.sysctls[v.name as SysctlName].meaning })) ?? null,
      error: s.error === null ? null : fill(text.ui.unreadable, { reason: s.error }),
      notes,
      updated: s.updated === null ? null : fill(text.ui.updated, { time: s.updated }),
      paused: this.paused,
      generation: s.generation,
      rowCount: p ? p.table.length : 0,
    };
  }

  private findingView(f: Finding, locale: Locale, text: DoctorText): FindingView {
    const t = text.findings[f.id];
    const size = f.portRange ? f.portRange[1] - f.portRange[0] + 1 : 0;
    return {
      id: f.id,
      count: f.count,
      title: t.title,
      summary: fill(t.summary, { count: f.count, threshold: f.threshold, remote: f.remote ?? '', low: f.portRange?.[0] ?? '', high: f.portRange?.[1] ?? '', size }),
      meaning: t.meaning,
      cause: t.cause,
      fixes: t.fixes,
      notFixes: t.notFixes,
      lessons: t.lessons.map((id) => ({ id, title: this.deps.lessonTitle(id, locale) })),
      ports: f.ports.map((p) => `${p.port < 0 ? '*' : p.port} (${p.count})`).join(', '),
      processes: f.processes.map((p) => `${p.name ?? '?'} (pid ${p.pid}): ${p.count}`).join(', '),
      remote: f.remote,
    };
  }

  /** The summary, then the rows a chunk at a time; a newer table stops an older one's rows. */
  private async send(view: ConnectionsView, reveal: boolean): Promise<void> {
    const generation = this.snapshot.generation;
    view.post(this.summaryMessage(reveal));
    const t = this.snapshot.parsed?.table;
    if (!t) return;
    for (let from = 0; from < t.length || from === 0; from += ROWS_PER_CHUNK) {
      if (this.snapshot.generation !== generation || !this.views.has(view)) return;
      const to = Math.min(t.length, from + ROWS_PER_CHUNK);
      const rows = chunk(this.snapshot.parsed as ParsedConnections, from, to);
      view.post({ type: 'connections/rows', generation, from, rows, done: to >= t.length });
      if (to >= t.length) return;
      await tick();
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.views.clear();
    this.visible.clear();
  }
}

export function chunk(parsed: ParsedConnections, from: number, to: number): RowsChunk {
  const t = parsed.table;
  const n = to - from;
  const local = new Array<string>(n);
  const remote = new Array<string>(n);
  const state = new Array<number>(n);
  const pid = new Array<number | null>(n);
  const process = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const j = from + i;
    local[i] = formatAddress(t.localIp[j], t.localPort[j]);
    remote[i] = formatAddress(t.remoteIp[j], t.remotePort[j]);
    state[i] = t.state[j];
    pid[i] = t.pid[j] >= 0 ? t.pid[j] : null;
    process[i] = t.process[j];
  }
  return { local, remote, state, pid, process };
}
