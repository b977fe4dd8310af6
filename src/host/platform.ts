/**
 * Where the extension host runs. On the desktop (and in a remote or Codespaces server) it is
 * Node, with a local operating system: sockets, /proc, child processes. In the browser
 * (vscode.dev, github.dev, a web worker extension host) there is none, and features that
 * need one are hidden, not broken: they check `hasLocalOS`, and the manifest's `when`
 * clauses check the context key `tcpTutor.hasLocalOS`, which activation sets.
 */
export const HAS_LOCAL_OS_CONTEXT = 'tcpTutor.hasLocalOS';

/** What this extension host can do, as features and the webview are told. */
export interface HostCapabilities {
  /** A local operating system is reachable (Node host): the kernel's own TCP, files, processes. */
  readonly localOS: boolean;
}

/** Detected, not configured: the browser build has no `process`, the Node build has Node's. */
export function detectCapabilities(): HostCapabilities {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return { localOS: typeof p?.versions?.node === 'string' };
}
