/**
 * The shapes of learner-facing text the webview receives (the catalogs themselves live in
 * src/i18n; only their types cross the contract) and `format` for their placeholders.
 */
export type { UiKey, UiStrings } from '../i18n/ui';
export type { DiagramText, StateText, TransitionText } from '../i18n/types';
export { format } from './format';
