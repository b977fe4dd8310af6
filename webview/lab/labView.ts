/**
 * The Lab tab: a story's steps with the simulator's states and the kernel's side by side,
 * agree/differ marks that do not rely on colour, the explanation of each step and of each
 * difference. It draws the host's LabModel and posts LabIntents; it decides nothing.
 */
import type { LabIntent, LabModel, LabStepView } from '../../src/shared/protocol';
import { button } from '../questions';
import { ce, format, h } from '../dom';

export interface LabContext {
  post(intent: LabIntent): void;
  announce(text: string): void;
}

export interface LabView {
  readonly element: HTMLElement;
  update(model: LabModel): void;
  /** The last model, or null before the first. */
  model(): LabModel | null;
}

function stateCell(state: string | null, fallback: string, cls: string): HTMLElement {
  return h('td', { class: `lab-state ${cls}` }, state ?? h('span', { class: 'muted' }, fallback));
}

function markCell(step: LabStepView, model: LabModel): HTMLElement {
  const s = model.strings;
  if (step.kernel === null) return h('td', { class: 'lab-mark pending' }, h('span', { class: 'muted' }, s.pending));
  if (step.agree === null) return h('td', { class: 'lab-mark no-sim' }, h('span', { 'aria-hidden': 'true' }, '– '), s.noSim);
  return h(
    'td',
    { class: `lab-mark ${step.agree ? 'agree' : 'differ'}` },
    h('span', { 'aria-hidden': 'true' }, step.agree ? '✓ ' : '✗ '),
    step.agree ? s.agree : s.differ,
  );
}

