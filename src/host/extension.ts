/**
 * Entry point: builds the tutor's parts and registers them. The panels own the webviews
 * and route their messages by prefix to one feature each (sandbox, course, diagram); the
 * scenario files feature works in the editor. Nothing else happens here.
 */
import * as vscode from 'vscode';
import type { FromDiagramMessage } from '../shared/protocol';
import { TutorViews } from './views';
import type { TutorView } from './views';
import { HostText, LANGUAGE_KEY } from './text';
import { PANEL_TYPE, TutorPanels, VIEW_ID } from './panels';
import { buildDiagramModel } from './diagram/presenter';
import { SandboxFeature } from './sandbox/feature';
import { CourseFeature, REVIEW_SECTION, SHOW_REVIEW_COUNT_KEY } from './course/feature';
import { exportCourseMarkdown } from './course/exportMarkdown';
import { registerScenarioFiles } from './scenarioFiles';
import { offerWalkthrough } from './firstRun';
import { registerCaptureEditor } from './capture/editor';
import { HAS_LOCAL_OS_CONTEXT, detectCapabilities } from './platform';
import type * as Doctor from './doctor/setup';
import type * as LabFeatureModule from './lab/feature';

export { PANEL_TYPE, VIEW_ID };
const CONTAINER_ID = 'tcpTutor';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('TCP Tutor', { log: true });
  const text = new HostText(log);
  const views = new TutorViews();
  const sandbox = new SandboxFeature(views, text, context.workspaceState, () => readScenarioLibrary(vscode.Uri.joinPath(context.extensionUri, 'scenarios')));
  const course = new CourseFeature({ extensionUri: context.extensionUri, globalState: context.globalState, workspaceState: context.workspaceState }, views, text);
  const capabilities = detectCapabilities();
  void vscode.commands.executeCommand('setContext', HAS_LOCAL_OS_CONTEXT, capabilities.localOS);
  const panels = new TutorPanels(context.extensionUri, context.workspaceState, views, text, async (locale) => ({
    diagram: buildDiagramModel(text.catalog(locale).diagram),
    presets: await sandbox.presets(locale),
    capabilities,
  }));
  panels.register('sandbox/', sandbox);
  if (capabilities.localOS && process.env.TCP_TUTOR_WEB !== '1') {
    // Required here, not imported: the web build defines TCP_TUTOR_WEB, so esbuild drops this
    // branch and never bundles the lab (child processes, sockets).
    // Made when a tutor page first needs it, not at activation: it loads child_process and
    // friends, which would cost the status bar's activation milliseconds for nothing.
    let lab: LabFeatureModule.LabFeature | null = null;
    const theLab = (): LabFeatureModule.LabFeature => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      lab ??= new (require('./lab/feature') as typeof LabFeatureModule).LabFeature(views, text, context.extensionUri.fsPath);
      return lab;
    };
    panels.register('lab/', { receive: (message) => theLab().receive(message), show: (view) => theLab().show(view) });
    context.subscriptions.push({ dispose: () => lab?.dispose() });
  }
  panels.register('course/', course);
  // The connection doctor reads this machine's sockets (Node only). The web build defines
  // TCP_TUTOR_WEB, so esbuild drops this branch and the doctor's Node imports with it.
  if (capabilities.localOS && process.env.TCP_TUTOR_WEB !== '1') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { setUpDoctor } = require('./doctor/setup') as typeof Doctor;
    const doctor = setUpDoctor({
      log,
      locale: () => text.locale(),
      catalog: (locale) => text.catalog(locale),
      lessonTitle: (id, locale) => course.loadLessons().COURSE.lessons.find((l) => l.id === id)?.title[locale] ?? id,
      openInEditor: () => panels.openInEditor(),
      openLesson: (lesson, from) => course.receive({ type: 'course/open', lesson }, from as TutorView),
    });
    panels.register('connections/', doctor.presenter);
    context.subscriptions.push(doctor.disposable);
  }
  panels.register('diagram/', {
    receive: (message: FromDiagramMessage) => log.trace(`selected ${message.selection ? `${message.selection.kind} ${message.selection.id}` : 'nothing'}`),
  });
  context.subscriptions.push(
    log,
    panels,
    course,
    vscode.window.registerWebviewViewProvider(VIEW_ID, panels),
    vscode.window.registerWebviewPanelSerializer(PANEL_TYPE, panels),
    vscode.commands.registerCommand('tcpTutor.openSidePanel', async () => {
      await vscode.commands.executeCommand(`workbench.view.extension.${CONTAINER_ID}`);
      await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    }),
    vscode.commands.registerCommand('tcpTutor.openInEditor', () => panels.openInEditor()),
    vscode.commands.registerCommand('tcpTutor.openSandbox', () => {
      panels.openInEditor();
      sandbox.reveal('panel');
    }),
    vscode.commands.registerCommand('tcpTutor.exportCourse', () => exportCourseMarkdown(() => course.loadLessons(), text)),
    vscode.commands.registerCommand('tcpTutor.reviewNow', () => course.reviewNow()),
    vscode.commands.registerCommand('tcpTutor.continueLesson', () => course.continueLesson()),
    vscode.commands.registerCommand('tcpTutor.resetLesson', (lesson?: unknown) => course.resetLesson(lesson)),
    vscode.commands.registerCommand('tcpTutor.resetCourse', () => course.resetCourse()),
  );
  const scenarioFiles = registerScenarioFiles({
    log,
    locale: () => text.locale(),
    play: (scenario, uri) => {
      panels.openInEditor();
      sandbox.playScenario(scenario, uri);
    },
  });
  const playInSandbox = (scenario: Parameters<typeof sandbox.playScenario>[0], uri: vscode.Uri) => {
    panels.openInEditor();
    sandbox.playScenario(scenario, uri);
  };
  context.subscriptions.push(
    registerCaptureEditor({ extensionUri: context.extensionUri, text, play: playInSandbox }),
    scenarioFiles,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(LANGUAGE_KEY)) {
        panels.refreshAll();
        scenarioFiles.refresh();
        course.updateStatus();
      }
      if (e.affectsConfiguration(SHOW_REVIEW_COUNT_KEY)) course.updateStatus();
      if (e.affectsConfiguration(REVIEW_SECTION)) course.reviewSettingsChanged();
    }),
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) course.pickUpStoredProgress();
    }),
  );
  offerWalkthrough(context);
  log.info(text.t(text.locale(), 'TCP Tutor is ready ({0}).', `${text.locale()}, ${capabilities.localOS ? 'desktop' : 'web'}`));
}

/** The preset stories shipped with the extension, read through vscode.workspace.fs (local or remote, desktop or web). */
async function readScenarioLibrary(dir: vscode.Uri): Promise<{ name: string; text: string }[]> {
  const entries = await vscode.workspace.fs.readDirectory(dir);
  const names = entries.filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.tcp.json')).map(([name]) => name);
  const decoder = new TextDecoder();
  return Promise.all(names.map(async (name) => ({ name, text: decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name))) })));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
