/**
 * Entry point: registers the side-panel view, the editor-tab panel (with a serializer so it
 * comes back after a reload), the commands and the language setting. Thin glue only: the
 * simulator lives in src/tcp, the text in src/i18n.
 */
import * as vscode from 'vscode';
import type { LanguageSetting, SavedViewState } from './protocol';
import { parseSavedViewState } from './protocol';
import type { TutorHost } from './tutorWebview';
import { TutorWebview, webviewOptions } from './tutorWebview';
import { readLanguageSetting, resolveLocale } from './locale';
import { hostT } from './hostL10n';

export const VIEW_ID = 'tcpTutor.view';
export const PANEL_TYPE = 'tcpTutor.panel';
const CONTAINER_ID = 'tcpTutor';
const LANGUAGE_KEY = 'tcpTutor.language';

class Tutor implements vscode.WebviewViewProvider, vscode.WebviewPanelSerializer, TutorHost {
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

  language(): LanguageSetting {
    return readLanguageSetting(vscode.workspace.getConfiguration().get(LANGUAGE_KEY));
  }

  locale() {
    return resolveLocale(this.language(), vscode.env.language);
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
    this.panel?.dispose();
    this.log.dispose();
  }
}

export function activate(context: vscode.ExtensionContext): void {
  const tutor = new Tutor(context.extensionUri, context.workspaceState);
  context.subscriptions.push(
    tutor,
    vscode.window.registerWebviewViewProvider(VIEW_ID, tutor),
    vscode.window.registerWebviewPanelSerializer(PANEL_TYPE, tutor),
    vscode.commands.registerCommand('tcpTutor.openSidePanel', async () => {
      await vscode.commands.executeCommand(`workbench.view.extension.${CONTAINER_ID}`);
      await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    }),
    vscode.commands.registerCommand('tcpTutor.openInEditor', () => tutor.openInEditor()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(LANGUAGE_KEY)) tutor.refreshAll();
    }),
  );
  tutor.log.info(hostT(tutor.locale(), 'TCP Tutor is ready ({0}).', tutor.locale()));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
