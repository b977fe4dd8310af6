/**
 * The pure side of the editor integration for scenario files (`*.tcp.json`): check a text,
 * turn the validator's and the runner's errors into editor ranges, choose the CodeLens and
 * the messages. No `vscode` import, so it is tested in plain Node; src/host/scenarioFiles.ts is
 * the thin VS Code glue. Every text a user sees comes in through `ScenarioTexts`, which the
 * glue fills from the l10n bundle.
 */
import type { ParseResult, Scenario, ScenarioError, ScenarioParseJob, Simulator } from '../tcp';
import { MAX_REPORTED_PROBLEMS, MAX_SCENARIO_CHARS, StepError, eventLimitProblem, scenarioParseJob, simulatorForScenario } from '../tcp';

/** The suffix that makes a file a scenario file. */
export const SCENARIO_SUFFIX = '.tcp.json';
/** Glob for the CodeLens selector and the workspace search. */
export const SCENARIO_GLOB = '**/*.tcp.json';
export const SCENARIO_EXCLUDE_GLOB = '**/node_modules/**';

/** Localised texts the pure code needs (the glue builds them with `hostT`). */
export interface ScenarioTexts {
  /** Diagnostic for an empty (or whitespace-only) file. */
  readonly emptyFile: string;
  /** Diagnostic when checking failed unexpectedly; {0}: what went wrong. */
  readonly checkFailed: (detail: string) => string;
  /** Diagnostic for JSON nested too deeply to read. */
  readonly nestedTooDeeply: string;
  /** CodeLens title of a valid file. */
  readonly playLens: string;
  /** CodeLens title of an invalid file. */
  readonly fixLens: string;
  /** "Line {0}: {1}". */
  readonly atLine: (line: number, message: string) => string;
  /** The last problem listed when there are more than can be shown; {0}: how many more. */
  readonly moreProblems?: (count: number) => string;
}

/** A range in editor coordinates: 0-based lines and UTF-16 character offsets, end exclusive. */
export interface TextRange {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
}

export interface ScenarioProblem {
  /** 1-based line, as people count (and as the `sim` command prints). */
  readonly line: number;
  readonly range: TextRange;
  readonly message: string;
}

export type ScenarioCheck =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly problems: readonly ScenarioProblem[] };

/** Whether a path (a URI's path or a file name) names a scenario file. Case-insensitive, like Windows and macOS file systems. */
export function isScenarioPath(path: string): boolean {
  return path.toLowerCase().endsWith(SCENARIO_SUFFIX) && !/[\\/]$/.test(path);
}

/** URI schemes whose documents are views of another file (a Git diff side, say): no diagnostics there. */
const SHADOW_SCHEMES: ReadonlySet<string> = new Set(['git', 'gitfs', 'vscode-scm', 'review', 'pr', 'conflictResolution', 'output']);

/** Whether an open document with this URI scheme and path gets scenario diagnostics. */
export function wantsDiagnostics(scheme: string, path: string): boolean {
  return !SHADOW_SCHEMES.has(scheme) && isScenarioPath(path);
}

/**
 * The text as an editor sees it: no byte-order mark (VS Code drops it, and the validator
 * would count it as a column), and a lone CR is a line break (VS Code counts it as one;
 * the validator counts only LF). Replacing CR by LF keeps every offset.
 */
export function normalizeText(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes('\r') ? noBom.replace(/\r(?!\n)/g, '\n') : noBom;
}

/** Lines of a normalised text without their terminators (CRLF or LF). */
export function splitLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/**
 * Where the JSON value starting at `start` ends on this line (exclusive), or -1 if it goes
 * on past the line (a multi-line object or array, an unterminated string). For a token that
 * is not a JSON value (the site of a syntax error), the run of characters up to the next
 * space or delimiter, at least one character.
 */
