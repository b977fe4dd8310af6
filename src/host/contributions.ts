/**
 * The ids the manifest (package.json `contributes`) and the host share: the view, the editor
 * tab, the capture editor, the commands and the documents that get a CodeLens. Activation
 * registers them all at once (the startup bundle), while the features behind them load on
 * first use; the features take these same constants. Imports nothing, so the startup bundle
 * stays small. test/unit/host/activation.test.ts checks them against package.json.
 */

/** The side panel's webview view. */
export const VIEW_ID = 'tcpTutor.view';
/** The editor tab (a webview panel with a serializer). */
export const PANEL_TYPE = 'tcpTutor.panel';
/** The capture editor (*.pcap, *.pcapng, *.cap). */
export const CAPTURE_VIEW_TYPE = 'tcpTutor.capture';
/** The capture editor's registration options. */
export const CAPTURE_EDITOR_OPTIONS = { webviewOptions: { retainContextWhenHidden: false }, supportsMultipleEditorsPerDocument: true } as const;

export const PLAY_SCENARIO_COMMAND = 'tcpTutor.playScenario';

/** The commands every extension host has (package.json contributes.commands, minus the doctor's). */
export const TUTOR_COMMANDS = [
  'tcpTutor.openSidePanel',
  'tcpTutor.openInEditor',
  PLAY_SCENARIO_COMMAND,
  'tcpTutor.openSandbox',
  'tcpTutor.exportCourse',
  'tcpTutor.continueLesson',
  'tcpTutor.reviewNow',
  'tcpTutor.resetLesson',
  'tcpTutor.resetCourse',
] as const;

/** The connection doctor's commands: only where there is a local OS (not in the browser). */
export const DOCTOR_COMMANDS = ['tcpTutor.diagnosePasted', 'tcpTutor.diagnoseDocument'] as const;

/** Scenario files: their CodeLens and diagnostics (the same glob as src/core/scenarioFiles/check.ts, tested). */
export const SCENARIO_SELECTOR = { pattern: '**/*.tcp.json' } as const;
/** True for a path the scenario files feature checks. */
export const isScenarioFile = (path: string): boolean => path.toLowerCase().endsWith('.tcp.json');

/** Documents that may hold a pasted `ss`/`netstat` table: the doctor's CodeLens. */
export const PASTED_TABLE_SELECTOR = [{ language: 'plaintext' }, { language: 'log' }, { language: 'shellscript' }, { language: 'powershell' }, { scheme: 'untitled' }] as const;
