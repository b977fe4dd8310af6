/**
 * Editor integration for scenario files (`*.tcp.json`): diagnostics on the right line, a
 * "Play in TCP Tutor" CodeLens at the top, and the command `tcpTutor.playScenario` (also the
 * editor-title button). Thin VS Code glue: the checking, ranges and choices live in
 * src/core/scenarioFiles/check.ts.
 */
import * as vscode from 'vscode';
import type { Locale } from '../i18n/types';
import type { Scenario } from '../core/tcp';
import { hostText as hostT } from '../i18n/host';
import type { ScenarioCheck, ScenarioProblem, ScenarioTexts, TextRange } from '../core/scenarioFiles/check';
import {
  Debouncer,
  SCENARIO_EXCLUDE_GLOB,
  SCENARIO_GLOB,
  baseName,
  checkScenarioTextSliced,
  firstProblemSummary,
  isScenarioPath,
  lensFor,
  pickEntries,
  wantsDiagnostics,
} from '../core/scenarioFiles/check';

import { PLAY_SCENARIO_COMMAND, SCENARIO_SELECTOR } from './contributions';

export { PLAY_SCENARIO_COMMAND };
export const SCENARIO_DIAGNOSTICS = 'tcpTutor.scenarios';
const DIAGNOSTIC_SOURCE = 'TCP Tutor';
const DEBOUNCE_MS = 200;
/** Longest the check of one file holds the extension host before it gives other work a turn. */
export const CHECK_SLICE_MS = 8;
const MAX_PICK_FILES = 2000;
const EXAMPLE = '{"steps": [{"B": "listen"}, {"A": "connect"}, {"flush": true}]}';

export interface ScenarioFilesOptions {
  readonly log: vscode.LogOutputChannel;
  readonly locale: () => Locale;
  readonly play: (scenario: Scenario, source: vscode.Uri) => void;
}

/** The registration; `refresh()` re-checks open files and lenses (call it when the tutor's language changes). */
export interface ScenarioFiles extends vscode.Disposable {
  refresh(): void;
  /** Resolves once no check is running or waiting (for tests and benchmarks). */
  settled(): Promise<void>;
}

/** A macrotask turn for the host: setImmediate in Node, a zero timeout in a browser worker. */
const pause = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });

/** Checks a text in slices of CHECK_SLICE_MS, so that no file holds the host. */
export function checkSliced(text: string, texts: ScenarioTexts, cancelled?: () => boolean): Promise<ScenarioCheck | null> {
  return checkScenarioTextSliced(text, texts, { now: () => performance.now(), pause, sliceMs: CHECK_SLICE_MS, ...(cancelled ? { cancelled } : {}) });
}

function textsFor(locale: Locale): ScenarioTexts {
  return {
    emptyFile: hostT(locale, 'This file is empty. A scenario is a JSON object with a "steps" array, for example: {0}', EXAMPLE),
    checkFailed: (detail) => hostT(locale, 'Could not check this scenario: {0}', detail),
    nestedTooDeeply: hostT(locale, 'The JSON is nested too deeply to read.'),
    playLens: hostT(locale, 'Play in TCP Tutor'),
    fixLens: hostT(locale, 'Fix the errors to play this scenario'),
    atLine: (line, message) => hostT(locale, 'Line {0}: {1}', line, message),
    moreProblems: (count) => hostT(locale, '… and {0} more problems (only the first ones are listed)', count),
  };
}

const toRange = (r: TextRange) => new vscode.Range(r.startLine, r.startCharacter, r.endLine, r.endCharacter);

