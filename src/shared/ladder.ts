/**
 * The sequence ("ladder") diagram as data: which row each segment leaves and arrives on,
 * and where its arrow is drawn. Shared by the webview (which draws it) and the host (which
 * exports it as SVG and Mermaid), so both draw the same picture. Pure: types only from the
 * simulator, no `vscode`, no DOM.
 */
import type { EndpointId, Segment, StateId, TraceEvent } from './vocabulary';

/**
 * Short state names for narrow ladders: what `ss` prints (ESTAB, SYN-RECV, ...), which
 * learners meet on real machines anyway. CLOSED stays CLOSED (ss has no such state).
 */
const SHORT: Partial<Record<StateId, string>> = { ESTABLISHED: 'ESTAB', 'SYN-RECEIVED': 'SYN-RECV' };
export function shortStateName(state: StateId): string {
  return SHORT[state] ?? state;
}

/** One thing that happened, in order; `step` is the index of the learner's step that caused it. */
export interface LadderRow {
  readonly event: TraceEvent;
  readonly step: number;
}

export type SegmentFate = 'in-flight' | 'delivered' | 'dropped';
export type SegmentOrigin = 'sent' | 'retransmit' | 'duplicate' | 'injected';

export interface LadderSegment {
  readonly segment: Segment;
  readonly sentRow: number;
  readonly endRow: number | null;
  readonly fate: SegmentFate;
  readonly origin: SegmentOrigin;
  /** The receiver's processing of it, when delivered (with its acceptability check). */
  readonly arrival: TraceEvent | null;
}

interface MutableSegment {
  segment: Segment;
  sentRow: number;
  endRow: number | null;
  fate: SegmentFate;
  origin: SegmentOrigin;
  arrival: TraceEvent | null;
}

export function ladderSegments(rows: readonly LadderRow[]): LadderSegment[] {
  return [...new LadderSegmentIndex().update(rows, 0)];
}

/**
 * The segments of a log that grows at its end, kept up to date by reading only the rows
 * added since the last update (a step on a long history costs what the step added, not the
 * whole history). When earlier rows changed (rewind, another branch), it starts over. The
 * entries it returns are updated in place as their segments arrive or are lost.
 */
export class LadderSegmentIndex {
  private byId = new Map<number, MutableSegment>();
  private list: MutableSegment[] = [];
  private seen = 0;

  /** `unchangedBefore`: how many leading rows are the same as at the last update. */
  update(rows: readonly LadderRow[], unchangedBefore: number): readonly LadderSegment[] {
    if (unchangedBefore < this.seen || rows.length < this.seen) {
      this.byId = new Map();
      this.list = [];
      this.seen = 0;
    }
    for (let r = this.seen; r < rows.length; r++) this.read(rows[r].event, r);
    this.seen = rows.length;
    return this.list;
  }

  private add(segment: Segment, sentRow: number, origin: SegmentOrigin): void {
    const entry: MutableSegment = { segment, sentRow, endRow: null, fate: 'in-flight', origin, arrival: null };
    this.byId.set(segment.id, entry);
    this.list.push(entry);
  }

  private read(event: TraceEvent, r: number): void {
    if (event.cause === 'segment' && event.segment) {
      const entry = this.byId.get(event.segment.id);
      if (entry) {
        entry.endRow = r;
        entry.fate = 'delivered';
        entry.arrival = event;
      }
    } else if (event.cause === 'drop' && event.segment) {
      const entry = this.byId.get(event.segment.id);
      if (entry) {
        entry.endRow = r;
        entry.fate = 'dropped';
      }
    } else if (event.cause === 'duplicate' && event.copy) {
      this.add(event.copy, r, 'duplicate');
    } else if (event.cause === 'inject' && event.segment) {
      this.add(event.segment, r, 'injected');
    }
    for (const s of event.sent ?? []) this.add(s, r, event.cause === 'timer' && event.timer === 'retransmit' ? 'retransmit' : 'sent');
  }
}

/** "SYN,ACK seq=300 ack=101" (and "len=100" when the segment carries data). */
export function segmentText(s: Pick<Segment, 'flags' | 'seq' | 'ack' | 'len'>): string {
  const parts = [s.flags.join(','), `seq=${s.seq}`];
  if (s.ack !== null) parts.push(`ack=${s.ack}`);
  if (s.len > 0) parts.push(`len=${s.len}`);
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------
// Geometry

export interface LadderMetrics {
  readonly width: number;
  readonly rowHeight: number;
  readonly top: number;
  /** x of A's and B's time lines. */
  readonly xA: number;
  readonly xB: number;
  /** Narrow: shorter labels, no time column. */
  readonly compact: boolean;
}

export function ladderMetrics(width: number): LadderMetrics {
  // Down to the narrowest side bar (about 150 px inside it): the margins for state names
  // shrink with the width, and the names are abbreviated or split to fit them.
  const w = Math.max(140, Math.round(width));
  const compact = w < 520;
  const side = compact ? Math.min(78, Math.max(52, Math.round(w * 0.26))) : 150;
  return { width: w, rowHeight: compact ? 30 : 32, top: 24, xA: compact ? side : side + 40, xB: w - side, compact };
}

export function rowY(m: LadderMetrics, row: number): number {
  return m.top + row * m.rowHeight + m.rowHeight / 2;
}

export function ladderHeight(m: LadderMetrics, rowCount: number, inFlight: number): number {
  return m.top + (rowCount + Math.max(1, inFlight)) * m.rowHeight + 16;
}

export function sideX(m: LadderMetrics, e: EndpointId): number {
  return e === 'A' ? m.xA : m.xB;
}

export interface Arrow {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** Where its label goes (the middle of the drawn part). */
  readonly lx: number;
  readonly ly: number;
}

/**
 * Delivered: from the sender's line at the sending row to the receiver's line at the arrival
 * row. Dropped: to the middle, where a cross marks the loss. In flight: to the middle, below
 * the last row, one lane per segment still in flight (`lane`), so none overlap.
 */
export function arrowFor(m: LadderMetrics, s: LadderSegment, rowCount: number, lane: number): Arrow {
  const from = s.segment.from;
  const x1 = sideX(m, from);
  const y1 = rowY(m, s.sentRow);
  const mid = (m.xA + m.xB) / 2;
  if (s.fate === 'delivered' && s.endRow !== null) {
    const x2 = sideX(m, from === 'A' ? 'B' : 'A');
    const y2 = rowY(m, s.endRow);
    return { x1, y1, x2, y2, lx: (x1 + x2) / 2, ly: (y1 + y2) / 2 };
  }
  const endRow = s.fate === 'dropped' && s.endRow !== null ? s.endRow : rowCount + lane;
  const y2 = rowY(m, endRow);
  return { x1, y1, x2: mid, y2, lx: (x1 + mid) / 2, ly: (y1 + y2) / 2 };
}

/** Rows [first, last] visible in a scroll window, with a margin of rows either side. */
export function visibleRows(m: LadderMetrics, scrollTop: number, viewHeight: number, rowCount: number, margin = 10): [number, number] {
  const first = Math.max(0, Math.floor((scrollTop - m.top) / m.rowHeight) - margin);
  const last = Math.min(rowCount + margin, Math.ceil((scrollTop + viewHeight - m.top) / m.rowHeight) + margin);
  return [first, last];
}

/** Whether an arrow spanning rows [a, b] crosses the window [first, last]. */
export function spans(a: number, b: number, first: number, last: number): boolean {
  return Math.max(a, b) >= first && Math.min(a, b) <= last;
}
