/**
 * The course as the host runs it, without VS Code: the engine, the intent-to-command
 * mapping and the presenter, behind the methods tests need (intents in, view models out).
 */
import { CoursePlayer, type PlayerResult } from '../../src/core/course/player';
import type { Course } from '../../src/core/course/types';
import type { Progress } from '../../src/core/course/progress';
import type { Locale } from '../../src/i18n/types';
import type { CourseIntent, CourseModel, SandboxModel } from '../../src/shared/protocol';
import { CoursePresenter } from '../../src/host/course/presenter';
import { courseCommand } from '../../src/host/course/intents';
import type { RowsKnown } from '../../src/host/sandbox/presenter';

export class CourseDriver {
  readonly engine: CoursePlayer;
  readonly presenter: CoursePresenter;

  constructor(course: Course, progress: Progress) {
    this.engine = new CoursePlayer(course, progress);
    this.presenter = new CoursePresenter(this.engine);
  }

  /** What the course feature does with a webview's intent (resets are confirmed by the host instead). */
  handle(intent: CourseIntent, now: number): PlayerResult {
    if (intent.type === 'course/reset') return { progressChanged: false, courseChanged: false, sandboxChanged: false, problem: 'course/reset: the host confirms resets first' };
    if (intent.type === 'course/openCapture') return { progressChanged: false, courseChanged: false, sandboxChanged: false, problem: 'course/openCapture: the host opens the capture editor' };
    return courseCommand(this.engine, intent, now);
  }

  model(locale: Locale, now: number): CourseModel {
    return this.presenter.model(locale, now);
  }

  sandboxModel(locale: Locale, known: RowsKnown | null, problem: string | null): SandboxModel {
    return this.presenter.lessonSandbox(locale, known, problem);
  }

  get sandboxEpoch(): number {
    return this.engine.lessonSandbox.epoch;
  }

  get progress(): Progress {
    return this.engine.progress;
  }

  currentLessonId(): string | null {
    return this.engine.currentLessonId();
  }

  dueCount(now: number): number {
    return this.engine.dueCount(now);
  }

  replaceProgress(p: Progress): void {
    this.engine.replaceProgress(p);
  }

  resetCourse(): void {
    this.engine.resetCourse();
  }

  resetLesson(id: string): boolean {
    return this.engine.resetLesson(id);
  }

  setNotice(text: string | null): void {
    this.engine.setNotice(text);
  }
}
