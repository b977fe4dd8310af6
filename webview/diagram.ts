/**
 * Draws the state diagram from the host's DiagramModel as SVG. Every state and drawn
 * transition is a focusable button with a spoken label. The component is driven by data:
 * selection, the current state and the last transition are set from outside, so later
 * features can animate it.
 */
import type { DiagramEdgeModel, DiagramModel, Selection } from '../src/shared/protocol';
import type { StateId } from '../src/shared/vocabulary';
import type { UiStrings } from '../src/shared/strings';
import { format, s } from './dom';

export interface DiagramHandlers {
  onSelect(selection: Selection): void;
}

export interface DiagramView {
  readonly element: SVGSVGElement;
  setSelection(selection: Selection | null): void;
  /** Marks an endpoint's current state and the edge it just took (used by the sandbox). */
  setHighlight(current: StateId | null, lastTransition: string | null): void;
  focus(selection: Selection): void;
  /** Keeps labels inside the drawing and sizes their backgrounds; call once it is visible. */
  layoutLabels(): void;
}

const DIRECTIONS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

/** The state nearest to `from` in a direction, within a 60-degree cone either side. */
export function neighbour(model: DiagramModel, from: StateId, key: string): StateId | null {
  const dir = DIRECTIONS[key];
  const origin = model.states.find((st) => st.id === from);
  if (!dir || !origin) return null;
  let best: StateId | null = null;
  let bestScore = Infinity;
  for (const st of model.states) {
    if (st.id === from) continue;
    const dx = st.x - origin.x;
    const dy = st.y - origin.y;
    const along = dx * dir[0] + dy * dir[1];
    const across = Math.abs(dx * dir[1] - dy * dir[0]);
    if (along <= 0 || across > along * 1.8) continue;
    // Ties (ESTABLISHED has SYN-SENT and CLOSE-WAIT equally far to its right) go to the
    // state further down the page, the way the story of a connection runs.
    const score = along + across * 2 - (st.y > origin.y ? 0.5 : 0);
    if (score < bestScore) {
      bestScore = score;
      best = st.id;
    }
  }
  return best;
}

function edgeLabelLines(edge: DiagramEdgeModel): string[] {
  return edge.text.label.split(' / ').map((part, i, all) => (i < all.length - 1 ? `${part} /` : part));
}

export interface DiagramOptions {
  /**
   * Interactive (the default): every state and arrow is a focusable button. Otherwise the
   * drawing is one image for assistive technology (the sandbox's small per-endpoint
   * diagrams, whose state is spoken elsewhere), and nothing in it takes focus.
   */
  readonly interactive?: boolean;
}

let diagramCount = 0;

