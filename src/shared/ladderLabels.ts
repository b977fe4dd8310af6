/**
 * Where the ladder's words go, so that none is drawn over another: state names and notes
 * beside each time line, segment labels along their arrows. The caller measures text (the
 * webview with the real font); this module only chooses, so it is pure and tested with
 * properties. Each word has candidates from longest to shortest: the first that fits is used,
 * and a label that fits nowhere is left out (its arrow keeps its name for screen readers and
 * the inspector).
 */

export interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export type Measure = (text: string) => number;

export function boxesOverlap(a: Box, b: Box): boolean {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
}

/** One candidate: one or more lines, each measured separately. */
export type Candidate = readonly string[];

export interface FittedText {
  readonly lines: readonly string[];
  /** The text was cut short (an ellipsis ends its last line): show the whole in a tooltip. */
  readonly cut: boolean;
}

/**
 * The first candidate whose every line is at most `room` wide; if none, the last candidate's
 * first line cut to fit with an ellipsis (at least one character).
 */
export function fitText(candidates: readonly Candidate[], room: number, measure: Measure): FittedText {
  for (const c of candidates) {
    if (c.length > 0 && c.every((line) => measure(line) <= room)) return { lines: c, cut: false };
  }
  const last = candidates[candidates.length - 1]?.join(' ') ?? '';
  let n = last.length;
  while (n > 1 && measure(`${last.slice(0, n)}…`) > room) n--;
  return { lines: [`${last.slice(0, Math.max(1, n))}…`], cut: true };
}

/**
 * Ways to write a state name in less room: the name, then the short name `ss` prints, then
 * the short name split after a hyphen onto two lines (SYN- / SENT).
 */
export function stateNameCandidates(name: string, short: string): Candidate[] {
  const out: Candidate[] = [[name]];
  if (short !== name) out.push([short]);
  const cut = short.indexOf('-');
  if (cut > 0) out.push([short.slice(0, cut + 1), short.slice(cut + 1)]);
  return out;
}

export interface LabelRequest {
  readonly id: number;
  /** The arrow the label belongs to. */
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** Texts from longest to shortest. */
  readonly candidates: readonly string[];
}

export interface PlacedLabel {
  readonly id: number;
  /** null: no candidate fits anywhere along the arrow without covering other words. */
  readonly text: string | null;
  /** Middle of the text, and its baseline. */
  readonly x: number;
  readonly y: number;
  readonly box: Box | null;
}

/** Where along an arrow a label may sit, best first (the middle, then nearer either end). */
const ALONG = [0.5, 0.35, 0.65, 0.22, 0.78];

/**
 * Places segment labels one by one (in the order given) between `left` and `right`, each
 * just above its arrow, never over an obstacle (state names, notes) or a label placed before.
 * `height` is the text's height; the baseline sits `gap` above the arrow.
 */
export function placeLabels(requests: readonly LabelRequest[], obstacles: readonly Box[], bounds: { readonly left: number; readonly right: number }, measure: Measure, height: number, gap = 4): PlacedLabel[] {
  const taken: Box[] = [...obstacles];
  const out: PlacedLabel[] = [];
  const room = bounds.right - bounds.left;
  for (const r of requests) {
    let placed: PlacedLabel | null = null;
    for (const text of r.candidates) {
      const w = measure(text);
      if (w > room) continue;
      for (const t of ALONG) {
        const cx = Math.min(Math.max(r.x1 + t * (r.x2 - r.x1), bounds.left + w / 2), bounds.right - w / 2);
        const baseline = r.y1 + t * (r.y2 - r.y1) - gap;
        const box: Box = { left: cx - w / 2, right: cx + w / 2, top: baseline - height + 2, bottom: baseline + 3 };
        if (taken.some((b) => boxesOverlap(b, box))) continue;
        placed = { id: r.id, text, x: cx, y: baseline, box };
        break;
      }
      if (placed) break;
    }
    if (placed?.box) taken.push(placed.box);
    out.push(placed ?? { id: r.id, text: null, x: 0, y: 0, box: null });
  }
  return out;
}
