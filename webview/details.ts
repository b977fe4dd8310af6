/** The panel that explains the selected state or transition. */
import type { DiagramEdgeModel, DiagramModel, Selection } from '../src/shared/protocol';
import type { TransitionOrigin } from '../src/shared/vocabulary';
import type { UiStrings, UiKey } from '../src/shared/strings';
import { format, h } from './dom';

const ORIGIN_KEYS: Readonly<Record<TransitionOrigin, UiKey>> = {
  standard: 'originStandard',
  implementation: 'originImplementation',
  'two-way-handshake': 'originTwoWay',
  'no-time-wait': 'originNoTimeWait',
};

export function originName(strings: UiStrings, origin: TransitionOrigin): string {
  return strings[ORIGIN_KEYS[origin]];
}

function field(label: string, value: Node | string, id?: string): Node[] {
  return [h('dt', {}, label), h('dd', id ? { id } : {}, value)];
}

/** A button that selects a state or transition (used for cross-links). */
export function linkButton(label: string, selection: Selection, onSelect: (s: Selection) => void, extraClass = ''): HTMLButtonElement {
  const b = h('button', { type: 'button', class: `link ${extraClass}`.trim(), 'data-select': `${selection.kind}:${selection.id}` }, label);
  b.addEventListener('click', () => onSelect(selection));
  return b;
}

function edgeList(title: string, edges: readonly DiagramEdgeModel[], strings: UiStrings, onSelect: (s: Selection) => void): Node | null {
  if (edges.length === 0) return null;
  return h(
    'div',
    { class: 'edge-list' },
    h('h3', {}, title),
    h(
      'ul',
      {},
      ...edges.map((e) =>
        h(
          'li',
          {},
          linkButton(`${e.from} → ${e.to}`, { kind: 'transition', id: e.id }, onSelect),
          ' ',
          h('span', { class: 'muted' }, e.text.label),
          e.origin === 'standard' ? null : h('span', { class: 'tag' }, originName(strings, e.origin)),
        ),
      ),
    ),
  );
}

export function renderDetails(model: DiagramModel, strings: UiStrings, selection: Selection | null, onSelect: (s: Selection) => void): HTMLElement {
  const panel = h('section', { id: 'details', 'aria-labelledby': 'details-title' });
  if (!selection) {
    panel.append(h('h2', { id: 'details-title' }, strings.detailsEmptyTitle), h('p', { class: 'intro' }, strings.intro));
    return panel;
  }
  if (selection.kind === 'state') {
    const st = model.states.find((x) => x.id === selection.id);
    if (!st) return renderDetails(model, strings, null, onSelect);
    const roles = h('span', { class: 'roles' }, ...st.roles.map((r) => h('span', { class: 'tag' }, model.roleNames[r])));
    panel.append(
      h('h2', { id: 'details-title' }, st.id),
      h('p', { class: 'meaning', id: 'details-meaning' }, st.text.meaning),
      h(
        'dl',
        {},
        ...field(strings.fieldWho, h('span', {}, st.text.who, ' ', roles)),
        ...field(strings.fieldEntered, st.text.entered),
        ...field(strings.fieldLeft, st.text.left),
        ...field(strings.fieldNetstat, h('code', {}, st.netstat), 'details-netstat'),
        ...field(strings.fieldSs, h('code', {}, st.ss), 'details-ss'),
        ...(st.text.note ? field(strings.fieldNote, st.text.note) : []),
      ),
    );
    const incoming = model.edges.filter((e) => e.to === st.id);
    const outgoing = model.edges.filter((e) => e.from === st.id);
    for (const list of [edgeList(strings.arrowsIn, incoming, strings, onSelect), edgeList(strings.arrowsOut, outgoing, strings, onSelect)]) {
      if (list) panel.append(list);
    }
    return panel;
  }
  const edge = model.edges.find((x) => x.id === selection.id);
  if (!edge) return renderDetails(model, strings, null, onSelect);
  panel.append(
    h('h2', { id: 'details-title' }, format(strings.transitionTitle, { from: edge.from, to: edge.to })),
    h('p', { class: 'meaning' }, edge.text.label),
    h(
      'dl',
      {},
      ...field(strings.fieldEvent, edge.text.event),
      ...field(strings.fieldSent, edge.text.sent),
      ...field(strings.fieldOrigin, originName(strings, edge.origin)),
      ...(edge.text.note ? field(strings.fieldNote, edge.text.note) : []),
    ),
    h(
      'p',
      { class: 'endpoints' },
      linkButton(edge.from, { kind: 'state', id: edge.from }, onSelect),
      ' → ',
      linkButton(edge.to, { kind: 'state', id: edge.to }, onSelect),
    ),
  );
  return panel;
}

/** The transitions that are real but not drawn, grouped by where they come from. */
export function renderNotDrawn(model: DiagramModel, strings: UiStrings, onSelect: (s: Selection) => void): HTMLElement {
  const hidden = model.edges.filter((e) => e.points.length === 0);
  const groups: [UiKey, (e: DiagramEdgeModel) => boolean][] = [
    ['notDrawnStandard', (e) => e.origin === 'standard'],
    ['notDrawnImplementation', (e) => e.origin === 'implementation'],
    ['notDrawnVariants', (e) => e.origin === 'two-way-handshake' || e.origin === 'no-time-wait'],
  ];
  const section = h('section', { id: 'not-drawn', 'aria-labelledby': 'not-drawn-title' }, h('h2', { id: 'not-drawn-title' }, strings.notDrawnTitle));
  for (const [key, test] of groups) {
    const list = edgeList(strings[key], hidden.filter(test), strings, onSelect);
    if (list) section.append(list);
  }
  return section;
}
