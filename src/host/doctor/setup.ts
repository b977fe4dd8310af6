/**
 * Builds the connection doctor for the extension: the presenter with its real dependencies
 * (the live reader, settings, lesson titles from dist/course) and the VS Code glue.
 */
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../../i18n/types';
import type { Catalog } from '../../i18n/catalog';
import type { ConnectionsView } from './presenter';
import { ConnectionsPresenter } from './presenter';
import { readLive } from '../../node/doctor/live';
import { readSettings, registerDoctor, SETTINGS_SECTION } from './register';

export interface DoctorSetup {
  readonly extensionPath: string;
  readonly log: vscode.LogOutputChannel;
  locale(): Locale;
  catalog(locale: Locale): Catalog;
  openInEditor(): void;
  openLesson(lesson: string, from: ConnectionsView): void;
}

export function setUpDoctor(setup: DoctorSetup): { presenter: ConnectionsPresenter; disposable: vscode.Disposable } {
  const titles = new Map<Locale, Map<string, string>>();
  const lessonTitle = (id: string, locale: Locale): string => {
    let map = titles.get(locale);
    if (!map) {
      map = new Map();
      try {
        const index = JSON.parse(readFileSync(join(setup.extensionPath, 'dist', 'course', locale, 'index.json'), 'utf8')) as { id: string; title: string }[];
        for (const l of index) map.set(l.id, l.title);
      } catch (error) {
        setup.log.warn(`Connections: lesson titles could not be read: ${String(error)}`);
      }
      titles.set(locale, map);
    }
    return map.get(id) ?? id;
  };
  const presenter = new ConnectionsPresenter({
    liveAvailable: true,
    locale: () => setup.locale(),
    text: (locale) => setup.catalog(locale).doctor,
    lessonTitle,
    settings: readSettings,
    readLive: (owners) => readLive({ owners }),
    openLesson: (lesson, from) => setup.openLesson(lesson, from),
    log: (message) => setup.log.warn(message),
    clock: (locale) => new Date().toLocaleTimeString(locale === 'zh-cn' ? 'zh-CN' : 'en'),
  });
  const glue = registerDoctor({ presenter, locale: () => setup.locale(), text: (l) => setup.catalog(l).doctor, openInEditor: () => setup.openInEditor(), log: setup.log });
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
