/**
 * The webview's entry point. It renders what the host sends and reports the learner's
 * intents; it decides nothing about TCP and holds no text of its own.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { CourseModel, HostMessage, InitMessage, LabModel, LanguageSetting, SandboxModel, SavedViewState, Selection, TabId, WebviewMessage } from '../src/shared/protocol';
import { LANGUAGE_SETTINGS, TAB_IDS } from '../src/shared/protocol';
import type { SandboxView, Speed } from './sandbox';
import { renderSandbox } from './sandbox';
import type { CourseView } from './course';
import { renderCourse } from './course';
import { ZOOM_STEPS } from '../src/shared/viewConstants';
import type { DiagramView } from './diagram';
import { renderDiagram } from './diagram';
import { renderDetails, renderNotDrawn } from './details';
import type { ConnectionsView } from './connections';
import { renderConnections } from './connections';
import { ce, format, h } from './dom';
import { wrapTabHeaders } from './tabsWrap';
import type { LabView } from './lab/labView';
import { lessonTwinButton, renderLab } from './lab/labView';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/**
 * What survives hiding the view and reloading the window: kept with setState, and also by
 * the host, because a webview view's own state does not survive a window reload.
 */
type ViewState = SavedViewState & { readonly speed?: Speed };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

/** The webview's own saved state, or null when it has none (the host's copy is used then). */
function loadOwnState(): ViewState | null {
  const raw = vscode.getState() as Partial<ViewState> | undefined | null;
  if (!raw || typeof raw !== 'object') return null;
  const selection = typeof raw.selection === 'object' ? (raw.selection ?? null) : null;
  const zoom = raw.zoom === 'fit' || (typeof raw.zoom === 'number' && ZOOM_STEPS.includes(raw.zoom)) ? raw.zoom : 'fit';
  // Records kept before the sandbox existed have no tab: they showed the diagram.
  const tab: TabId = raw.tab === undefined ? 'diagram' : (TAB_IDS as readonly unknown[]).includes(raw.tab) ? raw.tab : 'course';
  const speed: Speed = raw.speed === 'off' || raw.speed === 'slow' || raw.speed === 'fast' ? raw.speed : 'normal';
  return { selection, zoom, tab, speed };
}

const ownState = loadOwnState();
let state: ViewState = ownState ?? { selection: null, zoom: 'fit', tab: 'course', speed: 'normal' };
let sandbox: SandboxView | null = null;
let pendingSandbox: SandboxModel | null = null;
let course: CourseView | null = null;
/** The last course model, and the lesson sandbox with every row so far: redrawn after a new init. */
let courseModel: CourseModel | null = null;
let lessonSandbox: SandboxModel | null = null;
let firstInit = true;
let current: InitMessage | null = null;
let diagram: DiagramView | null = null;
let resizeObserver: ResizeObserver | null = null;
let lab: LabView | null = null;
let labModel: LabModel | null = null;
let connections: ConnectionsView | null = null;

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function save(): void {
  vscode.setState(state);
  post({ type: 'saveViewState', state: { selection: state.selection, zoom: state.zoom, tab: state.tab } });
}

function showTab(tab: TabId): void {
  state = { ...state, tab };
  save();
  const tabs = document.getElementById('tabs') as (HTMLElement & { selectedIndex: number }) | null;
  if (tabs) tabs.selectedIndex = Math.max(0, TAB_IDS.indexOf(tab));
  // A drawing made while hidden has no measurements: lay it out now.
  if (tab === 'diagram') requestAnimationFrame(() => diagram?.layoutLabels());
  connections?.setVisible(tab === 'connections' && document.visibilityState === 'visible');
}

function announce(text: string): void {
  const live = document.getElementById('announcer');
  if (live) live.textContent = text;
}

function select(selection: Selection | null, options: { focusDiagram?: boolean } = {}): void {
  state = { ...state, selection };
  save();
  post({ type: 'diagram/selected', selection });
  if (!current) return;
  diagram?.setSelection(selection);
  const old = document.getElementById('details');
  const fresh = renderDetails(current.diagram, current.strings, selection, (s) => select(s, { focusDiagram: true }));
  old?.replaceWith(fresh);
  const strings = current.strings;
  if (selection) {
    const name = selection.kind === 'state' ? selection.id : (document.getElementById('details-title')?.textContent ?? selection.id);
    announce(format(strings.announceSelected, { name }));
    if (options.focusDiagram) diagram?.focus(selection);
  } else {
    announce(strings.announceCleared);
  }
}

