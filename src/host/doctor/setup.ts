/**
 * Builds the connection doctor for the extension: the presenter with its real dependencies
 * (the live reader, settings) and the VS Code glue. Loaded only by a Node extension host.
 */
import * as vscode from 'vscode';
import type { Locale } from '../../i18n/types';
import { DOCTOR_TEXT } from '../../i18n/doctor';
import type { ConnectionsView } from './presenter';
import { ConnectionsPresenter } from './presenter';
import type * as Live from '../../node/doctor/live';
import { readSettings, registerDoctor, SETTINGS_SECTION } from './register';

export interface DoctorSetup {
  readonly log: vscode.LogOutputChannel;
  locale(): Locale;
  lessonTitle(id: string, locale: Locale): string;
  openInEditor(): void;
  openLesson(lesson: string, from: ConnectionsView): void;
}

export function setUpDoctor(setup: DoctorSetup): { presenter: ConnectionsPresenter; disposable: vscode.Disposable } {
  const presenter = new ConnectionsPresenter({
    liveAvailable: true,
    locale: () => setup.locale(),
    text: (locale) => DOCTOR_TEXT[locale],
    lessonTitle: (id, locale) => setup.lessonTitle(id, locale),
    settings: readSettings,
    // The live reader pulls in child_process, fs and os (a few milliseconds of Node's own
    // module loading): required on the first refresh, not at activation.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    readLive: (owners) => (require('../../node/doctor/live') as typeof Live).readLive({ owners }),
    openLesson: (lesson, from) => setup.openLesson(lesson, from),
    log: (message) => setup.log.warn(message),
    clock: (locale) => new Date().toLocaleTimeString(locale === 'zh-cn' ? 'zh-CN' : 'en'),
  });
  const glue = registerDoctor({ presenter, locale: () => setup.locale(), text: (l) => DOCTOR_TEXT[l], openInEditor: () => setup.openInEditor(), log: setup.log });
  const config = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('tcpTutor.language')) {
      presenter.relabel();
      glue.relabel();
    }
    if (e.affectsConfiguration(SETTINGS_SECTION)) void presenter.refresh();
  });
  const disposable = {
    dispose: () => {
      presenter.dispose();
      glue.dispose();
      config.dispose();
    },
  };
  return { presenter, disposable };
}
