/**
 * Lesson stories (scenario steps) that offer a real capture of the same story to open in the
 * capture editor. `step` is the step's index in its lesson and `stepId` its id (a unit test
 * keeps the two in agreement); `capture` names a file shipped in media/captures/ (the list the
 * host-webview contract accepts is SHIPPED_CAPTURES in src/shared/lessonCaptures.ts, and a test
 * keeps every name here in it).
 */
export interface LessonCapture {
  readonly lesson: string;
  readonly step: number;
  readonly stepId: string;
  readonly capture: string;
}

export const LESSON_CAPTURES: readonly LessonCapture[] = [
  // Open, a request and a reply, the client closes first, then the server.
  { lesson: 'states', step: 1, stepId: 'states-s2', capture: 'normal' },
  { lesson: 'handshake', step: 0, stepId: 'handshake-s1', capture: 'normal' },
  // The client shuts down its sending side; the server goes on sending, then closes.
  { lesson: 'close', step: 0, stepId: 'close-s1', capture: 'halfclose' },
  { lesson: 'why-four', step: 1, stepId: 'why-four-s2', capture: 'halfclose' },
  { lesson: 'close-shutdown', step: 1, stepId: 'close-shutdown-s2', capture: 'halfclose' },
  // SO_LINGER 0: close() sends one RST and no FIN.
  { lesson: 'close-shutdown', step: 13, stepId: 'close-shutdown-s5', capture: 'abort' },
  // Both sides close at once: the FINs cross.
  { lesson: 'simultaneous', step: 3, stepId: 'simultaneous-s4', capture: 'simclose' },
];

/** The capture a lesson step offers, or null. */
export function lessonCapture(lesson: string, step: number): string | null {
  return LESSON_CAPTURES.find((c) => c.lesson === lesson && c.step === step)?.capture ?? null;
}
