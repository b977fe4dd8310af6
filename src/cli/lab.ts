/**
 * `npm run --silent lab -- --list [--json]` lists the kernel lab's stories;
 * `npm run --silent lab -- NAME [--json]` plays one on this machine's kernel (real sockets on
 * 127.0.0.1) beside the simulator's prediction. Errors: one line on stderr, exit code 1.
 * The same bundle is the kernel child (`--lab-kernel NAME`) and its listener helper.
 */
import { LAB_STORIES, findStory } from '../core/lab/stories';
import type { LabResult } from '../core/lab/result';
import { runKernelChild } from '../lab/kernel/child';
import { LabRunError, labSupported, runLab } from '../lab/run';

const USAGE = 'usage: npm run --silent lab -- (--list | NAME) [--json]';

function fail(message: string, code = 1): never {
  process.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(code);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function readable(r: LabResult): string {
  const story = findStory(r.name);
  const lines = [`${r.name}: ${story?.title ?? ''}`, `platform: ${r.platform}; simulator: ${r.simModel ?? 'none'}`];
  if (r.simUnavailable) lines.push(`no simulator prediction: ${r.simUnavailable}`);
  lines.push('');
  let w = 6;
  for (const s of r.steps) w = Math.max(w, s.action.length);
  lines.push(`${pad('step', w + 4)}${pad('sim A', 13)}${pad('sim B', 13)}${pad('kernel A', 13)}${pad('kernel B', 13)}`);
  r.steps.forEach((s, i) => {
    const mark = s.agree ? 'agree' : 'DIFFER';
    const errs = [s.errors.kernel.A && `A: ${s.errors.kernel.A}`, s.errors.kernel.B && `B: ${s.errors.kernel.B}`, s.errors.kernel.call && `call: ${s.errors.kernel.call}`].filter(Boolean);
    lines.push(
      `${pad(`${i + 1}. ${s.action}`, w + 4)}${pad(s.sim?.A ?? '-', 13)}${pad(s.sim?.B ?? '-', 13)}${pad(s.kernel.A, 13)}${pad(s.kernel.B, 13)}${mark}${errs.length ? `  (kernel ${errs.join(', ')})` : ''}`,
    );
    if (s.why && s.sim) lines.push(`${' '.repeat(w + 4)}why: ${s.why}`);
  });
  lines.push('', r.agree ? 'The simulator and the kernel agree on every step.' : 'The simulator and the kernel do NOT agree on every step (see above).');
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  let json = false;
  let list = false;
  let name: string | undefined;
  for (const a of argv) {
    if (a === '--json') json = true;
    else if (a === '--list') list = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return;
    } else if (a.startsWith('-')) fail(`unknown option ${JSON.stringify(a)}. ${USAGE}`);
    else if (name === undefined) name = a;
    else fail(`one story at a time (got ${JSON.stringify(name)} and ${JSON.stringify(a)}). ${USAGE}`);
  }
  if (list) {
    if (name !== undefined) fail(`--list takes no story name. ${USAGE}`);
    const entries = LAB_STORIES.map((s) => ({ name: s.name, title: s.title }));
    if (json) process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    else process.stdout.write(`${entries.map((e) => `${pad(e.name, 26)}${e.title}`).join('\n')}\n`);
    return;
  }
  if (name === undefined) fail(`no story given. ${USAGE}`);
  const story = findStory(name);
  if (!story) fail(`unknown story ${JSON.stringify(name)}; known: ${LAB_STORIES.map((s) => s.name).join(', ')}`);
  const supported = labSupported();
  if (!supported.ok) fail(supported.reason);
  const controller = new AbortController();
  // Ctrl+C: the child tears down its sockets (it gets the signal too, or the abort), then we leave.
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let result: LabResult;
  try {
    result = await runLab(story, { execPath: process.execPath, script: process.argv[1] }, { signal: controller.signal });
  } catch (e) {
    if (interrupted) fail('interrupted; every socket and process of the run was closed', 130);
    fail(`${name}: ${e instanceof LabRunError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`}`);
  }
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${readable(result)}\n`);
}

if (!runKernelChild(process.argv.slice(2))) {
  main(process.argv.slice(2)).catch((e: unknown) => fail(`internal error: ${e instanceof Error ? e.message : String(e)}`));
}
