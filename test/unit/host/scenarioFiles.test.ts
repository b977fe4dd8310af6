import { strict as assert } from 'node:assert';
import { HOST_TEXT } from '../../../src/i18n/host';
import { readFileSync, readdirSync } from 'node:fs';
import { MAX_STEPS } from '../../../src/core/tcp/limits';
import { join } from 'node:path';
import type { ScenarioCheck, ScenarioProblem, ScenarioTexts, TextRange, Timers } from '../../../src/core/scenarioFiles/check';
import {
  Debouncer,
  baseName,
  checkScenarioText,
  firstProblemSummary,
  isScenarioPath,
  lensFor,
  normalizeText,
  pickEntries,
  problemRange,
  splitLines,
  wantsDiagnostics,
} from '../../../src/core/scenarioFiles/check';
import type * as ScenarioFilesModule from '../../../src/host/scenarioFiles';
import { makeVscodeStub, withVscodeStub } from '../../support/vscodeStub';

const ROOT = join(__dirname, '..', '..', '..');

const TEXTS: ScenarioTexts = {
  emptyFile: 'EMPTY FILE',
  checkFailed: (detail) => `CHECK FAILED: ${detail}`,
  nestedTooDeeply: 'TOO DEEP',
  playLens: 'Play in TCP Tutor',
  fixLens: 'Fix the errors to play this scenario',
  atLine: (line, message) => `Line ${line}: ${message}`,
};

function problems(text: string): readonly ScenarioProblem[] {
  const r = checkScenarioText(text, TEXTS);
  assert.equal(r.ok, false, 'expected the text to be invalid');
  return r.ok ? [] : r.problems;
}

/** The text a range covers, or throws if the range is outside the text. */
function covered(text: string, r: TextRange): string {
  const lines = splitLines(normalizeText(text));
  assert.ok(r.startLine >= 0 && r.startLine < lines.length, `start line ${r.startLine} outside 0..${lines.length - 1}`);
  assert.equal(r.endLine, r.startLine, 'a problem is marked on one line');
  const line = lines[r.startLine];
  assert.ok(0 <= r.startCharacter && r.startCharacter <= r.endCharacter && r.endCharacter <= line.length, `range ${JSON.stringify(r)} outside ${JSON.stringify(line)}`);
  return line.slice(r.startCharacter, r.endCharacter);
}

const VALID = ['{', '  "title": "Hello",', '  "steps": [', '    {"B": "listen"},', '    {"A": "connect"},', '    {"flush": true}', '  ]', '}', ''].join('\n');

