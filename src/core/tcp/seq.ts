/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 3.4) and the flag bit masks.
 */
import type { Flag } from './states';

/** (a + n) mod 2^32. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** Signed distance a - b in sequence space (valid while |a - b| < 2^31). */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

export const SYN = 1;
export const FIN = 2;
export const RST = 4;
export const PSH = 8;
export const ACK = 16;

/** Canonical order of flags in a segment's `flags` array. */
export { FLAGS as FLAG_ORDER } from './vocabulary';
import { FLAGS as FLAG_ORDER } from './vocabulary';
const FLAG_BIT: Readonly<Record<Flag, number>> = { SYN, FIN, RST, PSH, ACK };

/** One frozen, shared array per combination, so segments carry no per-segment flag array. */
const FLAG_ARRAYS: readonly (readonly Flag[])[] = (() => {
  const out: (readonly Flag[])[] = [];
  for (let mask = 0; mask < 32; mask++) {
    out.push(Object.freeze(FLAG_ORDER.filter((f) => (mask & FLAG_BIT[f]) !== 0)));
  }
  return out;
})();

export function flagsOf(mask: number): readonly Flag[] {
  return FLAG_ARRAYS[mask & 31];
}

export function maskOf(flags: readonly Flag[]): number {
  let mask = 0;
  for (let i = 0; i < flags.length; i++) mask |= FLAG_BIT[flags[i]];
  return mask;
}

export function isFlag(value: unknown): value is Flag {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FLAG_BIT, value);
}

/** The canonical flags array for any order of the same flags. */
export function canonicalFlags(flags: readonly Flag[]): readonly Flag[] {
  return flagsOf(maskOf(flags));
}

/** "SYN,ACK" style label. */
export function flagLabel(flags: readonly Flag[]): string {
  return flags.length === 0 ? '(none)' : flags.join(',');
}