export function renderLab(ctx: LabContext): LabView {
  const element = h('section', { id: 'lab', class: 'lab' });
  let current: LabModel | null = null;
  /** Kernel steps already announced for the run shown, so each is said once. */
  let announced = -1;
  let drawnStory = '';

  function draw(model: LabModel): void {
    const s = model.strings;
    const story = model.story;
    const title = h('h1', { id: 'lab-title', tabindex: '-1' }, s.title);
    if (!model.available) {
      element.replaceChildren(title, h('p', { id: 'lab-unavailable' }, model.unavailableReason ?? ''));
      return;
    }
    const select = ce(
      'vscode-single-select',
      { id: 'lab-story', 'aria-label': s.storyLabel },
      ...model.stories.map((st) => ce('vscode-option', st.name === story.name ? { value: st.name, selected: '' } : { value: st.name }, st.title)),
    ) as HTMLElement & { value: string };
    select.addEventListener('change', () => {
      if (select.value && select.value !== story.name) ctx.post({ type: 'lab/select', story: select.value });
    });
    const running = story.status === 'running';
    const run = button(story.status === 'idle' ? s.run : s.runAgain, 'lab-run', () => ctx.post({ type: 'lab/run', story: story.name }), { primary: true, id: 'lab-run', disabled: running });
    const stop = running ? button(s.cancel, 'lab-cancel', () => ctx.post({ type: 'lab/cancel' }), { id: 'lab-cancel' }) : null;
    const status = h('p', { id: 'lab-status', class: `lab-status ${story.status}`, role: 'status' }, story.statusText);

    const head = h(
      'tr',
      {},
      ...[s.colStep, s.colAction, s.colSimA, s.colSimB, s.colKernelA, s.colKernelB, s.colAgree].map((label) => h('th', { scope: 'col' }, label)),
    );
    const body = h('tbody', {});
    story.steps.forEach((step, i) => {
      body.append(
        h(
          'tr',
          { class: 'lab-step', 'data-step': String(i) },
          h('th', { scope: 'row' }, String(i + 1)),
          h('td', { class: 'lab-action' }, h('code', {}, step.action)),
          stateCell(step.sim?.A ?? null, s.noSim, 'sim'),
          stateCell(step.sim?.B ?? null, s.noSim, 'sim'),
          stateCell(step.kernel?.A ?? null, s.notRun, 'kernel'),
          stateCell(step.kernel?.B ?? null, s.notRun, 'kernel'),
          markCell(step, model),
        ),
      );
      const notes: HTMLElement[] = [h('p', { class: 'lab-explain' }, step.explain)];
      for (const n of step.simNotes) notes.push(h('p', { class: 'lab-note muted' }, `${s.colSimA.replace(/ A$/, '')}: ${n}`));
      for (const n of step.kernelNotes) notes.push(h('p', { class: 'lab-note' }, `${s.colKernelA.replace(/ A$/, '')}: ${n}`));
      if (step.why) notes.push(h('p', { class: 'lab-why', id: `lab-why-${i}` }, h('span', { 'aria-hidden': 'true' }, '⚠ '), step.why));
      body.append(h('tr', { class: 'lab-detail', 'data-step': String(i) }, h('td', {}), h('td', { colspan: '6' }, ...notes)));
    });
    const table = h('table', { id: 'lab-table', class: 'lab-table' }, h('caption', { class: 'visually-hidden' }, s.tableCaption), h('thead', {}, head), body);

    const platform = story.platform ? h('p', { class: 'muted', id: 'lab-platform' }, story.platform) : null;
    element.replaceChildren(
      title,
      h('p', { class: 'lab-intro' }, s.intro),
      h('p', { class: 'lab-note muted', id: 'lab-syn-received' }, s.synReceivedNote),
      h('div', { class: 'lab-bar' }, ce('vscode-label', { for: 'lab-story' }, s.storyLabel), select),
      h('h2', { id: 'lab-story-title' }, story.title),
      h('p', { id: 'lab-summary' }, story.summary),
      h('div', { class: 'lab-bar' }, run, stop, status),
      ...(story.simNote ? [h('p', { class: 'lab-why', id: 'lab-sim-note' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), story.simNote)] : []),
      ...(platform ? [platform] : []),
      h('div', { class: 'lab-table-wrap' }, table),
    );
  }

  function announceSteps(model: LabModel): void {
    const story = model.story;
    if (story.name !== drawnStory) {
      drawnStory = story.name;
      announced = -1;
    }
    const ran = story.steps.filter((x) => x.kernel !== null).length;
    if (ran - 1 < announced) announced = -1;
    for (let i = announced + 1; i < ran; i++) {
      const step = story.steps[i];
      const mark = step.agree === null ? model.strings.noSim : step.agree ? model.strings.agree : model.strings.differ;
      ctx.announce(format(model.strings.announceStep, { n: i + 1, a: step.kernel?.A ?? '', b: step.kernel?.B ?? '', agree: mark }));
    }
    announced = ran - 1;
    if (story.status !== 'running' && story.status !== 'idle') ctx.announce(story.statusText);
  }

  return {
    element,
    update(model: LabModel): void {
      const focused = document.activeElement?.id ?? null;
      current = model;
      draw(model);
      announceSteps(model);
      // Redrawing replaces the buttons: keep the keyboard where it was.
      if (focused) {
        const again = document.getElementById(focused) ?? (focused === 'lab-cancel' ? document.getElementById('lab-run') : null);
        (again as HTMLElement | null)?.focus();
      }
    },
    model: () => current,
  };
}

/** "Run it on this machine" for a lesson story that has a lab twin, or null. */
export function lessonTwinButton(model: LabModel | null, lesson: string, step: number, onRun: (story: string) => void): HTMLElement | null {
  if (!model || !model.available) return null;
  const twin = model.twins.find((t) => t.lesson === lesson && t.step === step);
  if (!twin) return null;
  const b = button(model.strings.fromLesson, 'lab-from-lesson', () => onRun(twin.story), { id: 'lab-from-lesson' });
  b.setAttribute('title', model.strings.fromLessonHint);
  b.setAttribute('aria-description', model.strings.fromLessonHint);
  return b;
}