describe('scenario files: checking a text', () => {
  it('accepts every scenario in the library, with its title in the lens tooltip', () => {
    const dir = join(ROOT, 'scenarios');
    const files = readdirSync(dir).filter(isScenarioPath);
    assert.ok(files.length > 5);
    for (const f of files) {
      const r = checkScenarioText(readFileSync(join(dir, f), 'utf8'), TEXTS);
      assert.ok(r.ok, `${f}: ${r.ok ? '' : firstProblemSummary(r.problems, TEXTS)}`);
      assert.deepEqual(lensFor(r, TEXTS), { title: 'Play in TCP Tutor', runs: true, tooltip: r.scenario.title });
    }
  });

  it('accepts the sample files in playground/, which a newcomer opens first', () => {
    const dir = join(ROOT, 'playground');
    const files = readdirSync(dir).filter(isScenarioPath);
    assert.ok(files.length >= 3, 'playground/ holds sample scenario files');
    for (const f of files) {
      const r = checkScenarioText(readFileSync(join(dir, f), 'utf8'), TEXTS);
      assert.ok(r.ok, `${f}: ${r.ok ? '' : firstProblemSummary(r.problems, TEXTS)}`);
    }
  });

  it('gives an empty or blank file one clear problem on line 1', () => {
    for (const text of ['', '   ', '\n\n\t\n', '\r\n', '\ufeff']) {
      const p = problems(text);
      assert.equal(p.length, 1);
      assert.equal(p[0].message, 'EMPTY FILE');
      assert.equal(p[0].line, 1);
      assert.deepEqual(p[0].range, { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 });
    }
  });

  it('gives text that is not JSON one problem where the parser stopped', () => {
    const p = problems('hello world');
    assert.equal(p.length, 1);
    assert.match(p[0].message, /^invalid JSON/);
    assert.equal(covered('hello world', p[0].range), 'hello');

    const broken = '{\n  "steps": [\n    {"B": "listen"}\n    {"A": "connect"}\n  ]\n}';
    const q = problems(broken);
    assert.equal(q.length, 1);
    assert.equal(q[0].line, 4);
    assert.match(q[0].message, /expected "," or "\]"/);
    assert.equal(covered(broken, q[0].range), '{"A": "connect"}');
  });

  it('says a JSON array (or any non-object) is not a scenario', () => {
    for (const text of ['[]', '[{"A": "listen"}]', '42', 'null', '"steps"']) {
      const p = problems(text);
      assert.equal(p.length, 1, text);
      assert.match(p[0].message, /must be a JSON object/);
      assert.equal(covered(text, p[0].range), text);
    }
  });

  it('marks an unknown step on its own line, whole', () => {
    const text = VALID.replace('{"A": "connect"}', '{"A": "conect"}');
    const p = problems(text);
    assert.equal(p.length, 1);
    assert.equal(p[0].line, 5);
    assert.match(p[0].message, /^steps\[1\]: unknown call "conect"/);
    assert.equal(covered(text, p[0].range), '{"A": "conect"}');

    const kind = VALID.replace('{"flush": true}', '{"delivr": "A"}');
    const q = problems(kind);
    assert.equal(q[0].line, 6);
    assert.match(q[0].message, /^steps\[2\]: unknown step kind "delivr"/);
  });

  it('marks a bad top-level value together with its property name', () => {
    const text = VALID.replace('"title": "Hello",', '"title": "Hello", "profile": "bsd",');
    const p = problems(text);
    assert.equal(p.length, 1);
    assert.equal(p[0].line, 2);
    assert.match(p[0].message, /"profile" must be one of "linux", "linux-classic", "rfc9293", got "bsd"/);
    assert.equal(covered(text, p[0].range), '"profile": "bsd"');

    const isn = '{\n  "isn": {"A": -1, "B": 300},\n  "steps": []\n}';
    const q = problems(isn);
    assert.equal(q[0].line, 2);
    assert.equal(covered(isn, q[0].range), '"A": -1');
  });

  it('marks a bad value inside a step on the step', () => {
    const text = VALID.replace('{"flush": true}', '{"advance": -1}');
    const p = problems(text);
    assert.equal(p[0].line, 6);
    assert.match(p[0].message, /"advance" must be a number of seconds/);
    assert.equal(covered(text, p[0].range), '{"advance": -1}');
  });

  it('marks a step spread over several lines from its start to the end of that line', () => {
    const text = '{\n  "steps": [\n    { "drop": "A",\n      "nth": 0 }\n  ]\n}';
    const p = problems(text);
    assert.equal(p[0].line, 3);
    assert.equal(covered(text, p[0].range), '{ "drop": "A",');
  });

  it('lists several problems in file order', () => {
    const text = '{\n  "steps": [\n    {"A": "fly"},\n    {"B": "swim"}\n  ],\n  "variant": "x",\n  "extra": 1\n}';
    const p = problems(text);
    assert.deepEqual(
      p.map((x) => x.line),
      [3, 4, 6, 7],
    );
    assert.equal(firstProblemSummary(p, TEXTS), `Line 3: ${p[0].message}`);
  });

  it('reports the runner\u2019s error (a step that cannot happen) on that step\u2019s line', () => {
    const text = VALID.replace('{"flush": true}', '{"deliver": "B"}');
    const p = problems(text);
    assert.equal(p.length, 1);
    assert.equal(p[0].line, 6);
    assert.equal(p[0].message, 'steps[2]: deliver: nothing in flight from B');
    assert.equal(covered(text, p[0].range), '{"deliver": "B"}');
  });

  it('handles an error on the last line, with and without a final newline', () => {
    for (const text of ['{"steps": [', '{\n  "steps": [\n    {"B": "listen"}', '{\n  "steps": []\n}\n}', '{\n  "steps": [],\n  "delayedAck": "yes"}']) {
      const p = problems(text);
      const lines = splitLines(text);
      assert.equal(p.length, 1, text);
      assert.equal(p[0].range.startLine, lines.length - 1 - (text.endsWith('\n') ? 1 : 0), text);
      assert.ok(covered(text, p[0].range).length > 0, `${text}: the mark is visible`);
    }
    assert.equal(covered('{"steps": [', problems('{"steps": [')[0].range), '[');
  });

  it('gives the same lines and characters with Windows line endings, never marking the CR', () => {
    const lf = '{\n  "steps": [\n    {"B": "listen"},\n    {"A": "fly"}\n  ],\n  "profile": "bsd"\n}\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = problems(lf);
    const b = problems(crlf);
    assert.deepEqual(b, a);
    for (const p of b) assert.doesNotMatch(covered(crlf, p.range), /\r/);
    // A lone CR (old Mac files) is a line break for VS Code, so for us too.
    assert.deepEqual(problems(lf.replace(/\n/g, '\r')), a);
    // So is a mix.
    const mixed = lf.split('\n').reduce((acc, line, i) => (i === 0 ? line : acc + ['\r\n', '\n', '\r'][i % 3] + line), '');
    assert.deepEqual(problems(mixed), a);
  });

  it('ignores a byte-order mark when counting columns', () => {
    const text = '{"steps": [{"A": "fly"}]}';
    const p = problems(text);
    assert.deepEqual(problems(`\ufeff${text}`), p);
    assert.equal(covered(text, p[0].range), '{"A": "fly"}');
    assert.ok(checkScenarioText(`\ufeff${VALID}`, TEXTS).ok);
  });

  it('handles a file of the most steps allowed and points at the right line', () => {
    const steps = ['{"B": "listen"}', '{"A": "connect"}', '{"flush": true}'];
    while (steps.length + 2 <= MAX_STEPS) steps.push('{"A": "send", "bytes": 10}', '{"flush": true}');
    const good = `{\n"steps": [\n${steps.join(',\n')}\n]\n}\n`;
    assert.ok(checkScenarioText(good, TEXTS).ok);
    const bad = good.replace(/\{"flush": true\}\n\]/, '{"flush": 7}\n]');
    const p = problems(bad);
    assert.equal(p.length, 1);
    assert.equal(p[0].line, steps.length + 2);
    assert.equal(covered(bad, p[0].range), '{"flush": 7}');
  });

  it('turns JSON nested too deeply into one problem instead of a crash', () => {
    for (const text of ['['.repeat(200000), `{"steps": ${'['.repeat(50000)}${']'.repeat(50000)}}`]) {
      const p = problems(text);
      assert.equal(p.length, 1);
      assert.match(p[0].message, /nests deeper than 32 levels, the limit/);
      covered(text, p[0].range);
    }
  });

  it('never throws and always gives ranges inside the text, whatever the input', () => {
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = ['{', '}', '[', ']', '"', ':', ',', '\n', '\r\n', '\r', ' ', 'A', 'steps', '1', '-', 'true', '\\', '\ufeff', '\u2028', '\ud83d\ude00'];
    for (let n = 0; n < 1500; n++) {
      let text = VALID;
      for (let k = 1 + rnd(4); k > 0; k--) {
        const at = rnd(text.length + 1);
        text = rnd(2) ? text.slice(0, at) + alphabet[rnd(alphabet.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + rnd(6));
      }
      const r: ScenarioCheck = checkScenarioText(text, TEXTS);
      if (!r.ok) {
        assert.ok(r.problems.length > 0);
        for (const p of r.problems) {
          covered(text, p.range);
          assert.equal(p.line, p.range.startLine + 1);
          assert.ok(p.message.length > 0);
        }
      }
    }
  });
});

