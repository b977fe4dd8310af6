/**
 * The one message protocol between the extension host and the webview. Both sides import
 * these types; the host validates every message it receives with `parseWebviewMessage`.
 *
 * The webview renders what the host sends and reports the learner's intents. It never
 * decides TCP behaviour and never grades answers.
 */
import type { Flag, Role, StateId, TransitionOrigin } from './tcp/states';
import { isStateId, transitionById } from './tcp/states';
import { ZOOM_STEPS } from './viewConstants';
import type { StateText, TransitionText, Locale } from './i18n/types';
import type { UiStrings } from './i18n/ui';

export const PROTOCOL_VERSION = 1;

/** The language setting as the learner chose it. */
export type LanguageSetting = 'auto' | Locale;
export const LANGUAGE_SETTINGS: readonly LanguageSetting[] = ['auto', 'en', 'zh-cn'];

// ---------------------------------------------------------------------------------------
// What the host sends to draw the state diagram (issue 2; later issues animate it).

export interface DiagramStateModel {
  readonly id: StateId;
  readonly x: number;
  readonly y: number;
  readonly netstat: string;
  readonly ss: string;
  readonly roles: readonly Role[];
  readonly text: StateText;
}

export interface DiagramEdgeModel {
  readonly id: string;
  readonly from: StateId;
  readonly to: StateId;
  readonly sends: readonly Flag[] | null;
  readonly origin: TransitionOrigin;
  /** Empty for edges described in words rather than drawn. */
  readonly points: readonly (readonly [number, number])[];
  readonly label: { readonly x: number; readonly y: number; readonly anchor: 'start' | 'middle' | 'end' } | null;
  readonly text: TransitionText;
}

export interface DiagramModel {
  readonly width: number;
  readonly height: number;
  readonly boxWidth: number;
  readonly boxHeight: number;
  readonly states: readonly DiagramStateModel[];
  readonly edges: readonly DiagramEdgeModel[];
  readonly roleNames: Readonly<Record<Role, string>>;
}

// ---------------------------------------------------------------------------------------
// Host -> webview

/** What the webview asks the host to keep for it (webview views lose getState on reload). */
export interface SavedViewState {
  readonly selection: Selection | null;
  readonly zoom: 'fit' | number;
}

export interface InitMessage {
  readonly type: 'init';
  readonly protocol: number;
  readonly locale: Locale;
  readonly language: LanguageSetting;
  /** Where this webview lives: the narrow side panel or a wide editor tab. */
  readonly host: 'view' | 'panel';
  readonly strings: UiStrings;
  readonly diagram: DiagramModel;
  /** The view state the host kept, used when the webview has none of its own. */
  readonly saved: SavedViewState | null;
}

export type HostMessage = InitMessage;

// ---------------------------------------------------------------------------------------
// Webview -> host

export type Selection = { readonly kind: 'state'; readonly id: StateId } | { readonly kind: 'transition'; readonly id: string };

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'setLanguage'; readonly language: LanguageSetting }
  | { readonly type: 'openInEditor' }
  | { readonly type: 'selected'; readonly selection: Selection | null }
  | { readonly type: 'saveViewState'; readonly state: SavedViewState }
  | { readonly type: 'log'; readonly level: 'info' | 'error'; readonly message: string };

export type ParseResult = { readonly ok: true; readonly message: WebviewMessage } | { readonly ok: false; readonly error: string };

const MAX_LOG_LENGTH = 2000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}

/**
 * Checks a message that arrived from the webview. Never throws: anything unexpected comes
 * back as `{ ok: false, error }` with a one-line reason, for the output channel.
 */
export function parseWebviewMessage(raw: unknown): ParseResult {
  if (!isRecord(raw)) return { ok: false, error: `expected an object, got ${describe(raw)}` };
  const type = raw.type;
  const fail = (error: string): ParseResult => ({ ok: false, error: `${String(type)}: ${error}` });
  switch (type) {
    case 'ready':
      return { ok: true, message: { type: 'ready' } };
    case 'openInEditor':
      return { ok: true, message: { type: 'openInEditor' } };
    case 'setLanguage': {
      const language = raw.language;
      if (typeof language !== 'string' || !(LANGUAGE_SETTINGS as readonly string[]).includes(language)) {
        return fail(`language must be one of ${LANGUAGE_SETTINGS.join(', ')}, got ${describe(language)}`);
      }
      return { ok: true, message: { type: 'setLanguage', language: language as LanguageSetting } };
    }
    case 'selected': {
      const selection = parseSelection(raw.selection);
      if (typeof selection === 'string') return fail(selection);
      return { ok: true, message: { type: 'selected', selection } };
    }
    case 'saveViewState': {
      const state = parseSavedViewState(raw.state);
      if (typeof state === 'string') return fail(state);
      return { ok: true, message: { type: 'saveViewState', state } };
    }
    case 'log': {
      const level = raw.level;
      if (level !== 'info' && level !== 'error') return fail(`level must be "info" or "error", got ${describe(level)}`);
      if (typeof raw.message !== 'string') return fail(`message must be a string, got ${describe(raw.message)}`);
      return { ok: true, message: { type: 'log', level, message: raw.message.slice(0, MAX_LOG_LENGTH) } };
    }
    default:
      return { ok: false, error: `unknown message type ${describe(type)}` };
  }
}

/** A selection, or a one-line reason why the value is not one. */
function parseSelection(selection: unknown): Selection | null | string {
  if (selection === null) return null;
  if (!isRecord(selection)) return `selection must be an object or null, got ${describe(selection)}`;
  if (selection.kind === 'state') {
    if (!isStateId(selection.id)) return `unknown state ${describe(selection.id)}`;
    return { kind: 'state', id: selection.id };
  }
  if (selection.kind === 'transition') {
    if (typeof selection.id !== 'string' || !transitionById(selection.id)) return `unknown transition ${describe(selection.id)}`;
    return { kind: 'transition', id: selection.id };
  }
  return `selection.kind must be "state" or "transition", got ${describe(selection.kind)}`;
}

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
  return { selection, zoom };
}
