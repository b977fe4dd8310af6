/**
 * The learner's progress record: versioned JSON (kept by the host in VS Code global state),
 * migrated from older versions, and loaded without ever throwing or silently wiping it. A
 * record that cannot be read comes back as `{ ok: false, error, backup }` with the raw text,
 * for the host to save aside and report. Pure functions; times are epoch milliseconds.
 */
import { parseStoredCard, recordOutcome, type Cards, type Outcome } from './scheduler';
import type { Course, Lesson } from './types';
import { rawText } from '../json/rawText';

export const PROGRESS_VERSION = 2;

export interface QuestionRecord {
  readonly correct: boolean;
  /** Attempts on the last try, wrong ones included. */
  readonly attempts: number;
  readonly revealed: boolean;
  readonly at: number;
}

export interface LessonRecord {
  /** Index of the step the learner is on (0-based). */
  readonly step: number;
  readonly done: boolean;
  readonly completedAt: number | null;
  readonly questions: Readonly<Record<string, QuestionRecord>>;
}

export interface Progress {
  readonly version: typeof PROGRESS_VERSION;
  readonly currentLesson: string | null;
  readonly lessons: Readonly<Record<string, LessonRecord>>;
  readonly cards: Cards;
  /**
   * The learner's shuffle seed (an unsigned 32-bit integer), chosen once by the host. Choice
   * options are shown in an order drawn from it and the question id, so each learner gets
   * their own order and a question (and its review card) keeps it. Absent in records written
   * before it existed; the host adds one.
   */
  readonly seed?: number;
}

const isSeed = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;

/** The record with `seed` as its shuffle seed, unless it has one already. */
export function withSeed(p: Progress, seed: number): Progress {
  if (p.seed !== undefined) return p;
  return { ...p, seed: seed >>> 0 };
}

/** Version 1 (before review cards): which lessons, which step, what was answered right. */
export interface ProgressV1 {
  readonly version: 1;
  readonly current?: string | null;
  readonly lessons: Readonly<Record<string, { readonly step: number; readonly done: boolean }>>;
  readonly answered: Readonly<Record<string, { readonly lesson: string; readonly correct: boolean }>>;
}

export type LoadResult =
  | { readonly ok: true; readonly progress: Progress; readonly migratedFrom: number | null; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: string; readonly backup: string };

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, currentLesson: null, lessons: {}, cards: {} };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
/** A time in epoch milliseconds: a finite number (NaN and Infinity do not survive JSON). */
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A record keyed by ids from stored data: no prototype, so that ids such as `__proto__`,
 * `constructor` and `prototype` are kept as keys like any other.
 */
function table<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The entry under `key`, only if it is the record's own (never one inherited from Object.prototype). */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * Migrates a v1 record to the current version. Answers become question records (time 0:
 * unknown); no cards are invented, so nothing falls due that the learner never reviewed.
 */
export function migrateV1(old: ProgressV1): Progress {
  const lessons = table<LessonRecord>();
  for (const [id, l] of Object.entries(old.lessons)) lessons[id] = { step: l.step, done: l.done, completedAt: null, questions: table() };
  for (const [qid, a] of Object.entries(old.answered)) {
    const l = own(lessons, a.lesson) ?? { step: 0, done: false, completedAt: null, questions: table<QuestionRecord>() };
    const questions = Object.assign(table<QuestionRecord>(), l.questions);
    questions[qid] = { correct: a.correct, attempts: 1, revealed: false, at: 0 };
    lessons[a.lesson] = { ...l, questions };
  }
  return { version: PROGRESS_VERSION, currentLesson: old.current ?? null, lessons, cards: table() };
}

function readV1(o: Record<string, unknown>): ProgressV1 | string {
  if (!isObj(o.lessons)) return 'lessons is not an object';
  if (!isObj(o.answered)) return 'answered is not an object';
  for (const [id, l] of Object.entries(o.lessons)) {
    if (!isObj(l) || !isCount(l.step) || typeof l.done !== 'boolean') return `lessons.${id} is malformed`;
  }
  for (const [id, a] of Object.entries(o.answered)) {
    if (!isObj(a) || typeof a.lesson !== 'string' || typeof a.correct !== 'boolean') return `answered.${id} is malformed`;
  }
  if (!(o.current === undefined || o.current === null || typeof o.current === 'string')) return 'current is not a string';
  return o as unknown as ProgressV1;
}

function readV2(o: Record<string, unknown>, warnings: string[]): Progress | string {
  if (!(o.currentLesson === null || typeof o.currentLesson === 'string')) return 'currentLesson is not a string or null';
  if (!isObj(o.lessons)) return 'lessons is not an object';
  if (!isObj(o.cards)) return 'cards is not an object';
  const lessons = table<LessonRecord>();
  for (const [id, l] of Object.entries(o.lessons)) {
    if (!isObj(l) || !isCount(l.step) || typeof l.done !== 'boolean' || !isObj(l.questions)) return `lessons.${id} is malformed`;
    if (!(l.completedAt === null || isTime(l.completedAt))) return `lessons.${id}.completedAt is malformed`;
    const questions = table<QuestionRecord>();
    for (const [qid, q] of Object.entries(l.questions)) {
      if (isObj(q) && typeof q.correct === 'boolean' && isCount(q.attempts) && typeof q.revealed === 'boolean' && isTime(q.at)) {
        questions[qid] = { correct: q.correct, attempts: q.attempts, revealed: q.revealed, at: q.at };
      } else {
        warnings.push(`lessons.${id}.questions.${qid} was unreadable and was left out`);
      }
    }
    lessons[id] = { step: l.step, done: l.done, completedAt: l.completedAt, questions };
  }
  const cards = table<ReturnType<typeof parseStoredCard> & object>();
  for (const [qid, c] of Object.entries(o.cards)) {
    const card = parseStoredCard(c);
    if (card) cards[qid] = card;
    else warnings.push(`cards.${qid} was unreadable and was left out (the question will be scheduled again)`);
  }
  const out: Progress = { version: PROGRESS_VERSION, currentLesson: o.currentLesson, lessons, cards };
  if (o.seed === undefined) return out;
  if (isSeed(o.seed)) return { ...out, seed: o.seed };
  warnings.push('seed was unreadable and was left out (option orders will change once)');
  return out;
}

