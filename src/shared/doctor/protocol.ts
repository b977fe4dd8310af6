/**
 * The Connections tab's part of the host-webview contract: what the host sends (a summary,
 * then the rows in chunks) and what the webview asks for, with a parser per message type.
 * All messages of this feature start with `connections/`; the host routes them to the
 * doctor's presenter (src/host/doctor).
 */
import type { DoctorFormat, FindingId, StateId } from '../vocabulary';
import type { DoctorUiStrings } from '../../i18n/doctor';
import type { ParserTable } from '../check';
import { describe } from '../check';

export type { DoctorUiStrings } from '../../i18n/doctor';

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

export type ToConnectionsMessage =
  | { readonly type: 'connections/summary'; readonly summary: ConnectionsSummary; readonly strings: DoctorUiStrings; readonly reveal: boolean }
  | { readonly type: 'connections/rows'; readonly generation: number; readonly from: number; readonly rows: RowsChunk; readonly done: boolean };

export type FromConnectionsMessage =
  | { readonly type: 'connections/visible'; readonly visible: boolean }
  | { readonly type: 'connections/pause'; readonly paused: boolean }
  | { readonly type: 'connections/refresh' }
  | { readonly type: 'connections/live' }
  | { readonly type: 'connections/openLesson'; readonly lesson: string };

export const CONNECTIONS_PARSERS: ParserTable<FromConnectionsMessage> = {
  'connections/visible': (raw) => (typeof raw.visible === 'boolean' ? { type: 'connections/visible', visible: raw.visible } : `visible must be true or false, got ${describe(raw.visible)}`),
  'connections/pause': (raw) => (typeof raw.paused === 'boolean' ? { type: 'connections/pause', paused: raw.paused } : `paused must be true or false, got ${describe(raw.paused)}`),
  'connections/refresh': () => ({ type: 'connections/refresh' }),
  'connections/live': () => ({ type: 'connections/live' }),
  'connections/openLesson': (raw) =>
    typeof raw.lesson === 'string' && /^[a-z0-9-]{1,64}$/.test(raw.lesson) ? { type: 'connections/openLesson', lesson: raw.lesson } : `lesson must be a lesson id, got ${describe(raw.lesson)}`,
};
