/** "Export Course as Markdown": the whole course or one lesson, in the tutor's language, as a new document. */
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostText } from '../text';

export async function exportCourseMarkdown(extensionUri: vscode.Uri, text: HostText): Promise<void> {
  const locale = text.locale();
  const dir = join(extensionUri.fsPath, 'dist', 'course', locale);
  try {
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { id: string; title: string }[];
    const items = [{ label: text.t(locale, 'The whole course'), file: 'course.md' }, ...index.map((l, i) => ({ label: `${i + 1}. ${l.title}`, file: `${l.id}.md` }))];
    const pick = await vscode.window.showQuickPick(items, { placeHolder: text.t(locale, 'Export which part of the course as Markdown?') });
    if (!pick) return;
    const content = readFileSync(join(dir, pick.file), 'utf8');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(doc, { preview: false });
  } catch (error) {
    text.log.error(String(error));
    void vscode.window.showErrorMessage(text.t(locale, 'Could not export the course: {0}', error instanceof Error ? error.message : String(error)));
  }
}
