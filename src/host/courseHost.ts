/**
 * The course on the extension host: loads the lesson engine and the course (a separate
 * bundle, dist/lessons.js, read on first use so activation stays small), keeps the
 * learner's progress in global state (synced by Settings Sync), shows the review count in
 * the status bar, and carries out the course commands. Thin glue: grading, scheduling and
 * the lesson flow live in src/lessons.
 */
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CourseIntent, CourseModel, SandboxModel } from '../shared/protocol';
import type { Locale } from '../i18n/types';
import type { RowsKnown } from './sandbox/controller';
import type { CoursePlayer, PlayerResult } from '../core/course/player';
import type * as LessonsBundle from '../core/course/bundle';
import { hostT } from './hostL10n';
import { PROGRESS_BACKUP_KEY, PROGRESS_KEY, keepPrevious, readProgress, storedDueCount, storedNextDue, writeProgress } from './progressStore';

type LessonsModule = typeof LessonsBundle;

export const SHOW_REVIEW_COUNT_KEY = 'tcpTutor.showReviewCount';
/** The status bar is checked again at least this often (cards fall due while VS Code is open). */
const STATUS_RECHECK_MS = 60 * 60 * 1000;

/** How the course host reaches the webviews (implemented by the extension's Tutor). */
export interface CourseDisplay {
  /**
   * Sends the course model (when `course`) and the lesson sandbox (when `sandbox`) to every
   * webview; `problem` goes to the sandbox of `from` only.
   */
  showCourse(update: { readonly course: boolean; readonly sandbox: boolean; readonly reveal: boolean; readonly from?: unknown; readonly problem?: string | null }): void;
  /** Opens the side panel (for "Review Now" and "Continue"). */
  revealSidePanel(): Thenable<unknown>;
}

export interface CourseContext {
  readonly extensionUri: vscode.Uri;
  readonly globalState: vscode.Memento & { setKeysForSync(keys: readonly string[]): void };
  readonly log: vscode.LogOutputChannel;
  locale(): Locale;
}

export class CourseHost implements vscode.Disposable {
  private lessons: LessonsModule | undefined;
  private playerValue: CoursePlayer | undefined;
  private knownIds: Set<string> | null | undefined;
  private readonly status: vscode.StatusBarItem;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Writes of the progress record, in order. */
  private writes: Promise<void> = Promise.resolve();
  /** The record as this window last read or wrote it, to notice one that Settings Sync brought. */
  private lastSeen: string | undefined;

  constructor(
    private readonly context: CourseContext,
    private readonly display: CourseDisplay,
  ) {
    context.globalState.setKeysForSync([PROGRESS_KEY]);
    this.status = vscode.window.createStatusBarItem('tcpTutor.review', vscode.StatusBarAlignment.Right, 100);
    this.status.command = 'tcpTutor.reviewNow';
    this.updateStatus();
  }

  private get locale(): Locale {
    return this.context.locale();
  }

  /** The player, made on first use: loads the lesson bundle and reads the saved progress. */
  player(): CoursePlayer {
    if (this.playerValue) return this.playerValue;
    const lessons = this.loadLessons();
    const read = readProgress(this.context.globalState, lessons.loadProgress, lessons.emptyProgress, new Date());
    this.writes = read.saved.catch((error: unknown) => this.context.log.error(String(error)));
    const locale = this.locale;
    for (const w of read.warnings) this.context.log.warn(hostT(locale, 'Saved progress: {0}', w));
    if (read.migratedFrom !== null) this.context.log.info(hostT(locale, 'Saved progress was updated from version {0}; the original is kept.', read.migratedFrom));
    const player = new lessons.CoursePlayer(lessons.COURSE, read.progress);
    this.lastSeen = JSON.stringify(read.progress);
    if (read.problem) {
      this.context.log.warn(hostT(locale, 'The saved progress could not be read ({0}). It was kept under {1} and the course starts afresh.', read.problem, PROGRESS_BACKUP_KEY));
      player.setNotice(hostT(locale, 'Your saved progress could not be read, so the course starts afresh. A copy was kept; the TCP Tutor output has the details.'));
      const show = hostT(locale, 'Show Details');
      void vscode.window.showWarningMessage(hostT(locale, 'TCP Tutor could not read your saved progress. A copy was kept and the course starts afresh.'), show).then((pick) => {
        if (pick === show) this.context.log.show();
      });
    }
    this.playerValue = player;
    return player;
  }

