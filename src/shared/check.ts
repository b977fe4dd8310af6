/**
 * Small checks for validating what arrives from the webview. Every parser returns the
 * value or a one-line reason (a string); none throws.
 */

/** A message type's parser: the checked message, or a one-line reason it is not one. */
export type Parser<M> = (raw: Readonly<Record<string, unknown>>) => M | string;

/**
 * One parser per message type of a union: a type without a parser, or a parser for a type
 * that does not exist, does not compile.
 */
export type ParserTable<U extends { readonly type: string }> = { readonly [K in U['type']]: Parser<Extract<U, { readonly type: K }>> };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}

export function isUint32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
}

export function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000_000;
}

/** Ids of lessons, questions, options, fields and items: short, plain. */
export function isId(v: unknown): v is string {
  return typeof v === 'string' && /^[A-Za-z0-9_.-]{1,80}$/.test(v);
}

export function oneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}