function valueEnd(line: string, start: number): number {
  const c = line[start];
  if (c === '"') {
    for (let k = start + 1; k < line.length; k++) {
      if (line[k] === '\\') k++;
      else if (line[k] === '"') return k + 1;
    }
    return -1;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let k = start; k < line.length; k++) {
      const d = line[k];
      if (d === '"') {
        k++;
        while (k < line.length && line[k] !== '"') k += line[k] === '\\' ? 2 : 1;
        if (k >= line.length) return -1;
      } else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return k + 1;
      }
    }
    return -1;
  }
  let k = start;
  while (k < line.length && !/[\s,:{}[\]"]/.test(line[k])) k++;
  return Math.max(k, start + 1);
}

/** The first and last non-blank characters of a line, as [start, end) ([0, 0) for a blank line). */
function trimmedSpan(line: string): [number, number] {
  let s = 0;
  let e = line.length;
  while (s < e && /\s/.test(line[s])) s++;
  while (e > s && /\s/.test(line[e - 1])) e--;
  return s < e ? [s, e] : [0, 0];
}

/**
 * The editor range for an error reported at a 1-based `line` and (optionally) 1-based
 * `column`. Without a column: the line's text without its indentation. With one: the
 * value that starts there when it ends on the same line, together with its property name
 * when the name is on that line (`"nth": 0`); a value that runs on past the line is marked
 * from its start to the end of the line. Lines and columns out of range are clamped, so any
 * input gives a valid range.
 */
export function problemRange(lines: readonly string[], line: number, column?: number): TextRange {
  const lineCount = Math.max(lines.length, 1);
  const l = Math.min(Math.max(Number.isFinite(line) ? Math.trunc(line) : 1, 1), lineCount) - 1;
  const text = lines[l] ?? '';
  const [ts, te] = trimmedSpan(text);
  const whole: TextRange = { startLine: l, startCharacter: ts, endLine: l, endCharacter: te };
  if (column === undefined || !Number.isFinite(column)) return whole;
  const start = Math.max(Math.trunc(column) - 1, 0);
  // At or past the end of the line's text (e.g. "found the end of the file"): the last
  // character, or the whole line, so the mark can be seen.
  if (start >= te) return te > ts ? { startLine: l, startCharacter: te - 1, endLine: l, endCharacter: te } : whole;
  let from = Math.max(start, ts);
  const end = valueEnd(text, from);
  const to = end < 0 ? te : end;
  const key = /"(?:[^"\\]|\\.)*"\s*:\s*$/.exec(text.slice(0, from));
  if (key) from = key.index;
  return { startLine: l, startCharacter: from, endLine: l, endCharacter: Math.max(to, from + 1) };
}

/** Offsets of line starts, and each line's text without indentation, computed once per text. */
class LineIndex {
  private readonly starts: number[] = [0];
  private readonly trimmed = new Map<number, [number, number]>();

  constructor(private readonly text: string) {
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) this.starts.push(k + 1);
  }

  /** 0-based line and character of an offset. */
  at(offset: number): { line: number; character: number } {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }

  /** The first and last non-blank characters of line `l` (0-based), as [start, end). */
  span(l: number): [number, number] {
    const hit = this.trimmed.get(l);
    if (hit) return hit;
    const from = this.starts[l] ?? 0;
    let to = l + 1 < this.starts.length ? this.starts[l + 1] - 1 : this.text.length;
    if (to > from && this.text.charCodeAt(to - 1) === 13) to--;
    const span = trimmedSpan(this.text.slice(from, to));
    this.trimmed.set(l, span);
    return span;
  }
}

/**
 * The range of a value the parser located (`span`, offsets): the value with its property
 * name, on its first line; a value that runs on past that line is marked to the line's end.
 */
function spanRange(index: LineIndex, start: number, end: number): TextRange {
  const a = index.at(start);
  const b = index.at(Math.max(end - 1, start));
  const [, te] = index.span(a.line);
  const endCharacter = b.line === a.line ? b.character + 1 : Math.max(te, a.character + 1);
  return { startLine: a.line, startCharacter: a.character, endLine: a.line, endCharacter };
}

/** A check that can be run a slice at a time: `advance()` does a bounded piece of work. */
export interface ScenarioCheckJob {
  /** Does one bounded piece of work; true once `result()` is ready. */
  advance(): boolean;
  result(): ScenarioCheck;
}

/** Characters parsed per piece of work. */
const PARSE_SLICE = 16_384;
/** Simulator events per piece of work (a step is never split). */
const RUN_SLICE_EVENTS = 500;

/**
 * Check a scenario text as the `sim` command does: parse and validate it, then run it, so a
 * step that cannot happen (delivering when nothing is in flight) is an error on its line
 * too, in pieces of bounded work. Never throws.
 */