  private loadLessons(): LessonsModule {
    // Not bundled into extension.js: the course and its engine are read only when needed.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.lessons ??= require(join(this.context.extensionUri.fsPath, 'dist', 'lessons.js')) as LessonsModule;
    return this.lessons;
  }

  model(locale: Locale): CourseModel {
    return this.player().model(locale, Date.now());
  }

  sandboxModel(locale: Locale, known: RowsKnown | null, problem: string | null): SandboxModel {
    return this.player().sandboxModel(locale, known, problem);
  }

  sandboxEpoch(): number {
    return this.player().sandboxEpoch;
  }

  /** An intent from a webview. Resets go through the commands, which confirm first. */
  intent(intent: CourseIntent, from: unknown): void {
    if (intent.type === 'course/reset') {
      void vscode.commands.executeCommand(intent.scope === 'course' ? 'tcpTutor.resetCourse' : 'tcpTutor.resetLesson', intent.lesson);
      return;
    }
    const result = this.player().handle(intent, Date.now());
    if (result.problem) this.context.log.info(hostT(this.locale, 'Course: {0}', result.problem));
    this.after(result, { from, problem: intent.type === 'course/sandbox' ? result.problem : null });
  }

  private after(result: PlayerResult, options: { reveal?: boolean; from?: unknown; problem?: string | null } = {}): void {
    if (result.progressChanged) this.save();
    const reveal = options.reveal === true;
    if (result.courseChanged || result.sandboxChanged || reveal || options.problem) {
      this.display.showCourse({ course: result.courseChanged || reveal, sandbox: result.sandboxChanged || Boolean(options.problem), reveal, from: options.from, problem: options.problem ?? null });
    }
  }

