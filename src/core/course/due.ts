/**
 * Which review cards are due: dependency-free, so that the host's status-bar item can count
 * them without loading the FSRS scheduler. Pure: `now` is epoch milliseconds.
 */

/**
 * Question ids due at `now`, most overdue first (ties by id). With `known`, cards of
 * questions no longer in the course are skipped.
 */
export function dueIds(cards: Readonly<Record<string, { readonly due: number }>>, now: number, known?: ReadonlySet<string>): string[] {
  return Object.entries(cards)
    .filter(([id, c]) => c.due <= now && (!known || known.has(id)))
    .sort(([a, ca], [b, cb]) => ca.due - cb.due || a.localeCompare(b))
    .map(([id]) => id);
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
