/**
 * The Connections tab: a state histogram, the doctor's findings, the kernel settings (live
 * Linux), and a sortable, filterable, virtualised table of sockets, grouped or not. It draws
 * what the host sends (a summary, then rows in chunks) and sends intents back; it decides
 * nothing about TCP. Only the rows on screen exist in the DOM, so 100k sockets stay quick.
 */
import type { ConnectionsSummary, DoctorUiStrings, RowsChunk, ToConnectionsMessage, WebviewMessage } from '../src/shared/protocol';
import { STATE_IDS } from '../src/shared/vocabulary';
import { ce, format, h, s } from './dom';

export interface ConnectionsOptions {
  readonly post: (message: WebviewMessage) => void;
  readonly announce: (text: string) => void;
  /** Switches the panel to the course tab (after "open the lesson"). */
  readonly showCourse: () => void;
}

export interface ConnectionsView {
  readonly element: HTMLElement;
  receive(message: ToConnectionsMessage): void;
  /** The tab is on screen (or not): the host refreshes only while it is. */
  setVisible(visible: boolean): void;
}

type Group = 'none' | 'local' | 'remote';
type SortKey = 'local' | 'remote' | 'state' | 'pid' | 'process' | 'group' | 'count';

/** Every socket received so far, column by column (as the host sends them). */
interface Rows {
  generation: number;
  length: number;
  local: string[];
  remote: string[];
  state: number[];
  pid: (number | null)[];
  process: (string | null)[];
}

interface GroupRow {
  readonly key: string;
  readonly count: number;
  readonly states: string;
}

const ROW_HEIGHT = 24;
const OVERSCAN = 8;

const emptyRows = (generation: number): Rows => ({ generation, length: 0, local: [], remote: [], state: [], pid: [], process: [] });

/** The port of `ip:port` / `[ip]:port` as a number (`*` sorts first). */
function portOf(address: string): number {
  const cut = address.lastIndexOf(':');
  const p = Number(address.slice(cut + 1));
  return Number.isFinite(p) ? p : -1;
}

function hostOf(address: string): string {
  const cut = address.lastIndexOf(':');
  return cut < 0 ? address : address.slice(0, cut);
}