export function scenarioCheckJob(rawText: string, texts: ScenarioTexts): ScenarioCheckJob {
  let done: ScenarioCheck | null = null;
  let text = '';
  let index: LineIndex | null = null;
  let lines: string[] | null = null;
  let parse: ScenarioParseJob | null = null;
  let parsed: (ParseResult & { ok: true }) | null = null;
  let sim: Simulator | null = null;
  let next = 0;

  const lineList = (): string[] => (lines ??= splitLines(text));
  const problem = (line: number, message: string, column?: number): ScenarioProblem => {
    const range = problemRange(lineList(), line, column);
    return { line: range.startLine + 1, range, message };
  };
  const fromError = (e: ScenarioError): ScenarioProblem => {
    if (!e.span) return problem(e.line, e.message, e.column);
    const idx = index as LineIndex;
    // The property name too, when it is on the value's line.
    const key = e.span.keyStart;
    const from = key !== undefined && idx.at(key).line === idx.at(e.span.start).line ? key : e.span.start;
    const range = spanRange(idx, from, e.span.end);
    return { line: range.startLine + 1, range, message: e.message };
  };
  /** A problem marking the whole line (without indentation) a step starts on. */
  const lineProblem = (line: number, message: string): ScenarioProblem => {
    const lineCount = (index as LineIndex).at(text.length).line + 1;
    const l = Math.min(Math.max(line, 1), lineCount) - 1;
    const [ts, te] = (index as LineIndex).span(l);
    return { line: l + 1, range: { startLine: l, startCharacter: ts, endLine: l, endCharacter: te }, message };
  };

  const step = (): void => {
    if (parse === null) {
      if (rawText.length > MAX_SCENARIO_CHARS) {
        // Refused before any work on the text: its size is the problem.
        const r = scenarioParseJob(rawText).result();
        done = { ok: false, problems: r.ok ? [] : r.errors.map((e) => ({ line: 1, range: problemRange([''], 1), message: e.message })) };
        return;
      }
      text = normalizeText(rawText);
      if (text.trim() === '') {
        done = { ok: false, problems: [{ line: 1, range: problemRange([''], 1), message: texts.emptyFile }] };
        return;
      }
      index = new LineIndex(text);
      parse = scenarioParseJob(text);
      return;
    }
    if (parsed === null) {
      if (!parse.advance(PARSE_SLICE)) return;
      const r = parse.result();
      if (!r.ok) {
        // In file order, so "the first error" is the first one the reader meets.
        const errors = r.errors.slice().sort((a, b) => a.line - b.line || a.column - b.column);
        const shown = errors.slice(0, MAX_REPORTED_PROBLEMS).map(fromError);
        shown.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startCharacter - b.range.startCharacter);
        const more = errors.length - shown.length;
        if (more > 0 && texts.moreProblems) shown.push({ ...shown[shown.length - 1], message: texts.moreProblems(more) });
        done = { ok: false, problems: shown };
        return;
      }
      parsed = r;
      sim = simulatorForScenario(r.scenario, false);
      return;
    }
    const world = sim as Simulator;
    const steps = parsed.scenario.steps;
    const until = world.eventCount + RUN_SLICE_EVENTS;
    while (next < steps.length && world.eventCount < until) {
      try {
        world.apply(steps[next]);
        const tooLong = eventLimitProblem(world.eventCount);
        if (tooLong !== null) throw new StepError(tooLong);
      } catch (e) {
        if (!(e instanceof StepError)) throw e;
        done = { ok: false, problems: [lineProblem(parsed.stepLines[next] ?? 1, `steps[${next}]: ${e.message}`)] };
        return;
      }
      next++;
    }
    if (next >= steps.length) done = { ok: true, scenario: parsed.scenario };
  };

  return {
    advance(): boolean {
      if (done) return true;
      try {
        step();
      } catch (e) {
        // A bug in the simulator, or a stack too small for what the text holds.
        const message = e instanceof RangeError ? texts.nestedTooDeeply : texts.checkFailed(e instanceof Error ? e.message : String(e));
        done = { ok: false, problems: [problem(1, message)] };
      }
      return done !== null;
    },
    result(): ScenarioCheck {
      while (!this.advance()) {
        // Runs to the end.
      }
      return done as ScenarioCheck;
    },
  };
}