  private save(): void {
    const progress = this.player().progress;
    this.lastSeen = JSON.stringify(progress);
    // Issued at once (Memento updates apply in call order), so the record is current even
    // if the window closes before the write is flushed; failures are logged.
    const written = Promise.resolve(writeProgress(this.context.globalState, progress)).catch((error: unknown) => {
      this.context.log.error(hostT(this.locale, 'Could not save your progress: {0}', String(error)));
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
    this.context.log.info(hostT(this.locale, 'Progress saved elsewhere (Settings Sync or another window) was loaded.'));
    this.display.showCourse({ course: true, sandbox: true, reveal: false });
    this.updateStatus();
  }

  /** Settles when every write issued so far is stored (tests and deactivation). */
  flush(): Promise<void> {
    return this.writes;
  }

  // --- commands ----------------------------------------------------------------------------

  async reviewNow(): Promise<void> {
    const result = this.player().handle({ type: 'course/review' }, Date.now());
    await this.display.revealSidePanel();
    this.after(result, { reveal: true });
  }

  async continueLesson(): Promise<void> {
    const result = this.player().handle({ type: 'course/continue' }, Date.now());
    await this.display.revealSidePanel();
    this.after(result, { reveal: true });
  }

  async resetLesson(lessonId?: unknown): Promise<void> {
    const locale = this.locale;
    const player = this.player();
    const lessons = this.loadLessons().COURSE.lessons.map((l, i) => ({ id: l.id, number: i + 1, title: l.title[locale] }));
    let id = typeof lessonId === 'string' && lessons.some((l) => l.id === lessonId) ? lessonId : undefined;
    if (!id) {
      const current = player.currentLessonId();
      const items = lessons.map((l) => ({ label: `${l.number}. ${l.title}`, description: l.id === current ? hostT(locale, 'current lesson') : undefined, id: l.id }));
      const current1 = items.findIndex((i) => i.id === current);
      if (current1 > 0) items.unshift(items.splice(current1, 1)[0]);
      const pick = await vscode.window.showQuickPick(items, { placeHolder: hostT(locale, 'Reset which lesson?') });
      if (!pick) return;
      id = pick.id;
    }
    const title = lessons.find((l) => l.id === id)?.title ?? id;
    const confirm = hostT(locale, 'Reset Lesson');
    const answer = await vscode.window.showWarningMessage(
      hostT(locale, 'Reset the lesson "{0}"?', title),
      { modal: true, detail: hostT(locale, 'Its steps, answers and review cards will be forgotten. The rest of the course is kept.') },
      confirm,
    );
    if (answer !== confirm) return;
    await keepPrevious(this.context.globalState, `before resetting lesson ${id}`, new Date());
    if (!player.resetLesson(id)) return;
    this.save();
    this.display.showCourse({ course: true, sandbox: true, reveal: false });
    void vscode.window.showInformationMessage(hostT(locale, 'The lesson "{0}" was reset.', title));
  }

  async resetCourse(): Promise<void> {
    const locale = this.locale;
    const confirm = hostT(locale, 'Reset Course');
    const answer = await vscode.window.showWarningMessage(
      hostT(locale, 'Reset your progress in the whole course?'),
      { modal: true, detail: hostT(locale, 'Every lesson, answer and review card will be forgotten.') },
      confirm,
    );
    if (answer !== confirm) return;
    await keepPrevious(this.context.globalState, 'before resetting the course', new Date());
    this.player().resetCourse();
    this.save();
    this.display.showCourse({ course: true, sandbox: true, reveal: false });
    void vscode.window.showInformationMessage(hostT(locale, 'Your course progress was reset.'));
  }

  // --- the status bar --------------------------------------------------------------------

  /** Question ids of the course (from the built index), so cards of removed questions are not counted. */
  private known(): Set<string> | null {
    if (this.knownIds !== undefined) return this.knownIds;
    try {
      const ids = JSON.parse(readFileSync(join(this.context.extensionUri.fsPath, 'dist', 'course', 'questions.json'), 'utf8')) as unknown;
      this.knownIds = Array.isArray(ids) ? new Set(ids.filter((x): x is string => typeof x === 'string')) : null;
    } catch (error) {
      this.context.log.warn(String(error));
      this.knownIds = null;
    }
    return this.knownIds;
  }

  updateStatus(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = Date.now();
    const show = vscode.workspace.getConfiguration().get<boolean>(SHOW_REVIEW_COUNT_KEY) !== false;
    const raw = this.playerValue ? this.playerValue.progress : this.context.globalState.get(PROGRESS_KEY);
    const due = storedDueCount(raw, now, this.known());
    const locale = this.locale;
    if (show && due > 0) {
      this.status.name = hostT(locale, 'TCP Tutor Review');
      this.status.text = `$(mortar-board) ${due}`;
      const tooltip = due === 1 ? hostT(locale, '1 TCP Tutor question is due for review. Click to review it.') : hostT(locale, '{0} TCP Tutor questions are due for review. Click to review them.', due);
      this.status.tooltip = tooltip;
      this.status.accessibilityInformation = { label: tooltip, role: 'button' };
      this.status.show();
    } else {
      this.status.hide();
    }
    // Check again when the next card falls due (or within the hour, whichever is sooner).
    const next = storedNextDue(raw, now);
    const wait = Math.max(1000, Math.min(STATUS_RECHECK_MS, (next ?? now + STATUS_RECHECK_MS) - now + 500));
    this.timer = setTimeout(() => this.updateStatus(), wait);
    this.timer.unref?.();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.status.dispose();
  }
}
