/**
 * Which review cards are due: dependency-free, so that the host's status-bar item can count
 * them without loading the FSRS scheduler. Pure: `now` is epoch milliseconds.
 */

/** A stored card as far as "due" needs it. `reps` and `last_review` let new cards be paced. */
export interface DueCard {
  readonly due: number;
  /** Ratings so far: 1 after the lesson answer alone (a new card), 2 after its first review. */
  readonly reps?: number;
  readonly last_review?: number | null;
}

/**
 * At most `newPerDay` new cards (answered in a lesson, never reviewed since) come up for review
 * on one day, so that an hour of lessons does not turn into a pile of reviews. The day is the
 * learner's calendar day: `utcOffsetMinutes` is their time zone's offset from UTC (east positive).
 */
export interface ReviewPace {
  readonly newPerDay: number;
  readonly utcOffsetMinutes: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** Midnight (local to the offset) at the start of the day `now` falls in. */
export function dayStart(now: number, utcOffsetMinutes: number): number {
  const offset = utcOffsetMinutes * 60_000;
  return Math.floor((now + offset) / DAY) * DAY - offset;
}

const isNew = (c: DueCard): boolean => c.reps !== undefined && c.reps <= 1;

/**
 * Question ids due at `now`, most overdue first (ties by id). With `known`, cards of
 * questions no longer in the course are skipped. With `pace`, new cards beyond the day's
 * allowance wait for another day; a new card counts against today's allowance once its first
 * review was today (its second rating, given today).
 */
export function dueIds(cards: Readonly<Record<string, DueCard>>, now: number, known?: ReadonlySet<string>, pace?: ReviewPace | null): string[] {
  const entries = Object.entries(cards).filter(([id]) => !known || known.has(id));
  const due = entries
    .filter(([, c]) => c.due <= now)
    .sort(([a, ca], [b, cb]) => ca.due - cb.due || a.localeCompare(b));
  if (!pace) return due.map(([id]) => id);
  const today = dayStart(now, pace.utcOffsetMinutes);
  const startedToday = entries.filter(([, c]) => c.reps === 2 && typeof c.last_review === 'number' && c.last_review >= today).length;
  let allowance = Math.max(0, Math.floor(pace.newPerDay) - startedToday);
  const out: string[] = [];
  for (const [id, c] of due) {
    if (!isNew(c)) out.push(id);
    else if (allowance > 0) {
      allowance--;
      out.push(id);
    }
  }
  return out;
}

/** When the earliest card falls due (with `known`, among those questions), or null when there is none. */
export function earliestDue(cards: Readonly<Record<string, { readonly due: number }>>, known?: ReadonlySet<string>): number | null {
  let best: number | null = null;
  for (const [id, c] of Object.entries(cards)) {
    if (known && !known.has(id)) continue;
    if (best === null || c.due < best) best = c.due;
  }
  return best;
}
