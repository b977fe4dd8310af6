/**
 * The capture editor: a read-only custom editor for *.pcap, *.pcapng and *.cap. The file is
 * streamed from disk when it is local to the Node host, else read through vscode.workspace.fs
 * (remote or web), and analysed a chunk at a time, yielding to the event loop between chunks, with a progress notification for big
 * files, so nothing blocks the extension host for long. The webview shows the connection
 * list and, for the chosen one, the ladder with both endpoints' states; "Open in the
 * sandbox" turns the connection into a scenario, opens it as an unsaved *.tcp.json beside
 * and plays it.
 */
import * as vscode from 'vscode';
import type * as NodeFs from 'node:fs';
import type { CaptureAnalysis } from '../../core/capture/index';
import { CaptureAnalyzer } from '../../core/capture/index';
import { connectionScenario } from '../../core/capture/scenario';
import { parseScenario } from '../../core/tcp/scenario';
import type { Scenario } from '../../core/tcp/scenario';
import type { FromCaptureMessage, ToCaptureMessage } from '../../shared/capture/messages';
import { parseCaptureMessage } from '../../shared/capture/messages';
import { captureStrings, replayWords } from '../../i18n/capture';
import type { HostText } from '../text';
import { renderHtml } from '../webviewHtml';
import { captureDetail, captureSummary } from './model';

/** Chunk size for the analysis; the host yields between chunks. */
const CHUNK = 1 << 20;
/** Files above this size show a progress notification while they are read. */
const PROGRESS_ABOVE = 4 << 20;

class CaptureDocument implements vscode.CustomDocument {
  analysis: CaptureAnalysis | null = null;
  readonly listeners = new Set<(m: ToCaptureMessage) => void>();
  constructor(readonly uri: vscode.Uri) {}
  dispose(): void {
    this.listeners.clear();
    this.analysis = null;
  }
}

export interface CaptureEditorDeps {
  readonly extensionUri: vscode.Uri;
  readonly text: HostText;
  /** Plays a scenario in the sandbox (opens the tutor's editor tab). */
  readonly play: (scenario: Scenario, source: vscode.Uri) => void;
}

const yieldToHost = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The file's bytes a chunk at a time. A local file in the Node host is streamed from disk, so a
 * 100 MB capture never sits in memory whole; elsewhere (a remote file system, the web build)
 * vscode.workspace.fs has only a whole-file read, and the bytes are then cut into chunks.
 */
async function* chunksOf(uri: vscode.Uri): AsyncGenerator<Uint8Array> {
  // The web build defines TCP_TUTOR_WEB, so esbuild drops this branch and its Node import.
  if (uri.scheme === 'file' && process.env.TCP_TUTOR_WEB !== '1') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createReadStream } = require('node:fs') as typeof NodeFs;
    for await (const chunk of createReadStream(uri.fsPath, { highWaterMark: CHUNK })) yield chunk as Uint8Array;
    return;
  }
  const bytes = await vscode.workspace.fs.readFile(uri);
  for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, Math.min(bytes.length, i + CHUNK));
}

/** Reads and analyses a capture of `total` bytes; `onProgress(bytes, total)` after each chunk. Never throws on file contents. */
export async function analyseUri(uri: vscode.Uri, total: number, onProgress: (bytes: number, total: number) => void, token?: vscode.CancellationToken): Promise<CaptureAnalysis> {
  const analyzer = new CaptureAnalyzer();
  let read = 0;
  for await (const chunk of chunksOf(uri)) {
    if (token?.isCancellationRequested || analyzer.stopped) break;
    analyzer.push(chunk);
    read += chunk.length;
    onProgress(read, Math.max(total, read));
    await yieldToHost();
  }
  return analyzer.end();
}

export class CaptureEditorProvider implements vscode.CustomReadonlyEditorProvider<CaptureDocument> {
  constructor(private readonly deps: CaptureEditorDeps) {}

