/**
 * The review count in the status bar. Part of the startup bundle: activation shows it from
 * the stored progress record without loading the course (no lesson engine, no lessons), and
 * keeps it current on its own (settings, window focus, the next card falling due). Once the
 * course is loaded it reads the player's record instead (`readFrom`) and the course asks for
 * an update after each change.
 */
import * as vscode from 'vscode';
import type { ReviewPace } from '../../core/course/due';
import { QUESTION_IDS } from '../../core/course/content/questionIds';
import type { HostText } from '../text';
import { LANGUAGE_KEY } from '../text';
import { PROGRESS_KEY, storedDueCount, storedNextDue } from './progressStore';

export const SHOW_REVIEW_COUNT_KEY = 'tcpTutor.showReviewCount';
/** The review settings' section: tcpTutor.review.newCardsPerDay and tcpTutor.review.statusBarThreshold. */
export const REVIEW_SECTION = 'tcpTutor.review';
export const NEW_CARDS_DEFAULT = 10;
export const STATUS_THRESHOLD_DEFAULT = 5;
/** The status bar is checked again at least this often (cards fall due while VS Code is open). */
const STATUS_RECHECK_MS = 60 * 60 * 1000;

/** A whole number setting, or its default when unset or not a number (bad values never throw). */
function wholeSetting(key: string, fallback: number, min: number, max: number): number {
  const value = vscode.workspace.getConfiguration().get<unknown>(`${REVIEW_SECTION}.${key}`);
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : fallback;
}

/** How many new cards a day come up for review, in the learner's own calendar day. */
export function reviewPaceSetting(now: Date = new Date()): ReviewPace {
  return { newPerDay: wholeSetting('newCardsPerDay', NEW_CARDS_DEFAULT, 0, 1000), utcOffsetMinutes: -now.getTimezoneOffset() };
}

export class ReviewStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private knownIds: Set<string> | undefined;
  /** The record counted: the stored one until the course is loaded, then the player's. */
  private source: () => unknown;
  private readonly listeners: vscode.Disposable[];

  constructor(
    globalState: vscode.Memento & { setKeysForSync(keys: readonly string[]): void },
    private readonly text: HostText,
  ) {
    // The progress record travels with Settings Sync.
    globalState.setKeysForSync([PROGRESS_KEY]);
    this.source = () => globalState.get(PROGRESS_KEY);
    this.item = vscode.window.createStatusBarItem('tcpTutor.review', vscode.StatusBarAlignment.Right, 100);
    this.item.command = 'tcpTutor.reviewNow';
    this.listeners = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SHOW_REVIEW_COUNT_KEY) || e.affectsConfiguration(REVIEW_SECTION) || e.affectsConfiguration(LANGUAGE_KEY)) this.update();
      }),
      // Settings Sync or another window may have changed the stored record.
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) this.update();
      }),
    ];
    this.update();
  }

  /** Counts this record from now on (the course's player holds the current one). */
  readFrom(source: () => unknown): void {
    this.source = source;
    this.update();
  }

  /** Question ids of the course, so cards of removed questions are not counted. */
  private known(): Set<string> {
    this.knownIds ??= new Set(QUESTION_IDS);
    return this.knownIds;
  }

  update(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = Date.now();
    const show = vscode.workspace.getConfiguration().get<boolean>(SHOW_REVIEW_COUNT_KEY) !== false;
    const raw = this.source();
    const due = storedDueCount(raw, now, this.known(), reviewPaceSetting(new Date(now)));
    // Below the threshold the count stays on the course map, out of the status bar.
    const threshold = wholeSetting('statusBarThreshold', STATUS_THRESHOLD_DEFAULT, 1, 1000);
    const locale = this.text.locale();
    if (show && due >= threshold) {
      this.item.name = this.text.t(locale, 'TCP Tutor Review');
      this.item.text = `$(mortar-board) ${due}`;
      const tooltip = due === 1 ? this.text.t(locale, '1 TCP Tutor question is due for review. Click to review it.') : this.text.t(locale, '{0} TCP Tutor questions are due for review. Click to review them.', due);
      this.item.tooltip = tooltip;
      this.item.accessibilityInformation = { label: tooltip, role: 'button' };
      this.item.show();
    } else {
      this.item.hide();
    }
    // Check again when the next card falls due (or within the hour, whichever is sooner).
    const next = storedNextDue(raw, now);
    const wait = Math.max(1000, Math.min(STATUS_RECHECK_MS, (next ?? now + STATUS_RECHECK_MS) - now + 500));
    this.timer = setTimeout(() => this.update(), wait);
    this.timer.unref?.();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const l of this.listeners) l.dispose();
    this.item.dispose();
  }
}
