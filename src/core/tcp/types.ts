/**
 * Shared types of the simulator: segments, trace events, errors and options.
 * Pure data: no `vscode` import, no clock.
 */
import type { EndpointId, ProfileId, VariantId } from './vocabulary';

export { CALL_ERROR_CODES, ENDPOINT_IDS } from './vocabulary';
export type {
  AckCheck,
  CallError,
  CallErrorCode,
  Cause,
  ConnectionError,
  EndpointId,
  ProfileId,
  RuleCode,
  Segment,
  SeqCheck,
  SeqCheckReason,
  TraceEvent,
  VariantId,
} from './vocabulary';

export function otherEndpoint(e: EndpointId): EndpointId {
  return e === 'A' ? 'B' : 'A';
}

export interface SimulatorOptions {
  readonly profile?: ProfileId;
  readonly variant?: VariantId;
  readonly isn?: { readonly A?: number; readonly B?: number };
  readonly delayedAck?: boolean;
  /** Build trace events (default true). Off, `apply` returns an empty array: for benchmarks. */
  readonly record?: boolean;
}

export interface ResolvedOptions {
  readonly profile: ProfileId;
  readonly variant: VariantId;
  readonly isn: { readonly A: number; readonly B: number };
  readonly delayedAck: boolean;
}

export const DEFAULT_ISN: { readonly A: number; readonly B: number } = { A: 100, B: 300 };
