/**
 * Builds the diagram the webview draws from the simulator's state table, the textbook
 * layout and the learner's language. Pure: no `vscode` import.
 */
import type { DiagramModel } from '../../shared/protocol';
import type { DiagramText } from '../../i18n/types';
import { STATES, TRANSITIONS } from '../../core/tcp/states';
import { DESIGN, EDGE_ROUTES, STATE_BOXES } from './layout';

export function buildDiagramModel(text: DiagramText): DiagramModel {
  return {
    width: DESIGN.width,
    height: DESIGN.height,
    boxWidth: DESIGN.boxWidth,
    boxHeight: DESIGN.boxHeight,
    states: STATES.map((s) => ({
      id: s.id,
      x: STATE_BOXES[s.id].x,
      y: STATE_BOXES[s.id].y,
      netstat: s.netstat,
      ss: s.ss,
      roles: s.roles,
      text: text.states[s.id],
    })),
    edges: TRANSITIONS.map((t) => {
      const route = t.drawn ? EDGE_ROUTES[t.id] : undefined;
      const transitionText = text.transitions[t.id];
      if (!transitionText) throw new Error(`no text for transition ${t.id}`);
      return {
        id: t.id,
        from: t.from,
        to: t.to,
        sends: t.sends,
        origin: t.origin,
        points: route ? route.points : [],
        label: route ? route.label : null,
        text: transitionText,
      };
    }),
    roleNames: text.roles,
  };
}
