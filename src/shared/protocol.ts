/**
 * The host-webview contract: every message each way, one union per feature (the common
 * handshake, the diagram, the sandbox, the course) joined here, and the one validator the
 * host runs on everything it receives. The webview imports src/shared and nothing else
 * from src/.
 *
 * The webview renders what the host sends and reports the learner's intents. It never
 * decides TCP behaviour and never grades answers.
 *
 * A new feature adds its `To…`/`From…` unions in messages/<feature>.ts, with a parser table
 * (`ParserTable<From…>`), joins them below, and registers a handler for its prefix with the
 * host's TutorPanels; the compiler then refuses a message type without a parser.
 */
import type { ToCommonMessage, FromCommonMessage } from './messages/common';
import type { FromDiagramMessage } from './messages/diagram';
import type { ToSandboxMessage, FromSandboxMessage } from './messages/sandbox';
import type { ToCourseMessage, FromCourseMessage } from './messages/course';
import type { ToConnectionsMessage, FromConnectionsMessage } from './doctor/protocol';
import type { ToLabMessage, FromLabMessage } from './messages/lab';
import type { ParserTable } from './check';
import { describe, isRecord } from './check';
import { COMMON_PARSERS } from './messages/common';
import { DIAGRAM_PARSERS } from './messages/diagram';
import { SANDBOX_PARSERS } from './messages/sandbox';
import { COURSE_PARSERS } from './messages/course';
import { CONNECTIONS_PARSERS } from './doctor/protocol';
import { LAB_PARSERS } from './messages/lab';

export * from './messages/common';
export * from './messages/diagram';
export * from './messages/sandbox';
export * from './messages/course';
export * from './messages/lab';
export * from './models/diagram';
export * from './models/sandbox';
export * from './models/course';
export * from './models/lab';
export * from './doctor/protocol';
export { assertNever } from './vocabulary';

/** Host -> webview. */
export type ToWebviewMessage = ToCommonMessage | ToSandboxMessage | ToCourseMessage | ToConnectionsMessage | ToLabMessage;
/** Webview -> host. */
export type FromWebviewMessage = FromCommonMessage | FromDiagramMessage | FromSandboxMessage | FromCourseMessage | FromConnectionsMessage | FromLabMessage;

/** Older names, kept for readability at call sites. */
export type HostMessage = ToWebviewMessage;
export type WebviewMessage = FromWebviewMessage;

/** Every message type the webview may send, with its parser. */
const PARSERS: ParserTable<FromWebviewMessage> = { ...COMMON_PARSERS, ...DIAGRAM_PARSERS, ...SANDBOX_PARSERS, ...COURSE_PARSERS, ...CONNECTIONS_PARSERS, ...LAB_PARSERS };

export type ParseResult = { readonly ok: true; readonly message: FromWebviewMessage } | { readonly ok: false; readonly error: string };

/**
 * Checks a message that arrived from the webview. Never throws: anything unexpected comes
 * back as `{ ok: false, error }` with a one-line reason, for the output channel.
 */
export function parseWebviewMessage(raw: unknown): ParseResult {
  if (!isRecord(raw)) return { ok: false, error: `expected an object, got ${describe(raw)}` };
  const type = raw.type;
  if (typeof type !== 'string' || !Object.hasOwn(PARSERS, type)) return { ok: false, error: `unknown message type ${describe(type)}` };
  const parser = PARSERS[type as FromWebviewMessage['type']] as (raw: Readonly<Record<string, unknown>>) => FromWebviewMessage | string;
  const message = parser(raw);
  return typeof message === 'string' ? { ok: false, error: `${type}: ${message}` } : { ok: true, message };
}
