/**
 * A small JSON parser that also records where each value starts (1-based line and
 * column), so scenario errors can point at the line of the bad step. Accepts exactly
 * JSON (RFC 8259); a byte-order mark at the start is skipped.
 */

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface LocatedJson {
  readonly value: unknown;
  /** Start of each value by path: '' is the root, 'steps' the steps array, 'steps.3' a step, 'steps.3.bytes' a field. */
  readonly positions: ReadonlyMap<string, Position>;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export function parseLocated(text: string): LocatedJson {
  const positions = new Map<string, Position>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Line starts, for offset -> line/column.
  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) lineStarts.push(k + 1);
  const pos = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  const fail = (message: string, at = i): never => {
    const p = pos(Math.min(at, text.length));
    throw new JsonSyntaxError(message, p.line, p.column);
  };
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const what = () => (i >= text.length ? 'the end of the file' : JSON.stringify(text[i]));

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          i += 2;
          continue;
        }
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape in string');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        fail('bad escape in string');
      }
      if (text.charCodeAt(i) < 0x20) fail('control character in string (use \\n, \\t...)');
      out += c;
      i++;
    }
  };

  const parseValue = (path: string): unknown => {
    ws();
    positions.set(path, pos(i));
    const c = text[i];
    const child = (k: string | number) => (path === '' ? String(k) : `${path}.${k}`);
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${what()}`);
        const key = parseString();
        ws();
        if (text[i] !== ':') fail(`expected ":" after property name "${key}", found ${what()}`);
        i++;
        if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`property "${key}" appears twice`);
        Object.defineProperty(obj, key, { value: parseValue(child(key)), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`expected "," or "}" after a property value, found ${what()}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(child(arr.length)));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(`expected "," or "]" after an array element, found ${what()}`);
      }
    }
    if (c === '"') return parseString();
    const rest = text.slice(i, i + 5);
    if (rest.startsWith('true')) {
      i += 4;
      return true;
    }
    if (rest.startsWith('false')) {
      i += 5;
      return false;
    }
    if (rest.startsWith('null')) {
      i += 4;
      return null;
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (m && m[0].length > 0) {
      i += m[0].length;
      return Number(m[0]);
    }
    return fail(`expected a value, found ${what()}`);
  };

  const value = parseValue('');
  ws();
  if (i < text.length) fail(`unexpected ${what()} after the end of the JSON value`);
  return { value, positions };
}
