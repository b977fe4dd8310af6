/**
 * Where the learner's progress lives: VS Code global state (synced by Settings Sync), under
 * one key. Reading never loses anything: an unreadable record is copied to a backup list
 * before anything else is written, and a record migrated from an older version keeps its
 * original beside it. No `vscode` import: the host passes its Memento, tests a fake one.
 */
import type { LoadResult, Progress } from '../../core/course/progress';
import { dueIds, type DueCard, type ReviewPace } from '../../core/course/due';
import { rawText } from '../../core/json/rawText';

export interface MementoLike {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

/** The progress record (synced). */
export const PROGRESS_KEY = 'tcpTutor.progress';
/** Unreadable records, newest last (not synced: they belong to this machine's bug report). */
export const PROGRESS_BACKUP_KEY = 'tcpTutor.progress.unreadable';
/** The record as it was before the last migration or reset. */
export const PROGRESS_PREVIOUS_KEY = 'tcpTutor.progress.previous';
/** Backups kept at most. */
export const MAX_BACKUPS = 10;

export interface ProgressBackup {
  /** When it was set aside (ISO 8601). */
  readonly at: string;
  readonly error: string;
  /** The record as it was stored, as text. */
  readonly raw: string;
}

export interface ReadProgress {
  readonly progress: Progress;
  /** Set when the stored record could not be read (it was backed up first). */
  readonly problem: string | null;
  readonly warnings: readonly string[];
  readonly migratedFrom: number | null;
}

/** The backups kept so far (an unreadable backup list is treated as empty, never thrown). */
export function readBackups(memento: MementoLike): ProgressBackup[] {
  const raw = memento.get(PROGRESS_BACKUP_KEY);
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (b): b is ProgressBackup =>
      typeof b === 'object' && b !== null && typeof (b as ProgressBackup).at === 'string' && typeof (b as ProgressBackup).error === 'string' && typeof (b as ProgressBackup).raw === 'string',
  );
}

/** The stored value as text, exactly (no depth limit; cycles named). */
function asText(raw: unknown): string {
  return typeof raw === 'string' ? raw : rawText(raw);
}

/**
 * Reads the record with `load` (the lesson engine's `loadProgress`). On failure the raw
 * record is appended to the backup list and a fresh record is returned with the problem.
 * A migrated record is saved at once, with the original kept under PROGRESS_PREVIOUS_KEY.
 * Synchronous: the writes are issued before it returns (so any later write of the record
 * comes after the backup), and `saved` settles when they are stored.
 */
export function readProgress(memento: MementoLike, load: (raw: unknown) => LoadResult, empty: () => Progress, now: Date): ReadProgress & { readonly saved: Promise<void> } {
  const raw = memento.get(PROGRESS_KEY);
  const result = load(raw);
  if (!result.ok) {
    const backups = [...readBackups(memento), { at: now.toISOString(), error: result.error, raw: result.backup }].slice(-MAX_BACKUPS);
    const saved = Promise.resolve(memento.update(PROGRESS_BACKUP_KEY, backups));
    return { progress: empty(), problem: result.error, warnings: [], migratedFrom: null, saved };
  }
  let saved = Promise.resolve();
  if (result.migratedFrom !== null) {
    const previous = memento.update(PROGRESS_PREVIOUS_KEY, { at: now.toISOString(), reason: `migrated from version ${result.migratedFrom}`, raw: asText(raw) });
    const record = memento.update(PROGRESS_KEY, result.progress);
    saved = Promise.all([previous, record]).then(() => undefined);
  }
  return { progress: result.progress, problem: null, warnings: result.warnings, migratedFrom: result.migratedFrom, saved };
}

/** Keeps the record as it is now under PROGRESS_PREVIOUS_KEY (before a reset). */
export function keepPrevious(memento: MementoLike, reason: string, now: Date): Thenable<void> | undefined {
  const raw = memento.get(PROGRESS_KEY);
  if (raw === undefined) return undefined;
  return memento.update(PROGRESS_PREVIOUS_KEY, { at: now.toISOString(), reason, raw: asText(raw) });
}

export function writeProgress(memento: MementoLike, progress: Progress): Thenable<void> {
  return memento.update(PROGRESS_KEY, progress);
}

/** The stored record's cards (due times only), or {} when it has none readable. */
function storedCards(raw: unknown): Record<string, DueCard> {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return {};
    }
  }
  if (typeof value !== 'object' || value === null) return {};
  const cards = (value as { cards?: unknown }).cards;
  if (typeof cards !== 'object' || cards === null || Array.isArray(cards)) return {};
  // No prototype: a card id such as "__proto__" is a key like any other.
  const readable = Object.create(null) as Record<string, DueCard>;
  for (const [id, c] of Object.entries(cards)) {
    const card = c as { due?: unknown; reps?: unknown; last_review?: unknown } | null;
    const due = card?.due;
    if (typeof due !== 'number' || !Number.isFinite(due)) continue;
    const reps = typeof card?.reps === 'number' ? card.reps : undefined;
    const last = typeof card?.last_review === 'number' ? card.last_review : null;
    readable[id] = { due, reps, last_review: last };
  }
  return readable;
}

/** When the next card falls due after `now`, or null. */
export function storedNextDue(raw: unknown, now: number): number | null {
  // A loop, not Math.min(...later): a spread of 125,000 arguments overflows the call stack.
  let best: number | null = null;
  for (const c of Object.values(storedCards(raw))) if (c.due > now && (best === null || c.due < best)) best = c.due;
  return best;
}

/**
 * Review cards due at `now`, read straight from the stored record without the lesson engine
 * (for the status bar at startup). Anything unreadable counts as nothing due.
 */
export function storedDueCount(raw: unknown, now: number, known: ReadonlySet<string> | null, pace: ReviewPace | null = null): number {
  return dueIds(storedCards(raw), now, known ?? undefined, pace).length;
}