describe('scenario files: ranges', () => {
  const lines = ['{', '  "steps": [', '    {"A": "listen"},  ', '', '  ]}'];

  it('marks the line without indentation or trailing blanks when there is no column', () => {
    assert.deepEqual(problemRange(lines, 3), { startLine: 2, startCharacter: 4, endLine: 2, endCharacter: 20 });
    assert.deepEqual(problemRange(lines, 4), { startLine: 3, startCharacter: 0, endLine: 3, endCharacter: 0 });
  });

  it('clamps lines and columns that are out of range', () => {
    assert.equal(problemRange(lines, 0).startLine, 0);
    assert.equal(problemRange(lines, -5, -5).startLine, 0);
    assert.equal(problemRange(lines, 99).startLine, 4);
    assert.equal(problemRange(lines, Number.NaN, Number.NaN).startLine, 0);
    assert.deepEqual(problemRange(lines, 3, 500), { startLine: 2, startCharacter: 19, endLine: 2, endCharacter: 20 });
    assert.deepEqual(problemRange([], 1, 1), { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 });
    assert.deepEqual(problemRange(['   '], 1, 2), { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 });
  });

  it('marks a string with escaped quotes, an unterminated string, and a bare token', () => {
    assert.deepEqual(problemRange(['  "title": "a \\" b", "x": 1'], 1, 12), { startLine: 0, startCharacter: 2, endLine: 0, endCharacter: 19 });
    assert.deepEqual(problemRange(['  "oops'], 1, 3), { startLine: 0, startCharacter: 2, endLine: 0, endCharacter: 7 });
    assert.deepEqual(problemRange(['[tru, 1]'], 1, 2), { startLine: 0, startCharacter: 1, endLine: 0, endCharacter: 4 });
    assert.deepEqual(problemRange(['{"a": {"b": "}"}, "c": 1}'], 1, 7), { startLine: 0, startCharacter: 1, endLine: 0, endCharacter: 16 });
  });
});

