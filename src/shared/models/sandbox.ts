/**
 * The sandbox as the webview draws it (the free sandbox and a lesson's own sandbox alike).
 * The host runs the simulator; these are its pictures, declared here so that the webview
 * needs nothing from the simulator itself.
 */
import type { CallErrorCode, ConnectionError, EndpointId, ProfileId, StateId, TimerName, UserCall, VariantId } from '../vocabulary';
import type { LadderRow } from '../ladder';

/** The transmission control block's numbers (RFC 9293 names), null before they are known. */
export interface TcbView {
  readonly iss: number | null;
  readonly sndUna: number | null;
  readonly sndNxt: number | null;
  readonly irs: number | null;
  readonly rcvNxt: number | null;
  readonly rcvWnd: number;
}

export interface TimerView {
  readonly endpoint: EndpointId;
  readonly name: TimerName;
  /** Due time in seconds. */
  readonly due: number;
}

/** The settings a sandbox story runs under. */
export interface SandboxSettingsView {
  readonly profile: ProfileId;
  readonly variant: VariantId;
  readonly isn: { readonly A: number; readonly B: number };
  readonly delayedAck: boolean;
}

export interface SandboxEndpointModel {
  readonly id: EndpointId;
  readonly state: StateId;
  readonly tcb: TcbView;
  readonly appClosed: boolean;
  readonly error: ConnectionError | null;
  readonly pendingSend: number;
  readonly delivered: number;
  /** The drawn edge this endpoint took last (up to the current position), for the diagram. */
  readonly lastTransition: string | null;
  /** Which application calls are legal now; the reason code when not. */
  readonly calls: Readonly<Record<UserCall, { readonly legal: boolean; readonly code?: CallErrorCode }>>;
}

/** One connection of a host, named by its ports. */
export interface SocketConnectionView {
  /** The host's connection number (1, 2, … in creation order). */
  readonly conn: number;
  readonly local: number;
  readonly remote: number;
  readonly state: StateId;
  readonly error: ConnectionError | null;
  /** Octets waiting in the receive buffer. */
  readonly unread: number;
  /** The receive window it advertises. */
  readonly window: number;
  /** The application has closed it (an orphan the kernel still runs). */
  readonly orphan: boolean;
}

/** A listening socket with its two queues (connection numbers, oldest first). */
export interface SocketListenerView {
  readonly port: number;
  readonly state: 'LISTEN' | 'CLOSED';
  readonly backlog: number;
  /** Half-open connections in SYN-RECEIVED. */
  readonly synQueue: readonly number[];
  /** Established connections waiting for accept(). */
  readonly acceptQueue: readonly number[];
}

/** What a host has: its listeners and its connections, or nothing while it is down. */
export interface HostSocketsView {
  readonly down: boolean;
  readonly listeners: readonly SocketListenerView[];
  readonly connections: readonly SocketConnectionView[];
}

export interface SandboxPreset {
  readonly id: string;
  readonly title: string;
  readonly watch: string;
}

export interface SandboxModel {
  readonly settings: SandboxSettingsView;
  readonly preset: string | null;
  /** Title of the story (a preset's or a scenario file's), in the learner's language where known. */
  readonly title: string | null;
  readonly watch: string | null;
  /** The preset story now runs under other settings than it was written for. */
  readonly presetChanged: boolean;
  readonly endpoints: { readonly A: SandboxEndpointModel; readonly B: SandboxEndpointModel };
  /** Each host's sockets: listeners with their queues, connections with their ports. */
  readonly sockets: { readonly A: HostSocketsView; readonly B: HostSocketsView };
  /**
   * The event log, sent incrementally: the webview keeps its first `rowsFrom` rows and
   * appends `rows`. `rowCount` is the total after that.
   */
  readonly rowsFrom: number;
  readonly rows: readonly LadderRow[];
  readonly rowCount: number;
  /** Rows produced by the step just taken (for animation and the spoken announcement). */
  readonly lastStepRows: readonly [number, number] | null;
  /** Segment ids in flight, per sender, oldest first (the order `nth` counts). */
  readonly inFlight: { readonly A: readonly number[]; readonly B: readonly number[] };
  readonly clock: number;
  readonly nextTimer: TimerView | null;
  readonly timeline: { readonly position: number; readonly length: number; readonly branch: number; readonly branches: number };
  /** A step the learner asked for that could not be carried out (nothing changed). */
  readonly problem: string | null;
}
