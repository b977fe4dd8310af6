/**
 * VS Code glue for the connection doctor: its settings, the "Diagnose Pasted Connections…"
 * command and the "Diagnose with TCP Tutor" CodeLens on documents that hold such output. The
 * manifest shows the commands only under the context key tcpTutor.hasLocalOS.
 */
import * as vscode from 'vscode';
import type { Thresholds } from '../../core/doctor/types';
import { DEFAULT_THRESHOLDS } from '../../core/doctor/types';
import { looksLikeConnections } from '../../core/doctor/parse';
import type { DoctorText } from '../../i18n/doctor';
import { fill } from '../../i18n/fill';
import type { Locale } from '../../i18n/types';
import type { ConnectionsPresenter, ConnectionsSettings } from './presenter';
import { PASTED_TABLE_SELECTOR } from '../contributions';

export const SETTINGS_SECTION = 'tcpTutor.connections';
/** Lines of a document looked at to decide whether it gets the CodeLens. */
const LENS_LINES = 60;
/** Documents larger than this are diagnosed but never scanned for the CodeLens on every change. */
const LENS_MAX_CHARS = 50_000_000;

const positive = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback);

export function readSettings(): ConnectionsSettings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const thresholds: Thresholds = {
    closeWait: positive(c.get('thresholds.closeWait'), DEFAULT_THRESHOLDS.closeWait),
    timeWait: positive(c.get('thresholds.timeWait'), DEFAULT_THRESHOLDS.timeWait),
    synRecv: positive(c.get('thresholds.synRecv'), DEFAULT_THRESHOLDS.synRecv),
    finWait2: positive(c.get('thresholds.finWait2'), DEFAULT_THRESHOLDS.finWait2),
  };
  return { thresholds, refreshSeconds: positive(c.get('refreshSeconds'), 3), owners: c.get('showProcesses') !== false };
}

export interface DoctorGlue {
  readonly presenter: ConnectionsPresenter;
  locale(): Locale;
  text(locale: Locale): DoctorText;
  /** Opens the tutor's editor tab (the diagnosis is shown in its Connections tab). */
  openInEditor(): void;
  readonly log: vscode.LogOutputChannel;
}

class PastedLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  constructor(private readonly glue: DoctorGlue) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    try {
      const lines = Math.min(document.lineCount, LENS_LINES);
      if (lines === 0) return [];
      const head = document.getText(new vscode.Range(0, 0, lines, 0));
      if (head.length > LENS_MAX_CHARS || !looksLikeConnections(head)) return [];
      const title = this.glue.text(this.glue.locale()).ui.codeLens;
      return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command: 'tcpTutor.diagnoseDocument', arguments: [document.uri] })];
    } catch (error) {
      this.glue.log.warn(String(error));
      return [];
    }
  }
}

export function registerDoctor(glue: DoctorGlue): vscode.Disposable & { relabel(): void } {
  const lens = new PastedLens(glue);
  const disposables: vscode.Disposable[] = [
    vscode.commands.registerCommand('tcpTutor.diagnosePasted', async () => {
      const ui = glue.text(glue.locale()).ui;
      const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `${ui.pastePrompt}\n` });
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      editor.selection = new vscode.Selection(end, end);
    }),
    vscode.commands.registerCommand('tcpTutor.diagnoseDocument', async (uri?: unknown) => {
      const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!doc) return;
      const name = doc.isUntitled ? doc.uri.path : vscode.workspace.asRelativePath(doc.uri);
      const outcome = await glue.presenter.diagnose(doc.getText(), name);
      if (!outcome.ok) {
        void vscode.window.showErrorMessage(fill(glue.text(glue.locale()).ui.notATable, { message: outcome.message }));
        return;
      }
      glue.openInEditor();
    }),
    vscode.languages.registerCodeLensProvider(PASTED_TABLE_SELECTOR, lens),
  ];
  return {
    relabel: () => lens.refresh(),
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}
