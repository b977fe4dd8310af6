/**
 * Review scheduling with FSRS (the `ts-fsrs` library): one card per question answered, a
 * rating from how the learner did, and the list of due questions. Pure: every function takes
 * `now` (milliseconds since the epoch) and returns new values; fuzz is off, so the same
 * history always gives the same schedule.
 */
import { Rating, createEmptyCard, fsrs, generatorParameters, type Card, type Grade, type State } from 'ts-fsrs';
import { dueIds } from './due';

/** A card as stored in progress records: plain JSON, times in epoch milliseconds. */
export interface StoredCard {
  readonly due: number;
  readonly stability: number;
  readonly difficulty: number;
  readonly elapsed_days: number;
  readonly scheduled_days: number;
  readonly learning_steps: number;
  readonly reps: number;
  readonly lapses: number;
  /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
  readonly state: number;
  readonly last_review: number | null;
}

export type Cards = Readonly<Record<string, StoredCard>>;

/** How one attempt at a question went. */
export interface Outcome {
  readonly correct: boolean;
  /** Wrong (readable) answers before the final one. */
  readonly wrongAttempts: number;
  /** The answer was revealed rather than found. */
  readonly revealed?: boolean;
}

export type ReviewRating = 'again' | 'hard' | 'good';

/** Right at once: good; right after mistakes or hints: hard; revealed or wrong: again. */
export function ratingFor(o: Outcome): ReviewRating {
  if (!o.correct || o.revealed) return 'again';
  return o.wrongAttempts > 0 ? 'hard' : 'good';
}

const GRADES: Record<ReviewRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good };

const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: true }));

function toStored(c: Card): StoredCard {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    last_review: c.last_review ? c.last_review.getTime() : null,
  };
}

function toInput(c: StoredCard): Parameters<typeof scheduler.next>[0] {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as State,
    last_review: c.last_review ?? undefined,
  };
}

export function newCard(now: number): StoredCard {
  return toStored(createEmptyCard(now));
}

/** The card after one review at `now`. */
export function reviewCard(card: StoredCard | undefined, rating: ReviewRating, now: number): StoredCard {
  const input = toInput(card ?? newCard(now));
  return toStored(scheduler.next(input, now, GRADES[rating]).card);
}

/** Records an attempt at question `id`: creates its card on first answer, reviews it after. */
export function recordOutcome(cards: Cards, id: string, outcome: Outcome, now: number): Cards {
  const card = Object.prototype.hasOwnProperty.call(cards, id) ? cards[id] : undefined;
  return { ...cards, [id]: reviewCard(card, ratingFor(outcome), now) };
}

/**
 * Question ids due at `now`, most overdue first (ties by id). With `known`, cards of
 * questions no longer in the course are skipped.
 */
export function dueQuestions(cards: Cards, now: number, known?: ReadonlySet<string>): string[] {
  return dueIds(cards, now, known);
}

export function dueCount(cards: Cards, now: number, known?: ReadonlySet<string>): number {
  return dueQuestions(cards, now, known).length;
}

/** When the next card falls due, or null when there are no cards. */
export function nextDue(cards: Cards): number | null {
  // A loop, not Math.min(...dues): a spread of 125,000 arguments overflows the call stack.
  let best: number | null = null;
  for (const c of Object.values(cards)) if (best === null || c.due < best) best = c.due;
  return best;
}

/** A stored card read from untrusted JSON, or null when it is not one. */
export function parseStoredCard(v: unknown): StoredCard | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const nums = ['due', 'stability', 'difficulty', 'elapsed_days', 'scheduled_days', 'learning_steps', 'reps', 'lapses', 'state'];
  if (!nums.every((k) => typeof o[k] === 'number' && Number.isFinite(o[k]))) return null;
  if (!(o.last_review === null || o.last_review === undefined || (typeof o.last_review === 'number' && Number.isFinite(o.last_review)))) return null;
  if (![0, 1, 2, 3].includes(o.state as number)) return null;
  return {
    due: o.due as number,
    stability: o.stability as number,
    difficulty: o.difficulty as number,
    elapsed_days: o.elapsed_days as number,
    scheduled_days: o.scheduled_days as number,
    learning_steps: o.learning_steps as number,
    reps: o.reps as number,
    lapses: o.lapses as number,
    state: o.state as number,
    last_review: (o.last_review as number | null | undefined) ?? null,
  };
}