function applyZoom(): void {
  const svgEl = diagram?.element;
  const status = document.getElementById('zoom-status');
  if (!svgEl || !current) return;
  const pane = svgEl.parentElement;
  pane?.classList.toggle('fit', state.zoom === 'fit');
  if (state.zoom === 'fit') {
    svgEl.removeAttribute('width');
    svgEl.removeAttribute('height');
  } else {
    svgEl.setAttribute('width', String(Math.round(current.diagram.width * state.zoom)));
    svgEl.setAttribute('height', String(Math.round(current.diagram.height * state.zoom)));
  }
  updateCompact();
  if (status) status.textContent = format(current.strings.zoomStatus, { percent: Math.round(renderedScale() * 100) });
}

/** Hides arrow labels when the drawing is too small to read them (they stay in the aria-labels). */
function renderedScale(): number {
  const svgEl = diagram?.element;
  return svgEl && current ? svgEl.getBoundingClientRect().width / current.diagram.width : 1;
}

function updateCompact(): void {
  const scale = renderedScale();
  diagram?.element.classList.toggle('compact', scale > 0 && scale < 0.6);
}

function zoomBy(direction: 1 | -1): void {
  if (!current) return;
  const pane = diagram?.element.parentElement;
  const fitScale = pane ? pane.clientWidth / current.diagram.width : 1;
  const now = state.zoom === 'fit' ? fitScale : state.zoom;
  const next = direction > 0 ? ZOOM_STEPS.find((z) => z > now + 0.01) : [...ZOOM_STEPS].reverse().find((z) => z < now - 0.01);
  state = { ...state, zoom: next ?? state.zoom };
  save();
  applyZoom();
}

function toolbar(message: InitMessage): HTMLElement {
  const { strings } = message;
  const zoomOut = ce('vscode-button', { secondary: '', id: 'zoom-out', 'aria-label': strings.zoomOut, title: strings.zoomOut }, '−');
  const zoomFit = ce('vscode-button', { secondary: '', id: 'zoom-fit', title: strings.zoomFit }, strings.zoomFit);
  const zoomIn = ce('vscode-button', { secondary: '', id: 'zoom-in', 'aria-label': strings.zoomIn, title: strings.zoomIn }, '+');
  zoomOut.addEventListener('click', () => zoomBy(-1));
  zoomIn.addEventListener('click', () => zoomBy(1));
  zoomFit.addEventListener('click', () => {
    state = { ...state, zoom: 'fit' };
    save();
    applyZoom();
  });

  const languages: [LanguageSetting, string][] = [
    ['auto', strings.languageAuto],
    ['en', strings.languageEn],
    ['zh-cn', strings.languageZh],
  ];
  const select = ce(
    'vscode-single-select',
    { id: 'language', 'aria-label': strings.languageLabel },
    ...languages.map(([value, label]) => ce('vscode-option', value === message.language ? { value, selected: '' } : { value }, label)),
  ) as HTMLElement & { value: string };
  select.addEventListener('change', () => {
    const value = select.value;
    if ((LANGUAGE_SETTINGS as readonly string[]).includes(value)) post({ type: 'setLanguage', language: value as LanguageSetting });
  });

  const bar = h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': strings.appTitle },
    h('div', { class: 'group', role: 'group', 'aria-label': strings.zoomLabel }, zoomOut, zoomFit, zoomIn, h('span', { id: 'zoom-status', class: 'muted', 'aria-live': 'polite' })),
    h('div', { class: 'group' }, ce('vscode-label', { for: 'language' }, strings.languageLabel), select),
  );
  if (message.host === 'view') {
    const open = ce('vscode-button', { id: 'open-in-editor', secondary: '' }, strings.openInEditor);
    open.addEventListener('click', () => post({ type: 'openInEditor' }));
    bar.append(h('div', { class: 'group' }, open));
  }
  return bar;
}

