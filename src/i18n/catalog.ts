/**
 * Everything the webview shows, per language, in one object, sent once in the init message.
 * Bundled into the extension; the host requires this module when a webview first opens, so
 * activation does not evaluate it.
 */
import type { DiagramText, Locale } from './types';
import type { UiStrings } from './ui';
import type { PresetText } from './presets';
import { UI_STRINGS } from './ui';
import { DIAGRAM_TEXT } from './diagramText';
import { PRESET_ORDER, PRESET_TEXT } from './presets';
import { LOCALES } from './types';

export interface Catalog {
  readonly locale: Locale;
  readonly ui: UiStrings;
  readonly diagram: DiagramText;
  /** Titles and "watch for" lines of the sandbox's preset stories, by scenario id. */
  readonly presets: Readonly<Record<string, PresetText>>;
  readonly presetOrder: readonly string[];
}
// The connection doctor's text (src/i18n/doctor.ts) and the kernel lab's (src/i18n/lab.ts)
// are their features' own: those need a local OS, and the browser build leaves them out.

export function buildCatalog(locale: Locale): Catalog {
  return {
    locale,
    ui: UI_STRINGS[locale],
    diagram: DIAGRAM_TEXT[locale],
    presets: Object.fromEntries(Object.entries(PRESET_TEXT).map(([id, t]) => [id, t[locale]])),
    presetOrder: PRESET_ORDER,
  };
}

export const CATALOGS: Readonly<Record<Locale, Catalog>> = Object.fromEntries(LOCALES.map((l) => [l, buildCatalog(l)])) as Record<Locale, Catalog>;
