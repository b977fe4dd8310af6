/**
 * The course on the extension host: loads the lesson engine and the course (bundled in,
 * evaluated on first use so activation stays small), keeps the
 * learner's progress in global state (synced by Settings Sync), keeps the status bar's
 * review count (made at activation) current, carries out the course commands, and takes the `course/` messages: each
 * becomes one engine command, and the presenter's new picture goes back to the webviews.
 */
import * as vscode from 'vscode';
import type { FromCourseMessage } from '../../shared/protocol';
import type { Locale } from '../../i18n/types';
import type { CoursePlayer, PlayerResult } from '../../core/course/player';
import type * as LessonsBundle from './loaded';
import type { CoursePresenter } from './presenter';
import type { Feature, TutorView, TutorViews } from '../views';
import type { HostText } from '../text';
import type { RowsKnown } from '../sandbox/presenter';
import type { ReviewStatus } from './reviewStatus';
import { reviewPaceSetting } from './reviewStatus';
import { shippedCapturePath } from '../../shared/lessonCaptures';
import { PROGRESS_BACKUP_KEY, PROGRESS_KEY, keepPrevious, readProgress, writeProgress } from './progressStore';

type LessonsModule = typeof LessonsBundle;

export interface CourseContext {
  readonly extensionUri: vscode.Uri;
  readonly globalState: vscode.Memento & { setKeysForSync(keys: readonly string[]): void };
  /** Where the screen on show is kept across a window reload (this workspace's). */
  readonly workspaceState?: vscode.Memento;
}

/** The lesson step and question attempt on screen, for a reload to return to. */
export const SCREEN_KEY = 'tcpTutor.course.screen';

/** What to send after a change: the course screen, the lesson sandbox, and to whom a problem goes. */
interface Update {
  readonly course: boolean;
  readonly sandbox: boolean;
  readonly reveal: boolean;
  readonly from?: TutorView;
  readonly problem?: string | null;
}

/** Per view: the lesson-sandbox rows it holds, and a reveal asked for before its page was ready. */
interface ViewState {
  known: RowsKnown | null;
  revealPending: boolean;
}

export class CourseFeature implements Feature<FromCourseMessage>, vscode.Disposable {
  private readonly perView = new Map<TutorView, ViewState>();
  private presenterValue: CoursePresenter | undefined;

  private lessons: LessonsModule | undefined;
  private playerValue: CoursePlayer | undefined;
  /** Writes of the progress record, in order. */
  private writes: Promise<void> = Promise.resolve();
  /** The record as this window last read or wrote it, to notice one that Settings Sync brought. */
  private lastSeen: string | undefined;

  constructor(
    private readonly context: CourseContext,
    private readonly views: TutorViews,
    private readonly text: HostText,
    /** The status bar's review count (made at activation, before the course loads). */
    private readonly status: Pick<ReviewStatus, 'update' | 'readFrom'>,
  ) {}

  private get locale(): Locale {
    return this.text.locale();
  }

  /** The player, made on first use: loads the lesson bundle and reads the saved progress. */
  player(): CoursePlayer {
    if (this.playerValue) return this.playerValue;
    const lessons = this.loadLessons();
    const read = readProgress(this.context.globalState, lessons.loadProgress, lessons.emptyProgress, new Date());
    this.writes = read.saved.catch((error: unknown) => this.text.log.error(String(error)));
    const locale = this.locale;
    for (const w of read.warnings) this.text.log.warn(this.text.t(locale, 'Saved progress: {0}', w));
    if (read.migratedFrom !== null) this.text.log.info(this.text.t(locale, 'Saved progress was updated from version {0}; the original is kept.', read.migratedFrom));
    // The learner's shuffle seed is drawn once, here, and kept in the progress record.
    const progress = read.progress.seed === undefined ? lessons.withSeed(read.progress, crypto.getRandomValues(new Uint32Array(1))[0]) : read.progress;
    const player = new lessons.CoursePlayer(lessons.COURSE, progress);
    player.setReviewPace(reviewPaceSetting());
    // After a reload: back to the step (and the question attempt) that was open.
    const screen = this.context.workspaceState?.get(SCREEN_KEY);
    if (screen !== undefined && !player.restoreScreen(screen)) void this.context.workspaceState?.update(SCREEN_KEY, undefined);
    this.lastSeen = JSON.stringify(read.progress);
    if (read.problem) {
      this.text.log.warn(this.text.t(locale, 'The saved progress could not be read ({0}). It was kept under {1} and the course starts afresh.', read.problem, PROGRESS_BACKUP_KEY));
      player.setNotice(this.text.t(locale, 'Your saved progress could not be read, so the course starts afresh. A copy was kept; the TCP Tutor output has the details.'));
      const show = this.text.t(locale, 'Show Details');
      void vscode.window.showWarningMessage(this.text.t(locale, 'TCP Tutor could not read your saved progress. A copy was kept and the course starts afresh.'), show).then((pick) => {
        if (pick === show) this.text.log.show();
      });
    }
    this.playerValue = player;
    this.status.readFrom(() => player.progress);
    if (progress !== read.progress) this.save();
    return player;
  }

