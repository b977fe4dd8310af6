/**
 * Entry point: registers the side-panel view, the editor-tab panel (with a serializer so it
 * comes back after a reload), the commands and the language setting. Thin glue only: the
 * simulator lives in src/tcp, the text in src/i18n.
 */
import * as vscode from 'vscode';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CourseIntent, CourseModel, LanguageSetting, SandboxIntent, SandboxModel, SandboxPreset, SavedViewState } from '../shared/protocol';
import { parseSavedViewState } from '../shared/protocol';
import type { Locale } from '../i18n/types';
import type { Catalog } from '../i18n/catalog';
import { loadCatalog } from '../i18n/load';
import type { Scenario } from '../core/tcp';
import type { RowsKnown } from './sandbox/controller';
import { PresetLibrary, SandboxController } from './sandbox/controller';
import { SandboxSession } from '../core/sandbox/session';
import type { TutorHost } from './tutorWebview';
import { TutorWebview, webviewOptions } from './tutorWebview';
import { readLanguageSetting, resolveLocale } from './locale';
import { hostT } from './hostL10n';
import { registerScenarioFiles } from './scenarioFiles';
import type { CourseDisplay } from './courseHost';
import { CourseHost, SHOW_REVIEW_COUNT_KEY } from './courseHost';
import type { LabIntent, LabModel } from '../shared/lab/protocol';
import { LabPresenter } from './lab/presenter';
import { labCommand } from './lab/labHost';

export const VIEW_ID = 'tcpTutor.view';
export const PANEL_TYPE = 'tcpTutor.panel';
const CONTAINER_ID = 'tcpTutor';
const LANGUAGE_KEY = 'tcpTutor.language';
const SANDBOX_KEY = 'tcpTutor.sandbox';
const SANDBOX_BACKUP_KEY = 'tcpTutor.sandbox.unreadable';