/** Checks a scenario text in one go (the CLI, tests). Never throws. */
export function checkScenarioText(rawText: string, texts: ScenarioTexts): ScenarioCheck {
  return scenarioCheckJob(rawText, texts).result();
}

/** What a time-sliced check needs from its host: a clock, a way to yield, and whether to give up. */
export interface SliceOptions {
  /** Milliseconds from any origin (the host's `performance.now`). */
  readonly now: () => number;
  /** Resolves after the host has had a turn (a macrotask, so other events run). */
  readonly pause: () => Promise<void>;
  /** Longest run of work between pauses, in milliseconds. */
  readonly sliceMs: number;
  /** True once the result is no longer wanted (the document changed or closed). */
  readonly cancelled?: () => boolean;
}

/**
 * Checks a scenario text without holding the host for more than about `sliceMs` at a time:
 * the work is done in bounded pieces and the host gets a turn between slices. Resolves to
 * null when cancelled. Never rejects.
 */
export async function checkScenarioTextSliced(rawText: string, texts: ScenarioTexts, options: SliceOptions): Promise<ScenarioCheck | null> {
  const job = scenarioCheckJob(rawText, texts);
  let sliceStart = options.now();
  for (;;) {
    if (options.cancelled?.()) return null;
    if (job.advance()) return job.result();
    if (options.now() - sliceStart >= options.sliceMs) {
      await options.pause();
      sliceStart = options.now();
    }
  }
}

/** The one-line summary of a failed check for a notification or tooltip: the first problem with its line. */
export function firstProblemSummary(problems: readonly ScenarioProblem[], texts: ScenarioTexts): string {
  const first = problems[0];
  return first ? texts.atLine(first.line, first.message) : '';
}

export interface LensSpec {
  readonly title: string;
  /** Whether the lens runs the play command (an invalid file's lens is a plain label). */
  readonly runs: boolean;
  readonly tooltip?: string;
}

/** The CodeLens at the top of a scenario file. */
export function lensFor(check: ScenarioCheck, texts: ScenarioTexts): LensSpec {
  if (check.ok) return { title: texts.playLens, runs: true, ...(check.scenario.title ? { tooltip: check.scenario.title } : {}) };
  return { title: texts.fixLens, runs: false, tooltip: firstProblemSummary(check.problems, texts) };
}

export interface PickEntry<T> {
  /** File name, e.g. `lost-syn.tcp.json`. */
  readonly label: string;
  /** Folder relative to the workspace, e.g. `scenarios`, or '' at the top. */
  readonly description: string;
  readonly item: T;
}

/** Quick-pick entries for scenario files given by workspace-relative paths (either separator), sorted by folder then name. */
export function pickEntries<T>(files: readonly { readonly relativePath: string; readonly item: T }[]): PickEntry<T>[] {
  return files
    .map(({ relativePath, item }) => {
      const p = relativePath.replace(/\\/g, '/');
      const slash = p.lastIndexOf('/');
      return { label: p.slice(slash + 1), description: slash < 0 ? '' : p.slice(0, slash), item };
    })
    .sort((a, b) => a.description.localeCompare(b.description) || a.label.localeCompare(b.label));
}

/** The path's last segment, for messages. */
export function baseName(path: string): string {
  const p = path.replace(/[\\/]+$/, '');
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

/**
 * Collapses bursts of calls per key into one call `delayMs` after the last; `cancel` drops a
 * pending call. The timer functions are parameters so tests can drive them.
 */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Debouncer<K> {
  private readonly pending = new Map<K, unknown>();

  constructor(
    private readonly delayMs: number,
    private readonly timers: Timers = REAL_TIMERS,
  ) {}

  schedule(key: K, fn: () => void): void {
    this.cancel(key);
    this.pending.set(
      key,
      this.timers.set(() => {
        this.pending.delete(key);
        fn();
      }, this.delayMs),
    );
  }

  cancel(key: K): void {
    if (!this.pending.has(key)) return;
    this.timers.clear(this.pending.get(key));
    this.pending.delete(key);
  }

  get size(): number {
    return this.pending.size;
  }

  dispose(): void {
    for (const t of this.pending.values()) this.timers.clear(t);
    this.pending.clear();
  }
}
