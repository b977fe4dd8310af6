/**
 * The sequence (ladder) diagram: A's and B's time lines, each segment an arrow from the
 * row it was sent on to the row it arrived (or was lost) on, time flowing down. Only the
 * rows in view are drawn, so a history of thousands of events scrolls smoothly.
 */
import type { LadderRow, LadderSegment } from '../src/shared/ladder';
import { LadderSegmentIndex, arrowFor, ladderHeight, ladderMetrics, rowY, segmentText, shortStateName, sideX, spans, visibleRows } from '../src/shared/ladder';
import type { UiKey, UiStrings } from '../src/shared/strings';

/** Timer names as the learner reads them. */
export const TIMER_KEYS: Readonly<Record<string, UiKey>> = {
  retransmit: 'timerRetransmit',
  'time-wait': 'timerTimeWait',
  'fin-wait-2': 'timerFinWait2',
  'delayed-ack': 'timerDelayedAck',
};
import { format, h, s } from './dom';

export interface LadderHandlers {
  /** A segment was hovered or focused (null: left). */
  onInspect(segment: LadderSegment | null): void;
}

export interface LadderView {
  readonly element: HTMLElement;
  /** Replaces the log (rows; the first `unchangedBefore` are the same as before), marks the rows of the last step, redraws. */
  update(rows: readonly LadderRow[], unchangedBefore: number, inFlight: readonly number[], lastStep: readonly [number, number] | null, animationMs: number): void;
  segments(): readonly LadderSegment[];
  redraw(): void;
}

export function fateText(strings: UiStrings, seg: LadderSegment): string {
  return seg.fate === 'delivered' ? strings.fateDelivered : seg.fate === 'dropped' ? strings.fateDropped : strings.fateInFlight;
}

export function originText(strings: UiStrings, seg: LadderSegment): string | null {
  return seg.origin === 'retransmit' ? strings.originRetransmit : seg.origin === 'duplicate' ? strings.originDuplicate : seg.origin === 'injected' ? strings.originInjected : null;
}

/** Counts ladders, so that each one's arrowhead marker has an id of its own on the page. */
let ladderCount = 0;

