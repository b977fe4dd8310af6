/**
 * Every spelling of a TCP state the supported tools print, mapped to the RFC 9293 name the
 * simulator's trace uses. The Linux spellings come from src/core/tcp/states.ts; the others
 * are the BSD/macOS, Windows and PowerShell ones. A row with no connection (ss UNCONN, Linux
 * netstat CLOSE, BSD CLOSED, PowerShell Bound/DeleteTCB) counts as CLOSED.
 */
import type { StateId } from '../tcp/states';
import { STATES, STATE_IDS } from '../tcp/states';

/** Upper case, without `_`, `-` and spaces: `FIN_WAIT_2`, `FinWait2` and `fin-wait-2` meet. */
function key(text: string): string {
  return text.toUpperCase().replace(/[-_\s]/g, '');
}

const NAMES = new Map<string, StateId>();
for (const s of STATES) {
  NAMES.set(key(s.id), s.id);
  NAMES.set(key(s.netstat), s.id);
  NAMES.set(key(s.ss), s.id);
}
const OTHER: readonly [string, StateId][] = [
  // Windows netstat
  ['LISTENING', 'LISTEN'],
  ['SYN_RECEIVED', 'SYN-RECEIVED'],
  // BSD / macOS netstat
  ['SYN_RCVD', 'SYN-RECEIVED'],
  // PowerShell Get-NetTCPConnection (enum names), and Windows' pseudo-states without a connection
  ['Bound', 'CLOSED'],
  ['DeleteTCB', 'CLOSED'],
  ['DELETE_TCB', 'CLOSED'],
  // Chinese translations a localised tool might print (the zh-CN netstat we could document keeps the English names).
  ['侦听', 'LISTEN'],
  ['正在侦听', 'LISTEN'],
  ['监听', 'LISTEN'],
  ['已建立', 'ESTABLISHED'],
];
for (const [spelling, id] of OTHER) NAMES.set(key(spelling), id);

/** The RFC 9293 state a tool's spelling means, or null when it is none of them. */
export function stateFromSpelling(text: string): StateId | null {
  return NAMES.get(key(text)) ?? null;
}

/** Spellings seen as printed, to their index: a table repeats a dozen words a million times. */
const SEEN = new Map<string, number>();

/** Index into STATE_IDS, or -1. */
export function stateIndexFromSpelling(text: string): number {
  const seen = SEEN.get(text);
  if (seen !== undefined) return seen;
  const id = stateFromSpelling(text);
  const index = id === null ? -1 : STATE_IDS.indexOf(id);
  if (SEEN.size < 1000) SEEN.set(text, index);
  return index;
}

/** `ss state NAME` filter names that select exactly one state (ss then drops its State column). */
const SS_FILTERS: Readonly<Record<string, StateId>> = {
  established: 'ESTABLISHED',
  'syn-sent': 'SYN-SENT',
  'syn-recv': 'SYN-RECEIVED',
  'fin-wait-1': 'FIN-WAIT-1',
  'fin-wait-2': 'FIN-WAIT-2',
  'time-wait': 'TIME-WAIT',
  closed: 'CLOSED',
  'close-wait': 'CLOSE-WAIT',
  'last-ack': 'LAST-ACK',
  listening: 'LISTEN',
  listen: 'LISTEN',
  closing: 'CLOSING',
};

/** The state an `ss ... state NAME` filter selects, or null for a group (connected, all...). */
export function stateFromSsFilter(name: string): StateId | null {
  return SS_FILTERS[name.toLowerCase()] ?? stateFromSpelling(name);
}

/** /proc/net/tcp's `st` column (hex) to an index into STATE_IDS, or -1. */
const PROC_CODES = new Map<number, number>(STATES.map((s) => [parseInt(s.procCode, 16), STATE_IDS.indexOf(s.id)]));
/** Linux also has TCP_NEW_SYN_RECV (12), which /proc never lists, and TCP_BOUND_INACTIVE (13), a bound socket without a connection. */
PROC_CODES.set(0x0d, STATE_IDS.indexOf('CLOSED'));
export function stateIndexFromProcCode(code: number): number {
  return PROC_CODES.get(code) ?? -1;
}