export function renderConnections(options: ConnectionsOptions): ConnectionsView {
  let strings: DoctorUiStrings | null = null;
  let summary: ConnectionsSummary | null = null;
  let rows: Rows = emptyRows(-1);
  let visible = false;
  let group: Group = 'none';
  let stateFilter = -1;
  let filter = '';
  let sortKey: SortKey = 'state';
  let sortAscending = true;
  /** The rows (indices into `rows`) or groups shown, in order. */
  let order: Uint32Array = new Uint32Array(0);
  let groups: GroupRow[] = [];

  const element = h('div', { class: 'connections', id: 'connections' });
  const status = h('p', { class: 'connections-status muted', id: 'connections-status', 'aria-live': 'polite' });
  const controls = h('div', { class: 'toolbar', role: 'toolbar' });
  const notices = h('div', { class: 'connections-notices' });
  const histogram = h('section', { class: 'connections-histogram', id: 'connections-histogram' });
  const findings = h('section', { class: 'connections-findings', id: 'connections-findings' });
  const sysctls = h('section', { class: 'connections-sysctls', id: 'connections-sysctls' });
  const tableControls = h('div', { class: 'toolbar connections-table-controls' });
  const tableHead = h('div', { class: 'conn-row conn-head', role: 'row', 'aria-rowindex': '1' });
  const spacer = h('div', { class: 'conn-spacer' });
  const body = h('div', { class: 'conn-body', role: 'rowgroup' });
  const scroller = h('div', { class: 'conn-scroller', id: 'connections-scroller', tabindex: '0' }, spacer, body);
  const table = h('div', { class: 'conn-table', role: 'table', id: 'connections-table' }, h('div', { role: 'rowgroup' }, tableHead), scroller);
  const shown = h('p', { class: 'muted', id: 'connections-shown', 'aria-live': 'polite' });
  const tableSection = h('section', { class: 'connections-table-section' });

  let groupSelect: HTMLSelectElement | null = null;
  let stateSelect: HTMLSelectElement | null = null;
  let filterInput: HTMLInputElement | null = null;

  scroller.addEventListener('scroll', () => drawRows());
  new ResizeObserver(() => drawRows()).observe(scroller);

  function post(message: WebviewMessage): void {
    options.post(message);
  }

  function button(id: string, label: string, onClick: () => void, secondary = true): HTMLElement {
    const b = ce('vscode-button', secondary ? { id, secondary: '' } : { id }, label);
    b.addEventListener('click', onClick);
    return b;
  }

  function drawHeader(): void {
    if (!strings || !summary) return;
    const t = strings;
    element.dataset.source = summary.source;
    const parts = [summary.source === 'live' ? t.sourceLive : `${t.sourcePasted}: ${summary.title ?? ''}`];
    if (summary.format) parts.push(format(t.formatLabel, { format: summary.format }));
    parts.push(format(t.total, { total: summary.total }));
    if (summary.updated) parts.push(summary.updated);
    if (summary.paused && summary.source === 'live') parts.push(t.paused);
    status.textContent = parts.join(' · ');
    const buttons: HTMLElement[] = [];
    if (summary.source === 'live' && summary.liveAvailable) {
      buttons.push(button('connections-pause', summary.paused ? t.resume : t.pause, () => post({ type: 'connections/pause', paused: !summary?.paused })));
      buttons.push(button('connections-refresh', t.refreshNow, () => post({ type: 'connections/refresh' })));
    }
    if (summary.source === 'pasted' && summary.liveAvailable) buttons.push(button('connections-live', t.backToLive, () => post({ type: 'connections/live' })));
    controls.replaceChildren(...buttons);
    controls.setAttribute('aria-label', t.title);
    const n: HTMLElement[] = [];
    if (!summary.liveAvailable && summary.source === 'live') n.push(h('p', { class: 'notice' }, t.unavailable));
    if (summary.error) n.push(h('p', { class: 'notice error', role: 'alert' }, summary.error));
    for (const note of summary.notes) n.push(h('p', { class: 'muted note' }, note));
    notices.replaceChildren(...n);
  }

  function drawHistogram(): void {
    if (!strings || !summary) return;
    const t = strings;
    const max = summary.states.reduce((m, b) => Math.max(m, b.count), 1);
    const items = summary.states.map((b) => {
      const spelling = b.ss === b.netstat ? b.ss : `${b.ss} / ${b.netstat}`;
      const width = b.count === 0 ? 0 : Math.max(0.5, (b.count / max) * 100);
      return h(
        'li',
        { class: `bar${b.count === 0 ? ' zero' : ''}`, 'data-state': b.id, 'aria-label': format(t.barAria, { state: b.id, spelling, count: b.count }) },
        h('span', { class: 'bar-name', 'aria-hidden': 'true' }, b.id, ' ', h('span', { class: 'muted' }, spelling)),
        s('svg', { class: 'bar-track', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' }, s('rect', { class: 'bar-fill', x: 0, y: 0, width, height: 10 })),
        h('span', { class: 'bar-count', 'aria-hidden': 'true' }, String(b.count)),
      );
    });
    histogram.replaceChildren(h('h2', {}, t.histogramTitle), h('ul', { class: 'bars', role: 'list', 'aria-label': t.histogramAria }, ...items));
  }

  function drawFindings(): void {
    if (!strings || !summary) return;
    const t = strings;
    if (summary.findings.length === 0) {
      findings.replaceChildren(h('h2', {}, t.findingsTitle), h('p', { class: 'muted', id: 'connections-no-findings' }, summary.total > 0 || summary.source === 'pasted' ? t.noFindings : ''));
      return;
    }
    const list = summary.findings.map((f) => {
      const facts: HTMLElement[] = [];
      if (f.ports) facts.push(h('li', {}, `${t.portsLabel}: ${f.ports}`));
      if (f.processes) facts.push(h('li', {}, `${t.processesLabel}: ${f.processes}`));
      if (f.remote) facts.push(h('li', {}, `${t.remoteLabel}: ${f.remote}`));
      const lessons = f.lessons.map((l) => {
        const b = button(`lesson-${f.id}-${l.id}`, format(t.openLesson, { title: l.title }), () => {
          post({ type: 'connections/openLesson', lesson: l.id });
          options.showCourse();
        });
        b.dataset.lesson = l.id;
        return b;
      });
      return h(
        'details',
        { class: 'finding', 'data-finding': f.id, open: '' },
        h('summary', {}, h('strong', {}, f.title), ' ', h('span', { class: 'badge' }, String(f.count)), h('span', { class: 'muted finding-id' }, ` ${f.id}`)),
        h('p', {}, f.summary),
        facts.length ? h('ul', { class: 'facts' }, ...facts) : null,
        h('h3', {}, t.meaning),
        h('p', {}, f.meaning),
        h('h3', {}, t.cause),
        h('p', {}, f.cause),
        h('h3', {}, t.fixes),
        h('ul', { class: 'fixes' }, ...f.fixes.map((x) => h('li', {}, x))),
        h('h3', {}, t.notFixes),
        h('ul', { class: 'not-fixes' }, ...f.notFixes.map((x) => h('li', {}, x))),
        h('div', { class: 'lessons' }, ...lessons),
      );
    });
    findings.replaceChildren(h('h2', {}, t.findingsTitle), ...list);
  }

  function drawSysctls(): void {
    if (!strings || !summary || !summary.sysctls) {
      sysctls.replaceChildren();
      return;
    }
    const t = strings;
    const rowsEl = summary.sysctls.map((v) =>
      h('tr', { 'data-sysctl': v.name }, h('th', { scope: 'row' }, h('code', {}, v.name)), h('td', {}, v.value ?? '—'), h('td', {}, v.default), h('td', {}, v.meaning)),
    );
    sysctls.replaceChildren(
      h('h2', {}, t.sysctlsTitle),
      h(
        'table',
        { class: 'sysctls' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t.sysctlName), h('th', { scope: 'col' }, t.sysctlValue), h('th', { scope: 'col' }, t.sysctlDefault), h('th', { scope: 'col' }, t.sysctlMeaning))),
        h('tbody', {}, ...rowsEl),
      ),
    );
  }

  function drawTableControls(): void {
    if (!strings) return;
    const t = strings;
    groupSelect = h(
      'select',
      { id: 'connections-group', 'aria-label': t.groupLabel },
      ...(
        [
          ['none', t.groupNone],
          ['local', t.groupLocalPort],
          ['remote', t.groupRemote],
        ] as const
      ).map(([v, label]) => h('option', v === group ? { value: v, selected: '' } : { value: v }, label)),
    );
    groupSelect.addEventListener('change', () => {
      group = (groupSelect?.value as Group) ?? 'none';
      sortKey = group === 'none' ? 'state' : 'count';
      sortAscending = group === 'none';
      recompute();
    });
    stateSelect = h(
      'select',
      { id: 'connections-state', 'aria-label': t.stateFilterLabel },
      h('option', { value: '-1' }, t.allStates),
      ...STATE_IDS.map((id, i) => h('option', i === stateFilter ? { value: String(i), selected: '' } : { value: String(i) }, id)),
    );
    stateSelect.addEventListener('change', () => {
      stateFilter = Number(stateSelect?.value ?? -1);
      recompute();
    });
    filterInput = h('input', { id: 'connections-filter', type: 'search', 'aria-label': t.filterLabel, placeholder: t.filterPlaceholder, value: filter });
    let pending: ReturnType<typeof setTimeout> | undefined;
    filterInput.addEventListener('input', () => {
      clearTimeout(pending);
      pending = setTimeout(() => {
        filter = (filterInput?.value ?? '').trim().toLowerCase();
        recompute();
      }, 150);
    });
    tableControls.replaceChildren(
      h('label', { class: 'group' }, t.groupLabel, ' ', groupSelect),
      h('label', { class: 'group' }, t.stateFilterLabel, ' ', stateSelect),
      h('label', { class: 'group grow' }, t.filterLabel, ' ', filterInput),
    );
    tableSection.replaceChildren(h('h2', {}, t.tableTitle), tableControls, shown, table);
  }

  function columns(): { key: SortKey; label: string }[] {
    const t = strings as DoctorUiStrings;
    if (group === 'none')
      return [
        { key: 'local', label: t.colLocal },
        { key: 'remote', label: t.colRemote },
        { key: 'state', label: t.colState },
        { key: 'pid', label: t.colPid },
        { key: 'process', label: t.colProcess },
      ];
    return [
      { key: 'group', label: group === 'local' ? t.groupLocalPort : t.groupRemote },
      { key: 'count', label: t.colCount },
      { key: 'state', label: t.colState },
    ];
  }

  function drawTableHead(): void {
    if (!strings) return;
    const t = strings;
    tableHead.replaceChildren(
      ...columns().map((c) => {
        const sorted = c.key === sortKey;
        const b = h('button', { class: 'sort', type: 'button', 'data-sort': c.key }, c.label, sorted ? (sortAscending ? ' ▲' : ' ▼') : '');
        if (sorted) b.setAttribute('aria-label', `${c.label}, ${sortAscending ? t.sortedAscending : t.sortedDescending}`);
        b.addEventListener('click', () => {
          if (sortKey === c.key) sortAscending = !sortAscending;
          else {
            sortKey = c.key;
            sortAscending = c.key !== 'count';
          }
          recompute();
          (tableHead.querySelector(`[data-sort="${c.key}"]`) as HTMLElement | null)?.focus();
        });
        return h('div', { class: `conn-cell col-${c.key}`, role: 'columnheader', 'aria-sort': sorted ? (sortAscending ? 'ascending' : 'descending') : 'none' }, b);
      }),
    );
    table.dataset.group = group;
  }

  function matches(i: number): boolean {
    if (stateFilter >= 0 && rows.state[i] !== stateFilter) return false;
    if (!filter) return true;
    return rows.local[i].toLowerCase().includes(filter) || rows.remote[i].toLowerCase().includes(filter) || STATE_IDS[rows.state[i]].toLowerCase().includes(filter) || String(rows.pid[i] ?? '').includes(filter) || (rows.process[i] ?? '').toLowerCase().includes(filter);
  }

  /** Filters, groups and sorts what has arrived; then draws the visible slice. */
  function recompute(): void {
    if (!strings) return;
    const picked: number[] = [];
    for (let i = 0; i < rows.length; i++) if (matches(i)) picked.push(i);
    const dir = sortAscending ? 1 : -1;
    if (group === 'none') {
      const key = sortKey;
      const cmp = (a: number, b: number): number => {
        let d = 0;
        if (key === 'local' || key === 'remote') {
          const col = key === 'local' ? rows.local : rows.remote;
          const ha = hostOf(col[a]);
          const hb = hostOf(col[b]);
          d = ha < hb ? -1 : ha > hb ? 1 : portOf(col[a]) - portOf(col[b]);
        } else if (key === 'state') d = rows.state[a] - rows.state[b];
        else if (key === 'pid') d = (rows.pid[a] ?? -1) - (rows.pid[b] ?? -1);
        else if (key === 'process') {
          const pa = rows.process[a] ?? '';
          const pb = rows.process[b] ?? '';
          d = pa < pb ? -1 : pa > pb ? 1 : 0;
        }
        return d === 0 ? a - b : d * dir;
      };
      picked.sort(cmp);
      order = Uint32Array.from(picked);
      groups = [];
    } else {
      const by = new Map<string, number[]>();
      for (const i of picked) {
        const key = group === 'local' ? String(portOf(rows.local[i]) < 0 ? '*' : portOf(rows.local[i])) : rows.remote[i];
        let counts = by.get(key);
        if (!counts) {
          counts = new Array<number>(STATE_IDS.length).fill(0);
          by.set(key, counts);
        }
        counts[rows.state[i]]++;
      }
      groups = [...by].map(([key, counts]) => ({
        key,
        count: counts.reduce((a, b) => a + b, 0),
        states: counts
          .map((n, i) => [n, i] as const)
          .filter(([n]) => n > 0)
          .sort((a, b) => b[0] - a[0])
          .map(([n, i]) => `${STATE_IDS[i]} ${n}`)
          .join(', '),
      }));
      const numeric = group === 'local';
      groups.sort((a, b) => {
        let d: number;
        if (sortKey === 'count') d = a.count - b.count;
        else if (sortKey === 'state') d = a.states < b.states ? -1 : a.states > b.states ? 1 : 0;
        else if (numeric) d = (Number(a.key) || -1) - (Number(b.key) || -1);
        else d = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
        return d === 0 ? (a.key < b.key ? -1 : 1) : d * dir;
      });
      order = new Uint32Array(0);
    }
    drawTableHead();
    const count = group === 'none' ? order.length : groups.length;
    const total = group === 'none' ? rows.length : groups.length;
    table.setAttribute('aria-rowcount', String(count + 1));
    shown.textContent = count === 0 ? strings.noSockets : format(strings.showing, { shown: count, total: group === 'none' ? (summary?.rowCount ?? total) : total });
    spacer.style.height = `${count * ROW_HEIGHT}px`;
    lastRange = '';
    drawRows();
  }

  let lastRange = '';
  function drawRows(): void {
    const count = group === 'none' ? order.length : groups.length;
    const height = scroller.clientHeight || 400;
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(count, Math.ceil((scroller.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    const range = `${first}:${last}:${count}`;
    if (range === lastRange) return;
    lastRange = range;
    const out: HTMLElement[] = [];
    for (let r = first; r < last; r++) {
      let row: HTMLElement;
      if (group === 'none') {
        const i = order[r];
        row = h(
          'div',
          { class: 'conn-row', role: 'row', 'aria-rowindex': String(r + 2), 'data-state': STATE_IDS[rows.state[i]] },
          h('div', { class: 'conn-cell col-local', role: 'cell' }, rows.local[i]),
          h('div', { class: 'conn-cell col-remote', role: 'cell' }, rows.remote[i]),
          h('div', { class: 'conn-cell col-state', role: 'cell' }, STATE_IDS[rows.state[i]]),
          h('div', { class: 'conn-cell col-pid', role: 'cell' }, rows.pid[i] === null ? '—' : String(rows.pid[i])),
          h('div', { class: 'conn-cell col-process', role: 'cell' }, rows.process[i] ?? '—'),
        );
      } else {
        const g = groups[r];
        row = h(
          'div',
          { class: 'conn-row', role: 'row', 'aria-rowindex': String(r + 2) },
          h('div', { class: 'conn-cell col-group', role: 'cell' }, g.key),
          h('div', { class: 'conn-cell col-count', role: 'cell' }, String(g.count)),
          h('div', { class: 'conn-cell col-state', role: 'cell' }, g.states),
        );
      }
      row.style.transform = `translateY(${r * ROW_HEIGHT}px)`;
      out.push(row);
    }
    body.replaceChildren(...out);
  }

  function addRows(message: Extract<ToConnectionsMessage, { type: 'connections/rows' }>): void {
    if (!summary || message.generation !== summary.generation) return;
    if (rows.generation !== message.generation) rows = emptyRows(message.generation);
    const c: RowsChunk = message.rows;
    if (message.from !== rows.length) return; // out of order: wait for the next table
    for (let i = 0; i < c.local.length; i++) {
      rows.local.push(c.local[i]);
      rows.remote.push(c.remote[i]);
      rows.state.push(c.state[i]);
      rows.pid.push(c.pid[i]);
      rows.process.push(c.process[i]);
    }
    rows.length += c.local.length;
    // Sort once the table is whole (and once early, so the first rows show at once).
    if (message.done || message.from === 0) recompute();
    if (message.done) element.dataset.complete = 'true';
  }

  function receive(message: ToConnectionsMessage): void {
    if (message.type === 'connections/summary') {
      const firstStrings = strings === null;
      strings = message.strings;
      const previous = summary;
      summary = message.summary;
      if (firstStrings) {
        element.replaceChildren(h('h1', { id: 'connections-title', tabindex: '-1' }, strings.title), h('p', { class: 'muted intro' }, strings.intro), status, controls, notices, histogram, findings, sysctls, tableSection);
        drawTableControls();
      }
      drawHeader();
      drawHistogram();
      drawFindings();
      drawSysctls();
      if (!previous || previous.generation !== summary.generation) {
        rows = emptyRows(summary.generation);
        // Complete once every row of this table has arrived (at once when it has none).
        element.dataset.complete = String(summary.rowCount === 0);
        if (summary.rowCount === 0) recompute();
      } else recompute();
      element.dataset.total = String(summary.total);
      return;
    }
    addRows(message);
  }

  function setVisible(v: boolean): void {
    if (v === visible) return;
    visible = v;
    post({ type: 'connections/visible', visible: v });
    if (v) {
      lastRange = '';
      requestAnimationFrame(() => drawRows());
    }
  }

  return { element, receive, setVisible };
}
