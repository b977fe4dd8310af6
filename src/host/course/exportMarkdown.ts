/** "Export Course as Markdown": the whole course or one lesson, in the tutor's language, as a new document. */
import * as vscode from 'vscode';
import type { Course, Lesson } from '../../core/course/types';
import type { Locale } from '../../i18n/types';
import type { HostText } from '../text';

export interface CourseMarkdown {
  readonly COURSE: Course;
  courseMarkdown(course: Course, locale: Locale): string;
  lessonMarkdown(lesson: Lesson, locale: Locale, course: Course): string;
}

export async function exportCourseMarkdown(course: () => CourseMarkdown, text: HostText): Promise<void> {
  const locale = text.locale();
  try {
    const m = course();
    const items = [
      { label: text.t(locale, 'The whole course'), make: () => m.courseMarkdown(m.COURSE, locale) },
      ...m.COURSE.lessons.map((l, i) => ({ label: `${i + 1}. ${l.title[locale]}`, make: () => `${m.lessonMarkdown(l, locale, m.COURSE)}\n` })),
    ];
    const pick = await vscode.window.showQuickPick(items, { placeHolder: text.t(locale, 'Export which part of the course as Markdown?') });
    if (!pick) return;
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: pick.make() });
    await vscode.window.showTextDocument(doc, { preview: false });
  } catch (error) {
    text.log.error(String(error));
    void vscode.window.showErrorMessage(text.t(locale, 'Could not export the course: {0}', error instanceof Error ? error.message : String(error)));
  }
}
