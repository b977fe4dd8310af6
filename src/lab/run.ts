/**
 * Runs a lab story: the simulator's column here, the kernel's in a child process started
 * with an argument array (never a shell string), read as JSON lines. The child is killed
 * when the run is cancelled, when it overruns, and when this process exits.
 * No `vscode` import: the CLI and the extension host both use it.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { release } from 'node:os';
import type { LabStory } from '../core/lab/types';
import type { KernelStepReport, LabResult } from '../core/lab/result';
import { combine, parseKernelMessage } from '../core/lab/result';
import type { SimColumn } from '../core/lab/sim';
import { simColumn } from '../core/lab/sim';

export interface KernelCommand {
  /** The Node binary (in VS Code's extension host: its own binary, run as Node). */
  readonly execPath: string;
  /** A script that calls runKernelChild (dist/labKernel.js, or the CLI's own bundle). */
  readonly script: string;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  /** Called as each kernel step arrives (the UI shows the steps as they happen). */
  readonly onStep?: (report: KernelStepReport, sim: SimColumn) => void;
  readonly timeoutMs?: number;
}

/** Whether this machine can run the kernel lab: Linux with /proc/net/tcp. */
export function labSupported(): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  if (process.platform !== 'linux') return { ok: false, reason: `the kernel lab runs on Linux only (this is ${process.platform})` };
  if (!existsSync('/proc/net/tcp')) return { ok: false, reason: 'this Linux has no /proc/net/tcp' };
  return { ok: true };
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of running) c.kill('SIGKILL');
  });
}

export class LabRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabRunError';
  }
}

/** Plays the story on this kernel and puts it beside the simulator's prediction. */
export function runLab(story: LabStory, command: KernelCommand, options: RunOptions = {}): Promise<LabResult> {
  const sim = simColumn(story);
  killAllOnExit();
  return new Promise<LabResult>((resolve, reject) => {
    const child = spawn(command.execPath, [command.script, '--lab-kernel', story.name], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: command.env ?? process.env,
      windowsHide: true,
    });
    running.add(child);
    const reports: KernelStepReport[] = [];
    let failure: string | null = null;
    let done = false;
    let buf = '';
    let stderr = '';
    const timer = setTimeout(() => {
      failure = `the kernel run took longer than ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s`;
      child.kill('SIGTERM');
    }, options.timeoutMs ?? 120_000);
    const onAbort = () => {
      failure = 'cancelled';
      child.kill('SIGTERM');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const msg = parseKernelMessage(line);
        if (!msg) continue;
        if (msg.type === 'step') {
          reports.push(msg);
          options.onStep?.(msg, sim);
        } else if (msg.type === 'done') done = true;
        else failure ??= msg.message;
      }
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-2000);
    });
    child.on('error', (e) => {
      failure ??= `could not start the kernel child: ${e.message}`;
    });
    child.on('close', (code, sig) => {
      running.delete(child);
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (failure === null && (!done || reports.length !== story.steps.length)) {
        const last = stderr.trim().split('\n').pop();
        failure = `the kernel child ended (${sig ?? `exit code ${code}`}) after ${reports.length} of ${story.steps.length} steps${last ? `: ${last}` : ''}`;
      }
      if (failure !== null) reject(new LabRunError(failure));
      else resolve(combine(story, sim, reports, `${process.platform} ${release()}`));
    });
  });
}
