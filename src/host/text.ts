/**
 * The tutor's language on the host: the setting, the locale it resolves to, the learner-text
 * catalog of a locale, and host strings (notifications, the output channel) in that locale.
 * One object, handed to every feature.
 */
import * as vscode from 'vscode';
import type { LanguageSetting } from '../shared/protocol';
import type { Locale } from '../i18n/types';
import type { Catalog } from '../i18n/catalog';
import { loadCatalog } from '../i18n/load';
import { readLanguageSetting, resolveLocale } from './locale';
import { hostT } from './hostL10n';

export const LANGUAGE_KEY = 'tcpTutor.language';

export class HostText {
  constructor(
    private readonly extensionUri: vscode.Uri,
    readonly log: vscode.LogOutputChannel,
  ) {}

  language(): LanguageSetting {
    return readLanguageSetting(vscode.workspace.getConfiguration().get(LANGUAGE_KEY));
  }

  locale(): Locale {
    return resolveLocale(this.language(), vscode.env.language);
  }

  async setLanguage(language: LanguageSetting): Promise<void> {
    await vscode.workspace.getConfiguration().update(LANGUAGE_KEY, language, vscode.ConfigurationTarget.Global);
  }

  catalog(locale: Locale): Catalog {
    return loadCatalog(this.extensionUri.fsPath, locale);
  }

  /** A host string in `locale`, `{0}`-style placeholders filled. */
  t(locale: Locale, message: string, ...args: (string | number)[]): string {
    return hostT(locale, message, ...args);
  }
}
