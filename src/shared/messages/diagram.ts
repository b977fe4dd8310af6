/** The state diagram: drawn from the init message; the webview reports what is selected. */
import type { Selection } from '../models/diagram';
import type { ParserTable } from '../check';
import { describe, isRecord, oneOf } from '../check';
import { TRANSITION_IDS, isStateId } from '../vocabulary';

export type FromDiagramMessage = { readonly type: 'diagram/selected'; readonly selection: Selection | null };

export const DIAGRAM_PARSERS: ParserTable<FromDiagramMessage> = {
  'diagram/selected': (raw) => {
    const selection = parseSelection(raw.selection);
    return typeof selection === 'string' ? selection : { type: 'diagram/selected', selection };
  },
};

/** A selection, or a one-line reason why the value is not one. */
export function parseSelection(selection: unknown): Selection | null | string {
  if (selection === null) return null;
  if (!isRecord(selection)) return `selection must be an object or null, got ${describe(selection)}`;
  if (selection.kind === 'state') {
    if (!isStateId(selection.id)) return `unknown state ${describe(selection.id)}`;
    return { kind: 'state', id: selection.id };
  }
  if (selection.kind === 'transition') {
    if (!oneOf(TRANSITION_IDS, selection.id)) return `unknown transition ${describe(selection.id)}`;
    return { kind: 'transition', id: selection.id };
  }
  return `selection.kind must be "state" or "transition", got ${describe(selection.kind)}`;
}