  /** The course and its engine, evaluated on first use. */
  loadLessons(): LessonsModule {
    // Bundled in, but evaluated only when first needed: the lessons are a few hundred KB of
    // data that activation does not need (esbuild wraps a required module in a lazy initialiser).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.lessons ??= require('./loaded') as LessonsModule;
    return this.lessons;
  }

  private presenter(): CoursePresenter {
    this.presenterValue ??= new (this.loadLessons().CoursePresenter)(this.player());
    return this.presenterValue;
  }

  /** A message from a webview. Resets go through the commands, which confirm first. */
  receive(intent: FromCourseMessage, from: TutorView): void {
    if (intent.type === 'course/reset') {
      void vscode.commands.executeCommand(intent.scope === 'course' ? 'tcpTutor.resetCourse' : 'tcpTutor.resetLesson', intent.lesson);
      return;
    }
    if (intent.type === 'course/openCapture') {
      // The capture editor runs on the desktop and in the web build alike; the file is read
      // through the workspace file system from the extension's own media.
      const uri = vscode.Uri.joinPath(this.context.extensionUri, ...shippedCapturePath(intent.capture));
      void Promise.resolve(vscode.commands.executeCommand('vscode.openWith', uri, 'tcpTutor.capture')).catch((error: unknown) => this.failed(error));
      return;
    }
    let result: PlayerResult;
    try {
      result = this.loadLessons().courseCommand(this.player(), intent, Date.now());
    } catch (error) {
      this.failed(error);
      return;
    }
    if (result.problem) this.text.log.info(this.text.t(this.locale, 'Course: {0}', result.problem));
    this.after(result, { from, problem: intent.type === 'course/sandbox' ? result.problem : null });
  }

  private after(result: PlayerResult, options: { reveal?: boolean; from?: TutorView; problem?: string | null } = {}): void {
    if (result.progressChanged) this.save();
    if (result.courseChanged) this.keepScreen();
    const reveal = options.reveal === true;
    if (result.courseChanged || result.sandboxChanged || reveal || options.problem) {
      this.update({ course: result.courseChanged || reveal, sandbox: result.sandboxChanged || Boolean(options.problem), reveal, from: options.from, problem: options.problem ?? null });
    }
  }

  // --- the webviews ------------------------------------------------------------------------

  private state(view: TutorView): ViewState {
    let s = this.perView.get(view);
    if (!s) this.perView.set(view, (s = { known: null, revealPending: false }));
    return s;
  }

  show(view: TutorView): void {
    this.state(view).known = null;
    this.sendCourse(view);
    this.sendLessonSandbox(view);
  }

  forget(view: TutorView): void {
    this.perView.delete(view);
  }

  /** Sends the course screen and/or the lesson sandbox to every webview; `problem` to `from` only. */
  private update(u: Update): void {
    for (const view of this.views.all()) {
      if (u.course) this.sendCourse(view, u.reveal);
      if (u.sandbox) this.sendLessonSandbox(view, view === u.from ? (u.problem ?? null) : null);
    }
  }

  /** Sends the course screen; `reveal` shows the course tab. */
  private sendCourse(view: TutorView, reveal = false): void {
    const st = this.state(view);
    if (!view.ready) {
      st.revealPending ||= reveal;
      return;
    }
    try {
      const model = this.presenter().model(this.locale, Date.now());
      view.post({ type: 'course', model, reveal: reveal || st.revealPending });
      st.revealPending = false;
    } catch (error) {
      this.failed(error);
    }
  }

  /** Sends the lesson sandbox's picture (only the rows this webview lacks). */
  private sendLessonSandbox(view: TutorView, problem: string | null = null): void {
    if (!view.ready) return;
    const st = this.state(view);
    try {
      const model = this.presenter().lessonSandbox(this.locale, st.known, problem);
      st.known = { epoch: this.player().lessonSandbox.epoch, count: model.rowCount };
      view.post({ type: 'lessonSandbox', model });
    } catch (error) {
      this.failed(error);
    }
  }

  /** The course could not be shown (a bug): logged; the diagram and sandbox still work. */
  private failed(error: unknown): void {
    this.text.log.error(this.text.t(this.locale, 'The course could not be loaded: {0}', error instanceof Error ? (error.stack ?? error.message) : String(error)));
  }

  private save(): void {
    const progress = this.player().progress;
    this.lastSeen = JSON.stringify(progress);
    // Issued at once (Memento updates apply in call order), so the record is current even
    // if the window closes before the write is flushed; failures are logged.
    const written = Promise.resolve(writeProgress(this.context.globalState, progress)).catch((error: unknown) => {
      this.text.log.error(this.text.t(this.locale, 'Could not save your progress: {0}', String(error)));
    });
    this.writes = Promise.all([this.writes, written]).then(() => undefined);
    this.updateStatus();
  }

