/**
 * The limits of the scenario format and of the sandbox, in one place. Each is part of the
 * public format (docs/scenario-format.md, schemas/scenario.schema.json) and each is checked
 * with a message that names it, so that nothing a file holds, and no burst of clicks, can make
 * the simulator do unbounded work. The same limits apply to playing a scenario, saving the
 * sandbox and restoring it, so that whatever plays also reloads.
 */

/** Steps in one scenario, and in one sandbox branch. */
export const MAX_STEPS = 5000;

/** Octets one `send` call may pass to TCP (declared with the vocabulary, which the host-webview contract may read). */
export { MAX_SEND_OCTETS } from './vocabulary';

/**
 * Octets one connection may hold to send: accepted from the application but not yet sent
 * (the peer's window is closed or full), plus sent but not yet acknowledged. Like a socket's
 * send buffer (Linux's SO_SNDBUF, up to 4 MB by default); the peer's window bounds what of it
 * is on the wire at once.
 */
export const MAX_IN_FLIGHT_OCTETS = 1_000_000;

/** Segments the network holds in flight in one direction. */
export const MAX_IN_FLIGHT_SEGMENTS = 10_000;

/**
 * Simulator events (calls, segment arrivals, timers) in one run of a scenario, and in one
 * sandbox branch. Every step's work is bounded; this bounds their sum, so that replaying a
 * story (reloading the sandbox, going back to its start and forward to its end) stays quick.
 */
export const MAX_EVENTS = 100_000;

/** The message for a run that has passed MAX_EVENTS. */
export function eventLimitProblem(events: number): string | null {
  if (events <= MAX_EVENTS) return null;
  return `this step makes the story ${formatCount(events)} events long; a story holds at most ${formatCount(MAX_EVENTS)} events`;
}

/** Segments one `flush` (the sandbox's "deliver all") may deliver before it stops. */
export const MAX_FLUSH_SEGMENTS = 10_000;

/** How deeply a scenario's JSON may nest (a valid scenario needs 5 levels). */
export const MAX_JSON_DEPTH = 32;

/** Characters (UTF-16 code units) in a scenario file. Any sandbox session saves to less. */
export const MAX_SCENARIO_CHARS = 1_000_000;

/** Characters in a scenario's title. */
export const MAX_TITLE_CHARS = 200;

/** Characters in a scenario's description. */
export const MAX_DESCRIPTION_CHARS = 10_000;

/** Problems reported for one scenario file (the rest are counted, not listed). */
export const MAX_REPORTED_PROBLEMS = 100;

/** `n` with thousands separators, the way the messages print limits. */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Why a `send` of `bytes` octets cannot be taken by `who` (e.g. "A's connection") when
 * `outstanding` octets are already unsent or unacknowledged, or null when it can.
 */
export function sendLimitProblem(who: string, outstanding: number, bytes: number): string | null {
  if (outstanding + bytes <= MAX_IN_FLIGHT_OCTETS) return null;
  const held = outstanding > 0 ? `${who} already holds ${formatCount(outstanding)} octets unsent or unacknowledged, and ` : '';
  return `send: ${held}${formatCount(bytes)} more would pass the limit of ${formatCount(MAX_IN_FLIGHT_OCTETS)} octets a connection holds to send (its send buffer); deliver what is in flight and let it be acknowledged first`;
}
