/**
 * Activation: small on purpose. It registers everything the manifest contributes (the view,
 * the editor tab's serializer, the capture editor, the commands, the CodeLens of scenario
 * files and pasted tables), shows the review count in the status bar from the stored record,
 * offers the walkthrough once, and nothing else. The features behind those registrations
 * (src/host/features.ts: the panels, the simulator, the course, the doctor...) are loaded
 * the first time one of them is used: a view or tab opens, a command runs, a capture or a
 * scenario file is opened. On the desktop they are a bundle of their own, dist/features.js,
 * so VS Code's start-up never even parses them.
 */
import * as vscode from 'vscode';
import { HostText } from './text';
import { HAS_LOCAL_OS_CONTEXT, detectCapabilities } from './platform';
import { ReviewStatus } from './course/reviewStatus';
import { offerWalkthrough } from './firstRun';
import type { CaptureEditorProvider } from './capture/editor';
import type * as Features from './features';
import {
  CAPTURE_EDITOR_OPTIONS,
  CAPTURE_VIEW_TYPE,
  DOCTOR_COMMANDS,
  PANEL_TYPE,
  PASTED_TABLE_SELECTOR,
  SCENARIO_SELECTOR,
  TUTOR_COMMANDS,
  VIEW_ID,
  isScenarioFile,
} from './contributions';

export { PANEL_TYPE, VIEW_ID };

type CaptureDocument = Awaited<ReturnType<CaptureEditorProvider['openCustomDocument']>>;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('TCP Tutor', { log: true });
  const text = new HostText(log);
  const capabilities = detectCapabilities();
  void vscode.commands.executeCommand('setContext', HAS_LOCAL_OS_CONTEXT, capabilities.localOS);
  const status = new ReviewStatus(context.globalState, text);
  context.subscriptions.push(log, status);

  // Registrations that only wait for the features: the first use loads them, disposes these
  // and hands the use over to what the features registered in their place.
  const standIns: vscode.Disposable[] = [];
  let tutor: Features.Tutor | undefined;
  const load = (): Features.Tutor => {
    if (tutor) return tutor;
    for (const d of standIns.splice(0)) d.dispose();
    try {
      // A static relative require: on the desktop ./features is dist/features.js beside this
      // bundle (scripts/build.mjs); the browser build bundles it in.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createTutor } = require('./features') as typeof Features;
      tutor = createTutor({ context, log, text, capabilities, status });
    } catch (error) {
      log.error(text.t(text.locale(), 'The tutor\u2019s features could not be loaded: {0}', error instanceof Error ? (error.stack ?? error.message) : String(error)));
      throw error;
    }
    context.subscriptions.push(tutor);
    return tutor;
  };

  // The doctor's commands exist where there is a local OS (the manifest hides them elsewhere).
  const doctor = capabilities.localOS && process.env.TCP_TUTOR_WEB !== '1';
  for (const id of doctor ? [...TUTOR_COMMANDS, ...DOCTOR_COMMANDS] : TUTOR_COMMANDS) {
    standIns.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        load();
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
  }
  // A CodeLens asked for: load, and VS Code asks the features' own providers when they register.
  const lensStandIn: vscode.CodeLensProvider = {
    provideCodeLenses: () => {
      load();
      return [];
    },
  };
  standIns.push(vscode.languages.registerCodeLensProvider(SCENARIO_SELECTOR, lensStandIn));
  // A pasted table may be in any plain-text, log, shell or untitled document: the first one
  // asked about loads the features, which look at its first lines. The Output panel's
  // documents (scheme `output`) never hold one.
  const pastedStandIn: vscode.CodeLensProvider = {
    provideCodeLenses: (document) => {
      if (document.uri.scheme !== 'output') load();
      return [];
    },
  };
  if (doctor) standIns.push(vscode.languages.registerCodeLensProvider(PASTED_TABLE_SELECTOR, pastedStandIn));
  // A scenario file gets its diagnostics when it opens, visible or not.
  standIns.push(
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (isScenarioFile(doc.uri.path)) load();
    }),
  );

  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(VIEW_ID, {
      resolveWebviewView: (view) => load().panels.resolveWebviewView(view),
    }),
    vscode.window.registerWebviewPanelSerializer(PANEL_TYPE, {
      deserializeWebviewPanel: (panel) => load().panels.deserializeWebviewPanel(panel),
    }),
    vscode.window.registerCustomEditorProvider(
      CAPTURE_VIEW_TYPE,
      {
        openCustomDocument: (uri, openContext, token) => load().capture.openCustomDocument(uri, openContext, token),
        resolveCustomEditor: (document: CaptureDocument, panel) => load().capture.resolveCustomEditor(document, panel),
      },
      CAPTURE_EDITOR_OPTIONS,
    ),
    { dispose: () => standIns.splice(0).forEach((d) => d.dispose()) },
  );
  // Activated by a workspace holding scenario files, with one already open.
  if (vscode.workspace.textDocuments.some((doc) => isScenarioFile(doc.uri.path))) load();
  offerWalkthrough(context);
  log.info(text.t(text.locale(), 'TCP Tutor is ready ({0}).', `${text.locale()}, ${capabilities.localOS ? 'desktop' : 'web'}`));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