  async openCustomDocument(uri: vscode.Uri, _context: vscode.CustomDocumentOpenContext, token: vscode.CancellationToken): Promise<CaptureDocument> {
    const doc = new CaptureDocument(uri);
    const { text } = this.deps;
    const name = vscode.workspace.asRelativePath(uri);
    let size = 0;
    try {
      size = (await vscode.workspace.fs.stat(uri)).size;
    } catch {
      // Unknown size: no progress notification.
    }
    const read = (progress?: vscode.Progress<{ increment?: number; message?: string }>) => {
      let last = 0;
      return analyseUri(
        uri,
        size,
        (bytes, total) => {
          const percent = total > 0 ? Math.floor((bytes / total) * 100) : 100;
          if (progress && percent > last) progress.report({ increment: percent - last, message: `${percent}%` });
          last = percent;
          for (const l of doc.listeners) l({ type: 'capture/progress', bytes, total });
        },
        token,
      );
    };
    const started = Date.now();
    try {
      doc.analysis =
        size > PROGRESS_ABOVE
          ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: text.t(text.locale(), 'Reading capture {0}', name) }, (progress) => read(progress))
          : await read();
      const s = doc.analysis.summary;
      text.log.info(text.t(text.locale(), 'Read capture {0}: {1} packets, {2} connections in {3} ms.', name, s.packets, doc.analysis.connections.length, Date.now() - started));
    } catch (error) {
      text.log.error(text.t(text.locale(), 'Could not read {0}: {1}', name, String(error)));
      doc.analysis = { summary: { format: null, linktype: null, linktypes: [], packets: 0, tcp: 0, bytes: 0, error: String(error), truncated: null }, connections: [] };
    }
    return doc;
  }

  resolveCustomEditor(document: CaptureDocument, panel: vscode.WebviewPanel): void {
    const { extensionUri, text } = this.deps;
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
    panel.webview.html = renderHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'capture-view.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'capture-view.css')).toString(),
      lang: text.locale() === 'zh-cn' ? 'zh-CN' : 'en',
    });
    let selected: number | null = null;
    const post = (m: ToCaptureMessage) => void panel.webview.postMessage(m);
    const file = vscode.workspace.asRelativePath(document.uri);
    const init = () => {
      const a = document.analysis;
      const locale = text.locale();
      const strings = captureStrings(locale);
      if (!a) return;
      if (a.summary.error !== null) post({ type: 'capture/error', locale, strings, file, message: a.summary.error });
      else post({ type: 'capture/init', locale, strings, summary: captureSummary(file, a), selected });
      if (selected !== null && a.connections[selected]) post({ type: 'capture/detail', detail: captureDetail(selected, a.connections[selected]) });
    };
    const receive = (message: FromCaptureMessage) => {
      const a = document.analysis;
      switch (message.type) {
        case 'capture/ready':
          init();
          return;
        case 'capture/select':
          if (a && a.connections[message.id]) {
            selected = message.id;
            post({ type: 'capture/detail', detail: captureDetail(message.id, a.connections[message.id]) });
          }
          return;
        case 'capture/openInSandbox':
          if (a && a.connections[message.id]) void this.openInSandbox(document, message.id);
          return;
      }
    };
    const sub = panel.webview.onDidReceiveMessage((raw: unknown) => {
      const parsed = parseCaptureMessage(raw);
      if (!parsed.ok) text.log.warn(text.t(text.locale(), 'Ignored a malformed message from the tutor view: {0}', parsed.error));
      else receive(parsed.message);
    });
    const config = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tcpTutor.language')) {
        panel.webview.html = panel.webview.html.replace(/lang="[^"]*"/, `lang="${text.locale() === 'zh-cn' ? 'zh-CN' : 'en'}"`);
        init();
      }
    });
    panel.onDidDispose(() => {
      sub.dispose();
      config.dispose();
    });
  }

  private async openInSandbox(document: CaptureDocument, id: number): Promise<void> {
    const { text } = this.deps;
    const c = document.analysis?.connections[id];
    if (!c) return;
    const words = replayWords(text.locale());
    const made = connectionScenario(c, words);
    const parsed = parseScenario(made.text);
    if (!parsed.ok) {
      void vscode.window.showErrorMessage(text.t(text.locale(), 'Could not turn this connection into a scenario: {0}', parsed.errors[0]?.message ?? ''));
      return;
    }
    for (const note of made.notes) text.log.info(words.note(note));
    // An unsaved file named after the capture, beside it, so saving it keeps it (and the
    // schema and CodeLens of *.tcp.json apply once it is saved).
    const base = document.uri.path.replace(/\.(pcapng|pcap|cap)$/i, '');
    const target = document.uri.with({ scheme: 'untitled', path: `${base}-${id + 1}.tcp.json` });
    try {
      const doc = await vscode.workspace.openTextDocument(target);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(target, new vscode.Range(0, 0, doc.lineCount, 0), made.text);
      await vscode.workspace.applyEdit(edit);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
    } catch (error) {
      text.log.warn(String(error));
    }
    this.deps.play(parsed.scenario, target);
  }
}