export function renderLadder(strings: UiStrings, handlers: LadderHandlers): LadderView {
  const markerId = `ladder-arrow-${++ladderCount}`;
  const header = h('div', { class: 'ladder-header', 'aria-hidden': 'true' }, h('span', {}, 'A'), h('span', {}, 'B'));
  const svgEl = s('svg', { class: 'ladder', role: 'group', 'aria-label': strings.ladderLabel });
  const scroller = h('div', { class: 'ladder-scroll', tabindex: '-1' }, svgEl);
  const element = h('div', { class: 'ladder-wrap' }, header, scroller);

  let rows: readonly LadderRow[] = [];
  /** Rows drawn at the last update (the caller may grow the same array in place). */
  let shown = 0;
  const index = new LadderSegmentIndex();
  let segs: readonly LadderSegment[] = [];
  let lanes = new Map<number, number>();
  let fresh: readonly [number, number] | null = null;
  let animation = 0;
  let lastWidth = 0;
  let frame = 0;

  const defs = s(
    'defs',
    {},
    s('marker', { id: markerId, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'ladder-arrowhead' })),
  );

  function draw(): void {
    frame = 0;
    const started = performance.now();
    const width = scroller.clientWidth || 480;
    lastWidth = width;
    const m = ladderMetrics(width);
    const inFlightCount = lanes.size;
    const height = ladderHeight(m, rows.length, inFlightCount);
    svgEl.setAttribute('width', String(m.width));
    svgEl.setAttribute('height', String(height));
    svgEl.setAttribute('viewBox', `0 0 ${m.width} ${height}`);
    svgEl.classList.toggle('compact', m.compact);
    header.style.setProperty('--xa', `${m.xA}px`);
    header.style.setProperty('--xb', `${m.xB}px`);
    const [first, last] = visibleRows(m, scroller.scrollTop, scroller.clientHeight || 400, rows.length + inFlightCount);

    const parts: SVGElement[] = [defs];
    for (const e of ['A', 'B'] as const) {
      const x = sideX(m, e);
      parts.push(s('line', { class: 'timeline', x1: x, y1: 0, x2: x, y2: height }));
    }
    for (let r = first; r <= Math.min(last, rows.length - 1); r++) {
      const { event } = rows[r];
      const y = rowY(m, r);
      const g = s('g', { class: `row${fresh && r >= fresh[0] && r <= fresh[1] ? ' fresh' : ''}`, 'data-row': r });
      if (!m.compact) g.append(s('text', { class: 'row-time', x: 4, y: y + 4 }, event.t.toFixed(3)));
      const x = sideX(m, event.endpoint);
      const outward = event.endpoint === 'A' ? -6 : 6;
      const anchor = event.endpoint === 'A' ? 'end' : 'start';
      if (event.from && event.to && event.from !== event.to) {
        g.append(s('text', { class: 'row-state', x: x + outward, y: y + 4, 'text-anchor': anchor }, m.compact ? shortStateName(event.to) : event.to));
      } else if (event.error) {
        g.append(s('text', { class: 'row-error', x: x + outward, y: y + 4, 'text-anchor': anchor }, `✗ ${event.cause}()`));
      } else if (event.cause !== 'segment' && event.cause !== 'drop' && event.cause !== 'duplicate' && event.cause !== 'inject') {
        const timerKey = event.timer ? TIMER_KEYS[event.timer] : undefined;
        const label = event.cause === 'timer' ? (timerKey ? strings[timerKey] : (event.timer ?? '')) : `${event.cause}()`;
        g.append(s('text', { class: 'row-note', x: x + outward, y: y + 4, 'text-anchor': anchor }, label));
      }
      if (event.signal) g.append(s('text', { class: 'row-error', x: x + outward, y: y + 16, 'text-anchor': anchor }, event.signal));
      parts.push(g);
    }
    for (const seg of segs) {
      const lane = lanes.get(seg.segment.id) ?? 0;
      const end = seg.endRow ?? rows.length + lane;
      if (!spans(seg.sentRow, end, first, last)) continue;
      const a = arrowFor(m, seg, rows.length, lane);
      const text = segmentText(seg.segment);
      const to = seg.segment.from === 'A' ? 'B' : 'A';
      const classes = ['segment', seg.fate, seg.origin];
      if (seg.segment.flags.includes('RST')) classes.push('rst');
      const isFresh = fresh !== null && seg.fate !== 'in-flight' && seg.endRow !== null && seg.endRow >= fresh[0] && seg.endRow <= fresh[1];
      if (isFresh && animation > 0) classes.push('animate');
      const g = s('g', {
        class: classes.join(' '),
        'data-segment': seg.segment.id,
        tabindex: 0,
        role: 'img',
        'aria-label': format(strings.segmentAria, { from: seg.segment.from, to, text, fate: fateText(strings, seg) }),
      });
      const line = s('line', { class: 'segment-line', x1: a.x1, y1: a.y1, x2: a.x2, y2: a.y2 });
      if (seg.fate === 'delivered') line.setAttribute('marker-end', `url(#${markerId})`);
      if (isFresh && animation > 0) {
        const length = Math.hypot(a.x2 - a.x1, a.y2 - a.y1);
        line.style.setProperty('--length', String(length));
        line.style.setProperty('--duration', `${animation}ms`);
      }
      g.append(s('line', { class: 'segment-hit', x1: a.x1, y1: a.y1, x2: a.x2, y2: a.y2 }), line);
      if (seg.fate === 'dropped') g.append(s('text', { class: 'loss-mark', x: a.x2, y: a.y2 + 5, 'text-anchor': 'middle' }, '✕'));
      if (seg.fate === 'in-flight') g.append(s('circle', { class: 'flight-mark', cx: a.x2, cy: a.y2, r: 4 }));
      const label = m.compact ? seg.segment.flags.join(',') : text;
      const tag = originText(strings, seg);
      g.append(s('text', { class: 'segment-label', x: a.lx, y: a.ly - 5, 'text-anchor': 'middle' }, tag && !m.compact ? `${label} (${tag})` : label));
      const inspect = () => handlers.onInspect(seg);
      g.addEventListener('mouseenter', inspect);
      g.addEventListener('focus', inspect);
      g.addEventListener('mouseleave', () => handlers.onInspect(null));
      parts.push(g);
    }
    svgEl.replaceChildren(...parts);
    // User Timing, for the benchmark (and the browser's performance panel).
    performance.measure('tcp-tutor:ladder-draw', { start: started });
  }

  function schedule(): void {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  scroller.addEventListener('scroll', schedule, { passive: true });
  new ResizeObserver(() => {
    if (scroller.clientWidth !== lastWidth) schedule();
  }).observe(scroller);

  return {
    element,
    update(newRows, unchangedBefore, inFlight, lastStep, animationMs) {
      const grew = newRows.length > shown;
      rows = newRows;
      shown = rows.length;
      segs = index.update(rows, unchangedBefore);
      lanes = new Map(inFlight.map((id, i) => [id, i]));
      fresh = lastStep;
      animation = animationMs;
      draw();
      // Follow the story: keep the newest rows in view.
      if (grew || lastStep) {
        const m = ladderMetrics(scroller.clientWidth || 480);
        const bottom = rowY(m, rows.length + lanes.size) + m.rowHeight;
        if (bottom > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = bottom - scroller.clientHeight;
      }
    },
    segments: () => segs,
    redraw: draw,
  };
}
