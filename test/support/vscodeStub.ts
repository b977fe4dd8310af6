/**
 * A minimal stand-in for the `vscode` module, enough to load dist/extension.js in plain Node
 * and call `activate`: it records what the extension registers. Used by the activation unit
 * test and the activation benchmark; the real API is exercised by the end-to-end tests.
 */
import Module from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Recorded {
  commands: Map<string, (...args: unknown[]) => unknown>;
  views: Map<string, unknown>;
  serializers: Map<string, unknown>;
  customEditors: Map<string, unknown>;
  configListeners: ((e: { affectsConfiguration(key: string): boolean }) => void)[];
  settings: Map<string, unknown>;
  logs: string[];
  codeLenses: { selector: unknown; provider: unknown }[];
  windowListeners: ((state: { focused: boolean }) => void)[];
  /** Messages shown (warnings and information), and the answers the stub gives, in order. */
  messages: string[];
  answers: (string | undefined)[];
  statusItems: { id: string; text: string; tooltip: unknown; visible: boolean; command: unknown }[];
  syncedKeys: string[];
}

/** An ExtensionContext's mementos, enough for `activate` (values kept in memory). */
export function makeContext(root: string, recorded: Recorded, stored: Record<string, unknown> = {}): Record<string, unknown> {
  const memento = (values: Map<string, unknown>) => ({
    get: (key: string) => values.get(key),
    update: async (key: string, value: unknown) => void values.set(key, value),
    keys: () => [...values.keys()],
    setKeysForSync: (keys: string[]) => keys.forEach((k) => recorded.syncedKeys.push(k)),
  });
  return {
    extensionUri: { path: root, fsPath: root },
    subscriptions: [],
    workspaceState: memento(new Map()),
    globalState: memento(new Map(Object.entries(stored))),
  };
}

class Uri {
  constructor(readonly path: string) {}
  static file(p: string): Uri {
    return new Uri(p);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri([base.path, ...parts].join('/'));
  }
  toString(): string {
    return `file://${this.path}`;
  }
}

/** A registration's disposable: takes the entry out of its list. */
function removing<T>(list: T[], entry: T): { dispose(): void } {
  return {
    dispose: () => {
      const i = list.indexOf(entry);
      if (i >= 0) list.splice(i, 1);
    },
  };
}

export function makeVscodeStub(displayLanguage = 'en'): { api: Record<string, unknown>; recorded: Recorded } {
  const recorded: Recorded = { commands: new Map(), views: new Map(), serializers: new Map(), customEditors: new Map(), configListeners: [], settings: new Map(), logs: [], codeLenses: [], statusItems: [], syncedKeys: [], windowListeners: [], messages: [], answers: [] };
  const disposable = { dispose() {} };
  const log = (level: string) => (msg: string) => recorded.logs.push(`${level}: ${msg}`);
  const api = {
    Uri,
    ViewColumn: { Active: -1, One: 1 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ConfigurationTarget: { Global: 1 },
    env: { language: displayLanguage },
    l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])) },
    window: {
      createOutputChannel: () => ({ trace: log('trace'), debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), dispose() {} }),
      registerWebviewViewProvider: (id: string, provider: unknown) => (recorded.views.set(id, provider), disposable),
      registerWebviewPanelSerializer: (id: string, serializer: unknown) => (recorded.serializers.set(id, serializer), disposable),
      registerCustomEditorProvider: (id: string, provider: unknown) => (recorded.customEditors.set(id, provider), disposable),
      createStatusBarItem: (id: string) => {
        const item = { id, text: '', tooltip: undefined as unknown, visible: false, command: undefined as unknown, name: '', accessibilityInformation: undefined as unknown, show() {
          item.visible = true;
        }, hide() {
          item.visible = false;
        }, dispose() {} };
        recorded.statusItems.push(item);
        return item;
      },
      onDidChangeWindowState: (fn: Recorded['windowListeners'][number]) => (recorded.windowListeners.push(fn), removing(recorded.windowListeners, fn)),
      showWarningMessage: async (message: string) => (recorded.messages.push(message), recorded.answers.shift()),
      showInformationMessage: async (message: string) => (recorded.messages.push(message), undefined),
      createWebviewPanel: () => {
        throw new Error('not available in the stub');
      },
    },
    EventEmitter: class {
      event = () => disposable;
      fire() {}
      dispose() {}
    },
    DiagnosticSeverity: { Error: 0, Warning: 1 },
    FileType: { File: 1, Directory: 2 },
    languages: {
      createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, dispose() {} }),
      registerCodeLensProvider: (selector: unknown, provider: unknown) => {
        const entry = { selector, provider };
        recorded.codeLenses.push(entry);
        return removing(recorded.codeLenses, entry);
      },
    },
    commands: {
      // As in VS Code: an id is registered once at a time, and executing one runs it.
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
        if (recorded.commands.has(id)) throw new Error(`command '${id}' already exists`);
        recorded.commands.set(id, fn);
        return { dispose: () => (recorded.commands.get(id) === fn ? void recorded.commands.delete(id) : undefined) };
      },
      executeCommand: async (id: string, ...args: unknown[]) => recorded.commands.get(id)?.(...args),
    },
    workspace: {
      fs: {
        readDirectory: async (uri: Uri) => readdirSync(uri.path, { withFileTypes: true }).map((d) => [d.name, d.isFile() ? 1 : 2]),
        readFile: async (uri: Uri) => new Uint8Array(readFileSync(uri.path)),
      },
      asRelativePath: (uri: Uri | string) => String(uri),
      getConfiguration: () => ({
        get: (key: string) => recorded.settings.get(key),
        update: async (key: string, value: unknown) => void recorded.settings.set(key, value),
      }),
      onDidChangeConfiguration: (fn: Recorded['configListeners'][number]) => (recorded.configListeners.push(fn), removing(recorded.configListeners, fn)),
      onDidOpenTextDocument: () => disposable,
      onDidChangeTextDocument: () => disposable,
      onDidCloseTextDocument: () => disposable,
      textDocuments: [],
    },
  };
  return { api, recorded };
}

