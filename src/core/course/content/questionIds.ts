/**
 * Every question id of the course, so that the status bar counts only review cards of
 * questions the course still has, without evaluating the lessons at activation. The build
 * (scripts/build.mjs) replaces this module by the same list computed from the lesson files,
 * so the extension bundle holds ids only; here, under tests and the command-line tools, it is
 * computed from the course itself.
 */
import { COURSE } from './index';

export const QUESTION_IDS: readonly string[] = COURSE.lessons.flatMap((l) => l.questions.map((q) => q.id));
