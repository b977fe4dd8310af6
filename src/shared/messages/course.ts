/** The course: the host runs the lesson engine and grades; the webview draws and reports intents. */
import type { Answer } from '../vocabulary';
import type { CourseModel } from '../models/course';
import type { SandboxModel } from '../models/sandbox';
import type { SandboxIntent } from './sandbox';
import { SANDBOX_PARSERS } from './sandbox';
import type { ParserTable } from '../check';
import { describe, isId, isIndex, isRecord } from '../check';
import type { ShippedCapture } from '../lessonCaptures';
import { SHIPPED_CAPTURES, isShippedCapture } from '../lessonCaptures';

export interface CourseMessage {
  readonly type: 'course';
  readonly model: CourseModel;
  /** Show the course tab (after "Review Now", "Continue", a reset...). */
  readonly reveal: boolean;
}

/** The picture of the lesson's own sandbox (the same model as the free sandbox's). */
export interface LessonSandboxMessage {
  readonly type: 'lessonSandbox';
  readonly model: SandboxModel;
}

export type ToCourseMessage = CourseMessage | LessonSandboxMessage;

/** What the learner asks of the course. The host grades and decides. */
export type CourseIntent =
  | { readonly type: 'course/map' }
  | { readonly type: 'course/open'; readonly lesson: string }
  | { readonly type: 'course/continue' }
  | { readonly type: 'course/goto'; readonly step: number }
  | { readonly type: 'course/next' }
  | { readonly type: 'course/back' }
  | { readonly type: 'course/answer'; readonly question: string; readonly answer: Answer }
  /** The next hint, or the answer once the hints are used up. */
  | { readonly type: 'course/help'; readonly question: string }
  /** Show the answer now. */
  | { readonly type: 'course/reveal'; readonly question: string }
  /** A why question: play the counterfactual (or the real protocol, for contrast) in the lesson sandbox. */
  | { readonly type: 'course/run'; readonly question: string; readonly which: 'run' | 'contrast' }
  | { readonly type: 'course/review' }
  | { readonly type: 'course/reviewNext' }
  /** Asks the host to reset (it confirms with the learner first). */
  | { readonly type: 'course/reset'; readonly scope: 'lesson' | 'course'; readonly lesson?: string }
  /** An intent for the lesson's own sandbox. */
  | { readonly type: 'course/sandbox'; readonly intent: SandboxIntent }
  /** Open a shipped capture of the step's story in the capture editor. */
  | { readonly type: 'course/openCapture'; readonly capture: ShippedCapture };

export type FromCourseMessage = CourseIntent;

// ---------------------------------------------------------------------------------------
// Validation

/** Longest text a learner can type into one answer field. */
export const MAX_ANSWER_LENGTH = 200;
const MAX_ANSWER_ITEMS = 30;

const question = <T extends 'course/help' | 'course/reveal'>(type: T) => (raw: Readonly<Record<string, unknown>>) =>
  isId(raw.question) ? ({ type, question: raw.question } as const) : `question must be a question id, got ${describe(raw.question)}`;