function render(message: InitMessage): void {
  current = message;
  if (firstInit && !ownState && message.saved) state = { ...message.saved };
  // No local OS (the web build): no Lab tab, so a Lab tab kept from elsewhere opens the course.
  if (state.tab === 'lab' && !message.capabilities.localOS) state = { ...state, tab: 'course' };
  firstInit = false;
  resizeObserver?.disconnect();
  const { strings } = message;
  document.documentElement.lang = message.locale === 'zh-cn' ? 'zh-CN' : 'en';
  app.dataset.locale = message.locale;
  app.dataset.host = message.host;
  app.dataset.ready = 'false';

  diagram = renderDiagram(message.diagram, strings, { onSelect: (s) => select(s) });
  const pane = h('div', { class: 'diagram-pane' }, diagram.element);
  const layout = h(
    'div',
    { class: 'layout' },
    h('div', { class: 'main-column' }, pane, h('p', { class: 'legend muted' }, strings.legend)),
    h('div', { class: 'side-column' }, h('section', { id: 'details' }), renderNotDrawn(message.diagram, strings, (s) => select(s, { focusDiagram: true }))),
  );
  lab = renderLab({ post, announce });
  sandbox = renderSandbox({
    strings,
    diagram: message.diagram,
    presets: message.presets,
    post,
    announce,
    speed: () => state.speed ?? 'normal',
    setSpeed: (speed) => {
      state = { ...state, speed };
      save();
    },
  });
  course = renderCourse({
    strings,
    diagram: message.diagram,
    post,
    announce,
    openSandbox: () => {
      showTab('sandbox');
      requestAnimationFrame(() => document.querySelector<HTMLElement>('#sandbox-title')?.focus());
    },
    visible: () => state.tab === 'course',
    labTwin: (lesson, step) =>
      lessonTwinButton(labModel, lesson, step, (story) => {
        post({ type: 'lab/run', story });
        showTab('lab');
        requestAnimationFrame(() => document.querySelector<HTMLElement>('#lab-title')?.focus());
      }),
    speed: () => state.speed ?? 'normal',
    setSpeed: (speed) => {
      state = { ...state, speed };
      save();
    },
  });
  // The Connections tab exists only where the host can read sockets (not in the web build).
  connections?.setVisible(false);
  connections = message.capabilities.localOS
    ? renderConnections({ post, announce, showCourse: () => showTab('course') })
    : null;
  if (!connections && state.tab === 'connections') state = { ...state, tab: 'course' };
  const tabs = ce(
    'vscode-tabs',
    { id: 'tabs', 'selected-index': String(Math.max(0, TAB_IDS.indexOf(state.tab))) },
    ce('vscode-tab-header', { slot: 'header', 'data-tab': 'course' }, strings.tabCourse),
    ce('vscode-tab-panel', { 'data-panel': 'course' }, course.element),
    ce('vscode-tab-header', { slot: 'header', 'data-tab': 'diagram' }, strings.tabDiagram),
    ce('vscode-tab-panel', { 'data-panel': 'diagram' }, h('header', {}, h('h1', {}, strings.appTitle), toolbar(message)), layout),
    ce('vscode-tab-header', { slot: 'header', 'data-tab': 'sandbox' }, strings.tabSandbox),
    ce('vscode-tab-panel', { 'data-panel': 'sandbox' }, h('h1', { id: 'sandbox-title', tabindex: '-1' }, strings.sandboxTitle), sandbox.element),
  );
  if (connections) {
    tabs.append(
      ce('vscode-tab-header', { slot: 'header', 'data-tab': 'connections' }, message.strings.tabConnections),
      ce('vscode-tab-panel', { 'data-panel': 'connections' }, connections.element),
    );
    // The Lab tab is last (see TAB_IDS): a local OS, and shown once the host says its kernel is reachable.
    tabs.append(
      ce('vscode-tab-header', { slot: 'header', 'data-tab': 'lab', class: 'lab-hidden' }, labModel?.strings.tab ?? 'Lab'),
      ce('vscode-tab-panel', { 'data-panel': 'lab' }, lab.element),
    );
  }
  tabs.addEventListener('vsc-tabs-select', (event) => {
    const index = (event as CustomEvent<{ selectedIndex: number }>).detail?.selectedIndex;
    const tab: TabId = TAB_IDS[index] ?? 'course';
    if (tab !== state.tab) showTab(tab);
  });
  app.replaceChildren(tabs, h('div', { id: 'announcer', class: 'visually-hidden', 'aria-live': 'polite', role: 'status' }));
  wrapTabHeaders(tabs);
  if (pendingSandbox) {
    sandbox.update(pendingSandbox);
    pendingSandbox = null;
  }
  // A new init (another language) redraws the course from what the host sent last.
  if (lessonSandbox) course.updateSandbox({ ...lessonSandbox, lastStepRows: null });
  if (courseModel) course.update(courseModel);
  if (labModel) showLab(labModel);

  // Validate what was saved before: a selection of something that no longer exists is dropped.
  const sel = state.selection;
  const known =
    sel === null ||
    (sel.kind === 'state' && message.diagram.states.some((x) => x.id === sel.id)) ||
    (sel.kind === 'transition' && message.diagram.edges.some((x) => x.id === sel.id));
  const selection = known ? sel : null;
  state = { ...state, selection };
  save();
  diagram.setSelection(selection);
  document.getElementById('details')?.replaceWith(renderDetails(message.diagram, strings, selection, (s) => select(s, { focusDiagram: true })));
  applyZoom();

  resizeObserver = new ResizeObserver(() => applyZoom());
  resizeObserver.observe(pane);
  requestAnimationFrame(() => {
    connections?.setVisible(state.tab === 'connections' && document.visibilityState === 'visible');
    diagram?.layoutLabels();
    updateCompact();
    app.dataset.ready = 'true';
  });
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  switch (message.type) {
    case 'init':
      render(message);
      return;
    case 'sandbox':
      if (sandbox) sandbox.update(message.model);
      else pendingSandbox = message.model;
      if (message.reveal) showTab('sandbox');
      return;
    case 'course':
      courseModel = message.model;
      if (message.reveal) showTab('course');
      course?.update(message.model);
      return;
    case 'lessonSandbox':
      lessonSandbox = withAllRows(lessonSandbox, message.model);
      course?.updateSandbox(message.model);
      return;
    case 'lab':
      labModel = message.model;
      showLab(message.model);
      // A lesson story drawn before the lab's twins were known gets its "Run it on this machine".
      if (courseModel) course?.update(courseModel);
      if (message.reveal && message.model.available) showTab('lab');
      return;
    case 'connections/summary':
    case 'connections/rows':
      connections?.receive(message);
      if (message.type === 'connections/summary' && message.reveal && connections) {
        showTab('connections');
        requestAnimationFrame(() => document.querySelector<HTMLElement>('#connections-title')?.focus());
      }
      return;
    default:
      // A message from a newer host: ignored (the type says this cannot happen).
      ignore(message);
  }
});

