/**
 * The tutor's features, built on first use: the panels (which own the webviews and route
 * their messages by prefix to one feature each: sandbox, course, diagram, lab, connections),
 * the scenario files in the editor, the capture editor and the connection doctor. Activation
 * (src/host/extension.ts) has already registered the view, the serializer, the capture
 * editor and every command, and hands over what it made: the log, the text, the status
 * bar's review count. On the desktop this module is its own bundle (dist/features.js), so
 * activation never parses it; the browser build bundles it in.
 */
import * as vscode from 'vscode';
import type { FromDiagramMessage } from '../shared/protocol';
import { TutorViews } from './views';
import type { TutorView } from './views';
import type { HostText } from './text';
import { LANGUAGE_KEY } from './text';
import { TutorPanels } from './panels';
import { buildDiagramModel } from './diagram/presenter';
import { SandboxFeature } from './sandbox/feature';
import { CourseFeature } from './course/feature';
import type { ReviewStatus } from './course/reviewStatus';
import { REVIEW_SECTION } from './course/reviewStatus';
import { exportCourseMarkdown } from './course/exportMarkdown';
import { registerScenarioFiles } from './scenarioFiles';
import { CaptureEditorProvider } from './capture/editor';
import type { HostCapabilities } from './platform';
import { VIEW_ID } from './contributions';
import { CATALOGS } from '../i18n/catalog';
import type * as Doctor from './doctor/setup';
import type * as LabFeatureModule from './lab/feature';

const CONTAINER_ID = 'tcpTutor';

/** What activation made and hands to the features. */
export interface StartupParts {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly text: HostText;
  readonly capabilities: HostCapabilities;
  readonly status: ReviewStatus;
}

/** What activation's registrations delegate to. */
export interface Tutor extends vscode.Disposable {
  readonly panels: TutorPanels;
  readonly capture: CaptureEditorProvider;
}

/**
 * Builds every feature and registers what activation left to them: the commands (activation
 * registered stand-ins that are disposed before this runs), the CodeLens providers and the
 * listeners.
 */
export function createTutor(parts: StartupParts): Tutor {
  const { context, log, text, capabilities, status } = parts;
  const subscriptions: vscode.Disposable[] = [];
  text.useCatalogs((locale) => CATALOGS[locale]);
  const views = new TutorViews();
  const sandbox = new SandboxFeature(views, text, context.workspaceState, () => readScenarioLibrary(vscode.Uri.joinPath(context.extensionUri, 'scenarios')));
  const course = new CourseFeature({ extensionUri: context.extensionUri, globalState: context.globalState, workspaceState: context.workspaceState }, views, text, status);
  const panels = new TutorPanels(context.extensionUri, context.workspaceState, views, text, async (locale) => ({
    diagram: buildDiagramModel(text.catalog(locale).diagram),
    presets: await sandbox.presets(locale),
    capabilities,
  }));
  panels.register('sandbox/', sandbox);
  if (capabilities.localOS && process.env.TCP_TUTOR_WEB !== '1') {
    // Required here, not imported: the web build defines TCP_TUTOR_WEB, so esbuild drops this
    // branch and never bundles the lab (child processes, sockets).
    // Made when a tutor page first needs it: it loads child_process and friends.
    let lab: LabFeatureModule.LabFeature | null = null;
    const theLab = (): LabFeatureModule.LabFeature => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      lab ??= new (require('./lab/feature') as typeof LabFeatureModule).LabFeature(views, text, context.extensionUri.fsPath);
      return lab;
    };
    panels.register('lab/', { receive: (message) => theLab().receive(message), show: (view) => theLab().show(view) });
    subscriptions.push({ dispose: () => lab?.dispose() });
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
      lessonTitle: (id, locale) => course.loadLessons().COURSE.lessons.find((l) => l.id === id)?.title[locale] ?? id,
      openInEditor: () => panels.openInEditor(),
      openLesson: (lesson, from) => course.receive({ type: 'course/open', lesson }, from as TutorView),
    });
    panels.register('connections/', doctor.presenter);
    subscriptions.push(doctor.disposable);
  }
  panels.register('diagram/', {
    receive: (message: FromDiagramMessage) => log.trace(`selected ${message.selection ? `${message.selection.kind} ${message.selection.id}` : 'nothing'}`),
  });
  const playInSandbox = (scenario: Parameters<typeof sandbox.playScenario>[0], uri: vscode.Uri): void => {
    panels.openInEditor();
    sandbox.playScenario(scenario, uri);
  };
  const scenarioFiles = registerScenarioFiles({ log, locale: () => text.locale(), play: playInSandbox });
  const capture = new CaptureEditorProvider({ extensionUri: context.extensionUri, text, play: playInSandbox });
  subscriptions.push(
    panels,
    course,
    scenarioFiles,
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
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(LANGUAGE_KEY)) {
        panels.refreshAll();
        scenarioFiles.refresh();
      }
      if (e.affectsConfiguration(REVIEW_SECTION)) course.reviewSettingsChanged();
    }),
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) course.pickUpStoredProgress();
    }),
  );
  log.info(text.t(text.locale(), 'The tutor\u2019s features are loaded.'));
  return {
    panels,
    capture,
    dispose: () => {
      for (const s of subscriptions.reverse()) s.dispose();
    },
  };
}

/** The preset stories shipped with the extension, read through vscode.workspace.fs (local or remote, desktop or web). */
async function readScenarioLibrary(dir: vscode.Uri): Promise<{ name: string; text: string }[]> {
  const entries = await vscode.workspace.fs.readDirectory(dir);
  const names = entries.filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.tcp.json')).map(([name]) => name);
  const decoder = new TextDecoder();
  return Promise.all(names.map(async (name) => ({ name, text: decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name))) })));
}