class Tutor implements vscode.WebviewViewProvider, vscode.WebviewPanelSerializer, TutorHost, CourseDisplay {
  readonly log: vscode.LogOutputChannel;
  private readonly live = new Set<TutorWebview>();
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    readonly extensionUri: vscode.Uri,
    private readonly workspaceState: vscode.Memento,
  ) {
    this.log = vscode.window.createOutputChannel('TCP Tutor', { log: true });
  }

  savedViewState(kind: 'view' | 'panel'): SavedViewState | null {
    const raw: unknown = this.workspaceState.get(`tcpTutor.viewState.${kind}`);
    if (raw === undefined) return null;
    const parsed = parseSavedViewState(raw);
    if (typeof parsed === 'string') {
      this.log.warn(hostT(this.locale(), 'Ignored an unreadable saved view state: {0}', parsed));
      return null;
    }
    return parsed;
  }

  saveViewState(kind: 'view' | 'panel', state: SavedViewState): void {
    this.workspaceState.update(`tcpTutor.viewState.${kind}`, state).then(undefined, (error: unknown) => this.log.error(String(error)));
  }

  // --- the course ----------------------------------------------------------------------

  course: CourseHost | undefined;

  private courseHost(): CourseHost {
    if (!this.course) throw new Error('the course host is not set up');
    return this.course;
  }

  courseModel(locale: Locale): CourseModel {
    return this.courseHost().model(locale);
  }

  lessonSandboxModel(locale: Locale, known: RowsKnown | null, problem: string | null): SandboxModel {
    return this.courseHost().sandboxModel(locale, known, problem);
  }

  lessonSandboxEpoch(): number {
    return this.courseHost().sandboxEpoch();
  }

  courseIntent(intent: CourseIntent, from: TutorWebview): void {
    this.courseHost().intent(intent, from);
  }

  showCourse(update: { readonly course: boolean; readonly sandbox: boolean; readonly reveal: boolean; readonly from?: unknown; readonly problem?: string | null }): void {
    for (const w of this.live) {
      if (update.course) w.sendCourse(update.reveal);
      if (update.sandbox) w.sendLessonSandbox(w === update.from ? (update.problem ?? null) : null);
    }
  }

  revealSidePanel(): Thenable<unknown> {
    return vscode.commands.executeCommand('tcpTutor.openSidePanel');
  }

  // --- the kernel lab ------------------------------------------------------------------

  private labPresenter: LabPresenter | undefined;

  private lab(): LabPresenter {
    if (!this.labPresenter) {
      const { command, reason } = labCommand(this.extensionUri.fsPath);
      this.labPresenter = new LabPresenter({
        command,
        unavailableReason: reason,
        show: (reveal) => {
          for (const w of this.live) w.sendLab(reveal);
        },
        log: (message) => this.log.warn(message),
      });
    }
    return this.labPresenter;
  }

  labModel(locale: Locale): LabModel {
    return this.lab().model(this.catalog(locale).lab);
  }

  labIntent(intent: LabIntent): void {
    this.lab().intent(intent);
  }

  // --- the sandbox ---------------------------------------------------------------------

  private controller: SandboxController | undefined;

  /** Made on first use: reading the scenario library and the saved session costs a little. */
  private sandbox(): SandboxController {
    if (this.controller) return this.controller;
    const dir = join(this.extensionUri.fsPath, 'scenarios');
    let files: { name: string; text: string }[] = [];
    try {
      files = readdirSync(dir)
        .filter((n) => n.endsWith('.tcp.json'))
        .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
    } catch (error) {
      this.log.error(hostT(this.locale(), 'Could not read the scenario library: {0}', String(error)));
    }
    const library = new PresetLibrary(files, (locale) => this.catalog(locale));
    for (const problem of library.problems) this.log.warn(problem);
    this.controller = new SandboxController(this.restoreSession(), library);
    return this.controller;
  }

  private restoreSession(): SandboxSession {
    const raw: unknown = this.workspaceState.get(SANDBOX_KEY);
    const { session, problem } = SandboxSession.restoreOrCreate(raw);
    if (problem) {
      // Keep the unreadable record for a bug report, say so, and start afresh.
      void this.workspaceState.update(SANDBOX_BACKUP_KEY, raw);
      void this.workspaceState.update(SANDBOX_KEY, undefined);
      this.log.warn(hostT(this.locale(), 'The saved sandbox could not be read ({0}); a copy was kept under {1}.', problem, SANDBOX_BACKUP_KEY));
      void vscode.window.showWarningMessage(hostT(this.locale(), 'Your saved sandbox session could not be read, so a new one was started. Details are in the TCP Tutor output.'));
    }
    return session;
  }

  private persistSandbox(): void {
    const record = this.sandbox().session.toRecord();
    this.workspaceState.update(SANDBOX_KEY, record).then(undefined, (error: unknown) => this.log.error(String(error)));
  }

  sandboxEpoch(): number {
    return this.sandbox().epoch;
  }

  presets(locale: Locale): readonly SandboxPreset[] {
    return this.sandbox().library.list(locale);
  }

  sandboxModel(locale: Locale, known: RowsKnown | null, problem: string | null): SandboxModel {
    return this.sandbox().model(locale, known, problem);
  }

  sandboxIntent(intent: SandboxIntent, from: TutorWebview): void {
    const result = this.sandbox().handle(intent, this.locale());
    if (result.export) void this.exportSandbox(result.export.format, result.export.content);
    if (result.changed) {
      this.persistSandbox();
      for (const w of this.live) w.sendSandbox(w === from ? result.problem : null);
    } else if (result.problem) {
      from.sendSandbox(result.problem);
    }
  }

  private async exportSandbox(format: 'mermaid' | 'scenario' | 'svg', content: string): Promise<void> {
    const locale = this.locale();
    try {
      if (format === 'mermaid') {
        await vscode.env.clipboard.writeText(content);
        void vscode.window.showInformationMessage(hostT(locale, 'The sequence diagram was copied as Mermaid.'));
        return;
      }
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = format === 'svg' ? 'tcp-ladder.svg' : 'my-story.tcp.json';
      const target = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: format === 'svg' ? { SVG: ['svg'] } : { [hostT(locale, 'TCP Tutor scenario')]: ['tcp.json'] },
        title: format === 'svg' ? hostT(locale, 'Export the sequence diagram as SVG') : hostT(locale, 'Save the steps as a scenario file'),
      });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
      if (format === 'scenario') await vscode.window.showTextDocument(target, { preview: false, viewColumn: vscode.ViewColumn.Beside });
      else void vscode.window.showInformationMessage(hostT(locale, 'Saved {0}.', vscode.workspace.asRelativePath(target)));
    } catch (error) {
      this.log.error(String(error));
      void vscode.window.showErrorMessage(hostT(locale, 'Could not export: {0}', error instanceof Error ? error.message : String(error)));
    }
  }

  /** The editor tab, showing its sandbox. */
  openSandbox(): void {
    this.openInEditor();
    for (const w of this.live) if (w.kind === 'panel') w.sendSandbox(null, true);
  }

  /** "Export Course as Markdown": the whole course or one lesson, in the tutor's language, as a new document. */
  async exportCourseMarkdown(): Promise<void> {
    const locale = this.locale();
    const dir = join(this.extensionUri.fsPath, 'dist', 'course', locale);
    try {
      const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { id: string; title: string }[];
      const items = [
        { label: hostT(locale, 'The whole course'), file: 'course.md' },
        ...index.map((l, i) => ({ label: `${i + 1}. ${l.title}`, file: `${l.id}.md` })),
      ];
      const pick = await vscode.window.showQuickPick(items, { placeHolder: hostT(locale, 'Export which part of the course as Markdown?') });
      if (!pick) return;
      const content = readFileSync(join(dir, pick.file), 'utf8');
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      await vscode.window.showTextDocument(doc, { preview: false });
    } catch (error) {
      this.log.error(String(error));
      void vscode.window.showErrorMessage(hostT(locale, 'Could not export the course: {0}', error instanceof Error ? error.message : String(error)));
    }
  }

  /** Opens a scenario (from a file) in the sandbox of the editor tab. */
  playScenario(scenario: Scenario, source: vscode.Uri): void {
    const title = scenario.title ?? vscode.workspace.asRelativePath(source);
    const controller = this.sandbox();
    controller.load(SandboxSession.fromScenario(scenario, null, title), title);
    this.persistSandbox();
    this.openInEditor();
    for (const w of this.live) w.sendSandbox(null, w.kind === 'panel');
  }

  language(): LanguageSetting {
    return readLanguageSetting(vscode.workspace.getConfiguration().get(LANGUAGE_KEY));
  }

  locale(): Locale {
    return resolveLocale(this.language(), vscode.env.language);
  }

  catalog(locale: Locale): Catalog {
    return loadCatalog(this.extensionUri.fsPath, locale);
  }

  async setLanguage(language: LanguageSetting): Promise<void> {
    await vscode.workspace.getConfiguration().update(LANGUAGE_KEY, language, vscode.ConfigurationTarget.Global);
  }

  refreshAll(): void {
    for (const w of this.live) w.refresh();
    if (this.panel) this.panel.title = hostT(this.locale(), 'TCP Tutor');
  }

  private attach(webview: vscode.Webview, kind: 'view' | 'panel', onDispose: (listener: () => void) => vscode.Disposable): void {
    const tutor = new TutorWebview(webview, kind, this);
    this.live.add(tutor);
    onDispose(() => {
      this.live.delete(tutor);
      tutor.dispose();
    });
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.attach(view.webview, 'view', (l) => view.onDidDispose(l));
  }

  private adoptPanel(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'panel-icon.svg');
    panel.title = hostT(this.locale(), 'TCP Tutor');
    this.attach(panel.webview, 'panel', (l) =>
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
        l();
      }),
    );
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    this.adoptPanel(panel);
  }

  openInEditor(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_TYPE, hostT(this.locale(), 'TCP Tutor'), vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    this.adoptPanel(panel);
  }

  dispose(): void {
    this.labPresenter?.dispose();
    this.panel?.dispose();
    this.log.dispose();
  }
}

