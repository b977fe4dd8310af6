/**
 * What a sandbox can be asked to do: the commands of the free sandbox and of a lesson's own
 * sandbox. The host-webview contract (src/shared) sends them with a `sandbox/` prefix.
 * Types only.
 */
import type { AnyCall, CallArgs, EndpointId, Flag, ProfileId, VariantId } from '../tcp/vocabulary';

/**
 * The arguments a sandbox call may carry, as a scenario step spells them (see
 * docs/scenario-format.md): `bytes` for send and read (none: read everything), `conn` to pick
 * the host's N-th connection or its listener, ports and backlog, SO_REUSEADDR, SO_LINGER 0,
 * and the keepalive times.
 */
export type SandboxCallArgs = CallArgs;

export type SandboxCommand =
  | ({ readonly type: 'call'; readonly endpoint: EndpointId; readonly call: AnyCall } & SandboxCallArgs)
  /** Deliver, drop or duplicate a segment in flight, named by its id. */
  | { readonly type: 'network'; readonly action: 'deliver' | 'drop' | 'duplicate'; readonly segment: number }
  /** Forge a segment and hand it to an endpoint (an attacker, or an old duplicate from a past connection). */
  | { readonly type: 'inject'; readonly to: EndpointId; readonly flags: readonly Flag[]; readonly seq: number; readonly ack: number | null; readonly len: number }
  | { readonly type: 'deliverAll' }
  | { readonly type: 'advance' }
  | { readonly type: 'seek'; readonly position: number }
  | { readonly type: 'branch'; readonly branch: number }
  | { readonly type: 'reset' }
  | { readonly type: 'settings'; readonly profile?: ProfileId; readonly variant?: VariantId; readonly delayedAck?: boolean }
  | { readonly type: 'preset'; readonly id: string };

export type SandboxCommandType = SandboxCommand['type'];
