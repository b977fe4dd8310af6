/**
 * Shared pieces of the fuzz layer: fixed seeds and bounded runs, so that `npm test` is
 * deterministic and fast; a time budget as a guard on a slow machine; and the shapes of
 * hostile input (keys that name Object.prototype's members, deep nesting, odd numbers,
 * control characters and lone surrogates).
 */
import fc from 'fast-check';

/** Every property runs with a fixed seed, a bounded number of runs and a time budget. */
export function params(seed: number, numRuns: number): fc.Parameters<unknown> {
  return { seed, numRuns, interruptAfterTimeLimit: 15_000, markInterruptAsFailure: false };
}

export const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', ''];

/** Keys: ordinary ids and the ones that name Object.prototype's members. */
export const key = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 2, arbitrary: fc.constantFrom(...ODD_KEYS) });

/** Strings with control characters, lone surrogates and non-characters among ordinary text. */
export const oddString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.array(fc.constantFrom('\u0000', '\u0001', '\u001f', '\ud800', '\udfff', '\ufffe', '\uffff', '<', '&', '"', '%%', ';', '#', '\n', 'a', '中'), { maxLength: 12 }).map((a) => a.join('')),
);

/** Numbers JSON cannot hold and ones at the edges. */
export const oddNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 2 ** 32, 2 ** 53, Number.MAX_VALUE, 4294967295, 4294967296, 65535, 65536, 1_000_000, 1_000_001),
  fc.integer(),
);

/** Any JSON-ish value with odd keys, odd strings and odd numbers, objects built with own keys (as JSON.parse does). */
export const hostile: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    oddNumber,
    oddString,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((entries) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      return o;
    }),
  ),
})).value;

/** A value nested `depth` levels deep, built without recursion. */
export function deep(depth: number, leaf: unknown = 1): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Object.prototype still has no own enumerable keys and no unexpected members. */
export function prototypeIntact(): boolean {
  const probe: Record<string, unknown> = {};
  return Object.keys(Object.prototype).length === 0 && probe.polluted === undefined && probe.step === undefined && probe.due === undefined && Object.getPrototypeOf(probe) === Object.prototype;
}
