/**
 * The limits of the scenario format and of the sandbox, in one place. Each is part of the
 * public format (docs/scenario-format.md, schemas/scenario.schema.json) and each is checked
 * with a message that names it, so that nothing a file holds, and no burst of clicks, can make
 * the simulator do unbounded work. The same limits apply to playing a scenario, saving the
 * sandbox and restoring it, so that whatever plays also reloads.
 */

/** Steps in one scenario, and in one sandbox branch. */
export const MAX_STEPS = 5000;

/** Octets one `send` call may pass to TCP. */
export const MAX_SEND_OCTETS = 1_000_000;

/**
 * Octets an endpoint may have sent but not had acknowledged, plus those it holds for a
 * connection that is not yet open. The model's sender does not yet honour the peer's window,
 * so this cap stands in for it: 65,535 octets is the largest window a peer can offer without
 * window scaling (RFC 7323), so no real unscaled connection has more on the wire.
 */
export const MAX_IN_FLIGHT_OCTETS = 65_535;

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
 * Why a `send` of `bytes` octets cannot be taken when `outstanding` octets are already sent
 * but unacknowledged or waiting for the connection to open, or null when it can.
 */
export function sendLimitProblem(endpoint: string, outstanding: number, bytes: number): string | null {
  if (outstanding + bytes <= MAX_IN_FLIGHT_OCTETS) return null;
  const held = outstanding > 0 ? `${endpoint} already has ${formatCount(outstanding)} octets unacknowledged or waiting, and ` : '';
  return `send: ${held}${formatCount(bytes)} more would pass the limit of ${formatCount(MAX_IN_FLIGHT_OCTETS)} octets in flight per endpoint (the largest window without window scaling); deliver what is in flight and let it be acknowledged first`;
}
