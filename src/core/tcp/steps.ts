/**
 * Scenario steps: their types and the checks that make a value a step. Shared by the
 * scenario parser and by Simulator.apply.
 */
import type { Flag } from './states';
import type { AnyCall, EndpointId } from './types';
import type { CallArgs } from './vocabulary';
import { FLAG_ORDER, isFlag } from './seq';
import { MAX_SEND_OCTETS } from './limits';

export type CallStep = ({ readonly A: AnyCall } | { readonly B: AnyCall }) & CallArgs;

/** The optional arguments of a call step (see docs/scenario-format.md), declared in the vocabulary. */
export type { CallArgs };
export interface DeliverStep {
  readonly deliver: EndpointId;
  readonly nth?: number;
}
export interface DropStep {
  readonly drop: EndpointId;
  readonly nth?: number;
}
export interface DuplicateStep {
  readonly duplicate: EndpointId;
  readonly nth?: number;
}
export interface InjectSpec {
  readonly to: EndpointId;
  readonly flags: readonly Flag[];
  readonly seq: number;
  readonly ack?: number | null;
  readonly len?: number;
  readonly sport?: number;
  readonly dport?: number;
  readonly win?: number;
}
export interface InjectStep {
  readonly inject: InjectSpec;
}
export interface AdvanceStep {
  readonly advance: number;
}
export interface FlushStep {
  readonly flush: true;
}

export type Step = CallStep | DeliverStep | DropStep | DuplicateStep | InjectStep | AdvanceStep | FlushStep;

/** RFC 9293's five calls (the sandbox's buttons). */
import { CALL_ARGUMENTS, USER_CALLS } from './vocabulary';
export { USER_CALLS };
/** Every call a step may make: the sockets calls and the host faults too. */
export const ALL_CALLS: readonly AnyCall[] = ['listen', 'connect', 'send', 'close', 'abort', 'shutdown', 'read', 'accept', 'keepalive', 'crash', 'reboot', 'kill'];
export const STEP_KINDS = ['A', 'B', 'deliver', 'drop', 'duplicate', 'inject', 'advance', 'flush'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Largest `bytes` of one send call (see limits.ts). */
export const MAX_SEND_BYTES = MAX_SEND_OCTETS;
/** Largest single `advance`, in seconds (a day). */
export const MAX_ADVANCE = 86_400;

export type NormalizedStep =
  | ({ readonly kind: 'call'; readonly endpoint: EndpointId; readonly call: AnyCall; readonly bytes: number } & Omit<CallArgs, 'bytes'>)
  | { readonly kind: 'deliver' | 'drop' | 'duplicate'; readonly endpoint: EndpointId; readonly nth: number }
  | {
      readonly kind: 'inject';
      readonly to: EndpointId;
      readonly flags: readonly Flag[];
      readonly seq: number;
      readonly ack: number | null;
      readonly len: number;
      readonly sport?: number;
      readonly dport?: number;
      readonly win?: number;
    }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'flush' };

export interface StepProblem {
  /** JSON path below the step, e.g. `bytes` or `inject.seq`, or '' for the step itself. */
  readonly path: string;
  readonly message: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return typeof v;
}

function isEndpoint(v: unknown): v is EndpointId {
  return v === 'A' || v === 'B';
}

function isUint32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
}

function checkNth(raw: Record<string, unknown>): StepProblem | number {
  if (raw.nth === undefined) return 1;
  if (typeof raw.nth !== 'number' || !Number.isInteger(raw.nth) || raw.nth < 1) {
    return { path: 'nth', message: `"nth" must be a whole number from 1 (the oldest in flight), got ${describeValue(raw.nth)}` };
  }
  return raw.nth;
}

function unknownKeys(raw: Record<string, unknown>, allowed: readonly string[], what: string): StepProblem | null {
  for (const k of Object.keys(raw)) {
    if (!allowed.includes(k)) return { path: k, message: `unknown property "${k}" in ${what} (allowed: ${allowed.map((a) => `"${a}"`).join(', ')})` };
  }
  return null;
}