export function activate(context: vscode.ExtensionContext): void {
  const tutor = new Tutor(context.extensionUri, context.workspaceState);
  const course = new CourseHost({ extensionUri: context.extensionUri, globalState: context.globalState, log: tutor.log, locale: () => tutor.locale() }, tutor);
  tutor.course = course;
  context.subscriptions.push(
    tutor,
    course,
    vscode.window.registerWebviewViewProvider(VIEW_ID, tutor),
    vscode.window.registerWebviewPanelSerializer(PANEL_TYPE, tutor),
    vscode.commands.registerCommand('tcpTutor.openSidePanel', async () => {
      await vscode.commands.executeCommand(`workbench.view.extension.${CONTAINER_ID}`);
      await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    }),
    vscode.commands.registerCommand('tcpTutor.openInEditor', () => tutor.openInEditor()),
    vscode.commands.registerCommand('tcpTutor.openSandbox', () => tutor.openSandbox()),
    vscode.commands.registerCommand('tcpTutor.exportCourse', () => tutor.exportCourseMarkdown()),
    vscode.commands.registerCommand('tcpTutor.reviewNow', () => course.reviewNow()),
    vscode.commands.registerCommand('tcpTutor.continueLesson', () => course.continueLesson()),
    vscode.commands.registerCommand('tcpTutor.resetLesson', (lesson?: unknown) => course.resetLesson(lesson)),
    vscode.commands.registerCommand('tcpTutor.resetCourse', () => course.resetCourse()),
  );
  const scenarioFiles = registerScenarioFiles({ log: tutor.log, locale: () => tutor.locale(), play: (scenario, uri) => tutor.playScenario(scenario, uri) });
  context.subscriptions.push(
    scenarioFiles,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(LANGUAGE_KEY)) {
        tutor.refreshAll();
        scenarioFiles.refresh();
        course.updateStatus();
      }
      if (e.affectsConfiguration(SHOW_REVIEW_COUNT_KEY)) course.updateStatus();
    }),
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) course.pickUpStoredProgress();
    }),
  );
  tutor.log.info(hostT(tutor.locale(), 'TCP Tutor is ready ({0}).', tutor.locale()));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
