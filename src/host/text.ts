/**
 * The tutor's language on the host: the setting, the locale it resolves to, the learner-text
 * catalog of a locale (installed by the features), and host strings (notifications, the
 * output channel) in that locale.
 * One object, handed to every feature. All of it comes from src/i18n, bundled into the
 * extension: nothing is read from disk.
 */
import * as vscode from 'vscode';
import type { LanguageSetting } from '../shared/protocol';
import type { Locale } from '../i18n/types';
import type { Catalog } from '../i18n/catalog';
import type { HostKey } from '../i18n/host';
import { hostText } from '../i18n/host';
import { readLanguageSetting, resolveLocale } from './locale';

export const LANGUAGE_KEY = 'tcpTutor.language';

export class HostText {
  private catalogs: ((locale: Locale) => Catalog) | undefined;

  constructor(readonly log: vscode.LogOutputChannel) {}

  /**
   * The learner-text catalogs are most of the text the extension carries: they come with the
   * features (src/host/features.ts installs them when it loads), never with activation.
   */
  useCatalogs(catalogs: (locale: Locale) => Catalog): void {
    this.catalogs = catalogs;
  }

  language(): LanguageSetting {
    return readLanguageSetting(vscode.workspace.getConfiguration().get(LANGUAGE_KEY));
  }

  locale(): Locale {
    return resolveLocale(this.language(), vscode.env.language);
  }

  async setLanguage(language: LanguageSetting): Promise<void> {
    await vscode.workspace.getConfiguration().update(LANGUAGE_KEY, language, vscode.ConfigurationTarget.Global);
  }

  /** The learner text of the webview in `locale` (bundled; sent once, in the init message). */
  catalog(locale: Locale): Catalog {
    if (!this.catalogs) throw new Error('the learner text is used before the features loaded it');
    return this.catalogs(locale);
  }

  /** A host sentence in `locale`, `{0}`-style placeholders filled. */
  t(locale: Locale, key: HostKey, ...args: (string | number)[]): string {
    return hostText(locale, key, ...args);
  }
}
