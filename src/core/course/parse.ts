/**
 * Forgiving parsing of what learners type: numbers and "x+1"-style expressions (full-width
 * digits and punctuation, spaces, upper case, "seq=" labels, Chinese commas) and state names
 * in RFC, netstat or ss spelling.
 */
import { STATES, type StateId } from '../tcp/states';

/** NFKC folds full-width digits, letters, ＋ ＝ ， ； ： into ASCII; the rest by hand. */
export function normalizeInput(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u2212\u2013\u2014\uFE63]/g, '-') // minus sign, dashes
    .replace(/[\u3001\u3002\uFF64]/g, ',') // 、 。 ､
    .replace(/[\u200B\uFEFF]/g, '')
    .trim()
    .toLowerCase();
}

/** A linear expression: sum of coefficient×symbol plus a constant. */
export interface Linear {
  readonly terms: Readonly<Record<string, number>>;
  readonly constant: number;
}

/**
 * Parses "x+1", "1 + x", "y+1-0", "301", "-5" into a linear form. Symbols must be among
 * `symbols` (lower-case); returns null for anything else. Implicit products ("2x") are read.
 */
export function parseLinear(raw: string, symbols: readonly string[]): Linear | null {
  const n = normalizeInput(raw);
  if (/[0-9a-z]\s+[0-9a-z]/.test(n)) return null; // "1 2", "x 1": two values, not one
  const s = n.replace(/\s+/g, '');
  if (s.length === 0) return null;
  const allowed = new Set(symbols.map((x) => x.toLowerCase()));
  const terms: Record<string, number> = {};
  let constant = 0;
  const re = /([+-]?)(\d+)?(?:\*?([a-z][a-z0-9]*))?/y;
  let pos = 0;
  let first = true;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m || m[0].length === 0) return null;
    const [, sign, digits, symbol] = m;
    if (!first && sign === '') return null;
    if (digits === undefined && symbol === undefined) return null;
    const k = (sign === '-' ? -1 : 1) * (digits !== undefined ? Number(digits) : 1);
    if (!Number.isSafeInteger(k)) return null;
    if (symbol !== undefined) {
      if (!allowed.has(symbol)) return null;
      terms[symbol] = (terms[symbol] ?? 0) + k;
    } else {
      constant += k;
    }
    pos = re.lastIndex;
    first = false;
  }
  for (const key of Object.keys(terms)) if (terms[key] === 0) delete terms[key];
  return { terms, constant };
}

export function sameLinear(a: Linear, b: Linear): boolean {
  if (a.constant !== b.constant) return false;
  const ka = Object.keys(a.terms);
  const kb = Object.keys(b.terms);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => a.terms[k] === b.terms[k]);
}

export function formatLinear(l: Linear): string {
  const parts: string[] = [];
  for (const [sym, k] of Object.entries(l.terms).sort(([a], [b]) => a.localeCompare(b))) {
    const mag = Math.abs(k) === 1 ? sym : `${Math.abs(k)}${sym}`;
    parts.push(parts.length === 0 ? (k < 0 ? `-${mag}` : mag) : k < 0 ? `-${mag}` : `+${mag}`);
  }
  if (l.constant !== 0 || parts.length === 0) {
    const c = Math.abs(l.constant);
    parts.push(parts.length === 0 ? String(l.constant) : l.constant < 0 ? `-${c}` : `+${c}`);
  }
  return parts.join('');
}

/** Labels learners put before a value, per field id. */
const FIELD_ALIASES: Readonly<Record<string, readonly string[]>> = {
  seq: ['seq', 'sn', 'sequence', 'seqno', '序号', '序列号', '顺序号'],
  ack: ['ack', 'an', 'acknowledgment', 'acknowledgement', 'ackno', '确认号', '确认序号'],
};

export function fieldAliases(fieldId: string): readonly string[] {
  return [fieldId.toLowerCase(), ...(FIELD_ALIASES[fieldId.toLowerCase()] ?? [])];
}

const LABEL = /^([a-z\u4e00-\u9fff][a-z0-9.\u4e00-\u9fff]*)\s*[=:]\s*(.*)$/s;

/** Splits "seq=x+1, ack=y+1" (or "x+1，y+1") into labelled or positional parts. */
export function splitValues(raw: string): { label: string | null; value: string }[] {
  const s = normalizeInput(raw);
  let parts = s
    .split(/[,;\n]+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 1) {
    // "seq=x+1 ack=y+1": split before each further label.
    parts = parts[0]
      .split(/\s+(?=[a-z\u4e00-\u9fff][a-z0-9.\u4e00-\u9fff]*\s*[=:])/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    if (parts.length === 1 && !LABEL.test(parts[0])) {
      // "x+1 y+1" or "x + 1  y + 1": two values separated by a space.
      parts = parts[0].replace(/\s*([+-])\s*/g, '$1').split(/\s+/);
    }
  }
  return parts.map((p) => {
    const m = LABEL.exec(p);
    return m ? { label: m[1], value: m[2].trim() } : { label: null, value: p };
  });
}

/** Strips a leading "seq=" / "序号：" from one field's value. */
export function stripLabel(raw: string): string {
  const s = normalizeInput(raw);
  const m = LABEL.exec(s);
  return m ? m[2].trim() : s;
}

const squash = (s: string): string => s.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');

const STATE_ALIASES: ReadonlyMap<string, StateId> = (() => {
  const map = new Map<string, StateId>();
  for (const st of STATES) {
    map.set(squash(st.id), st.id);
    map.set(squash(st.netstat), st.id);
    if (st.ss !== 'UNCONN') map.set(squash(st.ss), st.id);
  }
  // Spellings from textbooks and blog posts.
  const extra: [string, StateId][] = [
    ['SYN_RCVD', 'SYN-RECEIVED'],
    ['SYN_SEND', 'SYN-SENT'],
    ['CLOSED', 'CLOSED'],
    ['ESTABLISED', 'ESTABLISHED'],
    ['TIMED_WAIT', 'TIME-WAIT'],
  ];
  for (const [k, v] of extra) map.set(squash(k), v);
  return map;
})();

/** "SYN_RECV", "fin_wait1", "Time-Wait", "ESTAB" → the RFC state id; null if unknown. */
export function parseStateName(raw: string): StateId | null {
  return STATE_ALIASES.get(squash(raw)) ?? null;
}
