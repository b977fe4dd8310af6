/**
 * A small JSON parser that also records where each value starts and ends (offsets, and
 * 1-based line and column on demand), so scenario errors can point at the bad step and an
 * editor can mark it without scanning lines again. Accepts exactly JSON (RFC 8259); a
 * byte-order mark at the start is skipped.
 *
 * It never recurses (an explicit stack), nests at most `maxDepth` levels, reads strings in
 * linear time, and can be run a slice at a time (`advance`), so that a caller with a time
 * budget can pause between slices. Objects have no prototype, so keys such as `__proto__`,
 * `constructor` and `prototype` are kept as the text has them.
 */

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Where a value is in the text: offsets, end exclusive; `keyStart` is its property name's opening quote. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly keyStart?: number;
}

export interface LocatedJson {
  readonly value: unknown;
  /** Start of each value by path: '' is the root, 'steps' the steps array, 'steps.3' a step, 'steps.3.bytes' a field. */
  readonly positions: ReadonlyMap<string, Position>;
  /** Offsets of each value by path, as `positions`. */
  readonly spans: ReadonlyMap<string, Span>;
  /** Line and column (1-based) of an offset. */
  position(offset: number): Position;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    /** The text is JSON, but nests deeper than the parser's limit. */
    readonly tooDeep = false,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** Deep enough for any JSON a person writes; a caller may lower it. */
export const DEFAULT_MAX_DEPTH = 512;

interface Frame {
  readonly array: boolean;
  readonly value: unknown[] | Record<string, unknown>;
  readonly path: string;
  readonly start: number;
  readonly keyStart: number | undefined;
  key: string;
  keyAt: number;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

type Expect = 'value' | 'after' | 'key' | 'end';

/** A parse that can be run in slices: `advance(n)` reads about n more characters. */
export class LocatedJsonParser {
  private i: number;
  private readonly lineStarts: number[] = [0];
  private readonly stack: Frame[] = [];
  private readonly spansMap = new Map<string, Span>();
  private expect: Expect = 'value';
  private root: unknown = undefined;
  private finished = false;

  constructor(
    private readonly text: string,
    private readonly maxDepth = DEFAULT_MAX_DEPTH,
  ) {
    this.i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) this.lineStarts.push(k + 1);
  }

  position(offset: number): Position {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  /** Parses on for about `work` characters (at least one token). True once the whole text is read. Throws JsonSyntaxError. */
  advance(work: number): boolean {
    if (this.finished) return true;
    const stop = this.i + Math.max(1, work);
    const text = this.text;
    while (this.i < stop || this.expect === 'end') {
      this.ws();
      switch (this.expect) {
        case 'value':
          this.value();
          break;
        case 'key':
          this.key();
          break;
        case 'after':
          this.after();
          break;
        case 'end':
          if (this.i < text.length) this.fail(`unexpected ${this.what()} after the end of the JSON value`);
          this.finished = true;
          return true;
      }
    }
    return false;
  }

  result(): LocatedJson {
    while (!this.advance(Number.MAX_SAFE_INTEGER)) {
      // Reads to the end.
    }
    const spans = this.spansMap;
    const position = (offset: number) => this.position(offset);
    let positions: Map<string, Position> | null = null;
    return {
      value: this.root,
      // Made on first use: the scenario reader needs only the offsets.
      get positions(): ReadonlyMap<string, Position> {
        if (positions === null) {
          positions = new Map();
          for (const [path, span] of spans) positions.set(path, position(span.start));
        }
        return positions;
      },
      spans,
      position,
    };
  }

  /** Where the value being read now goes: its path and its property name's offset. */
  private slot(): { path: string; keyStart: number | undefined } {
    const top = this.stack[this.stack.length - 1];
    if (!top) return { path: '', keyStart: undefined };
    const k = top.array ? String((top.value as unknown[]).length) : top.key;
    return { path: top.path === '' ? k : `${top.path}.${k}`, keyStart: top.array ? undefined : top.keyAt };
  }

  private value(): void {
    const text = this.text;
    const start = this.i;
    const c = text.charCodeAt(start);
    const { path, keyStart } = this.slot();
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (this.stack.length >= this.maxDepth) {
        const p = this.position(start);
        throw new JsonSyntaxError(`the JSON nests deeper than ${this.maxDepth} levels, the limit`, p.line, p.column, true);
      }
      const array = c === 0x5b;
      this.i++;
      const frame: Frame = { array, value: array ? [] : (Object.create(null) as Record<string, unknown>), path, start, keyStart, key: '', keyAt: 0 };
      this.stack.push(frame);
      this.ws();
      if (text.charCodeAt(this.i) === (array ? 0x5d : 0x7d)) {
        this.i++;
        this.stack.pop();
        this.complete(frame.value, path, start, keyStart);
        return;
      }
      this.expect = array ? 'value' : 'key';
      return;
    }
    let v: unknown;
    if (c === 0x22) v = this.string();
    else if (text.startsWith('true', start)) {
      this.i += 4;
      v = true;
    } else if (text.startsWith('false', start)) {
      this.i += 5;
      v = false;
    } else if (text.startsWith('null', start)) {
      this.i += 4;
      v = null;
    } else {
      NUMBER.lastIndex = start;
      const m = NUMBER.exec(text);
      if (!m || m[0].length === 0) this.fail(`expected a value, found ${this.what()}`);
      this.i += (m as RegExpExecArray)[0].length;
      v = Number((m as RegExpExecArray)[0]);
    }
    this.complete(v, path, start, keyStart);
  }

