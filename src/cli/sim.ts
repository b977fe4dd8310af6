/**
 * `npm run --silent sim -- file.tcp.json [--format json|ladder]`: run a scenario and print
 * its trace (JSON on stdout) or a ladder diagram. Errors: one line on stderr, exit code 1
 * for a bad scenario or step, 2 for bad command-line usage. Never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { parseScenario, runScenario, ScenarioRunError } from '../core/tcp/scenario';
import { renderLadder } from '../core/tcp/ladder';

const USAGE = 'usage: npm run --silent sim -- <file.tcp.json> [--format json|ladder]';

function fail(message: string, code: number): never {
  process.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(code);
}

function main(argv: readonly string[]): void {
  let file: string | undefined;
  let format = 'json';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format') {
      const v = argv[++i];
      if (v !== 'json' && v !== 'ladder') fail(`--format must be "json" or "ladder", got ${v === undefined ? 'nothing' : JSON.stringify(v)}. ${USAGE}`, 2);
      format = v;
    } else if (a.startsWith('--format=')) {
      const v = a.slice('--format='.length);
      if (v !== 'json' && v !== 'ladder') fail(`--format must be "json" or "ladder", got ${JSON.stringify(v)}. ${USAGE}`, 2);
      format = v;
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return;
    } else if (a.startsWith('-')) {
      fail(`unknown option ${JSON.stringify(a)}. ${USAGE}`, 2);
    } else if (file === undefined) {
      file = a;
    } else {
      fail(`only one scenario file at a time (got ${JSON.stringify(file)} and ${JSON.stringify(a)}). ${USAGE}`, 2);
    }
  }
  if (file === undefined) fail(`no scenario file given. ${USAGE}`, 2);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(`${file}: cannot read the file${code ? ` (${code})` : ''}`, 1);
  }
  const parsed = parseScenario(text);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    fail(`${file}:${first.line}: ${first.message}`, 1);
  }
  let result;
  try {
    result = runScenario(parsed.scenario);
  } catch (e) {
    if (e instanceof ScenarioRunError) fail(`${file}:${parsed.stepLines[e.step] ?? 1}: ${e.message}`, 1);
    fail(`${file}: internal error: ${e instanceof Error ? e.message : String(e)}`, 1);
  }
  if (format === 'ladder') process.stdout.write(`${renderLadder(result, parsed.scenario)}\n`);
  else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  fail(`internal error: ${e instanceof Error ? e.message : String(e)}`, 1);
}
