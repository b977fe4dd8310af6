/** The free sandbox: the host runs the simulator; the webview draws what it sends and asks for steps. */
import type { AnyCall, EndpointId, Flag, ProfileId, SandboxCallArgs, SandboxCommand, VariantId } from '../vocabulary';
import { CALL_ARGUMENTS, FLAGS, PROFILE_IDS, SOCKET_CALLS, USER_CALLS, VARIANT_IDS } from '../vocabulary';
import type { SandboxModel } from '../models/sandbox';
import type { ParserTable } from '../check';
import { describe, isIndex, isUint32, oneOf } from '../check';
import { MAX_SEND_OCTETS } from '../../core/tcp/vocabulary';

export interface SandboxMessage {
  readonly type: 'sandbox';
  readonly model: SandboxModel;
  /** Show the sandbox tab (after "Play Scenario File", for example). */
  readonly reveal: boolean;
}

export type ToSandboxMessage = SandboxMessage;

/** A union whose `type`s get a prefix: the wire name of a core command. */
export type Prefixed<P extends string, U extends { readonly type: string }> = U extends unknown ? Omit<U, 'type'> & { readonly type: `${P}${U['type']}` } : never;

export const SANDBOX_PREFIX = 'sandbox/';
export type ExportFormat = 'mermaid' | 'scenario' | 'svg';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['mermaid', 'scenario', 'svg'];

/** What the learner asks of a sandbox: a core sandbox command, or an export. The host decides what happens. */
export type SandboxIntent = Prefixed<typeof SANDBOX_PREFIX, SandboxCommand> | { readonly type: 'sandbox/export'; readonly format: ExportFormat };

export type FromSandboxMessage = SandboxIntent;

/** The core command a sandbox intent carries (the prefix removed), or null for an export. */
export function sandboxCommand(intent: SandboxIntent): SandboxCommand | null {
  if (intent.type === 'sandbox/export') return null;
  return { ...intent, type: intent.type.slice(SANDBOX_PREFIX.length) } as SandboxCommand;
}

// ---------------------------------------------------------------------------------------
// Validation

/** Octets of one send from the sandbox: the scenario format's limit. */
export const MAX_SANDBOX_BYTES = MAX_SEND_OCTETS;
/** Largest connection number a call may pick (as a scenario step's `conn`). */
export const MAX_SANDBOX_CONN = 1_000_000;

const endpointOk = (v: unknown): v is EndpointId => v === 'A' || v === 'B';

export const SANDBOX_PARSERS: ParserTable<FromSandboxMessage> = {
  'sandbox/call': (raw) => parseCall(raw),
  'sandbox/network': (raw) => {
    if (raw.action !== 'deliver' && raw.action !== 'drop' && raw.action !== 'duplicate') return `action must be deliver, drop or duplicate, got ${describe(raw.action)}`;
    if (!isIndex(raw.segment)) return `segment must be a segment id, got ${describe(raw.segment)}`;
    return { type: 'sandbox/network', action: raw.action, segment: raw.segment };
  },
  'sandbox/inject': (raw) => {
    if (!endpointOk(raw.to)) return `to must be "A" or "B", got ${describe(raw.to)}`;
    if (!Array.isArray(raw.flags) || raw.flags.length === 0 || raw.flags.length > FLAGS.length) return `flags must be a list of ${INJECT_FLAGS.join(', ')}, got ${describe(raw.flags)}`;
    const flags: Flag[] = [];
    for (const f of raw.flags as unknown[]) {
      if (!oneOf(FLAGS, f) || flags.includes(f)) return `flags holds ${describe(f)}, which is not a flag or is listed twice`;
      flags.push(f);
    }
    if (!isUint32(raw.seq)) return `seq must be a whole number from 0 to 4294967295, got ${describe(raw.seq)}`;
    if (flags.includes('ACK') ? !isUint32(raw.ack) : raw.ack !== null) return `ack must be a whole number from 0 to 4294967295 with ACK, and null without it, got ${describe(raw.ack)}`;
    if (!isIndex(raw.len) || raw.len > 65535) return `len must be a whole number from 0 to 65535, got ${describe(raw.len)}`;
    return { type: 'sandbox/inject', to: raw.to, flags, seq: raw.seq, ack: raw.ack as number | null, len: raw.len };
  },
  'sandbox/deliverAll': () => ({ type: 'sandbox/deliverAll' }),
  'sandbox/advance': () => ({ type: 'sandbox/advance' }),
  'sandbox/reset': () => ({ type: 'sandbox/reset' }),
  'sandbox/seek': (raw) => (isIndex(raw.position) ? { type: 'sandbox/seek', position: raw.position } : `position must be a whole number, got ${describe(raw.position)}`),
  'sandbox/branch': (raw) => (isIndex(raw.branch) ? { type: 'sandbox/branch', branch: raw.branch } : `branch must be a whole number, got ${describe(raw.branch)}`),
  'sandbox/settings': (raw) => {
    const out: { profile?: ProfileId; variant?: VariantId; delayedAck?: boolean } = {};
    if (raw.profile !== undefined) {
      if (!oneOf(PROFILE_IDS, raw.profile)) return `profile must be ${PROFILE_IDS.join(' or ')}, got ${describe(raw.profile)}`;
      out.profile = raw.profile;
    }
    if (raw.variant !== undefined) {
      if (!oneOf(VARIANT_IDS, raw.variant)) return `variant must be ${VARIANT_IDS.slice(0, -1).join(', ')} or ${VARIANT_IDS[VARIANT_IDS.length - 1]}, got ${describe(raw.variant)}`;
      out.variant = raw.variant;
    }
    if (raw.delayedAck !== undefined) {
      if (typeof raw.delayedAck !== 'boolean') return `delayedAck must be true or false, got ${describe(raw.delayedAck)}`;
      out.delayedAck = raw.delayedAck;
    }
    if (Object.keys(out).length === 0) return 'nothing to change';
    return { type: 'sandbox/settings', ...out };
  },
  'sandbox/preset': (raw) => (typeof raw.id === 'string' && /^[a-z0-9-]{1,80}$/.test(raw.id) ? { type: 'sandbox/preset', id: raw.id } : `id must be a preset id, got ${describe(raw.id)}`),
  'sandbox/export': (raw) => (oneOf(EXPORT_FORMATS, raw.format) ? { type: 'sandbox/export', format: raw.format } : `format must be mermaid, scenario or svg, got ${describe(raw.format)}`),
};

