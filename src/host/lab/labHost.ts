/**
 * Where the lab can run: the extension host must run on Node with a Linux kernel it can
 * reach (also under Remote-SSH, WSL or a dev container, where the host runs on that
 * machine). The kernel child is dist/labKernel.js, started with the host's own binary as
 * Node (ELECTRON_RUN_AS_NODE for VS Code's Electron).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { KernelCommand } from '../../lab/run';
import { labSupported } from '../../lab/run';

export function labCommand(extensionPath: string): { readonly command: KernelCommand | null; readonly reason: string | null } {
  const supported = labSupported();
  if (!supported.ok) return { command: null, reason: supported.reason };
  const script = join(extensionPath, 'dist', 'labKernel.js');
  if (!existsSync(script)) return { command: null, reason: 'dist/labKernel.js is missing from the extension' };
  return { command: { execPath: process.execPath, script, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }, reason: null };
}
