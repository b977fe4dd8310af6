/**
 * One tutor webview, in the side panel or an editor tab: sets it up with a strict CSP,
 * answers its ready handshake with the diagram and strings, and validates every message
 * it sends. Malformed messages are logged and ignored, never thrown.
 */
import * as vscode from 'vscode';
import type { CourseIntent, CourseModel, HostMessage, LanguageSetting, SandboxIntent, SandboxModel, SandboxPreset, SavedViewState, Selection } from '../shared/protocol';
import type { RowsKnown } from './sandbox/controller';
import { PROTOCOL_VERSION, parseWebviewMessage } from '../shared/protocol';
import type { Locale } from '../i18n/types';
import type { Catalog } from '../i18n/catalog';
import { buildDiagramModel } from './diagram/presenter';
import { renderHtml } from './webviewHtml';
import { hostT } from './hostL10n';
import type { LabIntent, LabModel } from '../shared/lab/protocol';

export interface TutorHost {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  language(): LanguageSetting;
  locale(): Locale;
  catalog(locale: Locale): Catalog;
  setLanguage(language: LanguageSetting): Thenable<void>;
  openInEditor(): void;
  /** The view state kept for this kind of webview, or null (none, or unreadable). */
  savedViewState(kind: 'view' | 'panel'): SavedViewState | null;
  saveViewState(kind: 'view' | 'panel', state: SavedViewState): void;
  presets(locale: Locale): readonly SandboxPreset[];
  sandboxModel(locale: Locale, known: RowsKnown | null, problem: string | null): SandboxModel;
  /** Carries out a sandbox intent from this webview; the host redraws every webview. */
  sandboxIntent(intent: SandboxIntent, from: TutorWebview): void;
  sandboxEpoch(): number;
  /** The course screen to draw, in this language. */
  courseModel(locale: Locale): CourseModel;
  /** The lesson's own sandbox (only the rows this webview lacks). */
  lessonSandboxModel(locale: Locale, known: RowsKnown | null, problem: string | null): SandboxModel;
  lessonSandboxEpoch(): number;
  /** Carries out a course intent from this webview; the host redraws every webview. */
  courseIntent(intent: CourseIntent, from: TutorWebview): void;
  /** The Lab tab's model, in this language. */
  labModel(locale: Locale): LabModel;
  labIntent(intent: LabIntent): void;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class TutorWebview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  /** The learner's last selection, as the webview reported it (lessons will grade clicks). */
  lastSelection: Selection | null = null;
  /** The sandbox rows this webview holds, so that only new ones are sent. */
  private known: RowsKnown | null = null;
  private revealPending = false;
  /** The same, for the lesson's own sandbox. */
  private knownLesson: RowsKnown | null = null;
  private courseRevealPending = false;

