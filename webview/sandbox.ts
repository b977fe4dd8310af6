/**
 * The sandbox: both endpoints side by side, each with its own state diagram, and between
 * them the ladder of segments. It draws the host's SandboxModel and sends the learner's
 * intents; the host runs the simulator and decides what happens.
 */
import type { DiagramModel, SandboxEndpointModel, SandboxIntent, SandboxModel, SandboxPreset } from '../src/shared/protocol';
import type { UiKey, UiStrings } from '../src/shared/strings';
import type { LadderRow, LadderSegment } from '../src/shared/ladder';
import { segmentText } from '../src/shared/ladder';
import type { EndpointId, TraceEvent } from '../src/shared/vocabulary';
import type { UserCall } from '../src/shared/vocabulary';
import type { DiagramView } from './diagram';
import { renderDiagram } from './diagram';
import { TIMER_KEYS, fateText, originText, renderLadder } from './ladderView';
import { ce, format, h } from './dom';
import { renderSockets } from './sockets';
import { renderSocketCalls } from './socketCalls';
import type { SocketCallsView } from './socketCalls';

export type Speed = 'off' | 'slow' | 'normal' | 'fast';
const SPEED_MS: Readonly<Record<Speed, number>> = { off: 0, slow: 1200, normal: 600, fast: 250 };
const CALLS: readonly UserCall[] = ['listen', 'connect', 'send', 'close', 'abort'];
const REASON_KEYS: Readonly<Record<string, UiKey>> = {
  'connection-exists': 'reasonConnectionExists',
  'connection-does-not-exist': 'reasonDoesNotExist',
  'not-connected': 'reasonNotConnected',
  'connection-closing': 'reasonClosing',
};


export interface SandboxContext {
  readonly strings: UiStrings;
  readonly diagram: DiagramModel;
  readonly presets: readonly SandboxPreset[];
  post(intent: SandboxIntent): void;
  announce(text: string): void;
  speed(): Speed;
  setSpeed(speed: Speed): void;
}

/** What the learner may do in an embedded sandbox: watch a story, or act in it. */
export type SandboxMode = 'play' | 'act';

export interface SandboxOptions {
  /** Prefix of every id in this instance ('sb' for the free sandbox), so two can share a page. */
  readonly idPrefix?: string;
  /** The id of the whole section. */
  readonly rootId?: string;
  /** Inside a lesson: no preset, settings or reset toolbar and no exports. */
  readonly embedded?: boolean;
  /** For an embedded sandbox: 'play' hides the calls and the network actions. */
  readonly mode?: SandboxMode;
  /** The section's spoken name. */
  readonly label?: string;
}

export interface SandboxView {
  readonly element: HTMLElement;
  update(model: SandboxModel): void;
  /** Shows or hides what the learner may do (embedded sandboxes). */
  setMode(mode: SandboxMode): void;
  /** The last model drawn (null before the first). */
  model(): SandboxModel | null;
}

type SelectElement = HTMLElement & { value: string };

function select(id: string, label: string, options: readonly [string, string][], value: string): SelectElement {
  return ce(
    'vscode-single-select',
    { id, 'aria-label': label },
    ...options.map(([v, text]) => ce('vscode-option', v === value ? { value: v, selected: '' } : { value: v }, text)),
  ) as SelectElement;
}

function labelled(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, ce('vscode-label', { for: id }, label), control);
}

