/**
 * The one owner of the tutor's webviews: the side panel's view and the editor tab (with a
 * serializer so it comes back after a reload). It writes their HTML under a strict CSP,
 * answers the ready handshake with the init message, validates every message a webview
 * sends, handles the common ones (language, editor tab, view state, logs) and routes the
 * rest by their type's prefix to the feature registered for it. Features never see the
 * panels; they post through the TutorViews they were given.
 */
import * as vscode from 'vscode';
import type { FromCommonMessage, FromWebviewMessage, InitMessage, SavedViewState, ToWebviewMessage, WebviewKind } from '../shared/protocol';
import { PROTOCOL_VERSION, assertNever, parseSavedViewState, parseWebviewMessage } from '../shared/protocol';
import type { Feature, TutorView, TutorViews } from './views';
import type { HostText } from './text';
import { renderHtml } from './webviewHtml';

import { PANEL_TYPE } from './contributions';

/** The part of a message type before and including its '/', or '' for the common messages. */
type PrefixOf<T extends string> = T extends `${infer P}/${string}` ? `${P}/` : never;
export type MessagePrefix = PrefixOf<FromWebviewMessage['type']>;
type MessagesOf<P extends MessagePrefix> = Extract<FromWebviewMessage, { readonly type: `${P}${string}` }>;

/** What the init message carries besides the language and the kept view state. */
export type InitContent = Pick<InitMessage, 'diagram' | 'presets' | 'capabilities'>;

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

class Webview implements TutorView, vscode.Disposable {
  ready = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly webview: vscode.Webview,
    readonly kind: WebviewKind,
    onMessage: (raw: unknown, from: Webview) => void,
  ) {
    this.subscription = webview.onDidReceiveMessage((raw: unknown) => onMessage(raw, this));
  }

  post(message: ToWebviewMessage): void {
    if (this.ready) void this.webview.postMessage(message);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

export class TutorPanels implements vscode.WebviewViewProvider, vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly features = new Map<string, Feature<never>>();
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly workspaceState: vscode.Memento,
    private readonly views: TutorViews,
    private readonly text: HostText,
    private readonly content: (locale: InitMessage['locale']) => Promise<InitContent>,
  ) {}

  /** Routes every message whose type starts with `prefix` to `feature`. */
  register<P extends MessagePrefix>(prefix: P, feature: Feature<MessagesOf<P>>): void {
    if (this.features.has(prefix)) throw new Error(`a feature already takes ${prefix} messages`);
    this.features.set(prefix, feature as Feature<never>);
  }

  // --- the two webviews ------------------------------------------------------------------

  /** The side panel's view: its title follows tcpTutor.language, not only VS Code's language. */
  private view: vscode.WebviewView | undefined;

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.title = this.text.t(this.text.locale(), 'Learn');
    this.attach(view.webview, 'view', (l) =>
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
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
    const panel = vscode.window.createWebviewPanel(PANEL_TYPE, this.text.t(this.text.locale(), 'TCP Tutor'), vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    this.adoptPanel(panel);
  }

  private adoptPanel(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'panel-icon.svg');
    panel.title = this.text.t(this.text.locale(), 'TCP Tutor');
    this.attach(panel.webview, 'panel', (l) =>
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
        l();
      }),
    );
  }

  private attach(webview: vscode.Webview, kind: WebviewKind, onDispose: (listener: () => void) => vscode.Disposable): void {
    webview.options = webviewOptions(this.extensionUri);
    const view = new Webview(webview, kind, (raw, from) => this.receive(raw, from));
    webview.html = renderHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.css')).toString(),
      lang: this.text.locale() === 'zh-cn' ? 'zh-CN' : 'en',
    });
    this.views.add(view);
    onDispose(() => {
      this.views.delete(view);
      for (const feature of this.features.values()) feature.forget?.(view);
      view.dispose();
    });
  }

  /** Sends every ready webview its whole picture again (the language changed). */
  refreshAll(): void {
    for (const view of this.views.all()) if (view.ready) this.refresh(view);
    if (this.panel) this.panel.title = this.text.t(this.text.locale(), 'TCP Tutor');
    if (this.view) this.view.title = this.text.t(this.text.locale(), 'Learn');
  }

  /** Sends the init message, then each feature's picture. */
  private refresh(view: TutorView): void {
    const locale = this.text.locale();
    this.content(locale).then(
      (content) => this.init(view, locale, content),
      (error: unknown) => this.text.log.error(String(error)),
    );
  }

  private init(view: TutorView, locale: InitMessage['locale'], content: InitContent): void {
    view.post({
      type: 'init',
      protocol: PROTOCOL_VERSION,
      locale,
      language: this.text.language(),
      host: view.kind,
      strings: this.text.catalog(locale).ui,
      ...content,
      saved: this.savedViewState(view.kind),
    });
    for (const feature of this.features.values()) feature.show?.(view);
  }

  // --- messages --------------------------------------------------------------------------

  private receive(raw: unknown, from: Webview): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.text.log.warn(this.text.t(this.text.locale(), 'Ignored a malformed message from the tutor view: {0}', parsed.error));
      return;
    }
    const message = parsed.message;
    const slash = message.type.indexOf('/');
    if (slash < 0) {
      this.common(message as FromCommonMessage, from);
      return;
    }
    const feature = this.features.get(message.type.slice(0, slash + 1));
    if (feature) (feature as Feature<FromWebviewMessage>).receive(message, from);
    else this.text.log.warn(`No feature takes ${message.type} messages.`);
  }

  private common(message: FromCommonMessage, from: Webview): void {
    const locale = this.text.locale();
    switch (message.type) {
      case 'ready':
        from.ready = true;
        this.refresh(from);
        return;
      case 'setLanguage':
        this.text.setLanguage(message.language).then(undefined, (error: unknown) =>
          this.text.log.error(this.text.t(locale, 'Could not save the language setting: {0}', String(error))),
        );
        return;
      case 'openInEditor':
        this.openInEditor();
        return;
      case 'saveViewState':
        this.workspaceState.update(`tcpTutor.viewState.${from.kind}`, message.state).then(undefined, (error: unknown) => this.text.log.error(String(error)));
        return;
      case 'log':
        if (message.level === 'error') this.text.log.error(this.text.t(locale, 'The tutor view reported an error: {0}', message.message));
        else this.text.log.info(this.text.t(locale, 'The tutor view reported: {0}', message.message));
        return;
      default:
        assertNever(message, 'message');
    }
  }

  /** The view state kept for this kind of webview, or null (none, or unreadable). */
  private savedViewState(kind: WebviewKind): SavedViewState | null {
    const raw: unknown = this.workspaceState.get(`tcpTutor.viewState.${kind}`);
    if (raw === undefined) return null;
    const parsed = parseSavedViewState(raw);
    if (typeof parsed === 'string') {
      this.text.log.warn(this.text.t(this.text.locale(), 'Ignored an unreadable saved view state: {0}', parsed));
      return null;
    }
    return parsed;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
