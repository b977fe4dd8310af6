/**
 * The capture editor's page: the connection list of a pcap/pcapng file and, for the chosen
 * connection, the sandbox's ladder (the same geometry, src/shared/ladder.ts) with each
 * endpoint's state column beside its time line. Proven states are solid boxes; inferred ones
 * dashed boxes in italics, so the difference never rests on colour alone. Clicking (or
 * focusing and pressing Enter on) a segment shows its fields and the receiver's
 * acceptability check. It draws what the host decided; it decides nothing about TCP.
 */
import type { CaptureDetail, CaptureSegmentView, CaptureStateView, CaptureSummary } from '../../src/shared/capture/model';
import type { CaptureKey, CaptureStrings, FromCaptureMessage, ToCaptureMessage } from '../../src/shared/capture/messages';
import type { LadderMetrics } from '../../src/shared/ladder';
import { ladderMetrics, rowY, shortStateName, spans, visibleRows } from '../../src/shared/ladder';
import { format, h, s } from '../dom';

interface VsCodeApi {
  postMessage(message: FromCaptureMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

let strings: CaptureStrings | null = null;
let summary: CaptureSummary | null = null;
let detail: CaptureDetail | null = null;
let selected: number | null = null;
let chosenSegment: number | null = null;

const t = (key: CaptureKey, values: Readonly<Record<string, string | number>> = {}): string => format((strings as CaptureStrings)[key], values);

function post(message: FromCaptureMessage): void {
  vscode.postMessage(message);
}

// ---------------------------------------------------------------------------------------
// Layout

const header = h('header', { class: 'cap-header' });
const listSection = h('section', { class: 'cap-list', 'aria-labelledby': 'cap-list-heading' });
const detailSection = h('section', { class: 'cap-detail', 'aria-live': 'polite' });
const live = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
app.replaceChildren(header, listSection, detailSection, live);

function present(...nodes: (Node | null)[]): Node[] {
  return nodes.filter((n): n is Node => n !== null);
}

function seconds(v: number): string {
  return t('seconds', { value: v < 1 ? v.toFixed(6) : v.toFixed(3) });
}

function renderSummary(): void {
  const sm = summary as CaptureSummary;
  document.title = t('title', { file: sm.file });
  header.replaceChildren(
    ...present(h('h1', {}, t('title', { file: sm.file })),
    h('p', { class: 'cap-summary' }, t('summary', { format: sm.format, linktype: sm.linktype, packets: sm.packets, tcp: sm.tcp, connections: sm.connections.length })),
    sm.truncated ? h('p', { class: 'cap-warning', role: 'alert' }, t('truncated', { packet: sm.truncated.packet, message: sm.truncated.message })) : null),
  );
  const heading = h('h2', { id: 'cap-list-heading' }, t('connectionsHeading'));
  if (sm.connections.length === 0) {
    listSection.replaceChildren(heading, h('p', {}, t('noConnections')));
    return;
  }
  const head = h(
    'tr',
    {},
    ...(['colClient', 'colServer', 'colSegments', 'colDuration', 'colEnded', 'colFindings'] as const).map((k) => h('th', { scope: 'col' }, t(k))),
  );
  const rows = sm.connections.map((c) => {
    const findings = c.findings.length > 0 ? c.findings.map((f) => t(`finding.${f}` as CaptureKey)).join(t('listSeparator')) : t('noFindings');
    const button = h('button', { class: 'cap-pick', type: 'button', 'data-connection': String(c.id), 'aria-pressed': String(c.id === selected) }, c.client);
    button.addEventListener('click', () => choose(c.id));
    return h(
      'tr',
      { class: c.id === selected ? 'selected' : '', 'data-connection': String(c.id) },
      h('td', {}, button, c.partial ? h('span', { class: 'cap-tag' }, t('partial')) : null),
      h('td', {}, c.server),
      h('td', { class: 'num' }, String(c.segments)),
      h('td', { class: 'num' }, seconds(c.duration)),
      h('td', { 'data-ending': c.ending }, t(`ending.${c.ending}` as CaptureKey)),
      h('td', { 'data-findings': c.findings.join(' ') }, findings),
    );
  });
  listSection.replaceChildren(heading, h('div', { class: 'cap-table-wrap' }, h('table', { class: 'cap-table' }, h('thead', {}, head), h('tbody', {}, ...rows))));
  if (selected === null) detailSection.replaceChildren(h('p', { class: 'muted' }, t('selectHint')));
}

function choose(id: number): void {
  selected = id;
  chosenSegment = null;
  for (const b of listSection.querySelectorAll<HTMLButtonElement>('button.cap-pick')) b.setAttribute('aria-pressed', String(b.dataset.connection === String(id)));
  for (const tr of listSection.querySelectorAll<HTMLElement>('tbody tr')) tr.classList.toggle('selected', tr.dataset.connection === String(id));
  post({ type: 'capture/select', id });
}

// ---------------------------------------------------------------------------------------
// The ladder with state columns

/** One drawn row: a segment (with the states it started), or extra states on the same segment. */
interface Row {
  readonly segment: number | null;
  readonly client: CaptureStateView | null;
  readonly server: CaptureStateView | null;
}

function buildRows(d: CaptureDetail): Row[] {
  const at = new Map<number, { client: CaptureStateView[]; server: CaptureStateView[] }>();
  for (const st of d.states) {
    const e = at.get(st.segment) ?? { client: [], server: [] };
    e[st.side].push(st);
    at.set(st.segment, e);
  }
  const rows: Row[] = [];
  const push = (segment: number | null, key: number) => {
    const e = at.get(key) ?? { client: [], server: [] };
    const n = Math.max(1, e.client.length, e.server.length);
    for (let k = 0; k < n; k++) rows.push({ segment: k === 0 ? segment : null, client: e.client[k] ?? null, server: e.server[k] ?? null });
  };
  if (at.has(-1)) push(null, -1);
  d.segments.forEach((_, i) => push(i, i));
  return rows;
}

function segmentLabel(sg: CaptureSegmentView): string {
  const parts = [sg.flags, `seq=${sg.relSeq}`];
  if (sg.relAck !== null) parts.push(`ack=${sg.relAck}`);
  if (sg.len > 0) parts.push(`len=${sg.len}`);
  return parts.join(' ');
}

let ladderState: { rows: Row[]; scroller: HTMLElement; svg: SVGSVGElement; frame: number } | null = null;

function stateBox(m: LadderMetrics, y: number, st: CaptureStateView, sideName: string): SVGGElement {
  const left = st.side === 'client';
  const width = m.compact ? 70 : 118;
  const x = left ? m.xA - 10 - width : m.xB + 10;
  const g = s('g', {
    class: `cap-state ${st.proven ? 'proven' : 'inferred'}`,
    'data-side': st.side,
    'data-state': st.state,
    'data-proven': String(st.proven),
    role: 'img',
    'aria-label': t('stateAria', { side: sideName, state: st.state, kind: st.proven ? t('proven') : t('inferred') }),
  });
  g.append(
    s('rect', { x, y: y - 10, width, height: 20, rx: st.proven ? 0 : 8 }),
    s('text', { x: x + width / 2, y: y + 4, 'text-anchor': 'middle' }, m.compact ? shortStateName(st.state) : st.state),
  );
  return g;
}

function drawLadder(): void {
  if (!ladderState || !detail) return;
  ladderState.frame = 0;
  const { rows, scroller, svg } = ladderState;
  const d = detail;
  const width = scroller.clientWidth || 640;
  const base = ladderMetrics(width);
  // Room for a state column outside each time line.
  const side = base.compact ? 96 : 190;
  const m: LadderMetrics = { ...base, xA: side, xB: base.width - (base.compact ? 86 : 140) };
  const height = m.top + rows.length * m.rowHeight + 16;
  svg.setAttribute('width', String(m.width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${m.width} ${height}`);
  svg.classList.toggle('compact', m.compact);
  const [first, last] = visibleRows(m, scroller.scrollTop, scroller.clientHeight || 480, rows.length);
  const parts: SVGElement[] = [
    s('defs', {}, s('marker', { id: 'cap-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'ladder-arrowhead' }))),
    s('line', { class: 'timeline', x1: m.xA, y1: 0, x2: m.xA, y2: height }),
    s('line', { class: 'timeline', x1: m.xB, y1: 0, x2: m.xB, y2: height }),
  ];
  // The state each side is in runs down its column, solid while proven, dashed while inferred.
  for (const sideId of ['client', 'server'] as const) {
    const starts = rows.map((r, i) => ({ st: r[sideId], i })).filter((x) => x.st !== null) as { st: CaptureStateView; i: number }[];
    starts.forEach(({ st, i }, k) => {
      const end = k + 1 < starts.length ? starts[k + 1].i : rows.length;
      if (!spans(i, end, first, last)) return;
      const x = sideId === 'client' ? m.xA - 6 : m.xB + 6;
      parts.push(s('line', { class: `cap-state-run ${st.proven ? 'proven' : 'inferred'}`, x1: x, y1: rowY(m, i) + 10, x2: x, y2: rowY(m, end) - 10 }));
    });
  }
  for (let r = first; r <= Math.min(last, rows.length - 1); r++) {
    const row = rows[r];
    const y = rowY(m, r);
    const g = s('g', { class: 'row', 'data-row': r });
    if (row.segment !== null && !m.compact) g.append(s('text', { class: 'row-time', x: 4, y: y + 4 }, d.segments[row.segment].t.toFixed(6)));
    if (row.client) g.append(stateBox(m, y, row.client, t('client')));
    if (row.server) g.append(stateBox(m, y, row.server, t('server')));
    parts.push(g);
    if (row.segment === null) continue;
    const i = row.segment;
    const sg = d.segments[i];
    const fromClient = sg.from === 'client';
    const x1 = fromClient ? m.xA : m.xB;
    const x2 = fromClient ? m.xB : m.xA;
    const label = segmentLabel(sg);
    const classes = ['segment', 'delivered', sg.retransmission ? 'retransmit' : 'sent'];
    if (sg.flags.includes('RST')) classes.push('rst');
    if (sg.check && !sg.check.acceptable) classes.push('unacceptable');
    if (i === chosenSegment) classes.push('chosen');
    const seg = s('g', {
      class: classes.join(' '),
      'data-segment': i,
      tabindex: 0,
      role: 'button',
      'aria-pressed': String(i === chosenSegment),
      'aria-label': t('segmentAria', { packet: sg.packet, from: fromClient ? t('client') : t('server'), to: fromClient ? t('server') : t('client'), text: label }),
    });
    const line = s('line', { class: 'segment-line', x1, y1: y - 6, x2, y2: y + 6, 'marker-end': 'url(#cap-arrow)' });
    seg.append(s('line', { class: 'segment-hit', x1, y1: y - 6, x2, y2: y + 6 }), line);
    seg.append(s('text', { class: 'segment-label', x: (x1 + x2) / 2, y: y - 5, 'text-anchor': 'middle' }, m.compact ? sg.flags : sg.retransmission ? `${label} ↻` : label));
    const pick = () => showSegment(i);
    seg.addEventListener('click', pick);
    seg.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        pick();
      }
    });
    parts.push(seg);
  }
  svg.replaceChildren(...parts);
}

function scheduleDraw(): void {
  if (ladderState && !ladderState.frame) ladderState.frame = requestAnimationFrame(drawLadder);
}

function renderDetail(): void {
  const d = detail as CaptureDetail;
  const row = summary?.connections[d.id];
  if (!row) return;
  const open = h('button', { type: 'button', class: 'cap-open', title: t('openInSandboxHint') }, t('openInSandbox'));
  open.addEventListener('click', () => post({ type: 'capture/openInSandbox', id: d.id }));
  const svg = s('svg', { class: 'ladder cap-ladder', role: 'group', 'aria-label': t('ladderLabel') });
  const scroller = h('div', { class: 'ladder-scroll cap-scroll', tabindex: '-1' }, svg);
  const headerRow = h('div', { class: 'cap-ladder-header' }, h('span', { class: 'cap-side-client' }, t('clientLabel', { address: row.client })), h('span', { class: 'cap-side-server' }, t('serverLabel', { address: row.server })));
  const legend = h(
    'ul',
    { class: 'cap-legend' },
    h('li', { class: 'proven' }, h('span', { class: 'cap-key proven', 'aria-hidden': 'true' }), t('legendProven')),
    h('li', { class: 'inferred' }, h('span', { class: 'cap-key inferred', 'aria-hidden': 'true' }), t('legendInferred')),
  );
  const fields = h('div', { class: 'cap-fields', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('detailsEmpty')));
  detailSection.replaceChildren(
    ...present(h('h2', {}, `${row.client} → ${row.server}`),
    h('p', { class: 'cap-final' }, t('finalStates', { client: row.final.client, server: row.final.server })),
    h('p', {}, open),
    legend,
    d.total > d.segments.length ? h('p', { class: 'cap-warning' }, t('moreSegments', { shown: d.segments.length, total: d.total })) : null,
    h('p', { class: 'muted' }, t('relativeNote')),
    h('div', { class: 'ladder-wrap' }, headerRow, scroller),
    fields),
  );
  ladderState = { rows: buildRows(d), scroller, svg, frame: 0 };
  scroller.addEventListener('scroll', scheduleDraw, { passive: true });
  new ResizeObserver(scheduleDraw).observe(scroller);
  drawLadder();
  live.textContent = `${row.client} → ${row.server}`;
}

function showSegment(i: number): void {
  const d = detail;
  if (!d) return;
  chosenSegment = i;
  const sg = d.segments[i];
  const fromClient = sg.from === 'client';
  const fields = detailSection.querySelector('.cap-fields');
  if (!fields) return;
  const item = (k: CaptureKey, v: string) => [h('dt', {}, t(k)), h('dd', {}, v)];
  const list = h(
    'dl',
    {},
    ...item('fieldTime', seconds(sg.t)),
    ...item('fieldFlags', sg.flags),
    ...item('fieldSeq', t('relative', { rel: sg.relSeq, raw: sg.seq })),
    ...item('fieldAck', sg.ack === null || sg.relAck === null ? t('none') : t('relative', { rel: sg.relAck, raw: sg.ack })),
    ...item('fieldLen', String(sg.len)),
    ...item('fieldWindow', String(sg.window)),
    ...item('fieldOptions', sg.options || t('none')),
  );
  const c = sg.check;
  const check = c
    ? h(
        'div',
        { class: `cap-check ${c.acceptable ? 'ok' : 'bad'}` },
        h('h3', {}, t('checkTitle')),
        h('p', { class: 'cap-check-values' }, t('checkText', { seq: c.seq, len: c.len, rcvNxt: c.rcvNxt, rcvWnd: c.rcvWnd === null ? t('unknownWindow') : c.rcvWnd })),
        h('p', { class: 'cap-verdict' }, t('verdict', { verdict: `${c.acceptable ? '✓' : '✗'} ${c.acceptable ? t('checkAcceptable') : t('checkNotAcceptable')}`, reason: t(`reason.${c.reason}` as CaptureKey) })),
      )
    : h('div', { class: 'cap-check' }, h('h3', {}, t('checkTitle')), h('p', {}, t('checkNone')));
  fields.replaceChildren(
    ...present(h('h3', {}, t('detailsTitle', { packet: sg.packet, from: fromClient ? t('client') : t('server'), to: fromClient ? t('server') : t('client') })),
    list,
    sg.retransmission ? h('p', { class: 'cap-warning' }, t('fieldRetransmission')) : null,
    check),
  );
  drawLadder();
}

// ---------------------------------------------------------------------------------------
// Messages

window.addEventListener('message', (event: MessageEvent<ToCaptureMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'capture/progress':
      if (strings) live.textContent = t('reading', { percent: Math.floor((m.bytes / Math.max(1, m.total)) * 100) });
      return;
    case 'capture/error':
      strings = m.strings;
      document.documentElement.lang = m.locale === 'zh-cn' ? 'zh-CN' : 'en';
      header.replaceChildren(h('h1', {}, t('title', { file: m.file })), h('p', { class: 'cap-error', role: 'alert' }, t('errorLine', { title: t('errorTitle'), message: m.message })));
      listSection.replaceChildren();
      detailSection.replaceChildren();
      app.dataset.ready = 'true';
      return;
    case 'capture/init':
      strings = m.strings;
      summary = m.summary;
      document.documentElement.lang = m.locale === 'zh-cn' ? 'zh-CN' : 'en';
      if (m.selected !== null) selected = m.selected;
      renderSummary();
      if (detail && summary.connections[detail.id]) renderDetail();
      app.dataset.ready = 'true';
      return;
    case 'capture/detail':
      detail = m.detail;
      selected = m.detail.id;
      if (strings && summary) renderDetail();
      return;
  }
});

post({ type: 'capture/ready' });
