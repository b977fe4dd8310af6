/**
 * The course's vocabulary: the languages it is written in and the learner's answer, as the
 * webview sends it and the grader reads it (one type for both). src/shared and src/i18n may
 * import this file and no other part of the course engine. Types and id lists only.
 */

/** The languages every learner-facing string exists in. The one list of locales. */
export const LOCALES = ['en', 'zh-cn'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export type QuestionKindId = 'choice' | 'next-state' | 'numbers' | 'order' | 'make-it-happen' | 'why';

/** A question on screen: still open, answered right, or finished by showing the answer. */
export type QuestionStatus = 'open' | 'correct' | 'revealed';

export type LessonMark = 'not-started' | 'in-progress' | 'done';

/** The learner's answer (make-it-happen is checked from the sandbox, not answered). */
export type Answer =
  | { readonly kind: 'choice'; readonly selected: readonly string[] }
  | { readonly kind: 'why'; readonly selected: readonly string[] }
  | { readonly kind: 'next-state'; readonly state: string }
  | { readonly kind: 'numbers'; readonly values: Readonly<Record<string, string>> }
  | { readonly kind: 'order'; readonly order: readonly string[] };