const reducedMotion = (): boolean => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export function renderSandbox(ctx: SandboxContext, options: SandboxOptions = {}): SandboxView {
  const { strings } = ctx;
  const p = options.idPrefix ?? 'sb';
  const embedded = options.embedded ?? false;
  let model: SandboxModel | null = null;
  const rows: LadderRow[] = [];
  let pinned: LadderSegment | null = null;

  // --- toolbar -------------------------------------------------------------------------
  const preset = select(`${p}-preset`, strings.presetLabel, [['', strings.presetNone], ...ctx.presets.map((x): [string, string] => [x.id, x.title])], '');
  preset.addEventListener('change', () => {
    if (preset.value) ctx.post({ type: 'sandbox/preset', id: preset.value });
  });
  const profile = select(`${p}-profile`, strings.profileLabel, [['linux', strings.profileLinux], ['linux-classic', strings.profileLinuxClassic], ['rfc9293', strings.profileRfc]], 'linux');
  profile.addEventListener('change', () => {
    if (profile.value === 'linux' || profile.value === 'rfc9293') ctx.post({ type: 'sandbox/settings', profile: profile.value });
  });
  const variant = select(
    `${p}-variant`,
    strings.variantLabel,
    [
      ['standard', strings.variantStandard],
      ['two-way-handshake', strings.variantTwoWay],
      ['no-time-wait', strings.variantNoTimeWait],
    ],
    'standard',
  );
  variant.addEventListener('change', () => {
    const v = variant.value;
    if (v === 'standard' || v === 'two-way-handshake' || v === 'no-time-wait') ctx.post({ type: 'sandbox/settings', variant: v });
  });
  const delayedAck = ce('vscode-checkbox', { id: `${p}-delayed-ack`, label: strings.delayedAckLabel }, strings.delayedAckLabel) as HTMLElement & { checked: boolean };
  delayedAck.addEventListener('change', () => ctx.post({ type: 'sandbox/settings', delayedAck: delayedAck.checked }));
  const reset = ce('vscode-button', { id: `${p}-reset`, secondary: '' }, strings.reset);
  reset.addEventListener('click', () => ctx.post({ type: 'sandbox/reset' }));
  const toolbar = h(
    'div',
    { class: 'sb-toolbar' },
    labelled(`${p}-preset`, strings.presetLabel, preset),
    labelled(`${p}-profile`, strings.profileLabel, profile),
    labelled(`${p}-variant`, strings.variantLabel, variant),
    h('div', { class: 'field' }, delayedAck),
    h('div', { class: 'field' }, reset),
  );
  const watch = h('p', { id: `${p}-watch`, class: 'watch', hidden: '' });

  // --- endpoints -------------------------------------------------------------------------
  interface EndpointParts {
    readonly root: HTMLElement;
    readonly badge: HTMLElement;
    readonly buttons: Map<UserCall, HTMLElement>;
    readonly bytes: HTMLElement & { value: string };
    readonly status: HTMLElement;
    readonly diagram: DiagramView;
    readonly callRow: HTMLElement;
    /** The state diagram around the current state, in words and arrows: legible at any width. */
    readonly hood: HTMLElement;
  }
  const endpoints = new Map<EndpointId, EndpointParts>();
  const socketCalls = new Map<EndpointId, SocketCallsView>();
  for (const id of ['A', 'B'] as const) {
    const badge = h('button', { type: 'button', class: 'state-badge', id: `${p}-${id}-state` });
    badge.addEventListener('mouseenter', () => inspectEndpoint(id));
    badge.addEventListener('focus', () => inspectEndpoint(id));
    badge.addEventListener('click', () => inspectEndpoint(id));
    const buttons = new Map<UserCall, HTMLElement>();
    const bytes = ce('vscode-textfield', { id: `${p}-${id}-bytes`, type: 'number', value: '100', min: '1', max: '1000000', 'aria-label': strings.bytesLabel, class: 'bytes' }) as HTMLElement & {
      value: string;
    };
    const callRow = h('div', { class: 'calls', role: 'group', 'aria-label': format(strings.endpointTitle, { name: id }) });
    for (const call of CALLS) {
      const b = ce('vscode-button', { 'data-call': call, id: `${p}-${id}-${call}`, secondary: '' }, `${call}()`);
      b.addEventListener('click', () => {
        if (b.getAttribute('aria-disabled') === 'true') {
          ctx.announce(b.title);
          return;
        }
        // send, close and abort act on the socket the sockets picker names (listen and connect open new ones).
        const conn = call === 'listen' || call === 'connect' ? {} : (socketCalls.get(id)?.picked() ?? {});
        if (call === 'send') {
          const n = Number(bytes.value);
          ctx.post({ type: 'sandbox/call', endpoint: id, call, bytes: Number.isInteger(n) && n > 0 ? Math.min(n, 1_000_000) : 100, ...conn });
        } else {
          ctx.post({ type: 'sandbox/call', endpoint: id, call, ...conn });
        }
      });
      buttons.set(call, b);
      callRow.append(b);
      if (call === 'send') callRow.append(bytes);
    }
    const more = renderSocketCalls(strings, p, id, (intent) => ctx.post(intent));
    socketCalls.set(id, more);
    const hood = h('div', { class: 'hood', id: `${p}-${id}-hood` });
    const diagram = renderDiagram(ctx.diagram, strings, { onSelect: () => undefined }, { interactive: false });
    diagram.element.classList.add('compact', 'mini');
    diagram.element.id = `${p}-${id}-diagram`;
    const status = h('p', { class: 'endpoint-status', id: `${p}-${id}-status`, 'aria-live': 'polite' });
    const root = h('section', { class: `sb-endpoint sb-${id}`, id: `${p}-${id}`, 'aria-labelledby': `${p}-${id}-title` }, h('h3', { id: `${p}-${id}-title` }, format(strings.endpointTitle, { name: id }), ' ', badge), callRow, more.element, status, hood, diagram.element);
    endpoints.set(id, { root, badge, buttons, bytes, status, diagram, callRow, hood });
  }

  // --- the network ---------------------------------------------------------------------
  const ladder = renderLadder(strings, {
    onInspect: (seg) => {
      if (seg) inspectSegment(seg);
      else if (pinned) inspectSegment(pinned);
    },
  });
  const flightList = h('ul', { id: `${p}-in-flight`, class: 'in-flight', 'aria-label': strings.inFlightTitle });
  const deliverAll = ce('vscode-button', { id: `${p}-deliver-all` }, strings.deliverAll);
  deliverAll.addEventListener('click', () => ctx.post({ type: 'sandbox/deliverAll' }));
  const advance = ce('vscode-button', { id: `${p}-advance`, secondary: '' }, strings.advanceNone);
  advance.addEventListener('click', () => {
    if (advance.getAttribute('aria-disabled') !== 'true') ctx.post({ type: 'sandbox/advance' });
  });
  const clock = h('span', { id: `${p}-clock`, class: 'clock' });
  const forge = renderForge();
  const network = h(
    'section',
    { class: 'sb-network', 'aria-labelledby': `${p}-flight-title` },
    ladder.element,
    h('div', { class: 'network-bar' }, deliverAll, advance, clock),
    h('h3', { id: `${p}-flight-title` }, strings.inFlightTitle),
    flightList,
    forge,
  );

  /** "Forge a segment": an attacker's, or an old duplicate from an earlier connection. The host checks it. */
  function renderForge(): HTMLElement {
    const toB = h('input', { type: 'radio', name: `${p}-forge-to`, id: `${p}-forge-to-b`, value: 'B' });
    const toA = h('input', { type: 'radio', name: `${p}-forge-to`, id: `${p}-forge-to-a`, value: 'A' });
    toB.checked = true;
    const to = h('span', { class: 'forge-flags', role: 'radiogroup', 'aria-label': strings.forgeTo }, h('label', { class: 'forge-flag', for: toA.id }, toA, 'A'), h('label', { class: 'forge-flag', for: toB.id }, toB, 'B'));
    const flags = (['SYN', 'ACK', 'FIN', 'RST', 'PSH'] as const).map((flag) => {
      const box = h('input', { type: 'checkbox', id: `${p}-forge-flag-${flag.toLowerCase()}`, value: flag });
      return { flag, box, label: h('label', { class: 'forge-flag', for: box.id }, box, flag) };
    });
    const number = (id: string, value: string, max: string) => h('input', { type: 'number', id: `${p}-forge-${id}`, class: 'text-input forge-number', min: '0', max, step: '1', value });
    const seq = number('seq', '0', '4294967295');
    const ack = number('ack', '0', '4294967295');
    const len = number('len', '0', '65535');
    const ackBox = flags[1].box;
    const syncAck = () => {
      ack.disabled = !ackBox.checked;
    };
    ackBox.addEventListener('change', syncAck);
    syncAck();
    const send = ce('vscode-button', { id: `${p}-forge-send`, secondary: '' }, strings.forgeSend);
    const whole = (input: HTMLInputElement, max: number): number | null => {
      const n = Number(input.value);
      return input.value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= max ? n : null;
    };
    send.addEventListener('click', () => {
      const chosen = flags.filter((f) => f.box.checked).map((f) => f.flag);
      const s = whole(seq, 0xffffffff);
      const a = ackBox.checked ? whole(ack, 0xffffffff) : null;
      const l = whole(len, 65535);
      if (chosen.length === 0 || s === null || l === null || (ackBox.checked && a === null)) {
        ctx.announce(strings.forgeInvalid);
        return;
      }
      ctx.post({ type: 'sandbox/inject', to: toA.checked ? 'A' : 'B', flags: chosen, seq: s, ack: a, len: l });
    });
    const field = (label: string, control: HTMLElement) => h('span', { class: 'forge-field' }, h('label', { for: control.id }, label), control);
    return h(
      'details',
      { class: 'forge', id: `${p}-forge` },
      h('summary', {}, strings.forgeTitle),
      h('p', { class: 'muted small' }, strings.forgeHint),
      h(
        'div',
        { class: 'forge-row' },
        h('span', { class: 'forge-field' }, h('span', { 'aria-hidden': 'true' }, strings.forgeTo), to),
        h('span', { class: 'forge-flags', role: 'group', 'aria-label': strings.fieldFlags }, ...flags.map((f) => f.label)),
      ),
      h('div', { class: 'forge-row' }, field('seq', seq), field('ack', ack), field(strings.fieldLen, len), send),
    );
  }

  // --- timeline, speed, export -----------------------------------------------------------
  const back = ce('vscode-button', { id: `${p}-back`, secondary: '', 'aria-label': strings.back, title: strings.back }, '◀');
  const forward = ce('vscode-button', { id: `${p}-forward`, secondary: '', 'aria-label': strings.forward, title: strings.forward }, '▶');
  const scrubber = h('input', { type: 'range', id: `${p}-scrubber`, min: '0', max: '0', value: '0', 'aria-label': strings.timelineLabel });
  const timelineStatus = h('span', { id: `${p}-timeline-status`, class: 'muted' });
  const branch = select(`${p}-branch`, strings.branchLabel, [['0', format(strings.branchOption, { n: 1 })]], '0');
  const branchField = labelled(`${p}-branch`, strings.branchLabel, branch);
  // Where the learner asked to go and the host has not answered yet: quick repeated presses
  // count from there, not from the position last drawn.
  let wanted: number | null = null;
  const here = (): number => wanted ?? model?.timeline.position ?? 0;
  const seek = (position: number) => {
    if (!model) return;
    const p = Math.max(0, Math.min(model.timeline.length, position));
    if (p === here()) return;
    wanted = p;
    ctx.post({ type: 'sandbox/seek', position: p });
  };
  back.addEventListener('click', () => seek(here() - 1));
  forward.addEventListener('click', () => seek(here() + 1));
  scrubber.addEventListener('change', () => seek(Number(scrubber.value)));
  branch.addEventListener('change', () => ctx.post({ type: 'sandbox/branch', branch: Number(branch.value) }));
  const speed = select(
    `${p}-speed`,
    strings.speedLabel,
    (['off', 'slow', 'normal', 'fast'] as const).map((v): [string, string] => [v, strings[`speed${v[0].toUpperCase()}${v.slice(1)}` as UiKey]]),
    ctx.speed(),
  );
  speed.addEventListener('change', () => {
    const v = speed.value;
    if (v === 'off' || v === 'slow' || v === 'normal' || v === 'fast') ctx.setSpeed(v);
  });
  const timeline = h(
    'div',
    { class: 'sb-timeline', role: 'group', 'aria-label': strings.timelineLabel },
    back,
    scrubber,
    forward,
    timelineStatus,
    branchField,
    labelled(`${p}-speed`, strings.speedLabel, speed),
  );
  const exports = h('div', { class: 'sb-export' });
  for (const [format_, key] of [
    ['mermaid', 'exportMermaid'],
    ['scenario', 'exportScenario'],
    ['svg', 'exportSvg'],
  ] as const) {
    const b = ce('vscode-button', { id: `${p}-export-${format_}`, secondary: '' }, h('span', { class: 'wrap' }, strings[key]));
    b.addEventListener('click', () => ctx.post({ type: 'sandbox/export', format: format_ }));
    exports.append(b);
  }

  const sockets = renderSockets(strings, p);
  const inspector = h('aside', { id: `${p}-inspector`, class: 'inspector', 'aria-live': 'polite', 'aria-labelledby': `${p}-inspector-title` });
  const problem = h('p', { id: `${p}-problem`, class: 'problem', role: 'alert', hidden: '' });

  const element = h(
    'section',
    { id: options.rootId ?? 'sandbox', class: embedded ? 'sandbox embedded' : 'sandbox', 'aria-label': options.label ?? strings.sandboxTitle },
    embedded ? null : toolbar,
    watch,
    problem,
    h('div', { class: 'sb-grid' }, endpoints.get('A')?.root ?? null, network, endpoints.get('B')?.root ?? null),
    sockets.element,
    timeline,
    h('div', { class: 'sb-bottom' }, inspector, embedded ? null : exports),
  );

  /** 'play' hides every way of acting (calls, segment actions, deliver all, timers); the history stays. */
  function setMode(mode: SandboxMode): void {
    const play = embedded && mode === 'play';
    element.classList.toggle('mode-play', play);
    element.classList.toggle('mode-act', embedded && mode === 'act');
    for (const parts of endpoints.values()) parts.callRow.hidden = play;
    for (const more of socketCalls.values()) more.element.hidden = play;
    deliverAll.hidden = play;
    forge.hidden = play;
    advance.hidden = play;
  }
  setMode(options.mode ?? 'act');

  // Keyboard: with focus anywhere in the sandbox (but not in a text field or slider),
  // the left and right arrow keys step back and forward through the history.
  element.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, vscode-textfield, vscode-single-select')) return;
    if (event.key === 'ArrowLeft' && model) {
      event.preventDefault();
      seek(here() - 1);
    } else if (event.key === 'ArrowRight' && model) {
      event.preventDefault();
      seek(here() + 1);
    }
  });

  // --- the inspector -----------------------------------------------------------------------
  function dl(entries: readonly [string, string][]): HTMLElement {
    return h('dl', {}, ...entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  }

  function checkText(arrival: TraceEvent | null): string {
    if (!arrival) return '';
    const c = arrival.check;
    if (c) {
      const end = (c.rcvNxt + c.rcvWnd) >>> 0;
      const key: UiKey =
        c.reason === 'at-rcv-nxt' ? 'checkAtRcvNxt' : c.reason === 'in-window' ? 'checkInWindow' : c.reason === 'overlaps' ? 'checkOverlaps' : c.reason === 'old-syn' ? 'checkOldSyn' : c.reason === 'old' ? 'checkOld' : 'checkBeyond';
      return format(strings[key], { seq: c.seq, rcvNxt: c.rcvNxt, end });
    }
    const a = arrival.ackCheck;
    if (a) return format(a.acceptable ? strings.ackCheckGood : strings.ackCheckBad, { ack: a.ack, una: a.sndUna, nxt: a.sndNxt });
    return strings.noCheck;
  }

  /** What the inspector shows, so that it is redrawn from each new model (never stale). */
  let inspected: { kind: 'segment'; id: number } | { kind: 'endpoint'; id: EndpointId } | null = null;

  function inspectSegment(seg: LadderSegment): void {
    inspected = { kind: 'segment', id: seg.segment.id };
    const sg = seg.segment;
    const sentAt = rows[seg.sentRow]?.event.t ?? 0;
    const origin = originText(strings, seg);
    inspector.replaceChildren(
      h('h3', { id: `${p}-inspector-title` }, `${sg.from} → ${sg.from === 'A' ? 'B' : 'A'}: ${segmentText(sg)}`),
      dl([
        [strings.fieldFlags, sg.flags.join(', ')],
        [strings.fieldSeq, String(sg.seq)],
        [strings.fieldAck, sg.ack === null ? '—' : String(sg.ack)],
        [strings.fieldLen, String(sg.len)],
        [strings.fieldSentAt, format(strings.clock, { time: sentAt.toFixed(3) })],
        [strings.fieldFate, [fateText(strings, seg), origin].filter(Boolean).join(', ')],
        ...(seg.fate === 'delivered' ? ([[strings.fieldCheck, checkText(seg.arrival)]] as [string, string][]) : []),
      ]),
    );
  }

  function inspectEndpoint(id: EndpointId): void {
    const e = model?.endpoints[id];
    if (!e) return;
    inspected = { kind: 'endpoint', id };
    const n = (v: number | null) => (v === null ? '—' : String(v));
    inspector.replaceChildren(
      h('h3', { id: `${p}-inspector-title` }, `${format(strings.endpointTitle, { name: id })}: ${e.state}`),
      h('p', { class: 'muted' }, strings.tcbTitle),
      dl([
        ['ISS', n(e.tcb.iss)],
        ['SND.UNA', n(e.tcb.sndUna)],
        ['SND.NXT', n(e.tcb.sndNxt)],
        ['IRS', n(e.tcb.irs)],
        ['RCV.NXT', n(e.tcb.rcvNxt)],
        ['RCV.WND', String(e.tcb.rcvWnd)],
      ]),
    );
  }

  function resetInspector(): void {
    pinned = null;
    inspected = null;
    inspector.replaceChildren(h('h3', { id: `${p}-inspector-title` }, strings.inspectorTitle), h('p', { class: 'muted' }, strings.inspectorHint));
  }
  resetInspector();

  // --- drawing a model ---------------------------------------------------------------------
  function endpointStatus(e: SandboxEndpointModel): string {
    const parts: string[] = [];
    if (e.error) parts.push(strings[e.error === 'refused' ? 'errorRefused' : e.error === 'reset' ? 'errorReset' : 'errorTimeout']);
    if (e.appClosed) parts.push(strings.appClosed);
    if (e.pendingSend > 0) parts.push(format(strings.pendingSend, { bytes: e.pendingSend }));
    if (e.delivered > 0) parts.push(format(strings.deliveredBytes, { bytes: e.delivered }));
    return parts.join(' ');
  }

  /**
   * The neighbourhood of the current state: the arrow that led here, and every arrow out of
   * it under the protocol in use. The whole diagram at 100 px is a picture; this can be read.
   */
  function drawHood(parts: EndpointParts, e: SandboxEndpointModel, variant: string): void {
    const usable = (origin: string) => origin === 'standard' || origin === 'implementation' || origin === variant;
    const last = e.lastTransition ? ctx.diagram.edges.find((x) => x.id === e.lastTransition) : undefined;
    const out = ctx.diagram.edges.filter((x) => x.from === e.state && x.points.length > 0 && usable(x.origin));
    const arrow = (to: string, label: string, cls: string) => h('li', { class: cls }, h('span', { class: 'hood-arrow', 'aria-hidden': 'true' }, '→'), ' ', h('strong', {}, to), ' ', h('span', { class: 'hood-label' }, label));
    const children: HTMLElement[] = [];
    if (last) children.push(h('p', { class: 'hood-from muted' }, format(strings.hoodFrom, { state: last.from, label: last.text.label })));
    if (out.length > 0) {
      children.push(h('p', { class: 'hood-title muted' }, strings.hoodNext), h('ul', { class: 'hood-next' }, ...out.map((x) => arrow(x.to, x.text.label, x.origin === 'standard' ? 'std' : 'other'))));
    }
    parts.hood.replaceChildren(...children);
  }

  function drawEndpoint(id: EndpointId, e: SandboxEndpointModel, variant: string): void {
    const parts = endpoints.get(id);
    if (!parts) return;
    drawHood(parts, e, variant);
    parts.badge.textContent = e.state;
    parts.badge.setAttribute('aria-label', `${format(strings.endpointTitle, { name: id })}: ${e.state}`);
    parts.diagram.setHighlight(e.state, e.lastTransition);
    parts.diagram.element.setAttribute('aria-label', `${format(strings.endpointTitle, { name: id })}: ${e.state}`);
    for (const [call, b] of parts.buttons) {
      const legal = e.calls[call];
      if (legal.legal) {
        b.removeAttribute('aria-disabled');
        b.removeAttribute('title');
        b.classList.remove('illegal');
      } else {
        const reason = format(strings[REASON_KEYS[legal.code ?? ''] ?? 'reasonDoesNotExist'], { call, state: e.state });
        b.setAttribute('aria-disabled', 'true');
        b.setAttribute('title', reason);
        b.classList.add('illegal');
      }
    }
    parts.status.textContent = endpointStatus(e);
    parts.status.classList.toggle('error', e.error !== null);
  }

  function drawFlight(m: SandboxModel): void {
    const segs = new Map(ladder.segments().map((sg) => [sg.segment.id, sg]));
    const items: HTMLElement[] = [];
    for (const from of ['A', 'B'] as const) {
      m.inFlight[from].forEach((id, index) => {
        const seg = segs.get(id);
        if (!seg) return;
        const text = segmentText(seg.segment);
        const to = from === 'A' ? 'B' : 'A';
        const actions = h('span', { class: 'actions' });
        const add = (label: string, action: 'deliver' | 'drop' | 'duplicate', extra = '') => {
          const b = ce('vscode-button', { secondary: '', 'data-action': action, 'data-segment': String(id), 'aria-label': `${label}: ${from} → ${to} ${text}` }, label);
          b.className = extra;
          b.addEventListener('click', () => ctx.post({ type: 'sandbox/network', action, segment: id }));
          actions.append(b);
        };
        add(index === 0 ? strings.deliver : strings.deliverFirst, 'deliver', index === 0 ? '' : 'overtake');
        add(strings.drop, 'drop');
        add(strings.duplicate, 'duplicate');
        const origin = originText(strings, seg);
        const li = h('li', { 'data-segment': String(id) }, h('span', { class: 'flight-text' }, `${from} → ${to}: ${text}${origin ? ` (${origin})` : ''}`), actions);
        li.addEventListener('mouseenter', () => inspectSegment(seg));
        li.addEventListener('focusin', () => inspectSegment(seg));
        items.push(li);
      });
    }
    if (items.length === 0) items.push(h('li', { class: 'muted' }, strings.inFlightEmpty));
    flightList.replaceChildren(...items);
    deliverAll.toggleAttribute('disabled', m.inFlight.A.length + m.inFlight.B.length === 0);
  }

  function announceStep(m: SandboxModel): void {
    if (!m.lastStepRows) return;
    const [from, to] = m.lastStepRows;
    const sentences: string[] = [];
    for (let r = from; r <= to && sentences.length < 4; r++) {
      const e = rows[r]?.event;
      if (!e || !e.from || !e.to) continue;
      let text = e.from !== e.to ? format(strings.announceMove, { endpoint: e.endpoint, from: e.from, to: e.to }) : format(strings.announceStay, { endpoint: e.endpoint, state: e.to });
      if (e.sent && e.sent.length > 0) text += `, ${format(strings.announceSent, { segments: e.sent.map(segmentText).join('; ') })}`;
      sentences.push(text);
    }
    ctx.announce(sentences.length > 0 ? sentences.join('. ') : strings.announceNothing);
  }

  return {
    element,
    setMode,
    model: () => model,
    update(m) {
      model = m;
      if (wanted === m.timeline.position || wanted === null || wanted > m.timeline.length) wanted = null;
      // In place: on a long history a step appends a few rows to thousands.
      let unchangedBefore = Math.min(m.rowsFrom, rows.length);
      rows.length = unchangedBefore;
      for (const row of m.rows) rows.push(row);
      if (rows.length !== m.rowCount) {
        // Out of step with the host (should not happen): ask for everything again.
        rows.length = 0;
        unchangedBefore = 0;
        ctx.post({ type: 'sandbox/seek', position: m.timeline.position });
      }
      preset.value = m.preset ?? '';
      // A narrow select cuts the story's name: the whole name is its tooltip.
      const presetTitle = ctx.presets.find((x) => x.id === m.preset)?.title ?? strings.presetNone;
      preset.setAttribute('title', presetTitle);
      profile.value = m.settings.profile;
      variant.value = m.settings.variant;
      delayedAck.checked = m.settings.delayedAck;
      const variantName = m.settings.variant === 'two-way-handshake' ? strings.variantTwoWay : m.settings.variant === 'no-time-wait' ? strings.variantNoTimeWait : strings.variantStandard;
      const profileName = m.settings.profile === 'linux' ? strings.profileLinux : m.settings.profile === 'linux-classic' ? strings.profileLinuxClassic : strings.profileRfc;
      const changed = m.presetChanged ? ` · ${format(strings.presetChanged, { variant: variantName, profile: profileName })}` : '';
      const note = m.presetChanged ? [h('br'), h('em', { class: 'watch-changed' }, format(strings.presetChangedNote, { variant: variantName, profile: profileName }))] : [];
      watch.replaceChildren(...(m.watch ? [h('strong', {}, `${strings.watchFor}: `), m.watch, ...note] : m.title ? [h('strong', {}, m.title), changed] : []));
      watch.hidden = !m.watch && !m.title;
      problem.textContent = m.problem ? format(strings.problem, { detail: m.problem }) : '';
      problem.hidden = !m.problem;
      drawEndpoint('A', m.endpoints.A, m.settings.variant);
      drawEndpoint('B', m.endpoints.B, m.settings.variant);
      sockets.update(m.sockets);
      for (const [id, more] of socketCalls) more.update(m.sockets[id]);
      const animate = reducedMotion() ? 0 : SPEED_MS[ctx.speed()];
      ladder.update(rows, unchangedBefore, [...m.inFlight.A, ...m.inFlight.B], m.lastStepRows, animate);
      drawFlight(m);
      const timer = m.nextTimer;
      if (timer) {
        advance.replaceChildren(h('span', { class: 'wrap' }, format(strings.advance, { timer: strings[TIMER_KEYS[timer.name] ?? 'timerRetransmit'], endpoint: timer.endpoint, time: timer.due.toFixed(3) })));
        advance.removeAttribute('aria-disabled');
      } else {
        advance.replaceChildren(h('span', { class: 'wrap' }, strings.advanceNone));
        advance.setAttribute('aria-disabled', 'true');
      }
      clock.textContent = format(strings.clock, { time: m.clock.toFixed(3) });
      scrubber.setAttribute('max', String(m.timeline.length));
      scrubber.value = String(m.timeline.position);
      scrubber.setAttribute('aria-valuetext', format(strings.timelineStatus, { position: m.timeline.position, length: m.timeline.length }));
      timelineStatus.textContent = format(strings.timelineStatus, { position: m.timeline.position, length: m.timeline.length });
      back.toggleAttribute('disabled', m.timeline.position === 0);
      forward.toggleAttribute('disabled', m.timeline.position >= m.timeline.length);
      branchField.hidden = m.timeline.branches < 2;
      if (m.timeline.branches >= 2) {
        branch.replaceChildren(
          ...Array.from({ length: m.timeline.branches }, (_x, i) =>
            ce('vscode-option', i === m.timeline.branch ? { value: String(i), selected: '' } : { value: String(i) }, format(strings.branchOption, { n: i + 1 })),
          ),
        );
        branch.value = String(m.timeline.branch);
      }
      // Redraw what the inspector shows from the new model; drop it if it no longer exists.
      const subject = inspected;
      if (subject?.kind === 'endpoint') inspectEndpoint(subject.id);
      else if (subject?.kind === 'segment') {
        const seg = ladder.segments().find((x) => x.segment.id === subject.id);
        if (seg) inspectSegment(seg);
        else resetInspector();
      }
      announceStep(m);
    },
  };
}