/** The record as text, exactly as stored (see rawText: no depth limit, cycles named). */
function backupText(raw: unknown): string {
  return typeof raw === 'string' ? raw : rawText(raw);
}

/**
 * Reads a stored record (text, or the parsed value VS Code global state returns). Nothing
 * stored yet gives a fresh record. Never throws. Entries that cannot be read inside an
 * otherwise good record are left out and listed in `warnings`; anything worse is an error
 * with the raw text as `backup`, and the caller must keep that text.
 */
export function loadProgress(raw: unknown): LoadResult {
  try {
    if (raw === undefined || raw === null || raw === '') return { ok: true, progress: emptyProgress(), migratedFrom: null, warnings: [] };
    let value: unknown = raw;
    if (typeof raw === 'string') {
      try {
        value = JSON.parse(raw);
      } catch (e) {
        return { ok: false, error: `progress record is not JSON (${(e as Error).message})`, backup: raw };
      }
    }
    if (!isObj(value)) return { ok: false, error: 'progress record is not an object', backup: backupText(raw) };
    const warnings: string[] = [];
    if (value.version === PROGRESS_VERSION) {
      const p = readV2(value, warnings);
      return typeof p === 'string' ? { ok: false, error: `progress record: ${p}`, backup: backupText(raw) } : { ok: true, progress: p, migratedFrom: null, warnings };
    }
    if (value.version === 1) {
      const v1 = readV1(value);
      if (typeof v1 === 'string') return { ok: false, error: `progress record (version 1): ${v1}`, backup: backupText(raw) };
      return { ok: true, progress: migrateV1(v1), migratedFrom: 1, warnings };
    }
    if (typeof value.version === 'number' && value.version > PROGRESS_VERSION) {
      return { ok: false, error: `progress record has version ${value.version}, newer than this extension understands (${PROGRESS_VERSION})`, backup: backupText(raw) };
    }
    return { ok: false, error: `progress record has an unknown version (${JSON.stringify(value.version)})`, backup: backupText(raw) };
  } catch (e) {
    return { ok: false, error: `progress record could not be read (${String(e)})`, backup: backupText(raw) };
  }
}

export function serializeProgress(p: Progress): string {
  return JSON.stringify(p);
}

const lessonRecord = (p: Progress, id: string): LessonRecord => own(p.lessons, id) ?? { step: 0, done: false, completedAt: null, questions: {} };

/** Moves the learner to a step of a lesson (and makes it the current lesson). */
export function setStep(p: Progress, lessonId: string, step: number): Progress {
  const l = lessonRecord(p, lessonId);
  return { ...p, currentLesson: lessonId, lessons: { ...p.lessons, [lessonId]: { ...l, step } } };
}

/** Records the end of an attempt at a question: its record and its review card. */
export function recordAnswer(p: Progress, lessonId: string, questionId: string, outcome: Outcome, now: number): Progress {
  const l = lessonRecord(p, lessonId);
  const q: QuestionRecord = { correct: outcome.correct, attempts: outcome.wrongAttempts + 1, revealed: outcome.revealed === true, at: now };
  return {
    ...p,
    lessons: { ...p.lessons, [lessonId]: { ...l, questions: { ...l.questions, [questionId]: q } } },
    cards: recordOutcome(p.cards, questionId, outcome, now),
  };
}

/** Records a review of a due card (outside its lesson). */
export function recordReview(p: Progress, questionId: string, outcome: Outcome, now: number): Progress {
  return { ...p, cards: recordOutcome(p.cards, questionId, outcome, now) };
}

export function completeLesson(p: Progress, lessonId: string, now: number): Progress {
  const l = lessonRecord(p, lessonId);
  return { ...p, lessons: { ...p.lessons, [lessonId]: { ...l, done: true, completedAt: l.completedAt ?? now } } };
}

/** Forgets one lesson: its steps, answers and review cards. */
export function resetLesson(p: Progress, lesson: Lesson): Progress {
  const lessons = { ...p.lessons };
  delete lessons[lesson.id];
  const cards = { ...p.cards };
  for (const q of lesson.questions) delete cards[q.id];
  return { ...p, lessons, cards, currentLesson: p.currentLesson === lesson.id ? null : p.currentLesson };
}

export function resetCourse(): Progress {
  return emptyProgress();
}

export type LessonStatus = 'not-started' | 'in-progress' | 'done';

export function lessonStatus(p: Progress, lessonId: string): LessonStatus {
  const l = own(p.lessons, lessonId);
  if (!l) return 'not-started';
  return l.done ? 'done' : 'in-progress';
}

/** "Continue where I left off": the current lesson if unfinished, else the first unfinished one. */
export function continueTarget(p: Progress, course: Course): { lessonId: string; step: number } | null {
  const cur = p.currentLesson ? course.lessons.find((l) => l.id === p.currentLesson) : undefined;
  if (cur && lessonStatus(p, cur.id) !== 'done') return { lessonId: cur.id, step: Math.min(lessonRecord(p, cur.id).step, cur.steps.length - 1) };
  const next = course.lessons.find((l) => lessonStatus(p, l.id) !== 'done');
  return next ? { lessonId: next.id, step: Math.min(lessonRecord(p, next.id).step, next.steps.length - 1) } : null;
}
