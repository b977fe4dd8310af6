/**
 * The free sandbox on the host: made on first use (reading the scenario library and the
 * saved session costs a little), persisted in workspace state, drawn in every tutor webview,
 * and exported to the clipboard or a file. Takes the `sandbox/` messages.
 */
import * as vscode from 'vscode';
import type { FromSandboxMessage, SandboxPreset } from '../../shared/protocol';
import { sandboxCommand } from '../../shared/protocol';
import type { Scenario } from '../../core/tcp';
import type { Locale } from '../../i18n/types';
import type { HostKey } from '../../i18n/host';
import { PresetLibrary } from '../../core/sandbox/library';
import type { LibraryFile } from '../../core/sandbox/library';
import { SandboxController } from '../../core/sandbox/controller';
import { SandboxSession } from '../../core/sandbox/session';
import type { Feature, TutorView, TutorViews } from '../views';
import type { HostText } from '../text';
import type { PresetTextSource, RowsKnown } from './presenter';
import { exportContent, presentSandbox, presetList } from './presenter';
import { scenarioFileName } from './export';

const SANDBOX_KEY = 'tcpTutor.sandbox';
const SANDBOX_BACKUP_KEY = 'tcpTutor.sandbox.unreadable';

/** Per view: the rows it holds, and a reveal asked for before its page was ready. */
interface ViewState {
  known: RowsKnown | null;
  revealPending: boolean;
}

export class SandboxFeature implements Feature<FromSandboxMessage> {
  private controller: SandboxController | undefined;
  private making: Promise<SandboxController> | undefined;
  private readonly perView = new Map<TutorView, ViewState>();

  constructor(
    private readonly views: TutorViews,
    private readonly text: HostText,
    private readonly workspaceState: vscode.Memento,
    /** The scenario library (scenarios/*.tcp.json), read when the sandbox is first used. */
    private readonly readLibrary: () => Thenable<readonly LibraryFile[]>,
  ) {}

  private readonly presetText: PresetTextSource = (id, locale) => this.text.catalog(locale).presets[id];

  /** The sandbox, made on first use: reading the scenario library and the saved session costs a little. */
  private sandbox(): Promise<SandboxController> {
    this.making ??= this.make();
    return this.making;
  }

  /** Runs `fn` with the sandbox: at once when it exists, else as soon as it is made. */
  private with(fn: (sandbox: SandboxController) => void): void {
    if (this.controller) fn(this.controller);
    else this.sandbox().then(fn, (error: unknown) => this.text.log.error(String(error)));
  }

  private async make(): Promise<SandboxController> {
    let files: readonly LibraryFile[] = [];
    try {
      files = await this.readLibrary();
    } catch (error) {
      this.text.log.error(this.text.t(this.text.locale(), 'Could not read the scenario library: {0}', String(error)));
    }
    const library = new PresetLibrary(files, this.text.catalog('en').presetOrder);
    for (const problem of library.problems) this.text.log.warn(problem);
    this.controller = new SandboxController(this.restoreSession(), library);
    return this.controller;
  }

  private restoreSession(): SandboxSession {
    const raw: unknown = this.workspaceState.get(SANDBOX_KEY);
    const { session, problem } = SandboxSession.restoreOrCreate(raw);
    if (problem) {
      // Keep the unreadable record for a bug report, say so, and start afresh.
      const locale = this.text.locale();
      void this.workspaceState.update(SANDBOX_BACKUP_KEY, raw);
      void this.workspaceState.update(SANDBOX_KEY, undefined);
      this.text.log.warn(this.text.t(locale, 'The saved sandbox could not be read ({0}); a copy was kept under {1}.', problem, SANDBOX_BACKUP_KEY));
      void vscode.window.showWarningMessage(this.text.t(locale, 'Your saved sandbox session could not be read, so a new one was started. Details are in the TCP Tutor output.'));
    }
    return session;
  }

  private persist(sandbox: SandboxController): void {
    const record = sandbox.session.toRecord();
    this.workspaceState.update(SANDBOX_KEY, record).then(undefined, (error: unknown) => this.text.log.error(String(error)));
  }