describe('scenario files: names, lens, picker, debounce', () => {
  it('recognises scenario files by name, in any case, and skips Git views', () => {
    assert.ok(isScenarioPath('/w/scenarios/lost-syn.tcp.json'));
    assert.ok(isScenarioPath('C:\\w\\Mine.TCP.JSON'));
    assert.ok(!isScenarioPath('/w/tcp.json.bak'));
    assert.ok(!isScenarioPath('/w/package.json'));
    assert.ok(!isScenarioPath('/w/x.tcp.json/'));
    assert.ok(wantsDiagnostics('file', '/w/a.tcp.json'));
    assert.ok(wantsDiagnostics('untitled', '/w/a.tcp.json'));
    assert.ok(wantsDiagnostics('vscode-remote', '/w/a.tcp.json'));
    assert.ok(!wantsDiagnostics('git', '/w/a.tcp.json'));
    assert.ok(!wantsDiagnostics('file', '/w/a.json'));
  });

  it('turns an invalid file\u2019s lens into a label naming the first problem', () => {
    const r = checkScenarioText('{"steps": [{"A": "fly"}]}', TEXTS);
    const lens = lensFor(r, TEXTS);
    assert.equal(lens.title, 'Fix the errors to play this scenario');
    assert.equal(lens.runs, false);
    assert.match(lens.tooltip ?? '', /^Line 1: steps\[0\]: unknown call "fly"/);
    assert.deepEqual(lensFor(checkScenarioText('{"steps": []}', TEXTS), TEXTS), { title: 'Play in TCP Tutor', runs: true });
    assert.equal(firstProblemSummary([], TEXTS), '');
  });

  it('sorts picker entries by folder, then name, with either separator', () => {
    const e = pickEntries([
      { relativePath: 'scenarios\\b.tcp.json', item: 1 },
      { relativePath: 'top.tcp.json', item: 2 },
      { relativePath: 'scenarios/a.tcp.json', item: 3 },
      { relativePath: 'mine/deep/c.tcp.json', item: 4 },
    ]);
    assert.deepEqual(
      e.map((x) => [x.description, x.label, x.item]),
      [
        ['', 'top.tcp.json', 2],
        ['mine/deep', 'c.tcp.json', 4],
        ['scenarios', 'a.tcp.json', 3],
        ['scenarios', 'b.tcp.json', 1],
      ],
    );
    assert.deepEqual(pickEntries([]), []);
  });

  it('takes the base name of a path', () => {
    assert.equal(baseName('/w/scenarios/a.tcp.json'), 'a.tcp.json');
    assert.equal(baseName('C:\\w\\b.tcp.json'), 'b.tcp.json');
    assert.equal(baseName('c.tcp.json'), 'c.tcp.json');
  });

  it('debounces per key, and cancels', () => {
    let now = 0;
    const queue: { at: number; fn: () => void; id: number }[] = [];
    let ids = 0;
    const timers: Timers = {
      set: (fn, ms) => (queue.push({ at: now + ms, fn, id: ++ids }), ids),
      clear: (id) => void queue.splice(
        queue.findIndex((q) => q.id === id),
        1,
      ),
    };
    const advance = (ms: number) => {
      now += ms;
      for (const q of queue.filter((x) => x.at <= now)) {
        queue.splice(queue.indexOf(q), 1);
        q.fn();
      }
    };
    const d = new Debouncer<string>(200, timers);
    const ran: string[] = [];
    d.schedule('a', () => ran.push('a1'));
    advance(150);
    d.schedule('a', () => ran.push('a2'));
    d.schedule('b', () => ran.push('b'));
    advance(150);
    assert.deepEqual(ran.slice(), []);
    advance(60);
    assert.deepEqual(ran.slice().sort(), ['a2', 'b']);
    d.schedule('c', () => ran.push('c'));
    d.cancel('c');
    d.cancel('nothing');
    d.schedule('e', () => ran.push('e'));
    d.dispose();
    advance(1000);
    assert.deepEqual(ran, ['a2', 'b']);
    assert.equal(d.size, 0);
  });
});