  private complete(v: unknown, path: string, start: number, keyStart: number | undefined): void {
    this.spansMap.set(path, keyStart === undefined ? { start, end: this.i } : { start, end: this.i, keyStart });
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.root = v;
      this.expect = 'end';
      return;
    }
    if (top.array) (top.value as unknown[]).push(v);
    else (top.value as Record<string, unknown>)[top.key] = v;
    this.expect = 'after';
  }

  private key(): void {
    const text = this.text;
    const top = this.stack[this.stack.length - 1];
    if (text.charCodeAt(this.i) !== 0x22) this.fail(`expected a property name in double quotes, found ${this.what()}`);
    const at = this.i;
    const key = this.string();
    this.ws();
    if (text.charCodeAt(this.i) !== 0x3a) this.fail(`expected ":" after property name "${key}", found ${this.what()}`);
    this.i++;
    if (Object.prototype.hasOwnProperty.call(top.value, key)) this.fail(`property "${key}" appears twice`);
    top.key = key;
    top.keyAt = at;
    this.expect = 'value';
  }

  private after(): void {
    const text = this.text;
    const top = this.stack[this.stack.length - 1];
    const c = text.charCodeAt(this.i);
    if (c === 0x2c) {
      this.i++;
      this.expect = top.array ? 'value' : 'key';
      if (!top.array) this.ws();
      return;
    }
    if (c === (top.array ? 0x5d : 0x7d)) {
      this.i++;
      this.stack.pop();
      this.complete(top.value, top.path, top.start, top.keyStart);
      return;
    }
    this.fail(top.array ? `expected "," or "]" after an array element, found ${this.what()}` : `expected "," or "}" after a property value, found ${this.what()}`);
  }

  /** A string starting at the opening quote; copies runs between escapes in one slice each. */
  private string(): string {
    const text = this.text;
    const start = this.i;
    let k = start + 1;
    let run = k;
    let out = '';
    for (;;) {
      if (k >= text.length) this.fail('unterminated string', start);
      const c = text.charCodeAt(k);
      if (c === 0x22) {
        this.i = k + 1;
        return out + text.slice(run, k);
      }
      if (c === 0x5c) {
        out += text.slice(run, k);
        const e = text[k + 1];
        if (e !== undefined && SIMPLE_ESCAPES[e] !== undefined) {
          out += SIMPLE_ESCAPES[e];
          k += 2;
        } else if (e === 'u') {
          const hex = text.slice(k + 2, k + 6);
          if (!HEX4.test(hex)) this.fail('bad \\u escape in string', k);
          out += String.fromCharCode(parseInt(hex, 16));
          k += 6;
        } else {
          this.fail('bad escape in string', k);
        }
        run = k;
        continue;
      }
      if (c < 0x20) this.fail('control character in string (use \\n, \\t...)', k);
      k++;
    }
  }

  private ws(): void {
    const text = this.text;
    let i = this.i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
    this.i = i;
  }

  private what(): string {
    return this.i >= this.text.length ? 'the end of the file' : JSON.stringify(this.text[this.i]);
  }

  private fail(message: string, at = this.i): never {
    const p = this.position(Math.min(at, this.text.length));
    throw new JsonSyntaxError(message, p.line, p.column);
  }
}

/** Parses the whole text at once. Throws JsonSyntaxError (never a RangeError, however deep the text). */
export function parseLocated(text: string, maxDepth = DEFAULT_MAX_DEPTH): LocatedJson {
  return new LocatedJsonParser(text, maxDepth).result();
}
