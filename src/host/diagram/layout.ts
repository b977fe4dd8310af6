/**
 * Where each state and transition of the textbook diagram sits, in a fixed design space
 * (the webview scales it). Opening at the top, active close on the left, passive close on
 * the right, as RFC 9293 figure 5 and most textbooks draw it.
 */
import type { StateId } from '../../core/tcp/states';

export type Point = readonly [number, number];
export type Anchor = 'start' | 'middle' | 'end';

export interface StateBox {
  readonly x: number;
  readonly y: number;
}

export interface EdgeRoute {
  /** Polyline from the source box's border to the target box's border. */
  readonly points: readonly Point[];
  /** Where the edge's short label sits, and how it is aligned. */
  readonly label: { readonly x: number; readonly y: number; readonly anchor: Anchor };
}

export const DESIGN = { width: 720, height: 790, boxWidth: 140, boxHeight: 36 } as const;

export const STATE_BOXES: Readonly<Record<StateId, StateBox>> = {
  CLOSED: { x: 360, y: 60 },
  LISTEN: { x: 360, y: 160 },
  'SYN-RECEIVED': { x: 130, y: 270 },
  'SYN-SENT': { x: 590, y: 270 },
  ESTABLISHED: { x: 360, y: 380 },
  'FIN-WAIT-1': { x: 130, y: 490 },
  'CLOSE-WAIT': { x: 590, y: 490 },
  'FIN-WAIT-2': { x: 130, y: 610 },
  CLOSING: { x: 360, y: 610 },
  'LAST-ACK': { x: 590, y: 610 },
  'TIME-WAIT': { x: 130, y: 730 },
};

/** Routes of the drawn transitions, by transition id (see TRANSITIONS in states.ts). */
export const EDGE_ROUTES: Readonly<Record<string, EdgeRoute>> = {
  'closed-listen': { points: [[345, 78], [345, 142]], label: { x: 338, y: 114, anchor: 'end' } },
  'listen-closed': { points: [[375, 142], [375, 78]], label: { x: 382, y: 114, anchor: 'start' } },
  'closed-syn-sent': { points: [[430, 68], [600, 68], [600, 252]], label: { x: 512, y: 84, anchor: 'middle' } },
  'syn-sent-closed': { points: [[640, 252], [640, 50], [430, 50]], label: { x: 535, y: 44, anchor: 'middle' } },
  'listen-syn-received': { points: [[300, 178], [170, 252]], label: { x: 228, y: 208, anchor: 'end' } },
  'syn-received-listen': { points: [[90, 252], [90, 160], [290, 160]], label: { x: 190, y: 152, anchor: 'middle' } },
  'listen-syn-sent': { points: [[420, 178], [550, 252]], label: { x: 492, y: 208, anchor: 'start' } },
  'syn-sent-syn-received': { points: [[520, 270], [200, 270]], label: { x: 360, y: 262, anchor: 'middle' } },
  'syn-sent-established': { points: [[580, 288], [420, 362]], label: { x: 508, y: 338, anchor: 'start' } },
  'syn-received-established': { points: [[140, 288], [300, 362]], label: { x: 212, y: 338, anchor: 'end' } },
  'syn-received-fin-wait-1': { points: [[80, 288], [80, 472]], label: { x: 74, y: 384, anchor: 'end' } },
  'established-fin-wait-1': { points: [[300, 398], [170, 472]], label: { x: 228, y: 448, anchor: 'end' } },
  'established-close-wait': { points: [[420, 398], [550, 472]], label: { x: 492, y: 448, anchor: 'start' } },
  'fin-wait-1-fin-wait-2': { points: [[110, 508], [110, 592]], label: { x: 104, y: 554, anchor: 'end' } },
  'fin-wait-1-closing': { points: [[190, 508], [320, 592]], label: { x: 262, y: 544, anchor: 'start' } },
  'fin-wait-1-time-wait': { points: [[160, 508], [235, 610], [180, 712]], label: { x: 244, y: 668, anchor: 'start' } },
  'fin-wait-2-time-wait': { points: [[130, 628], [130, 712]], label: { x: 124, y: 674, anchor: 'end' } },
  'closing-time-wait': { points: [[360, 628], [360, 730], [200, 730]], label: { x: 368, y: 684, anchor: 'start' } },
  'time-wait-closed': { points: [[60, 730], [30, 730], [30, 60], [290, 60]], label: { x: 130, y: 770, anchor: 'middle' } },
  'close-wait-last-ack': { points: [[590, 508], [590, 592]], label: { x: 598, y: 554, anchor: 'start' } },
  'last-ack-closed': { points: [[660, 610], [700, 610], [700, 30], [400, 30], [400, 42]], label: { x: 590, y: 650, anchor: 'middle' } },
};
