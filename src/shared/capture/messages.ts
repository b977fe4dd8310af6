/**
 * Messages between the capture editor (host) and its webview, with the validator the host
 * runs on everything the webview sends.
 */
import type { Locale } from '../vocabulary';
import type { ParserTable } from '../check';
import { describe, isIndex, isRecord } from '../check';
import type { CaptureDetail, CaptureSummary } from './model';

import type { CaptureKey } from '../../i18n/capture';

export type { CaptureKey };
/** The capture view's own strings (src/i18n/capture.ts), sent in the init message. */
export type CaptureStrings = Readonly<Record<CaptureKey, string>>;

export type ToCaptureMessage =
  /** The file is being read: `bytes` of `total` so far. */
  | { readonly type: 'capture/progress'; readonly bytes: number; readonly total: number }
  | { readonly type: 'capture/init'; readonly locale: Locale; readonly strings: CaptureStrings; readonly summary: CaptureSummary; readonly selected: number | null }
  /** Not a capture: nothing to show but why. */
  | { readonly type: 'capture/error'; readonly locale: Locale; readonly strings: CaptureStrings; readonly file: string; readonly message: string }
  | { readonly type: 'capture/detail'; readonly detail: CaptureDetail };

export type FromCaptureMessage =
  | { readonly type: 'capture/ready' }
  | { readonly type: 'capture/select'; readonly id: number }
  | { readonly type: 'capture/openInSandbox'; readonly id: number };

const PARSERS: ParserTable<FromCaptureMessage> = {
  'capture/ready': () => ({ type: 'capture/ready' }),
  'capture/select': (raw) => (isIndex(raw.id) ? { type: 'capture/select', id: raw.id } : `"id" must be a connection index, got ${describe(raw.id)}`),
  'capture/openInSandbox': (raw) => (isIndex(raw.id) ? { type: 'capture/openInSandbox', id: raw.id } : `"id" must be a connection index, got ${describe(raw.id)}`),
};

/** Checks a message from the capture webview; never throws. */
export function parseCaptureMessage(raw: unknown): { ok: true; message: FromCaptureMessage } | { ok: false; error: string } {
  if (!isRecord(raw)) return { ok: false, error: `a message must be an object, got ${describe(raw)}` };
  const type = raw.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(PARSERS, type)) return { ok: false, error: `unknown message type ${describe(type)}` };
  const result = (PARSERS as Record<string, (r: Readonly<Record<string, unknown>>) => FromCaptureMessage | string>)[type](raw);
  return typeof result === 'string' ? { ok: false, error: `${type}: ${result}` } : { ok: true, message: result };
}