function toDiagnostic(problem: ScenarioProblem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(problem.range), problem.message, vscode.DiagnosticSeverity.Error);
  d.source = DIAGNOSTIC_SOURCE;
  return d;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function registerScenarioFiles(options: ScenarioFilesOptions): ScenarioFiles {
  const { log, locale, play } = options;
  const diagnostics = vscode.languages.createDiagnosticCollection(SCENARIO_DIAGNOSTICS);
  const lensesChanged = new vscode.EventEmitter<void>();
  const debouncer = new Debouncer<string>(DEBOUNCE_MS);
  // Last check of each open document, so the lens and the diagnostics share one run; and the
  // check running for each, cancelled as soon as the document changes again.
  const cache = new Map<string, { readonly version: number; readonly locale: Locale; readonly check: ScenarioCheck }>();
  const running = new Map<string, { readonly version: number; readonly locale: Locale; readonly done: Promise<ScenarioCheck | null>; cancelled: boolean }>();

  const cancelCheck = (key: string): void => {
    const r = running.get(key);
    if (!r) return;
    r.cancelled = true;
    running.delete(key);
  };

  /** The check of the document as it is now: cached, running, or started. Null if the document changed meanwhile. */
  const checkDocument = (doc: vscode.TextDocument): Promise<ScenarioCheck | null> => {
    const key = doc.uri.toString();
    const l = locale();
    const hit = cache.get(key);
    if (hit && hit.version === doc.version && hit.locale === l) return Promise.resolve(hit.check);
    const now = running.get(key);
    if (now && now.version === doc.version && now.locale === l) return now.done;
    cancelCheck(key);
    const version = doc.version;
    const entry = { version, locale: l, cancelled: false, done: Promise.resolve<ScenarioCheck | null>(null) };
    entry.done = checkSliced(doc.getText(), textsFor(l), () => entry.cancelled || doc.isClosed || doc.version !== version).then(
      (check) => {
        if (running.get(key) === entry) running.delete(key);
        if (check === null || entry.cancelled) return null;
        cache.set(key, { version, locale: l, check });
        return check;
      },
      (e: unknown) => {
        if (running.get(key) === entry) running.delete(key);
        log.error(errorText(e));
        return null;
      },
    );
    running.set(key, entry);
    return entry.done;
  };

  const update = (doc: vscode.TextDocument): void => {
    if (doc.isClosed || !wantsDiagnostics(doc.uri.scheme, doc.uri.path)) return;
    void checkDocument(doc).then((check) => {
      if (check === null || doc.isClosed) return;
      diagnostics.set(doc.uri, check.ok ? [] : check.problems.map(toDiagnostic));
      lensesChanged.fire();
    });
  };

  const forget = (doc: vscode.TextDocument): void => {
    const key = doc.uri.toString();
    debouncer.cancel(key);
    cancelCheck(key);
    cache.delete(key);
    diagnostics.delete(doc.uri);
  };

  const refresh = (): void => {
    cache.clear();
    for (const key of [...running.keys()]) cancelCheck(key);
    for (const doc of vscode.workspace.textDocuments) update(doc);
    lensesChanged.fire();
  };

  const lenses: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: lensesChanged.event,
    async provideCodeLenses(doc, token) {
      const check = await checkDocument(doc);
      if (check === null || token?.isCancellationRequested) return [];
      const spec = lensFor(check, textsFor(locale()));
      const command: vscode.Command = spec.runs
        ? { title: spec.title, command: PLAY_SCENARIO_COMMAND, arguments: [doc.uri], ...(spec.tooltip ? { tooltip: spec.tooltip } : {}) }
        : // An empty command id makes VS Code show the lens as a label that runs nothing.
          { title: spec.title, command: '', ...(spec.tooltip ? { tooltip: spec.tooltip } : {}) };
      return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), command)];
    },
  };

  /** The file to play when the command gets no Uri: the active scenario file, else one the user picks. */
  const chooseScenario = async (l: Locale): Promise<vscode.Uri | undefined> => {
    const active = vscode.window.activeTextEditor?.document;
    if (active && isScenarioPath(active.uri.path)) return active.uri;
    const found = await vscode.workspace.findFiles(SCENARIO_GLOB, SCENARIO_EXCLUDE_GLOB, MAX_PICK_FILES);
    if (found.length === 0) {
      void vscode.window.showInformationMessage(
        hostT(l, 'There are no scenario files (*.tcp.json) in this workspace. Create a file whose name ends in .tcp.json, such as my-story.tcp.json, containing {0}', EXAMPLE),
      );
      return undefined;
    }
    const entries = pickEntries(found.map((uri) => ({ relativePath: vscode.workspace.asRelativePath(uri), item: uri })));
    const picked = await vscode.window.showQuickPick(
      entries.map((e) => ({ label: e.label, description: e.description, uri: e.item })),
      { placeHolder: hostT(l, 'Choose a scenario file to play'), matchOnDescription: true },
    );
    return picked?.uri;
  };

  /** The text to play: an open (possibly unsaved) document's, else the file's on disk. */
  const readScenarioText = async (uri: vscode.Uri): Promise<string> => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  };

  const goToProblem = async (uri: vscode.Uri, problem: ScenarioProblem): Promise<void> => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { selection: toRange(problem.range) });
  };

  const playCommand = async (arg?: unknown): Promise<void> => {
    const l = locale();
    const uri = arg instanceof vscode.Uri ? arg : await chooseScenario(l);
    if (!uri) return;
    const name = baseName(uri.path);
    let text: string;
    try {
      text = await readScenarioText(uri);
    } catch (e) {
      const message = hostT(l, 'Could not read {0}: {1}', name, errorText(e));
      log.warn(message);
      void vscode.window.showErrorMessage(message);
      return;
    }
    const texts = textsFor(l);
    const check = await checkSliced(text, texts);
    if (check === null) return;
    if (!check.ok) {
      const first = check.problems[0];
      const goTo = hostT(l, 'Go to Error');
      // Not awaited: the command finishes while the notification stays up.
      void vscode.window.showErrorMessage(hostT(l, '{0} cannot be played. {1}', name, firstProblemSummary(check.problems, texts)), goTo).then(
        (choice) => (choice === goTo && first ? goToProblem(uri, first) : undefined),
        (e: unknown) => log.error(errorText(e)),
      );
      return;
    }
    log.info(hostT(l, 'Playing scenario {0}', uri.toString(true)));
    try {
      play(check.scenario, uri);
    } catch (e) {
      const message = hostT(l, 'Could not play {0}: {1}', name, errorText(e));
      log.error(message);
      void vscode.window.showErrorMessage(message);
    }
  };

  const subscriptions: vscode.Disposable[] = [
    diagnostics,
    lensesChanged,
    vscode.languages.registerCodeLensProvider(SCENARIO_SELECTOR, lenses),
    vscode.commands.registerCommand(PLAY_SCENARIO_COMMAND, playCommand),
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!wantsDiagnostics(e.document.uri.scheme, e.document.uri.path)) return;
      const doc = e.document;
      // A check of the old text is of no use any more: stop it now, not when it ends.
      cancelCheck(doc.uri.toString());
      debouncer.schedule(doc.uri.toString(), () => update(doc));
    }),
    vscode.workspace.onDidCloseTextDocument(forget),
  ];
  for (const doc of vscode.workspace.textDocuments) update(doc);

  const settled = async (): Promise<void> => {
    while (running.size > 0 || debouncer.size > 0) {
      if (running.size > 0) await Promise.all([...running.values()].map((r) => r.done));
      else await new Promise((r) => setTimeout(r, DEBOUNCE_MS));
    }
  };

  return {
    refresh,
    settled,
    dispose(): void {
      debouncer.dispose();
      for (const key of [...running.keys()]) cancelCheck(key);
      cache.clear();
      for (const s of subscriptions) s.dispose();
    },
  };
}