  /** The preset stories for the init message. */
  async presets(locale: Locale): Promise<readonly SandboxPreset[]> {
    return presetList((await this.sandbox()).library, this.presetText, locale);
  }

  private state(view: TutorView): ViewState {
    let s = this.perView.get(view);
    if (!s) this.perView.set(view, (s = { known: null, revealPending: false }));
    return s;
  }

  /** Sends `view` the sandbox's picture (only the rows it lacks); `reveal` shows the sandbox tab. */
  private send(sandbox: SandboxController, view: TutorView, problem: string | null = null, reveal = false): void {
    const st = this.state(view);
    if (!view.ready) {
      st.revealPending ||= reveal;
      return;
    }
    const model = presentSandbox(sandbox, this.presetText, this.text.locale(), st.known, problem);
    st.known = { epoch: sandbox.epoch, count: model.rowCount };
    view.post({ type: 'sandbox', model, reveal: reveal || st.revealPending });
    st.revealPending = false;
  }

  show(view: TutorView): void {
    // A fresh page holds no rows: send the whole sandbox.
    this.state(view).known = null;
    this.with((sandbox) => this.send(sandbox, view));
  }

  forget(view: TutorView): void {
    this.perView.delete(view);
  }

  receive(message: FromSandboxMessage, from: TutorView): void {
    const command = sandboxCommand(message);
    if (!command) {
      if (message.type === 'sandbox/export') void this.export(message.format);
      return;
    }
    this.with((sandbox) => {
      const result = sandbox.handle(command);
      if (result.changed) {
        this.persist(sandbox);
        for (const view of this.views.all()) this.send(sandbox, view, view === from ? result.problem : null);
      } else if (result.problem) {
        this.send(sandbox, from, result.problem);
      }
    });
  }

  /** Shows the sandbox tab in the editor tab's webview (the caller opens the tab). */
  reveal(kind: 'view' | 'panel'): void {
    this.with((sandbox) => {
      for (const view of this.views.all()) if (view.kind === kind) this.send(sandbox, view, null, true);
    });
  }

  /** Opens a scenario (from a file) in the sandbox; the editor tab shows it. */
  playScenario(scenario: Scenario, source: vscode.Uri): void {
    const title = scenario.title ?? vscode.workspace.asRelativePath(source);
    this.with((sandbox) => {
      sandbox.load(SandboxSession.fromScenario(scenario, null, title), title);
      this.persist(sandbox);
      for (const view of this.views.all()) this.send(sandbox, view, null, view.kind === 'panel');
    });
  }

  private async export(format: 'mermaid' | 'scenario' | 'svg'): Promise<void> {
    const locale = this.text.locale();
    const t = (m: HostKey, ...args: (string | number)[]) => this.text.t(locale, m, ...args);
    try {
      const content = exportContent(await this.sandbox(), this.presetText, locale, format);
      if (format === 'mermaid') {
        await vscode.env.clipboard.writeText(content);
        void vscode.window.showInformationMessage(t('The sequence diagram was copied as Mermaid.'));
        return;
      }
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = format === 'svg' ? 'tcp-ladder.svg' : 'my-story.tcp.json';
      const chosen = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        // 'json', not 'tcp.json': the web save dialog compares the last extension only and
        // would append '.tcp.json' to 'my-story.tcp.json' again.
        filters: format === 'svg' ? { SVG: ['svg'] } : { [t('TCP Tutor scenario')]: ['json'] },
        title: format === 'svg' ? t('Export the sequence diagram as SVG') : t('Save the steps as a scenario file'),
      });
      if (!chosen) return;
      const target = format === 'scenario' ? vscode.Uri.joinPath(chosen, '..', scenarioFileName(chosen.path.split('/').pop() ?? '')) : chosen;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
      if (format === 'scenario') await vscode.window.showTextDocument(target, { preview: false, viewColumn: vscode.ViewColumn.Beside });
      else void vscode.window.showInformationMessage(t('Saved {0}.', vscode.workspace.asRelativePath(target)));
    } catch (error) {
      this.text.log.error(String(error));
      void vscode.window.showErrorMessage(t('Could not export: {0}', error instanceof Error ? error.message : String(error)));
    }
  }
}