export const COURSE_PARSERS: ParserTable<FromCourseMessage> = {
  'course/map': () => ({ type: 'course/map' }),
  'course/continue': () => ({ type: 'course/continue' }),
  'course/next': () => ({ type: 'course/next' }),
  'course/back': () => ({ type: 'course/back' }),
  'course/review': () => ({ type: 'course/review' }),
  'course/reviewNext': () => ({ type: 'course/reviewNext' }),
  'course/open': (raw) => (isId(raw.lesson) ? { type: 'course/open', lesson: raw.lesson } : `lesson must be a lesson id, got ${describe(raw.lesson)}`),
  'course/goto': (raw) => (isIndex(raw.step) && raw.step <= 1000 ? { type: 'course/goto', step: raw.step } : `step must be a step index, got ${describe(raw.step)}`),
  'course/help': question('course/help'),
  'course/reveal': question('course/reveal'),
  'course/run': (raw) => {
    if (!isId(raw.question)) return `question must be a question id, got ${describe(raw.question)}`;
    if (raw.which !== 'run' && raw.which !== 'contrast') return `which must be "run" or "contrast", got ${describe(raw.which)}`;
    return { type: 'course/run', question: raw.question, which: raw.which };
  },
  'course/answer': (raw) => {
    if (!isId(raw.question)) return `question must be a question id, got ${describe(raw.question)}`;
    const answer = parseLearnerAnswer(raw.answer);
    return typeof answer === 'string' ? answer : { type: 'course/answer', question: raw.question, answer };
  },
  'course/reset': (raw) => {
    if (raw.scope === 'course') return { type: 'course/reset', scope: 'course' };
    if (raw.scope !== 'lesson') return `scope must be "lesson" or "course", got ${describe(raw.scope)}`;
    if (raw.lesson !== undefined && !isId(raw.lesson)) return `lesson must be a lesson id, got ${describe(raw.lesson)}`;
    return raw.lesson === undefined ? { type: 'course/reset', scope: 'lesson' } : { type: 'course/reset', scope: 'lesson', lesson: raw.lesson };
  },
  'course/openCapture': (raw) =>
    isShippedCapture(raw.capture) ? { type: 'course/openCapture', capture: raw.capture } : `capture must be one of ${SHIPPED_CAPTURES.join(', ')}, got ${describe(raw.capture)}`,
  'course/sandbox': (raw) => {
    const inner = raw.intent;
    if (!isRecord(inner) || typeof inner.type !== 'string' || !Object.hasOwn(SANDBOX_PARSERS, inner.type)) return `intent must be a sandbox intent, got ${describe(inner)}`;
    const intent = SANDBOX_PARSERS[inner.type as SandboxIntent['type']](inner);
    return typeof intent === 'string' ? `${inner.type}: ${intent}` : { type: 'course/sandbox', intent };
  },
};

function parseIdList(v: unknown, what: string): readonly string[] | string {
  if (!Array.isArray(v)) return `${what} must be a list, got ${describe(v)}`;
  if (v.length > MAX_ANSWER_ITEMS) return `${what} has ${v.length} entries (at most ${MAX_ANSWER_ITEMS})`;
  for (const id of v) if (!isId(id)) return `${what} holds ${describe(id)}, which is not an id`;
  return v as string[];
}

/** An answer from the webview, or a one-line reason why it is not one. Odd but well-formed text is left for the grader. */
export function parseLearnerAnswer(v: unknown): Answer | string {
  if (!isRecord(v)) return `answer must be an object, got ${describe(v)}`;
  switch (v.kind) {
    case 'choice':
    case 'why': {
      const selected = parseIdList(v.selected, 'answer.selected');
      return typeof selected === 'string' ? selected : { kind: v.kind, selected };
    }
    case 'order': {
      const order = parseIdList(v.order, 'answer.order');
      return typeof order === 'string' ? order : { kind: 'order', order };
    }
    case 'next-state':
      if (typeof v.state !== 'string' || v.state.length > MAX_ANSWER_LENGTH) return `answer.state must be text of at most ${MAX_ANSWER_LENGTH} characters, got ${describe(v.state)}`;
      return { kind: 'next-state', state: v.state };
    case 'numbers': {
      if (!isRecord(v.values)) return `answer.values must be an object, got ${describe(v.values)}`;
      const entries = Object.entries(v.values);
      if (entries.length > MAX_ANSWER_ITEMS) return `answer.values has ${entries.length} fields (at most ${MAX_ANSWER_ITEMS})`;
      // No prototype: a field named "__proto__" is kept as a field, not taken as the prototype.
      const values = Object.create(null) as Record<string, string>;
      for (const [k, x] of entries) {
        if (!isId(k)) return `answer.values has a field named ${describe(k)}`;
        if (typeof x !== 'string' || x.length > MAX_ANSWER_LENGTH) return `answer.values.${k} must be text of at most ${MAX_ANSWER_LENGTH} characters, got ${describe(x)}`;
        values[k] = x;
      }
      return { kind: 'numbers', values };
    }
    default:
      return `answer.kind must be one of choice, why, order, next-state, numbers, got ${describe(v.kind)}`;
  }
}
