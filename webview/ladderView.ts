/**
 * The sequence (ladder) diagram: A's and B's time lines, each segment an arrow from the
 * row it was sent on to the row it arrived (or was lost) on, time flowing down. Only the
 * rows in view are drawn, so a history of thousands of events scrolls smoothly.
 */
import type { LadderRow, LadderSegment } from '../src/shared/ladder';
import { LadderSegmentIndex, arrowFor, ladderHeight, ladderMetrics, rowY, segmentText, shortStateName, sideX, spans, visibleRows } from '../src/shared/ladder';
import type { UiKey, UiStrings } from '../src/shared/strings';
import type { Box, LabelRequest } from '../src/shared/ladderLabels';
import { fitText, placeLabels, stateNameCandidates } from '../src/shared/ladderLabels';

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

/** Text widths with the page's font, measured once per text (canvas, so nothing is laid out). */
const widths = new Map<string, number>();
let canvas: CanvasRenderingContext2D | null = null;
function measurer(font: string): (text: string) => number {
  return (text) => {
    const key = `${font}|${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      canvas ??= document.createElement('canvas').getContext('2d');
      if (canvas) canvas.font = font;
      // Without a canvas (never in a browser), guess generously.
      w = canvas ? canvas.measureText(text).width : text.length * 7;
      widths.set(key, w);
    }
    return w;
  };
}

/** A note beside a time line: as it is, its short form, or on two lines split between words. */
function noteCandidates(label: string, short: string): string[][] {
  const out: string[][] = [[label]];
  if (short && short !== label) out.push([short]);
  const words = label.split(' ');
  if (words.length > 1) {
    const half = Math.ceil(words.length / 2);
    out.push([words.slice(0, half).join(' '), words.slice(half).join(' ')]);
  }
  if (short && short !== label) out.push([short]);
  return out;
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
    svgEl.classList.toggle('tiny', m.width < 220);
    header.style.setProperty('--xa', `${m.xA}px`);
    header.style.setProperty('--xb', `${m.xB}px`);
    const [first, last] = visibleRows(m, scroller.scrollTop, scroller.clientHeight || 400, rows.length + inFlightCount);

    const parts: SVGElement[] = [defs];
    for (const e of ['A', 'B'] as const) {
      const x = sideX(m, e);
      parts.push(s('line', { class: 'timeline', x1: x, y1: 0, x2: x, y2: height }));
    }
    // Words beside the time lines first (they are never moved), then segment labels around them.
    const family = getComputedStyle(svgEl).fontFamily || 'sans-serif';
    // The words beside the lines: smaller in a narrow ladder, smallest in the narrowest side bar.
    const rowSize = m.width < 220 ? 9 : m.compact ? 10 : 11;
    const measureBold = measurer(`700 ${rowSize}px ${family}`);
    const measureRow = measurer(`400 ${rowSize}px ${family}`);
    const measureLabel = measurer(`400 ${m.width < 220 ? 10 : 11}px ${family}`);
    const obstacles: Box[] = [];
    const roomA = m.xA - 6 - (m.compact ? 3 : 46);
    const roomB = m.width - m.xB - 6 - 3;
    /** Draws lines of text beside a time line, and notes the space they take. */
    const beside = (g: SVGElement, cls: string, endpoint: 'A' | 'B', y: number, candidates: readonly (readonly string[])[], bold: boolean, full: string): void => {
      const measure = bold ? measureBold : measureRow;
      const fitted = fitText(candidates, endpoint === 'A' ? roomA : roomB, measure);
      const x = sideX(m, endpoint) + (endpoint === 'A' ? -6 : 6);
      const anchor = endpoint === 'A' ? 'end' : 'start';
      const lineHeight = rowSize + 1;
      const first = y + 4 - ((fitted.lines.length - 1) * lineHeight) / 2;
      const text = s('text', { class: cls, x, y: first, 'text-anchor': anchor });
      fitted.lines.forEach((line, i) => {
        text.append(s('tspan', { x, y: first + i * lineHeight }, line));
        const w = measure(line);
        const base = first + i * lineHeight;
        obstacles.push({ left: endpoint === 'A' ? x - w : x, right: endpoint === 'A' ? x : x + w, top: base - rowSize, bottom: base + 3 });
      });
      if (fitted.cut || fitted.lines.join(' ') !== full) text.append(s('title', {}, full));
      g.append(text);
    };
    for (let r = first; r <= Math.min(last, rows.length - 1); r++) {
      const { event } = rows[r];
      const y = rowY(m, r);
      const g = s('g', { class: `row${fresh && r >= fresh[0] && r <= fresh[1] ? ' fresh' : ''}`, 'data-row': r });
      if (!m.compact) {
        const t = event.t.toFixed(3);
        g.append(s('text', { class: 'row-time', x: 4, y: y + 4 }, t));
        obstacles.push({ left: 4, right: 4 + measureRow(t), top: y - 7, bottom: y + 7 });
      }
      if (event.from && event.to && event.from !== event.to) {
        beside(g, 'row-state', event.endpoint, y, stateNameCandidates(event.to, shortStateName(event.to)), true, event.to);
      } else if (event.error) {
        const t = `✗ ${event.cause}()`;
        beside(g, 'row-error', event.endpoint, y, [[t]], true, t);
      } else if (event.cause !== 'segment' && event.cause !== 'drop' && event.cause !== 'duplicate' && event.cause !== 'inject') {
        const timerKey = event.timer ? TIMER_KEYS[event.timer] : undefined;
        const label = event.cause === 'timer' ? (timerKey ? strings[timerKey] : (event.timer ?? '')) : `${event.cause}()`;
        const short = event.cause === 'timer' && timerKey ? strings[`${timerKey}Short` as UiKey] : label;
        beside(g, 'row-note', event.endpoint, y, noteCandidates(label, short), false, label);
      }
      if (event.signal) beside(g, 'row-error', event.endpoint, y + 12, [[event.signal]], true, event.signal);
      parts.push(g);
    }
    const requests: LabelRequest[] = [];
    const groups = new Map<number, SVGElement>();
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
      const tag = originText(strings, seg);
      const g = s('g', {
        class: classes.join(' '),
        'data-segment': seg.segment.id,
        tabindex: 0,
        role: 'img',
        'aria-label': format(strings.segmentAria, { from: seg.segment.from, to, text: tag ? `${text} (${tag})` : text, fate: fateText(strings, seg) }),
      });
      const line = s('line', { class: 'segment-line', x1: a.x1, y1: a.y1, x2: a.x2, y2: a.y2 });
      if (seg.fate === 'delivered') line.setAttribute('marker-end', `url(#${markerId})`);
      if (isFresh && animation > 0) {
        const length = Math.hypot(a.x2 - a.x1, a.y2 - a.y1);
        line.style.setProperty('--length', String(length));
        line.style.setProperty('--duration', `${animation}ms`);
      }
      g.append(s('line', { class: 'segment-hit', x1: a.x1, y1: a.y1, x2: a.x2, y2: a.y2 }), line);
      if (seg.fate === 'dropped') {
        g.append(s('text', { class: 'loss-mark', x: a.x2, y: a.y2 + 5, 'text-anchor': 'middle' }, '✕'));
        obstacles.push({ left: a.x2 - 6, right: a.x2 + 6, top: a.y2 - 6, bottom: a.y2 + 7 });
      }
      if (seg.fate === 'in-flight') g.append(s('circle', { class: 'flight-mark', cx: a.x2, cy: a.y2, r: 4 }));
      // Longest first: the whole segment and where it came from, then shorter forms; a
      // retransmission keeps a mark (↻) in every form.
      const flags = seg.segment.flags.join(',');
      const mark = seg.origin === 'retransmit' ? '↻ ' : '';
      const candidates = [...new Set([tag ? `${text} (${tag})` : text, `${mark}${text}`, `${mark}${flags}`, flags])];
      requests.push({ id: seg.segment.id, x1: a.x1, y1: a.y1, x2: a.x2, y2: a.y2, candidates });
      groups.set(seg.segment.id, g);
      const inspect = () => handlers.onInspect(seg);
      g.addEventListener('mouseenter', inspect);
      g.addEventListener('focus', inspect);
      g.addEventListener('mouseleave', () => handlers.onInspect(null));
      parts.push(g);
    }
    for (const p of placeLabels(requests, obstacles, { left: m.xA + 3, right: m.xB - 3 }, measureLabel, 11)) {
      if (p.text !== null) groups.get(p.id)?.append(s('text', { class: 'segment-label', x: p.x, y: p.y, 'text-anchor': 'middle' }, p.text));
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
