/** The state diagram as the webview draws it: boxes, edges and their text, laid out by the host. */
import type { Role, StateId, Flag, TransitionOrigin } from '../vocabulary';
import type { StateText, TransitionText } from '../strings';

export interface DiagramStateModel {
  readonly id: StateId;
  readonly x: number;
  readonly y: number;
  readonly netstat: string;
  readonly ss: string;
  readonly roles: readonly Role[];
  readonly text: StateText;
}

export interface DiagramEdgeModel {
  readonly id: string;
  readonly from: StateId;
  readonly to: StateId;
  readonly sends: readonly Flag[] | null;
  readonly origin: TransitionOrigin;
  /** Empty for edges described in words rather than drawn. */
  readonly points: readonly (readonly [number, number])[];
  readonly label: { readonly x: number; readonly y: number; readonly anchor: 'start' | 'middle' | 'end' } | null;
  readonly text: TransitionText;
}

export interface DiagramModel {
  readonly width: number;
  readonly height: number;
  readonly boxWidth: number;
  readonly boxHeight: number;
  readonly states: readonly DiagramStateModel[];
  readonly edges: readonly DiagramEdgeModel[];
  readonly roleNames: Readonly<Record<Role, string>>;
}

/** What the learner has selected on the diagram. */
export type Selection = { readonly kind: 'state'; readonly id: StateId } | { readonly kind: 'transition'; readonly id: string };