/** A tutor webview as VS Code would resolve it in the side panel: what it was sent, and a way to send it messages. */
export interface FakeWebview {
  readonly posted: { type: string; [key: string]: unknown }[];
  /** A message from the page to the host. */
  send(message: unknown): void;
  /** Resolves when a message of `type` has been posted (or at once when one was). */
  next(type: string): Promise<{ type: string; [key: string]: unknown }>;
}

export function openSideView(recorded: Recorded): FakeWebview {
  const posted: { type: string; [key: string]: unknown }[] = [];
  const waiting: { type: string; resolve: (m: { type: string }) => void }[] = [];
  let receive: (message: unknown) => void = () => undefined;
  const webview = {
    options: {},
    html: '',
    cspSource: 'vscode-resource:',
    asWebviewUri: (u: unknown) => u,
    onDidReceiveMessage: (fn: (message: unknown) => void) => ((receive = fn), { dispose() {} }),
    postMessage: async (message: { type: string }) => {
      posted.push(message);
      for (const w of waiting.splice(0)) {
        if (w.type === message.type) w.resolve(message);
        else waiting.push(w);
      }
      return true;
    },
  };
  (recorded.views.get('tcpTutor.view') as { resolveWebviewView(view: unknown): void }).resolveWebviewView({ webview, onDidDispose: () => ({ dispose() {} }) });
  return {
    posted,
    send: (message) => receive(message),
    next: (type) => {
      const found = posted.find((m) => m.type === type);
      return found ? Promise.resolve(found) : new Promise((resolve) => waiting.push({ type, resolve: resolve as (m: { type: string }) => void }));
    },
  };
}

type ResolveFn = (request: string, ...rest: unknown[]) => string;

let hooked = false;

/**
 * Makes `require('vscode')` return the stub while `fn` runs, and afterwards too, until the
 * next call names another stub: the extension loads its features bundle (dist/features.js)
 * on first use, after `activate` has returned, and that bundle requires `vscode` then.
 */
export function withVscodeStub<T>(api: Record<string, unknown>, fn: () => T): T {
  const mod = Module as unknown as { _resolveFilename: ResolveFn; _cache: Record<string, unknown> };
  const key = '\0vscode-stub';
  mod._cache[key] = { id: key, filename: key, loaded: true, exports: api };
  if (!hooked) {
    hooked = true;
    const original = mod._resolveFilename;
    mod._resolveFilename = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? key : original.call(this, request, ...rest);
    };
  }
  return fn();
}

/** Requires the desktop host's bundles afresh (dist/extension.js and the features it loads later) under `api`, and activates. */
export function activateBundle(root: string, api: Record<string, unknown>, context: unknown): void {
  withVscodeStub(api, () => {
    for (const name of ['extension.js', 'features.js']) delete require.cache[join(root, 'dist', name)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle must be loaded while the stub is active
    (require(join(root, 'dist', 'extension.js')) as { activate(ctx: unknown): void }).activate(context);
  });
}
