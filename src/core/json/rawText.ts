/**
 * JSON text for a value read from storage, without recursion: the same text as
 * `JSON.stringify` for any JSON value, however deeply nested (where `JSON.stringify` throws
 * RangeError). A value that refers to itself, which no stored text can hold, has each
 * back-reference written as the string "[circular: path]" (the path of the value it refers to) so that the rest is still kept.
 * Never throws. Used to keep an unreadable record exactly as it was stored.
 */

type Task = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'value'; readonly value: unknown; readonly path: string; readonly inArray: boolean } | { readonly kind: 'leave'; readonly value: object };

function scalar(value: unknown, inArray: boolean): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(String(value));
    case 'undefined':
    case 'function':
    case 'symbol':
      // As JSON.stringify: left out of objects, null in arrays.
      return inArray ? 'null' : undefined;
    default:
      return undefined;
  }
}

/** `JSON.stringify(value)` without a call stack limit, cycles named. '' for a value JSON has no text for. */
export function rawText(value: unknown): string {
  try {
    const out: string[] = [];
    const open = new Map<object, string>();
    const stack: Task[] = [{ kind: 'value', value, path: '$', inArray: true }];
    while (stack.length > 0) {
      const task = stack.pop() as Task;
      if (task.kind === 'text') {
        out.push(task.text);
        continue;
      }
      if (task.kind === 'leave') {
        open.delete(task.value);
        continue;
      }
      const v = task.value;
      if (typeof v !== 'object' || v === null) {
        out.push(scalar(v, true) ?? 'null');
        continue;
      }
      if (open.has(v)) {
        out.push(JSON.stringify(`[circular: ${open.get(v) ?? '$'}]`));
        continue;
      }
      const toJson = (v as { toJSON?: unknown }).toJSON;
      if (typeof toJson === 'function') {
        stack.push({ kind: 'value', value: (toJson as () => unknown).call(v), path: task.path, inArray: task.inArray });
        continue;
      }
      open.set(v, task.path);
      // Pushed in reverse, so that they are written in order.
      const parts: Task[] = [];
      if (Array.isArray(v)) {
        parts.push({ kind: 'text', text: '[' });
        for (let i = 0; i < v.length; i++) {
          if (i > 0) parts.push({ kind: 'text', text: ',' });
          parts.push({ kind: 'value', value: v[i], path: `${task.path}[${i}]`, inArray: true });
        }
        parts.push({ kind: 'text', text: ']' });
      } else {
        parts.push({ kind: 'text', text: '{' });
        let first = true;
        for (const key of Object.keys(v)) {
          const item = (v as Record<string, unknown>)[key];
          if (typeof item !== 'object' || item === null) {
            const s = scalar(item, false);
            if (s === undefined) continue;
            parts.push({ kind: 'text', text: `${first ? '' : ','}${JSON.stringify(key)}:${s}` });
          } else {
            parts.push({ kind: 'text', text: `${first ? '' : ','}${JSON.stringify(key)}:` });
            parts.push({ kind: 'value', value: item, path: `${task.path}.${key}`, inArray: false });
          }
          first = false;
        }
        parts.push({ kind: 'text', text: '}' });
      }
      parts.push({ kind: 'leave', value: v });
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
    }
    return out.join('');
  } catch (e) {
    // A getter that throws, a proxy: say so rather than lose the reason.
    return JSON.stringify(`[unreadable: ${e instanceof Error ? e.message : String(e)}]`);
  }
}