  /**
   * Settings Sync (or another window) may have changed the stored record since this window
   * read it: take the stored one when it differs and is readable. Called when the window
   * gains focus; a record that cannot be read is left alone (this window's is kept).
   */
  pickUpStoredProgress(): void {
    if (!this.playerValue || !this.lessons) return;
    const raw = this.context.globalState.get(PROGRESS_KEY);
    if (raw === undefined || JSON.stringify(raw) === this.lastSeen) return;
    const loaded = this.lessons.loadProgress(raw);
    if (!loaded.ok) return;
    this.lastSeen = JSON.stringify(raw);
    this.playerValue.replaceProgress(loaded.progress);
    this.text.log.info(this.text.t(this.locale, 'Progress saved elsewhere (Settings Sync or another window) was loaded.'));
    this.keepScreen();
    this.update({ course: true, sandbox: true, reveal: false });
    this.updateStatus();
  }

  /** Keeps the screen on show for a reload (workspace state: each workspace its own place). */
  private keepScreen(): void {
    const state = this.context.workspaceState;
    if (!state || !this.playerValue) return;
    state.update(SCREEN_KEY, this.playerValue.screenSnapshot() ?? undefined).then(undefined, (error: unknown) => this.text.log.error(String(error)));
  }

  /** The review settings changed: pace the queue anew and redraw the counts. */
  reviewSettingsChanged(): void {
    if (this.playerValue) {
      this.playerValue.setReviewPace(reviewPaceSetting());
      this.update({ course: true, sandbox: false, reveal: false });
    }
    this.updateStatus();
  }

  /** Settles when every write issued so far is stored (tests and deactivation). */
  flush(): Promise<void> {
    return this.writes;
  }

  // --- commands ----------------------------------------------------------------------------

  async reviewNow(): Promise<void> {
    const result = this.player().review(Date.now());
    await vscode.commands.executeCommand('tcpTutor.openSidePanel');
    this.after(result, { reveal: true });
  }

  async continueLesson(): Promise<void> {
    const result = this.player().continueCourse();
    await vscode.commands.executeCommand('tcpTutor.openSidePanel');
    this.after(result, { reveal: true });
  }

  async resetLesson(lessonId?: unknown): Promise<void> {
    const locale = this.locale;
    const player = this.player();
    const lessons = this.loadLessons().COURSE.lessons.map((l, i) => ({ id: l.id, number: i + 1, title: l.title[locale] }));
    let id = typeof lessonId === 'string' && lessons.some((l) => l.id === lessonId) ? lessonId : undefined;
    if (!id) {
      const current = player.currentLessonId();
      const items = lessons.map((l) => ({ label: `${l.number}. ${l.title}`, description: l.id === current ? this.text.t(locale, 'current lesson') : undefined, id: l.id }));
      const current1 = items.findIndex((i) => i.id === current);
      if (current1 > 0) items.unshift(items.splice(current1, 1)[0]);
      const pick = await vscode.window.showQuickPick(items, { placeHolder: this.text.t(locale, 'Reset which lesson?') });
      if (!pick) return;
      id = pick.id;
    }
    const title = lessons.find((l) => l.id === id)?.title ?? id;
    const confirm = this.text.t(locale, 'Reset Lesson');
    const answer = await vscode.window.showWarningMessage(
      this.text.t(locale, 'Reset the lesson "{0}"?', title),
      { modal: true, detail: this.text.t(locale, 'Its steps, answers and review cards will be forgotten. The rest of the course is kept.') },
      confirm,
    );
    if (answer !== confirm) return;
    await keepPrevious(this.context.globalState, `before resetting lesson ${id}`, new Date());
    if (!player.resetLesson(id)) return;
    this.save();
    this.keepScreen();
    this.update({ course: true, sandbox: true, reveal: false });
    void vscode.window.showInformationMessage(this.text.t(locale, 'The lesson "{0}" was reset.', title));
  }

  async resetCourse(): Promise<void> {
    const locale = this.locale;
    const confirm = this.text.t(locale, 'Reset Course');
    const answer = await vscode.window.showWarningMessage(
      this.text.t(locale, 'Reset your progress in the whole course?'),
      { modal: true, detail: this.text.t(locale, 'Every lesson, answer and review card will be forgotten.') },
      confirm,
    );
    if (answer !== confirm) return;
    await keepPrevious(this.context.globalState, 'before resetting the course', new Date());
    this.player().resetCourse();
    this.save();
    this.keepScreen();
    this.update({ course: true, sandbox: true, reveal: false });
    void vscode.window.showInformationMessage(this.text.t(locale, 'Your course progress was reset.'));
  }

  /** The status bar's count, after a change of progress or of the review settings. */
  updateStatus(): void {
    this.status.update();
  }

  dispose(): void {
    // The status bar item belongs to activation (it lives on while the course is unloaded).
  }
}
