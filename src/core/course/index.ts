/**
 * The lesson engine's public API (no VS Code, no wall clock: the host passes `now`).
 */
export * from './types';
export { COURSE, LESSON_FILES, MISCONCEPTIONS_FILE } from './content';
export { grade, helpAfter, answerText, shuffleOrder, optionOrder, hashId, seededRandom, acceptedOrders, assignNumberValues, ENGINE_TEXT } from './grading';
export { normalizeInput, parseLinear, parseStateName, sameLinear, formatLinear, splitValues } from './parse';
export type { Linear } from './parse';
export { goalMet, goalLeaves, describeGoal } from './goals';
export { TraceGoalView, runSandbox } from './sandbox';
export type { SandboxRun } from './sandbox';
export { validateCourseFiles, schemaErrors, misconceptionErrors, jsonPath, lengthBias, KEYED_LONGEST_LIMIT } from './validate';
export type { ContentFile, ValidateOptions } from './validate';
export { ratingFor, newCard, reviewCard, recordOutcome, dueQuestions, dueCount, nextDue, parseStoredCard } from './scheduler';
export type { StoredCard, Cards, Outcome, ReviewRating } from './scheduler';
export { dueIds, earliestDue } from './due';
export {
  PROGRESS_VERSION,
  emptyProgress,
  loadProgress,
  migrateV1,
  serializeProgress,
  setStep,
  recordAnswer,
  recordReview,
  completeLesson,
  resetLesson,
  resetCourse,
  lessonStatus,
  continueTarget,
  withSeed,
} from './progress';
export type { Progress, ProgressV1, LessonRecord, QuestionRecord, LoadResult, LessonStatus } from './progress';
export { courseExport, courseMarkdown, lessonMarkdown, localize, COURSE_EXPORT_VERSION } from './export';

import { COURSE } from './content';
import type { Lesson, Question } from './types';

/** Finds a question anywhere in the course, with its lesson. */
export function findQuestion(id: string, course = COURSE): { lesson: Lesson; question: Question } | undefined {
  for (const lesson of course.lessons) {
    const question = lesson.questions.find((q) => q.id === id);
    if (question) return { lesson, question };
  }
  return undefined;
}

/** Every question id of the course (for `dueQuestions(..., known)`). */
export function questionIds(course = COURSE): Set<string> {
  return new Set(course.lessons.flatMap((l) => l.questions.map((q) => q.id)));
}
