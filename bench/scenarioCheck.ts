/**
 * The scenario-file check: how long checking a 100 KB file takes, and the longest the
 * extension host is held while a 5,000-step scenario is edited (the real glue,
 * src/host/scenarioFiles.ts, with a stand-in for the `vscode` API: edits every 30 ms for
 * three seconds, each asking for diagnostics and the CodeLens as VS Code does).
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import type { BenchRow } from './types';
import { longestBlock } from './longestBlock';
import type { ScenarioTexts } from '../src/core/scenarioFiles/check';
import { checkScenarioText } from '../src/core/scenarioFiles/check';
import type * as ScenarioFilesModule from '../src/host/scenarioFiles';
import { makeVscodeStub, withVscodeStub } from '../test/support/vscodeStub';

const TEXTS: ScenarioTexts = {
  emptyFile: 'empty',
  checkFailed: (d) => d,
  nestedTooDeeply: 'deep',
  playLens: 'Play',
  fixLens: 'Fix',
  atLine: (l, m) => `${l}: ${m}`,
  moreProblems: (n) => `${n} more`,
};

/** A valid scenario of `n` steps, one a line, each round sending a full window and delivering it. */
function scenario(n: number, bytes: number): string {
  const steps = ['{"B": "listen"}', '{"A": "connect"}', '{"flush": true}'];
  while (steps.length + 2 <= n) steps.push(`{"A": "send", "bytes": ${bytes}}`, '{"flush": true}');
  while (steps.length < n) steps.push('{"advance": 0.2}');
  return `{\n  "title": "bench",\n  "steps": [\n    ${steps.join(',\n    ')}\n  ]\n}\n`;
}

/** A text of about `kb` KB with as many steps as fit. */
function scenarioOfSize(kb: number): string {
  let n = 100;
  while (scenario(n + 100, 1460).length < kb * 1024) n += 100;
  return scenario(n, 1460);
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  const text100 = scenarioOfSize(100);
  checkScenarioText(text100, TEXTS); // warm up
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = checkScenarioText(text100, TEXTS);
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpuTimes.push((c.user + c.system) / 1000);
    if (!r.ok) throw new Error(`the bench scenario is invalid: ${r.problems[0].message}`);
  }
  const steps100 = (text100.match(/\n {4}\{/g) ?? []).length;
  const t100 = median(times);
  const c100 = median(cpuTimes);
  rows.push({ metric: `check a ${(text100.length / 1024).toFixed(0)} KB scenario file (${steps100} steps), median of 15, wall clock`, value: `${t100.toFixed(1)} ms`, target: '< 100 ms', ok: t100 < 100 });
  rows.push({ metric: `the same, CPU time (the wall clock also counts waiting for a core on a shared machine)`, value: `${c100.toFixed(1)} ms`, target: '< 100 ms', ok: c100 < 100 });

  // The real glue, editing a 5,000-step scenario whose rounds each send a full window.
  const { api } = makeVscodeStub();
  const listeners: Record<'open' | 'change' | 'close', ((e: unknown) => void)[]> = { open: [], change: [], close: [] };
  const disposable = { dispose() {} };
  let lens: { provideCodeLenses(doc: unknown, token?: unknown): Promise<unknown[]> } | undefined;
  let diagnosticsSet = 0;
  class Range {
    constructor(...args: number[]) {
      void args;
    }
  }
  const doc = {
    uri: { scheme: 'file', path: '/w/long.tcp.json', toString: () => 'file:///w/long.tcp.json' },
    version: 1,
    isClosed: false,
    // Each round sends ten full segments and delivers them: about 60,000 events in all.
    text: scenario(5000, 14_600),
    getText(): string {
      return this.text;
    },
  };
  Object.assign(api, {
    Range,
    Diagnostic: class {
      constructor(...args: unknown[]) {
        void args;
      }
    },
    DiagnosticSeverity: { Error: 0 },
    CodeLens: class {
      constructor(...args: unknown[]) {
        void args;
      }
    },
    languages: {
      createDiagnosticCollection: () => ({ set: () => void diagnosticsSet++, delete() {}, dispose() {} }),
      registerCodeLensProvider: (_s: unknown, p: typeof lens) => ((lens = p), disposable),
    },
    workspace: {
      textDocuments: [doc],
      onDidOpenTextDocument: (fn: (e: unknown) => void) => (listeners.open.push(fn), disposable),
      onDidChangeTextDocument: (fn: (e: unknown) => void) => (listeners.change.push(fn), disposable),
      onDidCloseTextDocument: (fn: (e: unknown) => void) => (listeners.close.push(fn), disposable),
    },
  });
  const log = { info() {}, warn() {}, error() {} };
  const registration = withVscodeStub(api, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded while the stub stands in for vscode
    const mod = require(join(__dirname, '..', 'src', 'host', 'scenarioFiles')) as typeof ScenarioFilesModule;
    return mod.registerScenarioFiles({ log: log as never, locale: () => 'en', play: () => undefined });
  });
  let edits = 0;
  const blocked = await longestBlock(async () => {
    const t0 = performance.now();
    while (performance.now() - t0 < 3000) {
      // One keystroke: a step's byte count changes, VS Code reports the change and asks for lenses.
      edits++;
      doc.text = doc.text.replace(/"bytes": \d+/, `"bytes": ${14_000 + (edits % 600)}`);
      doc.version++;
      for (const l of listeners.change) l({ document: doc });
      void lens?.provideCodeLenses(doc, { isCancellationRequested: false });
      await new Promise((r) => setTimeout(r, 30));
    }
    await registration.settled();
  });
  registration.dispose();
  const load = loadavg()[0];
  rows.push({
    metric: `longest task on the host while a 5,000-step scenario (${(doc.text.length / 1024).toFixed(0)} KB) is edited (${edits} edits, ${diagnosticsSet} diagnostic updates), CPU time`,
    value: `${blocked.cpu.toFixed(1)} ms`,
    target: '< 50 ms',
    ok: blocked.cpu < 50,
  });
  rows.push({
    metric: `the same, by the wall clock (includes waiting for a core: load average ${load.toFixed(1)} on ${cpus().length} cores)`,
    value: `${blocked.wall.toFixed(1)} ms`,
  });
  return rows;
}