/** Check one step; returns the normalized step or the first problem found. */
export function checkStep(raw: unknown): NormalizedStep | StepProblem {
  if (!isRecord(raw)) return { path: '', message: `a step must be an object such as {"A": "connect"}, got ${describeValue(raw)}` };
  const keys = Object.keys(raw);
  const kinds = keys.filter((k) => (STEP_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0) {
    const first = keys[0];
    if (first === undefined) return { path: '', message: 'empty step: expected one of "A", "B", "deliver", "drop", "duplicate", "inject", "advance", "flush"' };
    return { path: first, message: `unknown step kind "${first}" (expected one of "A", "B", "deliver", "drop", "duplicate", "inject", "advance", "flush")` };
  }
  if (kinds.length > 1) return { path: kinds[1], message: `a step does one thing, but this one has both "${kinds[0]}" and "${kinds[1]}"` };
  const kind = kinds[0] as StepKind;
  switch (kind) {
    case 'A':
    case 'B': {
      const call = raw[kind];
      if (typeof call !== 'string' || !(ALL_CALLS as readonly string[]).includes(call)) {
        return { path: kind, message: `unknown call ${describeValue(call)} for ${kind} (expected one of ${ALL_CALLS.map((c) => `"${c}"`).join(', ')})` };
      }
      const c = call as AnyCall;
      const bad = unknownKeys(raw, [kind, ...CALL_ARGUMENTS[c]], `a "${call}" step`);
      if (bad) return bad;
      let bytes = 0;
      if (c === 'send') {
        const b = raw.bytes;
        if (typeof b !== 'number' || !Number.isInteger(b) || b < 1 || b > MAX_SEND_BYTES) {
          return { path: 'bytes', message: `"send" needs "bytes", a whole number from 1 to ${MAX_SEND_BYTES}, got ${describeValue(b)}` };
        }
        bytes = b;
      }
      const out: { -readonly [K in keyof CallArgs]: CallArgs[K] } = {};
      if (c === 'read' && raw.bytes !== undefined) {
        const b = raw.bytes;
        if (typeof b !== 'number' || !Number.isInteger(b) || b < 1 || b > MAX_SEND_BYTES) return { path: 'bytes', message: `"read" takes "bytes", a whole number from 1 to ${MAX_SEND_BYTES} (leave it out to read everything), got ${describeValue(b)}` };
        bytes = b;
      }
      if (raw.conn !== undefined) {
        const v = raw.conn;
        if (v !== 'listen' && (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 1_000_000)) return { path: 'conn', message: `"conn" must be a connection number from 1 (the host's first connection) or "listen", got ${describeValue(v)}` };
        out.conn = v;
      }
      for (const k of ['port', 'to'] as const) {
        if (raw[k] === undefined) continue;
        const v = raw[k];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) return { path: k, message: `"${k}" must be a port number from 1 to 65535, got ${describeValue(v)}` };
        out[k] = v;
      }
      if (raw.backlog !== undefined) {
        const v = raw.backlog;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 65535) return { path: 'backlog', message: `"backlog" must be a whole number from 0 to 65535, got ${describeValue(v)}` };
        out.backlog = v;
      }
      if (raw.reuseAddr !== undefined) {
        if (typeof raw.reuseAddr !== 'boolean') return { path: 'reuseAddr', message: `"reuseAddr" must be true or false, got ${describeValue(raw.reuseAddr)}` };
        out.reuseAddr = raw.reuseAddr;
      }
      if (raw.linger !== undefined) {
        if (raw.linger !== 0) return { path: 'linger', message: `"linger" can only be 0 (SO_LINGER on with a zero timeout: close() resets), got ${describeValue(raw.linger)}` };
        out.linger = 0;
      }
      for (const k of ['idle', 'interval'] as const) {
        if (raw[k] === undefined) continue;
        const v = raw[k];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 32767) return { path: k, message: `"${k}" must be a whole number of seconds from 1 to 32767, got ${describeValue(v)}` };
        out[k] = v;
      }
      if (raw.count !== undefined) {
        const v = raw.count;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 127) return { path: 'count', message: `"count" must be a whole number from 1 to 127, got ${describeValue(v)}` };
        out.count = v;
      }
      return { kind: 'call', endpoint: kind, call: c, bytes, ...out };
    }
    case 'deliver':
    case 'drop':
    case 'duplicate': {
      const e = raw[kind];
      if (!isEndpoint(e)) return { path: kind, message: `"${kind}" names the sending endpoint, "A" or "B", got ${describeValue(e)}` };
      const bad = unknownKeys(raw, [kind, 'nth'], `a "${kind}" step`);
      if (bad) return bad;
      const nth = checkNth(raw);
      if (typeof nth !== 'number') return nth;
      return { kind, endpoint: e, nth };
    }
    case 'inject': {
      const bad = unknownKeys(raw, ['inject'], 'an "inject" step');
      if (bad) return bad;
      const spec = raw.inject;
      if (!isRecord(spec)) return { path: 'inject', message: `"inject" must be an object like {"to": "B", "flags": ["SYN"], "seq": 50}, got ${describeValue(spec)}` };
      const badSpec = unknownKeys(spec, ['to', 'flags', 'seq', 'ack', 'len', 'sport', 'dport', 'win'], '"inject"');
      if (badSpec) return { path: `inject.${badSpec.path}`, message: badSpec.message };
      if (!isEndpoint(spec.to)) return { path: 'inject.to', message: `"inject.to" must be "A" or "B", got ${describeValue(spec.to)}` };
      if (!Array.isArray(spec.flags)) return { path: 'inject.flags', message: `"inject.flags" must be an array of ${FLAG_ORDER.map((f) => `"${f}"`).join(', ')}, got ${describeValue(spec.flags)}` };
      const flags: Flag[] = [];
      for (let i = 0; i < spec.flags.length; i++) {
        const f: unknown = spec.flags[i];
        if (!isFlag(f)) return { path: `inject.flags.${i}`, message: `unknown flag ${describeValue(f)} (expected ${FLAG_ORDER.map((x) => `"${x}"`).join(', ')})` };
        if (flags.includes(f)) return { path: `inject.flags.${i}`, message: `flag "${f}" is listed twice` };
        flags.push(f);
      }
      if (!isUint32(spec.seq)) return { path: 'inject.seq', message: `"inject.seq" must be a whole number from 0 to 4294967295, got ${describeValue(spec.seq)}` };
      const hasAck = flags.includes('ACK');
      let ack: number | null = null;
      if (hasAck) {
        if (!isUint32(spec.ack)) return { path: 'inject.ack', message: `"inject.ack" must be a whole number from 0 to 4294967295 when the ACK flag is set, got ${describeValue(spec.ack)}` };
        ack = spec.ack;
      } else if (spec.ack !== undefined && spec.ack !== null) {
        return { path: 'inject.ack', message: `"inject.ack" must be null (or left out) when the ACK flag is not set, got ${describeValue(spec.ack)}` };
      }
      let len = 0;
      if (spec.len !== undefined) {
        if (typeof spec.len !== 'number' || !Number.isInteger(spec.len) || spec.len < 0 || spec.len > 65535) {
          return { path: 'inject.len', message: `"inject.len" must be a whole number of data octets from 0 to 65535, got ${describeValue(spec.len)}` };
        }
        len = spec.len;
      }
      const ports: { sport?: number; dport?: number; win?: number } = {};
      for (const k of ['sport', 'dport'] as const) {
        if (spec[k] === undefined) continue;
        const v = spec[k];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) return { path: `inject.${k}`, message: `"inject.${k}" must be a port number from 1 to 65535, got ${describeValue(v)}` };
        ports[k] = v;
      }
      if (spec.win !== undefined) {
        const v = spec.win;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) return { path: 'inject.win', message: `"inject.win" must be a whole number of octets from 0, got ${describeValue(v)}` };
        ports.win = v;
      }
      return { kind: 'inject', to: spec.to, flags, seq: spec.seq, ack, len, ...ports };
    }
    case 'advance': {
      const bad = unknownKeys(raw, ['advance'], 'an "advance" step');
      if (bad) return bad;
      const s = raw.advance;
      if (typeof s !== 'number' || !Number.isFinite(s) || s < 0 || s > MAX_ADVANCE) {
        return { path: 'advance', message: `"advance" must be a number of seconds from 0 to ${MAX_ADVANCE}, got ${describeValue(s)}` };
      }
      const ms = Math.round(s * 1000);
      if (Math.abs(ms - s * 1000) > 1e-6) return { path: 'advance', message: `"advance" has a resolution of one millisecond (at most 3 decimals), got ${s}` };
      return { kind: 'advance', ms };
    }
    case 'flush': {
      const bad = unknownKeys(raw, ['flush'], 'a "flush" step');
      if (bad) return bad;
      if (raw.flush !== true) return { path: 'flush', message: `"flush" must be true, got ${describeValue(raw.flush)}` };
      return { kind: 'flush' };
    }
  }
}