/** The flags a forged segment may carry, in the order the form lists them. */
const INJECT_FLAGS: readonly Flag[] = ['SYN', 'ACK', 'FIN', 'RST', 'PSH'];

/** Every call the sandbox offers: RFC 9293's five, the sockets calls and the host faults. */
export const SANDBOX_CALLS: readonly AnyCall[] = [...USER_CALLS, ...SOCKET_CALLS];

/** Which arguments each call takes: core's one table, checked here to name only fields of SandboxCallArgs. */
const SANDBOX_CALL_KEYS: Readonly<Record<AnyCall, readonly (keyof SandboxCallArgs)[]>> = CALL_ARGUMENTS;

const wholeIn = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

/** A call intent: each argument the call takes is checked and bounded; any other is refused. */
function parseCall(raw: Readonly<Record<string, unknown>>): Extract<SandboxIntent, { type: 'sandbox/call' }> | string {
  if (!endpointOk(raw.endpoint)) return `endpoint must be "A" or "B", got ${describe(raw.endpoint)}`;
  const call = raw.call;
  if (!oneOf(SANDBOX_CALLS, call)) return `call must be one of ${SANDBOX_CALLS.join(', ')}, got ${describe(call)}`;
  const allowed: readonly string[] = SANDBOX_CALL_KEYS[call];
  for (const key of Object.keys(raw)) {
    if (key === 'type' || key === 'endpoint' || key === 'call') continue;
    if (raw[key] !== undefined && !allowed.includes(key)) return `${call} takes no ${key}`;
  }
  const out: { -readonly [K in keyof SandboxCallArgs]: SandboxCallArgs[K] } = {};
  if (call === 'send' || raw.bytes !== undefined) {
    if (!wholeIn(raw.bytes, 1, MAX_SANDBOX_BYTES)) return `bytes must be a whole number from 1 to ${MAX_SANDBOX_BYTES}, got ${describe(raw.bytes)}`;
    out.bytes = raw.bytes;
  }
  if (raw.conn !== undefined) {
    if (raw.conn !== 'listen' && !wholeIn(raw.conn, 1, MAX_SANDBOX_CONN)) return `conn must be a connection number from 1 to ${MAX_SANDBOX_CONN} or "listen", got ${describe(raw.conn)}`;
    out.conn = raw.conn;
  }
  for (const key of ['port', 'to'] as const) {
    if (raw[key] === undefined) continue;
    const v = raw[key];
    if (!wholeIn(v, 1, 65535)) return `${key} must be a port number from 1 to 65535, got ${describe(v)}`;
    out[key] = v;
  }
  if (raw.backlog !== undefined) {
    if (!wholeIn(raw.backlog, 0, 65535)) return `backlog must be a whole number from 0 to 65535, got ${describe(raw.backlog)}`;
    out.backlog = raw.backlog;
  }
  if (raw.reuseAddr !== undefined) {
    if (typeof raw.reuseAddr !== 'boolean') return `reuseAddr must be true or false, got ${describe(raw.reuseAddr)}`;
    out.reuseAddr = raw.reuseAddr;
  }
  if (raw.linger !== undefined) {
    if (raw.linger !== 0) return `linger can only be 0 (SO_LINGER on with a zero timeout), got ${describe(raw.linger)}`;
    out.linger = 0;
  }
  for (const key of ['idle', 'interval'] as const) {
    if (raw[key] === undefined) continue;
    const v = raw[key];
    if (!wholeIn(v, 1, 32767)) return `${key} must be a whole number of seconds from 1 to 32767, got ${describe(v)}`;
    out[key] = v;
  }
  if (raw.count !== undefined) {
    if (!wholeIn(raw.count, 1, 127)) return `count must be a whole number from 1 to 127, got ${describe(raw.count)}`;
    out.count = raw.count;
  }
  return { type: 'sandbox/call', endpoint: raw.endpoint, call, ...out };
}
