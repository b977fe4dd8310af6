/**
 * The Connections tab's part of the host-webview contract: what the host sends (a summary,
 * then the rows in chunks) and what the webview asks for. The host validates every intent
 * with `parseConnectionsIntent`; all messages of this feature start with `connections/`.
 */
import type { StateId } from '../../core/tcp/states';
import type { DoctorFormat, FindingId } from '../../core/doctor/types';
import type { DoctorUiStrings } from '../../i18n/doctor';

export const CONNECTIONS_PREFIX = 'connections/';

export interface StateBar {
  readonly id: StateId;
  /** How ss and netstat spell it (Linux). */
  readonly ss: string;
  readonly netstat: string;
  readonly count: number;
}

export interface FindingView {
  readonly id: FindingId;
  readonly count: number;
  readonly title: string;
  readonly summary: string;
  readonly meaning: string;
  readonly cause: string;
  readonly fixes: readonly string[];
  readonly notFixes: readonly string[];
  /** Lessons that teach it, the main one first, with their titles in the learner's language. */
  readonly lessons: readonly { readonly id: string; readonly title: string }[];
  /** "8080 (3), 9000 (1)" and "node (pid 123): 3", already written out; empty when unknown. */
  readonly ports: string;
  readonly processes: string;
  readonly remote: string | null;
}

export interface SysctlView {
  readonly name: string;
  readonly value: string | null;
  readonly default: string;
  readonly meaning: string;
}

export interface ConnectionsSummary {
  /** Live from the extension host's machine, or a pasted table. */
  readonly source: 'live' | 'pasted';
  /** Where the pasted table came from (a document's name). */
  readonly title: string | null;
  /** This host can read live connections (false in the web build). */
  readonly liveAvailable: boolean;
  readonly format: DoctorFormat | null;
  readonly total: number;
  /** All eleven states, in the order of the state list. */
  readonly states: readonly StateBar[];
  readonly findings: readonly FindingView[];
  /** Linux live only. */
  readonly sysctls: readonly SysctlView[] | null;
  /** Something that went wrong (the table could not be read). */
  readonly error: string | null;
  /** Things worth knowing about this table (an assumed state, lines left out). */
  readonly notes: readonly string[];
  /** When it was read, as text for the learner. */
  readonly updated: string | null;
  readonly paused: boolean;
  /** Identifies this table: row chunks carry it, and older chunks are dropped. */
  readonly generation: number;
  /** Rows that will arrive (0 for the awk counts). */
  readonly rowCount: number;
}

/** Rows, column by column; `state` indexes STATE_IDS. */
export interface RowsChunk {
  readonly local: readonly string[];
  readonly remote: readonly string[];
  readonly state: readonly number[];
  readonly pid: readonly (number | null)[];
  readonly process: readonly (string | null)[];
}

export type ConnectionsHostMessage =
  | { readonly type: 'connections/summary'; readonly summary: ConnectionsSummary; readonly strings: DoctorUiStrings; readonly reveal: boolean }
  | { readonly type: 'connections/rows'; readonly generation: number; readonly from: number; readonly rows: RowsChunk; readonly done: boolean };

export type ConnectionsIntent =
  | { readonly type: 'connections/visible'; readonly visible: boolean }
  | { readonly type: 'connections/pause'; readonly paused: boolean }
  | { readonly type: 'connections/refresh' }
  | { readonly type: 'connections/live' }
  | { readonly type: 'connections/openLesson'; readonly lesson: string };

export type ConnectionsParse = { readonly ok: true; readonly message: ConnectionsIntent } | { readonly ok: false; readonly error: string };

export function parseConnectionsIntent(raw: { readonly type?: unknown; readonly [key: string]: unknown }): ConnectionsParse {
  const type = raw.type;
  const fail = (error: string): ConnectionsParse => ({ ok: false, error: `${String(type)}: ${error}` });
  switch (type) {
    case 'connections/visible':
    case 'connections/pause': {
      const key = type === 'connections/visible' ? 'visible' : 'paused';
      const v = raw[key];
      if (typeof v !== 'boolean') return fail(`${key} must be true or false`);
      return { ok: true, message: type === 'connections/visible' ? { type, visible: v } : { type, paused: v } };
    }
    case 'connections/refresh':
    case 'connections/live':
      return { ok: true, message: { type } };
    case 'connections/openLesson': {
      const lesson = raw.lesson;
      if (typeof lesson !== 'string' || !/^[a-z0-9-]{1,64}$/.test(lesson)) return fail('lesson must be a lesson id');
      return { ok: true, message: { type, lesson } };
    }
    default:
      return fail('unknown connections message');
  }
}
