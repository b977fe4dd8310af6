/** Which language the tutor speaks. Pure: the caller passes VS Code's display language. */
import type { LanguageSetting } from '../shared/protocol';
import type { Locale } from '../i18n/types';
import { isLocale } from '../i18n/types';

/**
 * `auto` follows VS Code's display language: any Chinese display language gets Simplified
 * Chinese (the only Chinese the course is written in), everything else English.
 */
export function resolveLocale(setting: LanguageSetting, displayLanguage: string): Locale {
  if (setting !== 'auto') return setting;
  return displayLanguage.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** Reads the setting's raw value; anything unexpected counts as `auto`. */
export function readLanguageSetting(raw: unknown): LanguageSetting {
  // Read without the message contract (src/shared): this runs at activation, in the startup bundle.
  return raw === 'auto' || isLocale(raw) ? raw : 'auto';
}