describe('scenario files: translations', () => {
  const source = readFileSync(join(ROOT, 'src', 'host', 'scenarioFiles.ts'), 'utf8');
  const bundle: Readonly<Record<string, { readonly 'zh-cn': string }>> = HOST_TEXT;
  const used = [...source.matchAll(/hostT\([^,]+,\s*'([^']+)'/g)].map((m) => m[1]);
  const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

  it('has a Simplified Chinese translation of every string, with the same placeholders', () => {
    assert.ok(used.length >= 10, `found ${used.length} strings`);
    assert.ok(!/hostT\([^,]+,\s*[`"]/.test(source), 'hostT takes single-quoted literals, so tools can find them');
    for (const message of used) {
      const zh = bundle[message]?.['zh-cn'];
      assert.ok(typeof zh === 'string' && zh.trim() !== '', `src/i18n/host.ts lacks "${message}"`);
      assert.deepEqual(placeholders(zh), placeholders(message), message);
      assert.match(zh, /[\u4e00-\u9fff]/, `"${zh}" is not Chinese`);
    }
  });
});

describe('scenario files: VS Code glue (stubbed API)', () => {
  interface Harness {
    commands: Map<string, (...args: unknown[]) => unknown>;
    diagnostics: Map<string, { message: string; range: { start: { line: number; character: number } }; source?: string; severity: number }[]>;
    /** Every `set` of the diagnostic collection: "uri count". */
    diagnosticSets: string[];
    lensProvider: { provideCodeLenses(doc: unknown): Promise<{ command: { title: string; command: string; arguments?: unknown[] } }[]> } | undefined;
    messages: string[];
    played: { title?: string; uri: string }[];
    open(path: string, text: string): FakeDoc;
    docs: FakeDoc[];
    files: Map<string, string>;
    listeners: Record<string, ((e: unknown) => void)[]>;
    registration: { dispose(): void; refresh(): void; settled(): Promise<void> };
  }
  interface FakeDoc {
    uri: FakeUri;
    version: number;
    isClosed: boolean;
    text: string;
    getText(): string;
  }
  class FakeUri {
    readonly scheme = 'file';
    constructor(readonly path: string) {}
    toString(): string {
      return `file://${this.path}`;
    }
  }

  function harness(activePath?: string): Harness {
    const { api } = makeVscodeStub();
    const h = {
      commands: new Map(),
      diagnostics: new Map(),
      diagnosticSets: [],
      lensProvider: undefined,
      messages: [] as string[],
      played: [] as { title?: string; uri: string }[],
      docs: [] as FakeDoc[],
      files: new Map<string, string>(),
      listeners: { open: [], change: [], close: [] } as Record<string, ((e: unknown) => void)[]>,
    } as unknown as Harness;
    const disposable = { dispose() {} };
    const on = (kind: string) => (fn: (e: unknown) => void) => (h.listeners[kind].push(fn), disposable);
    class Range {
      readonly start: { line: number; character: number };
      readonly end: { line: number; character: number };
      constructor(a: number, b: number, c: number, d: number) {
        this.start = { line: a, character: b };
        this.end = { line: c, character: d };
      }
    }
    Object.assign(api, {
      Uri: FakeUri,
      Range,
      Diagnostic: class {
        source?: string;
        constructor(
          readonly range: Range,
          readonly message: string,
          readonly severity: number,
        ) {}
      },
      DiagnosticSeverity: { Error: 0 },
      CodeLens: class {
        constructor(
          readonly range: Range,
          readonly command: unknown,
        ) {}
      },
      EventEmitter: class {
        event = () => disposable;
        fire() {}
        dispose() {}
      },
      languages: {
        createDiagnosticCollection: () => ({
          set: (uri: FakeUri, d: never[]) => (h.diagnosticSets.push(`${uri.toString()} ${d.length}`), h.diagnostics.set(uri.toString(), d)),
          delete: (uri: FakeUri) => h.diagnostics.delete(uri.toString()),
          dispose() {},
        }),
        registerCodeLensProvider: (_selector: unknown, p: Harness['lensProvider']) => ((h.lensProvider = p), disposable),
      },
      commands: { registerCommand: (id: string, fn: (...a: unknown[]) => unknown) => (h.commands.set(id, fn), disposable) },
      window: {
        activeTextEditor: activePath ? { document: { uri: new FakeUri(activePath) } } : undefined,
        showInformationMessage: async (m: string) => void h.messages.push(`info: ${m}`),
        showErrorMessage: async (m: string) => void h.messages.push(`error: ${m}`),
        showQuickPick: async (items: { uri: FakeUri }[]) => (h.messages.push(`pick: ${items.length}`), items[0]),
      },
      workspace: {
        get textDocuments() {
          return h.docs.filter((d) => !d.isClosed);
        },
        onDidOpenTextDocument: on('open'),
        onDidChangeTextDocument: on('change'),
        onDidCloseTextDocument: on('close'),
        findFiles: async () => [...h.files.keys()].map((p) => new FakeUri(p)),
        asRelativePath: (u: FakeUri) => u.path.replace(/^\/w\//, ''),
        fs: {
          readFile: async (u: FakeUri) => {
            const t = h.files.get(u.path);
            if (t === undefined) throw new Error('file not found');
            return new TextEncoder().encode(t);
          },
        },
      },
    });
    h.open = (path, text) => {
      const doc: FakeDoc = { uri: new FakeUri(path), version: 1, isClosed: false, text, getText: () => doc.text };
      h.docs.push(doc);
      for (const l of h.listeners.open) l(doc);
      return doc;
    };
    const log = { info: (m: string) => h.messages.push(`log: ${m}`), warn: (m: string) => h.messages.push(`log: ${m}`), error: (m: string) => h.messages.push(`log: ${m}`) };
    withVscodeStub(api, () => {
      for (const m of ['scenarioFiles.ts', 'hostL10n.ts']) delete require.cache[join(ROOT, 'src', 'host', m)];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded while the stub stands in for vscode
      const mod = require('../../../src/host/scenarioFiles') as typeof ScenarioFilesModule;
      h.registration = mod.registerScenarioFiles({
        log: log as never,
        locale: () => 'en',
        play: (scenario, uri) => void h.played.push({ ...(scenario.title ? { title: scenario.title } : {}), uri: uri.toString() }),
      });
    });
    return h;
  }

  const play = (h: Harness, ...args: unknown[]) => h.commands.get('tcpTutor.playScenario')?.(...args) as Promise<void>;

  it('keeps diagnostics for open scenario files: on open, after edits (debounced), cleared on close', async () => {
    const h = harness();
    const doc = h.open('/w/a.tcp.json', '{"steps": [{"A": "fly"}]}');
    h.open('/w/package.json', '{');
    await h.registration.settled();
    assert.deepEqual([...h.diagnostics.keys()], ['file:///w/a.tcp.json']);
    const [d] = h.diagnostics.get('file:///w/a.tcp.json') ?? [];
    assert.equal(d.source, 'TCP Tutor');
    assert.equal(d.severity, 0);
    assert.match(d.message, /unknown call "fly"/);

    doc.text = '{"steps": [{"A": "listen"}]}';
    doc.version = 2;
    for (const l of h.listeners.change) l({ document: doc });
    assert.equal(h.diagnostics.get('file:///w/a.tcp.json')?.length, 1, 'not yet: debounced');
    await h.registration.settled();
    assert.equal(h.diagnostics.get('file:///w/a.tcp.json')?.length, 0);

    doc.isClosed = true;
    for (const l of h.listeners.close) l(doc);
    assert.ok(!h.diagnostics.has('file:///w/a.tcp.json'));
    h.registration.dispose();
  });

  it('checks without holding the host, and drops the check of a text that has changed since', async () => {
    const h = harness();
    const steps = ['{"B": "listen"}', '{"A": "connect"}', '{"flush": true}'];
    while (steps.length + 2 <= 5000) steps.push('{"A": "send", "bytes": 1460}', '{"flush": true}');
    const doc = h.open('/w/long.tcp.json', `{"steps": [\n${steps.join(',\n')}\n]}`);
    // open() returned before the 5,000 steps were run: the check goes on in slices.
    assert.deepEqual(h.diagnosticSets, []);
    doc.text = '{"steps": [{"A": "fly"}]}';
    doc.version = 2;
    for (const l of h.listeners.change) l({ document: doc });
    await h.registration.settled();
    assert.deepEqual(h.diagnosticSets, ['file:///w/long.tcp.json 1'], 'only the new text was reported');
    assert.match(h.diagnostics.get('file:///w/long.tcp.json')?.[0].message ?? '', /unknown call "fly"/);
    h.registration.dispose();
  });

  it('puts a lens at the top that plays a valid file and only labels an invalid one', async () => {
    const h = harness();
    const good = h.open('/w/good.tcp.json', VALID);
    const bad = h.open('/w/bad.tcp.json', '[]');
    const [g] = (await h.lensProvider?.provideCodeLenses(good)) ?? [];
    assert.deepEqual([g.command.title, g.command.command, String(g.command.arguments?.[0])], ['Play in TCP Tutor', 'tcpTutor.playScenario', 'file:///w/good.tcp.json']);
    const [b] = (await h.lensProvider?.provideCodeLenses(bad)) ?? [];
    assert.deepEqual([b.command.title, b.command.command, b.command.arguments], ['Fix the errors to play this scenario', '', undefined]);
    h.registration.dispose();
  });

  it('plays the given file, preferring the unsaved text of an open document', async () => {
    const h = harness();
    h.files.set('/w/a.tcp.json', '{"title": "on disk", "steps": []}');
    await play(h, new FakeUri('/w/a.tcp.json'));
    assert.deepEqual(h.played, [{ title: 'on disk', uri: 'file:///w/a.tcp.json' }]);
    h.open('/w/a.tcp.json', '{"title": "unsaved", "steps": []}');
    await play(h, new FakeUri('/w/a.tcp.json'), { groupId: 1 });
    assert.deepEqual(h.played[1], { title: 'unsaved', uri: 'file:///w/a.tcp.json' });
  });

  it('refuses an invalid file with its first error and line, and reports unreadable files', async () => {
    const h = harness();
    h.files.set('/w/bad.tcp.json', '{\n  "steps": [\n    {"deliver": "A"}\n  ]\n}');
    await play(h, new FakeUri('/w/bad.tcp.json'));
    await play(h, new FakeUri('/w/missing.tcp.json'));
    assert.deepEqual(h.played, []);
    assert.ok(h.messages.includes('error: bad.tcp.json cannot be played. Line 3: steps[0]: deliver: nothing in flight from A'), h.messages.join('\n'));
    assert.ok(h.messages.includes('error: Could not read missing.tcp.json: file not found'), h.messages.join('\n'));
  });

  it('without a Uri, plays the active scenario file, else offers a pick, else explains how to make one', async () => {
    const active = harness('/w/active.tcp.json');
    active.files.set('/w/active.tcp.json', '{"title": "active", "steps": []}');
    active.files.set('/w/other.tcp.json', '{"title": "other", "steps": []}');
    await play(active);
    assert.deepEqual(active.played.map((p) => p.title), ['active']);

    const pick = harness('/w/notes.md');
    pick.files.set('/w/z.tcp.json', '{"title": "z", "steps": []}');
    pick.files.set('/w/scenarios/a.tcp.json', '{"title": "a", "steps": []}');
    await play(pick);
    assert.ok(pick.messages.includes('pick: 2'));
    assert.deepEqual(pick.played.map((p) => p.title), ['z'], 'the top-level file sorts first');

    const none = harness();
    await play(none);
    assert.deepEqual(none.played, []);
    assert.ok(none.messages.some((m) => /^info: There are no scenario files .*my-story\.tcp\.json/.test(m)), none.messages.join('\n'));
  });
});