  constructor(
    private readonly webview: vscode.Webview,
    readonly kind: 'view' | 'panel',
    private readonly host: TutorHost,
  ) {
    webview.options = webviewOptions(host.extensionUri);
    this.disposables.push(webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    webview.html = renderHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(host.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(host.extensionUri, 'dist', 'webview.css')).toString(),
      lang: host.locale() === 'zh-cn' ? 'zh-CN' : 'en',
    });
  }

  /** Sends the whole picture again (after the ready handshake, or when the language changes). */
  refresh(): void {
    if (!this.ready) return;
    const locale = this.host.locale();
    const message: HostMessage = {
      type: 'init',
      protocol: PROTOCOL_VERSION,
      locale,
      language: this.host.language(),
      host: this.kind,
      strings: this.host.catalog(locale).ui,
      diagram: buildDiagramModel(this.host.catalog(locale).diagram),
      presets: this.host.presets(locale),
      saved: this.host.savedViewState(this.kind),
    };
    void this.webview.postMessage(message);
    // A fresh page holds no rows: send the whole sandbox.
    this.known = null;
    this.sendSandbox();
    // Before the course: a lesson story's "Run it on this machine" needs the lab's twins.
    this.sendLab();
    this.knownLesson = null;
    this.sendCourse();
    this.sendLessonSandbox();
  }

  /** Sends the course screen; `reveal` shows the course tab. */
  sendCourse(reveal = false): void {
    if (!this.ready) {
      this.courseRevealPending ||= reveal;
      return;
    }
    let model: CourseModel;
    try {
      model = this.host.courseModel(this.host.locale());
    } catch (error) {
      this.courseFailed(error);
      return;
    }
    const message: HostMessage = { type: 'course', model, reveal: reveal || this.courseRevealPending };
    this.courseRevealPending = false;
    void this.webview.postMessage(message);
  }

  /** The course could not be loaded (e.g. dist/lessons.js is missing): logged; the diagram and sandbox still work. */
  private courseFailed(error: unknown): void {
    this.host.log.error(hostT(this.host.locale(), 'The course could not be loaded: {0}', error instanceof Error ? (error.stack ?? error.message) : String(error)));
  }

  /** Sends the Lab tab's model; `reveal` shows the tab. */
  sendLab(reveal = false): void {
    if (!this.ready) return;
    let model: LabModel;
    try {
      model = this.host.labModel(this.host.locale());
    } catch (error) {
      this.host.log.error(`kernel lab: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    void this.webview.postMessage({ type: 'lab', model, reveal } satisfies HostMessage);
  }

  /** Sends the lesson sandbox's picture (only the rows this webview lacks). */
  sendLessonSandbox(problem: string | null = null): void {
    if (!this.ready) return;
    let model: SandboxModel;
    try {
      model = this.host.lessonSandboxModel(this.host.locale(), this.knownLesson, problem);
    } catch (error) {
      this.courseFailed(error);
      return;
    }
    this.knownLesson = { epoch: this.host.lessonSandboxEpoch(), count: model.rowCount };
    void this.webview.postMessage({ type: 'lessonSandbox', model } satisfies HostMessage);
  }

  /** Sends the sandbox's current picture (only the rows this webview lacks). */
  sendSandbox(problem: string | null = null, reveal = false): void {
    if (!this.ready) {
      this.revealPending ||= reveal;
      return;
    }
    const model = this.host.sandboxModel(this.host.locale(), this.known, problem);
    this.known = { epoch: this.host.sandboxEpoch(), count: model.rowCount };
    const message: HostMessage = { type: 'sandbox', model, reveal: reveal || this.revealPending };
    this.revealPending = false;
    void this.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    const locale = this.host.locale();
    if (!parsed.ok) {
      this.host.log.warn(hostT(locale, 'Ignored a malformed message from the tutor view: {0}', parsed.error));
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.refresh();
        return;
      case 'setLanguage':
        this.host.setLanguage(message.language).then(undefined, (error: unknown) =>
          this.host.log.error(hostT(locale, 'Could not save the language setting: {0}', String(error))),
        );
        return;
      case 'openInEditor':
        this.host.openInEditor();
        return;
      case 'selected':
        this.lastSelection = message.selection;
        this.host.log.trace(`selected ${message.selection ? `${message.selection.kind} ${message.selection.id}` : 'nothing'}`);
        return;
      case 'saveViewState':
        this.host.saveViewState(this.kind, message.state);
        return;
      case 'sandbox/call':
      case 'sandbox/network':
      case 'sandbox/inject':
      case 'sandbox/deliverAll':
      case 'sandbox/advance':
      case 'sandbox/seek':
      case 'sandbox/branch':
      case 'sandbox/reset':
      case 'sandbox/settings':
      case 'sandbox/preset':
      case 'sandbox/export':
        this.host.sandboxIntent(message, this);
        return;
      case 'course/map':
      case 'course/open':
      case 'course/continue':
      case 'course/goto':
      case 'course/next':
      case 'course/back':
      case 'course/answer':
      case 'course/help':
      case 'course/reveal':
      case 'course/run':
      case 'course/review':
      case 'course/reviewNext':
      case 'course/reset':
      case 'course/sandbox':
        this.host.courseIntent(message, this);
        return;
      case 'lab/select':
      case 'lab/run':
      case 'lab/cancel':
        this.host.labIntent(message);
        return;
      case 'log':
        if (message.level === 'error') this.host.log.error(hostT(locale, 'The tutor view reported an error: {0}', message.message));
        else this.host.log.info(hostT(locale, 'The tutor view reported: {0}', message.message));
        return;
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
