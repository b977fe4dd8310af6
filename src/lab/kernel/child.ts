/**
 * Entry of the kernel child process: `--lab-kernel NAME` plays a story and writes one JSON
 * line per step on standard output (see KernelMessage), then `{"type":"done"}` and exits;
 * `--lab-holder BACKLOG PORT` is the stuck listener's helper (holder.ts).
 *
 * Whatever happens, what it started is torn down before it exits: on success, on an error,
 * on SIGINT/SIGTERM/SIGHUP, when its parent closes its standard input (the parent ended or
 * was killed), and after an overall time limit.
 */
import { writeSync } from 'node:fs';
import { findStory } from '../../core/lab/stories';
import type { KernelMessage } from '../../core/lab/result';
import { KernelLab } from './driver';
import { holderMain } from './holder';

/** No story takes this long; a run that does is stuck and is ended. */
const RUN_LIMIT_MS = 90_000;

function send(message: KernelMessage): void {
  try {
    writeSync(1, `${JSON.stringify(message)}\n`);
  } catch {
    // The parent is gone; cleanup follows through stdin's end.
  }
}

async function kernelMain(name: string): Promise<void> {
  const story = findStory(name);
  if (!story) {
    send({ type: 'error', message: `unknown story ${JSON.stringify(name)}` });
    process.exit(1);
  }
  if (process.platform !== 'linux') {
    send({ type: 'error', message: `the kernel lab reads /proc/net/tcp, which ${process.platform} does not have: it runs on Linux only` });
    process.exit(1);
  }
  const lab = new KernelLab(story, { execPath: process.execPath, args: [...process.execArgv, process.argv[1]] });
  let ending = false;
  const end = async (code: number, message?: string): Promise<never> => {
    if (!ending) {
      ending = true;
      if (message) send({ type: 'error', message });
      await lab.cleanup();
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void end(130));
  process.on('SIGTERM', () => void end(143));
  process.on('SIGHUP', () => void end(129));
  process.on('uncaughtException', (e) => void end(1, e instanceof Error ? e.message : String(e)));
  process.on('unhandledRejection', (e) => void end(1, e instanceof Error ? e.message : String(e)));
  process.stdin.on('end', () => void end(1));
  process.stdin.on('error', () => void end(1));
  process.stdin.resume();
  const limit = setTimeout(() => void end(1, `the run took longer than ${RUN_LIMIT_MS / 1000} s`), RUN_LIMIT_MS);
  limit.unref();
  try {
    // For the cleanup tests: hold the run after step N (0-based) until a line "continue" comes
    // on standard input (or the run is ended), so that "mid-story" does not depend on how fast
    // this machine is.
    const holdAfter = Number(process.env.TCP_TUTOR_LAB_HOLD_AFTER ?? NaN);
    await lab.run(
      (r) => send({ type: 'step', ...r }),
      async (i) => {
        if (i === holdAfter) await new Promise<void>((resolve) => process.stdin.on('data', (d: Buffer) => d.toString().includes('continue') && resolve()));
      },
    );
  } catch (e) {
    await end(1, e instanceof Error ? e.message : String(e));
  }
  await lab.cleanup();
  send({ type: 'done' });
  process.exit(0);
}

/** Runs the kernel child if `argv` asks for it; false when it does not (the caller goes on). */
export function runKernelChild(argv: readonly string[]): boolean {
  if (argv[0] === '--lab-kernel' && argv[1] !== undefined) {
    void kernelMain(argv[1]);
    return true;
  }
  if (argv[0] === '--lab-holder') {
    holderMain(Number(argv[1]), Number(argv[2]));
    return true;
  }
  return false;
}