export function isStepProblem(v: NormalizedStep | StepProblem): v is StepProblem {
  return (v as StepProblem).message !== undefined;
}

/** A normalised step back in the scenario-file form (the form `checkStep` reads). */
export function stepToJson(s: NormalizedStep): Record<string, unknown> {
  switch (s.kind) {
    case 'call': {
      const out: Record<string, unknown> = { [s.endpoint]: s.call };
      if (s.call === 'send' || (s.call === 'read' && s.bytes > 0)) out.bytes = s.bytes;
      for (const k of ['conn', 'port', 'to', 'backlog', 'reuseAddr', 'linger', 'idle', 'interval', 'count'] as const) if (s[k] !== undefined) out[k] = s[k];
      return out;
    }
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return s.nth === 1 ? { [s.kind]: s.endpoint } : { [s.kind]: s.endpoint, nth: s.nth };
    case 'inject': {
      const inj: Record<string, unknown> = { to: s.to, flags: [...s.flags], seq: s.seq, ack: s.ack, len: s.len };
      for (const k of ['sport', 'dport', 'win'] as const) if (s[k] !== undefined) inj[k] = s[k];
      return { inject: inj };
    }
    case 'advance':
      return { advance: s.ms / 1000 };
    case 'flush':
      return { flush: true };
  }
}
