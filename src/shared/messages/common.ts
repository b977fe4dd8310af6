/**
 * Messages every tutor webview exchanges with the host, whatever it shows: the ready
 * handshake and the init that answers it, the language, the editor tab, the kept view
 * state and error reports.
 */
import type { Locale } from '../vocabulary';
import { LOCALES } from '../vocabulary';
import type { UiStrings } from '../strings';
import type { DiagramModel, Selection } from '../models/diagram';
import type { SandboxPreset } from '../models/sandbox';
import type { ParserTable } from '../check';
import { describe, isRecord, oneOf } from '../check';
import { ZOOM_STEPS } from '../viewConstants';
import { parseSelection } from './diagram';

export const PROTOCOL_VERSION = 1;

/** The language setting as the learner chose it. */
export type LanguageSetting = 'auto' | Locale;
export const LANGUAGE_SETTINGS: readonly LanguageSetting[] = ['auto', ...LOCALES];

export type TabId = 'course' | 'diagram' | 'sandbox' | 'connections' | 'lab';
/**
 * In the order the tabs are shown; the course is the home. The tabs that need a local OS come
 * last (Connections, then Lab), so hiding them moves no other.
 */
export const TAB_IDS: readonly TabId[] = ['course', 'diagram', 'sandbox', 'connections', 'lab'];

/** What the webview asks the host to keep for it (webview views lose getState on reload). */
export interface SavedViewState {
  readonly selection: Selection | null;
  readonly zoom: 'fit' | number;
  readonly tab: TabId;
}

/** Where a webview lives: the narrow side panel or a wide editor tab. */
export type WebviewKind = 'view' | 'panel';

export interface InitMessage {
  readonly type: 'init';
  readonly protocol: number;
  readonly locale: Locale;
  readonly language: LanguageSetting;
  /** Where this webview lives: the narrow side panel or a wide editor tab. */
  readonly host: WebviewKind;
  readonly strings: UiStrings;
  readonly diagram: DiagramModel;
  /** The preset stories of the sandbox, in order, in the learner's language. */
  readonly presets: readonly SandboxPreset[];
  /** The view state the host kept, used when the webview has none of its own. */
  readonly saved: SavedViewState | null;
  /** What the extension host can do: without a local OS (VS Code in the browser) features that need one are hidden. */
  readonly capabilities: { readonly localOS: boolean };
}

export type ToCommonMessage = InitMessage;

export type FromCommonMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'setLanguage'; readonly language: LanguageSetting }
  | { readonly type: 'openInEditor' }
  | { readonly type: 'saveViewState'; readonly state: SavedViewState }
  | { readonly type: 'log'; readonly level: 'info' | 'error'; readonly message: string };

// ---------------------------------------------------------------------------------------
// Validation

const MAX_LOG_LENGTH = 2000;

export const COMMON_PARSERS: ParserTable<FromCommonMessage> = {
  ready: () => ({ type: 'ready' }),
  openInEditor: () => ({ type: 'openInEditor' }),
  setLanguage: (raw) =>
    oneOf(LANGUAGE_SETTINGS, raw.language)
      ? { type: 'setLanguage', language: raw.language }
      : `language must be one of ${LANGUAGE_SETTINGS.join(', ')}, got ${describe(raw.language)}`,
  saveViewState: (raw) => {
    const state = parseSavedViewState(raw.state);
    return typeof state === 'string' ? state : { type: 'saveViewState', state };
  },
  log: (raw) => {
    if (raw.level !== 'info' && raw.level !== 'error') return `level must be "info" or "error", got ${describe(raw.level)}`;
    if (typeof raw.message !== 'string') return `message must be a string, got ${describe(raw.message)}`;
    return { type: 'log', level: raw.level, message: raw.message.slice(0, MAX_LOG_LENGTH) };
  },
};

/**
 * Checks a saved view state (from the webview, or read back from storage, which may be
 * corrupt or from an older version). Returns a one-line reason when it is not usable.
 */
export function parseSavedViewState(value: unknown): SavedViewState | string {
  if (!isRecord(value)) return `state must be an object, got ${describe(value)}`;
  const selection = parseSelection(value.selection);
  if (typeof selection === 'string') return selection;
  const zoom = value.zoom;
  if (zoom !== 'fit' && !(typeof zoom === 'number' && ZOOM_STEPS.includes(zoom))) return `zoom must be "fit" or one of ${ZOOM_STEPS.join(', ')}, got ${describe(zoom)}`;
  // Records saved before the sandbox existed have no tab: they showed the diagram.
  const tab = value.tab === undefined ? 'diagram' : value.tab;
  if (!oneOf(TAB_IDS, tab)) return `tab must be one of ${TAB_IDS.join(', ')}, got ${describe(tab)}`;
  return { selection, zoom, tab };
}