export function renderDiagram(model: DiagramModel, strings: UiStrings, handlers: DiagramHandlers, options: DiagramOptions = {}): DiagramView {
  const interactive = options.interactive ?? true;
  const { width, height, boxWidth, boxHeight } = model;
  const svgEl = s('svg', {
    ...(interactive ? { id: 'state-diagram', role: 'group' } : { role: 'img' }),
    viewBox: `0 0 ${width} ${height}`,
    'aria-label': strings.diagramLabel,
  });
  // Marker ids must be unique in the document: several diagrams can be on one page.
  const markerPrefix = `arrow-${++diagramCount}`;

  const defs = s('defs');
  for (const variant of ['plain', 'active'] as const) {
    defs.append(
      s(
        'marker',
        { id: `${markerPrefix}-${variant}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', markerUnits: 'strokeWidth' },
        s('path', { d: 'M0,0 L10,5 L0,10 z', class: `arrowhead arrowhead-${variant}` }),
      ),
    );
  }
  svgEl.append(defs);

  const stateById = new Map(model.states.map((st) => [st.id, st]));
  const stateNodes = new Map<StateId, SVGGElement>();
  const edgeNodes = new Map<string, SVGGElement>();

  const activate = (selection: Selection) => (event: Event) => {
    event.preventDefault();
    handlers.onSelect(selection);
  };

  const statesGroup = s('g', { class: 'states' });
  for (const st of model.states) {
    const g = s(
      'g',
      interactive
        ? { class: 'state', 'data-state': st.id, tabindex: 0, role: 'button', 'aria-pressed': 'false', 'aria-label': format(strings.stateAria, { state: st.id, meaning: st.text.meaning }) }
        : { class: 'state', 'data-state': st.id },
    );
    g.append(
      s('rect', { class: 'state-box', x: st.x - boxWidth / 2, y: st.y - boxHeight / 2, width: boxWidth, height: boxHeight, rx: 6 }),
      s('text', { class: 'state-name', x: st.x, y: st.y, 'text-anchor': 'middle', 'dominant-baseline': 'central' }, st.id),
      // Shown only for the current state: a marker that does not rely on colour.
      s('circle', { class: 'state-current-mark', cx: st.x - boxWidth / 2 + 12, cy: st.y, r: 4 }),
    );
    if (interactive) g.addEventListener('click', activate({ kind: 'state', id: st.id }));
    if (interactive) g.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') activate({ kind: 'state', id: st.id })(event);
      const next = neighbour(model, st.id, event.key);
      if (next) {
        event.preventDefault();
        stateNodes.get(next)?.focus();
      }
    });
    stateNodes.set(st.id, g);
    statesGroup.append(g);
  }

  const edgesGroup = s('g', { class: 'edges' });
  for (const edge of model.edges) {
    if (edge.points.length < 2) continue;
    const from = stateById.get(edge.from);
    const to = stateById.get(edge.to);
    if (!from || !to) continue;
    const points = edge.points.map(([x, y]) => `${x},${y}`).join(' ');
    const g = s(
      'g',
      interactive
        ? { class: 'edge', 'data-transition': edge.id, tabindex: 0, role: 'button', 'aria-pressed': 'false', 'aria-label': format(strings.edgeAria, { from: edge.from, to: edge.to, label: edge.text.label }) }
        : { class: 'edge', 'data-transition': edge.id },
    );
    const line = s('polyline', { class: 'edge-line', points });
    line.style.setProperty('--marker-plain', `url(#${markerPrefix}-plain)`);
    line.style.setProperty('--marker-active', `url(#${markerPrefix}-active)`);
    g.append(s('polyline', { class: 'edge-hit', points }), line);
    if (edge.label) {
      const lines = edgeLabelLines(edge);
      const text = s('text', { class: 'edge-label-text', x: edge.label.x, y: edge.label.y, 'text-anchor': edge.label.anchor });
      lines.forEach((line, i) => text.append(s('tspan', { x: edge.label?.x ?? 0, dy: i === 0 ? `${-(lines.length - 1) * 0.55}em` : '1.1em' }, line)));
      g.append(s('g', { class: 'edge-label' }, s('rect', { class: 'edge-label-bg', rx: 3 }), text));
    }
    if (interactive) {
      g.addEventListener('click', activate({ kind: 'transition', id: edge.id }));
      g.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') activate({ kind: 'transition', id: edge.id })(event);
      });
    }
    edgeNodes.set(edge.id, g);
    edgesGroup.append(g);
  }

  // States first so that Tab visits them before the arrows, in reading order.
  svgEl.append(statesGroup, edgesGroup);

  const nodeFor = (sel: Selection): SVGGElement | undefined => (sel.kind === 'state' ? stateNodes.get(sel.id) : edgeNodes.get(sel.id));

  return {
    element: svgEl,
    setSelection(selection) {
      for (const [id, g] of stateNodes) {
        const on = selection?.kind === 'state' && selection.id === id;
        g.classList.toggle('selected', on);
        g.setAttribute('aria-pressed', String(on));
      }
      for (const [id, g] of edgeNodes) {
        const on = selection?.kind === 'transition' && selection.id === id;
        g.classList.toggle('selected', on);
        g.setAttribute('aria-pressed', String(on));
      }
      // Arrows touching a selected state are emphasised too.
      for (const edge of model.edges) {
        const g = edgeNodes.get(edge.id);
        if (!g) continue;
        const touches = selection?.kind === 'state' && (edge.from === selection.id || edge.to === selection.id);
        g.classList.toggle('related', Boolean(touches));
      }
    },
    setHighlight(current, lastTransition) {
      for (const [id, g] of stateNodes) g.classList.toggle('current', id === current);
      for (const [id, g] of edgeNodes) g.classList.toggle('last', id === lastTransition);
    },
    focus(selection) {
      nodeFor(selection)?.focus();
    },
    layoutLabels() {
      for (const g of edgeNodes.values()) {
        const text = g.querySelector<SVGTextElement>('.edge-label-text');
        const bg = g.querySelector<SVGRectElement>('.edge-label-bg');
        if (!text || !bg) continue;
        let box = text.getBBox();
        if (box.width === 0) continue;
        const margin = 4;
        const shift = box.x < margin ? margin - box.x : box.x + box.width > width - margin ? width - margin - (box.x + box.width) : 0;
        if (shift !== 0) {
          for (const node of [text, ...Array.from(text.querySelectorAll('tspan'))]) {
            node.setAttribute('x', String(Number(node.getAttribute('x')) + shift));
          }
          box = text.getBBox();
        }
        bg.setAttribute('x', String(box.x - 3));
        bg.setAttribute('y', String(box.y - 1));
        bg.setAttribute('width', String(box.width + 6));
        bg.setAttribute('height', String(box.height + 2));
      }
    },
  };
}