/** Compile-time exhaustiveness for the host's messages, without throwing at run time. */
function ignore(_message: never): void {}

/** Draws the Lab tab, and shows its header only where the lab can run. */
function showLab(model: LabModel): void {
  lab?.update(model);
  // (vscode-tabs gives its headers ids of its own: find it by its tab.)
  const header = document.querySelector<HTMLElement>('vscode-tab-header[data-tab="lab"]');
  if (header) {
    header.textContent = model.strings.tab;
    header.classList.toggle('lab-hidden', !model.available);
  }
  if (!model.available && state.tab === 'lab') showTab('course');
}

/** The lesson sandbox arrives in parts (rows from `rowsFrom`): keep it whole, to redraw after an init. */
function withAllRows(before: SandboxModel | null, m: SandboxModel): SandboxModel {
  if (m.rowsFrom === 0) return m;
  const rows = [...(before?.rows ?? []).slice(0, m.rowsFrom), ...m.rows];
  return { ...m, rowsFrom: 0, rows };
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && state.selection && state.tab === 'diagram') select(null);
});

// A webview hidden when it was drawn measures nothing; lay the labels out when it shows.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') diagram?.layoutLabels();
  connections?.setVisible(state.tab === 'connections' && document.visibilityState === 'visible');
});

window.addEventListener('error', (event) => post({ type: 'log', level: 'error', message: String(event.message) }));
window.addEventListener('unhandledrejection', (event) => post({ type: 'log', level: 'error', message: String(event.reason) }));

post({ type: 'ready' });
// The host answers `ready` with init. A page restored after a window reload in the browser's web
// worker extension host was once seen holding our page with no init: its one `ready` was lost
// while the host restored the view. So the page asks again, once a second, until init arrives
// (an init that crosses a repeated `ready` only draws the same picture twice).
let readyAsks = 0;
const askAgain = window.setInterval(() => {
  if (current || ++readyAsks > 30) window.clearInterval(askAgain);
  else post({ type: 'ready' });
}, 1000);
