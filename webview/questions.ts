/**
 * The course's questions: one renderer per kind, shared by lessons and review. Each draws
 * the host's QuestionView and posts the learner's answer; the host grades. Nothing here
 * knows the right answer.
 */
import type { CourseIntent, DiagramModel, FeedbackView, LearnerAnswer, OptionView, QuestionBody, QuestionView } from '../src/shared/protocol';
import type { UiStrings } from '../src/shared/strings';
import type { VariantId } from '../src/shared/vocabulary';
import { renderDiagram } from './diagram';
import { ce, format, h, s } from './dom';

/** What the learner has entered but not yet sent, kept across redraws of the same question. */
export interface Draft {
  selected?: readonly string[];
  values?: Readonly<Record<string, string>>;
  order?: readonly string[];
  state?: string;
}

export interface QuestionContext {
  readonly strings: UiStrings;
  readonly diagram: DiagramModel;
  post(intent: CourseIntent): void;
  announce(text: string): void;
  readonly drafts: Map<string, Draft>;
  /** Make-it-happen questions whose reached goal has been announced. */
  readonly announced: Set<string>;
  /** The learner asked to run a "what if" story (or its contrast). */
  onRun?(): void;
}

type Kind<K extends QuestionBody['kind']> = Extract<QuestionBody, { kind: K }>;

export function variantName(strings: UiStrings, variant: VariantId): string {
  return variant === 'two-way-handshake' ? strings.variantTwoWay : variant === 'no-time-wait' ? strings.variantNoTimeWait : strings.variantStandard;
}

/** A button of the course: a vscode-button with a key that survives redraws (focus is put back on it). */
export function button(label: string, key: string, onClick: () => void, options: { primary?: boolean; disabled?: boolean; aria?: string; id?: string } = {}): HTMLElement {
  const attrs: Record<string, string> = { 'data-key': key };
  if (!options.primary) attrs.secondary = '';
  if (options.disabled) attrs.disabled = '';
  if (options.aria) attrs['aria-label'] = options.aria;
  if (options.id) attrs.id = options.id;
  const b = ce('vscode-button', attrs, label);
  b.addEventListener('click', () => {
    if (!b.hasAttribute('disabled') && b.getAttribute('aria-disabled') !== 'true') onClick();
  });
  return b;
}

/** A mark that does not rely on colour: a glyph, and the same in words for screen readers. */
function mark(right: boolean, strings: UiStrings, words: { right: string; wrong: string } = { right: strings.partRight, wrong: strings.partWrong }): HTMLElement {
  return h('span', { class: `mark ${right ? 'right' : 'wrong'}` }, h('span', { 'aria-hidden': 'true' }, right ? '✓' : '✗'), h('span', { class: 'visually-hidden' }, right ? words.right : words.wrong));
}

function paragraphs(text: string, cls = ''): HTMLElement[] {
  return text
    .split(/\n{2,}/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => h('p', cls ? { class: cls } : {}, t));
}

function feedbackPanel(q: QuestionView, strings: UiStrings): HTMLElement | null {
  const f: FeedbackView | null = q.feedback;
  if (!f) return null;
  const tone = f.unreadable ? 'unreadable' : f.correct ? 'right' : 'wrong';
  const goal = q.body.kind === 'make-it-happen' && f.correct;
  const heading = f.unreadable ? strings.feedbackUnreadable : goal ? strings.goalReached : f.correct ? strings.feedbackRight : strings.feedbackWrong;
  const glyph = f.unreadable ? '?' : f.correct ? '✓' : '✗';
  return h(
    'div',
    { class: `feedback ${tone}`, role: f.correct ? 'status' : 'alert', 'data-feedback': tone },
    h('h4', { class: 'feedback-title', tabindex: '-1' }, h('span', { class: 'glyph', 'aria-hidden': 'true' }, glyph), ' ', heading),
    // A reached goal is said by the heading; the engine's "Goal reached." would repeat it.
    ...(goal ? [] : f.messages.map((m) => h('p', {}, m))),
    ...f.misconceptions.map((m) =>
      h('div', { class: 'belief', 'data-misconception': m.id }, h('p', { class: 'claim' }, format(strings.feedbackBelief, { claim: m.claim })), h('p', { class: 'correction' }, m.correction)),
    ),
  );
}

/** Hints so far, the revealed answer, the explanation and every option's note. */
function aftermath(q: QuestionView, strings: UiStrings): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (q.hints.length > 0) {
    parts.push(h('div', { class: 'hints' }, h('h4', {}, strings.feedbackHints), h('ol', {}, ...q.hints.map((t) => h('li', {}, t)))));
  }
  if (q.answer) parts.push(h('div', { class: 'answer' }, h('h4', {}, strings.feedbackAnswer), ...paragraphs(q.answer)));
  if (q.explanation) parts.push(h('div', { class: 'explanation' }, h('h4', {}, strings.feedbackExplanation), ...paragraphs(q.explanation)));
  if (q.optionNotes) {
    parts.push(
      h(
        'div',
        { class: 'option-notes' },
        h('h4', {}, strings.feedbackOptions),
        h(
          'ul',
          {},
          ...q.optionNotes.map((n) =>
            h('li', { class: n.correct ? 'right' : 'wrong', 'data-option': n.id }, mark(n.correct, strings, { right: strings.optionRight, wrong: strings.optionWrong }), ' ', h('strong', {}, n.text), h('span', { class: 'note' }, n.explain)),
          ),
        ),
      ),
    );
  }
  return parts;
}

/** Renders a question of any kind (the lesson or review screen puts the sandbox after it). */
export function renderQuestion(ctx: QuestionContext, q: QuestionView): HTMLElement {
  const { strings } = ctx;
  const finished = q.status !== 'open';
  const draft = ctx.drafts.get(q.id) ?? {};
  const setDraft = (d: Draft) => ctx.drafts.set(q.id, { ...(ctx.drafts.get(q.id) ?? {}), ...d });
  const promptId = `q-${q.id}-prompt`;
  const live = h('div', { class: 'visually-hidden', 'aria-live': 'assertive', 'data-live': 'question' });
  const answer = (a: LearnerAnswer) => ctx.post({ type: 'course/answer', question: q.id, answer: a });

  const root = h('section', { class: `question kind-${q.body.kind}${finished ? ' finished' : ''}`, 'data-question': q.id, 'data-kind': q.body.kind, 'data-status': q.status, 'aria-labelledby': promptId });
  root.append(h('div', { class: 'prompt', id: promptId }, ...paragraphs(q.prompt)));

  /** The answer as the form holds it now, or null when the kind has no Check button. */
  let collect: (() => LearnerAnswer | null) | null = null;
  const body = q.body;
  switch (body.kind) {
    case 'choice':
    case 'why':
      collect = renderOptions(ctx, q, body, root, finished, draft, setDraft, promptId);
      break;
    case 'next-state':
      collect = renderNextState(ctx, q, body, root, finished, draft, setDraft, answer);
      break;
    case 'numbers':
      collect = renderNumbers(ctx, q, body, root, finished, draft, setDraft, () => submit());
      break;
    case 'order':
      collect = renderOrder(ctx, q, body, root, finished, draft, setDraft, live);
      break;
    case 'make-it-happen':
      renderTarget(ctx, body, root);
      break;
  }

  function submit(): void {
    if (finished || !collect) return;
    const a = collect();
    if (a) answer(a);
  }

  // --- the buttons ---------------------------------------------------------------------
  const actions = h('div', { class: 'question-actions' });
  if (collect) {
    actions.append(button(body.kind === 'why' ? strings.whyPredict : strings.questionCheck, 'check', submit, { primary: true, disabled: finished }));
  }
  if (!finished) {
    if (q.hintsLeft > 0) actions.append(button(strings.questionHint, 'hint', () => ctx.post({ type: 'course/help', question: q.id })));
    const reveal = body.kind === 'make-it-happen' ? strings.makeShowSolution : strings.questionShowAnswer;
    actions.append(button(reveal, 'reveal', () => ctx.post({ type: 'course/reveal', question: q.id })));
  }
  if (body.kind === 'make-it-happen') {
    actions.append(button(strings.makeStartAgain, 'restart', () => ctx.post({ type: 'course/sandbox', intent: { type: 'sandbox/reset' } })));
  }
  root.append(actions);
  if (!finished && q.hintsLeft > 0 && q.hints.length > 0) root.append(h('p', { class: 'muted small' }, q.hintsLeft === 1 ? strings.questionHintsLeftOne : format(strings.questionHintsLeft, { n: q.hintsLeft })));

  if (body.kind === 'why') renderWhyRun(ctx, q, body, root);
  if (body.kind === 'make-it-happen' && body.goalReached && !ctx.announced.has(q.id)) {
    // Said once, whether the learner found the way or followed the solution shown.
    ctx.announced.add(q.id);
    ctx.announce(strings.goalReached);
  }
  if (body.kind === 'make-it-happen' && body.solution) {
    const from = body.solutionFrom === 'here' ? strings.makeSolutionFromHere : body.solutionFrom === 'restart' ? strings.makeSolutionRestart : null;
    root.append(
      h(
        'div',
        { class: 'solution', 'data-from': body.solutionFrom },
        h('h4', {}, strings.makeSolutionTitle),
        from ? h('p', { class: 'solution-from' }, from) : null,
        h('ol', {}, ...body.solution.map((step) => h('li', {}, step))),
        ...(body.solutionText ? paragraphs(body.solutionText) : []),
        h('p', { class: 'muted' }, strings.makeSolutionNote),
      ),
    );
  }

  const panel = feedbackPanel(q, strings);
  if (panel) root.append(panel);
  root.append(...aftermath(q, strings), live);
  return root;
}

// --- choice and why ------------------------------------------------------------------------

function renderOptions(
  ctx: QuestionContext,
  q: QuestionView,
  body: Kind<'choice'> | Kind<'why'>,
  root: HTMLElement,
  finished: boolean,
  draft: Draft,
  setDraft: (d: Draft) => void,
  promptId: string,
): () => LearnerAnswer {
  const { strings } = ctx;
  const multiple = body.kind === 'choice' && body.multiple;
  const last = q.last && (q.last.kind === 'choice' || q.last.kind === 'why') ? q.last.selected : [];
  const selected = new Set(draft.selected ?? last);
  const instructionId = `q-${q.id}-how`;
  const inputs: HTMLInputElement[] = [];
  const group = h('div', { class: 'options', role: multiple ? 'group' : 'radiogroup', 'aria-labelledby': promptId, 'aria-describedby': instructionId });
  body.options.forEach((o: OptionView, i) => {
    const id = `q-${q.id}-o${i}`;
    const input = h('input', { type: multiple ? 'checkbox' : 'radio', name: `q-${q.id}`, id, value: o.id, 'data-key': `option-${o.id}`, 'data-option': o.id });
    input.checked = selected.has(o.id);
    input.disabled = finished;
    input.addEventListener('change', () => setDraft({ selected: inputs.filter((x) => x.checked).map((x) => x.value) }));
    inputs.push(input);
    group.append(h('label', { class: `option${input.checked ? ' picked' : ''}`, for: id }, input, h('span', {}, o.text)));
  });
  root.append(h('p', { class: 'muted small', id: instructionId }, multiple ? strings.questionChooseAll : strings.questionChooseOne), group);
  return () => ({ kind: body.kind, selected: inputs.filter((x) => x.checked).map((x) => x.value) });
}

function renderWhyRun(ctx: QuestionContext, q: QuestionView, body: Kind<'why'>, root: HTMLElement): void {
  const { strings } = ctx;
  const name = variantName(strings, body.variant);
  const box = h('div', { class: 'why-run' });
  if (body.run === 'locked') {
    box.append(h('p', { class: 'muted' }, strings.whyLocked));
  } else {
    const buttons = h('div', { class: 'question-actions' });
    const run = (which: 'run' | 'contrast') => {
      ctx.onRun?.();
      ctx.post({ type: 'course/run', question: q.id, which });
    };
    buttons.append(button(format(strings.whyRun, { variant: name }), 'run', () => run('run'), { primary: body.showing !== 'run' }));
    if (body.hasContrast) buttons.append(button(strings.whyContrast, 'contrast', () => run('contrast')));
    box.append(buttons);
    if (body.showing) {
      box.append(h('p', { class: 'showing', role: 'status' }, body.showing === 'run' ? format(strings.whyShowingRun, { variant: name }) : strings.whyShowingContrast));
    }
    if (body.outcome) box.append(h('div', { class: 'outcome' }, h('h4', {}, strings.whyOutcome), ...paragraphs(body.outcome)));
  }
  root.append(box);
}

// --- next state ------------------------------------------------------------------------------

function renderNextState(
  ctx: QuestionContext,
  q: QuestionView,
  body: Kind<'next-state'>,
  root: HTMLElement,
  finished: boolean,
  draft: Draft,
  setDraft: (d: Draft) => void,
  answer: (a: LearnerAnswer) => void,
): () => LearnerAnswer | null {
  const { strings } = ctx;
  const last = q.last?.kind === 'next-state' ? q.last.state : null;
  root.append(h('p', { class: 'instruction' }, format(strings.nextStatePrompt, { endpoint: body.endpoint })));
  // A click (or Enter) on a state selects it; Check, or a second click or Enter on the same
  // state, answers. One slip of the mouse is not an answer.
  let chosen: string | null = draft.state ?? null;
  const view = renderDiagram(ctx.diagram, strings, {
    onSelect: (sel) => {
      if (finished || sel.kind !== 'state') return;
      if (chosen === sel.id) {
        answer({ kind: 'next-state', state: sel.id });
        return;
      }
      chosen = sel.id;
      setDraft({ state: sel.id });
      input.value = sel.id;
      // A new choice clears the marks of the last answer.
      for (const g of Array.from(svg.querySelectorAll<SVGGElement>('g.state.picked'))) g.classList.remove('picked', 'right', 'wrong');
      for (const m of Array.from(svg.querySelectorAll('.pick-mark'))) m.remove();
      svg.querySelectorAll<SVGGElement>('g.state.chosen').forEach((g) => g.classList.remove('chosen'));
      svg.querySelector<SVGGElement>(`g.state[data-state="${sel.id}"]`)?.classList.add('chosen');
      ctx.announce(format(strings.nextStateChosen, { state: sel.id }));
    },
  });
  const svg = view.element;
  // The page's own diagram is #state-diagram; this one is the question's.
  svg.id = `q-${q.id}-diagram`;
  svg.classList.add('pick-diagram');
  svg.setAttribute('aria-label', format(strings.nextStateDiagram, { endpoint: body.endpoint }));
  // Only states are answers: the arrows stay as a picture, out of the tab order.
  for (const g of Array.from(svg.querySelectorAll<SVGGElement>('g.edge'))) {
    g.removeAttribute('tabindex');
    g.removeAttribute('role');
    g.removeAttribute('aria-pressed');
    g.setAttribute('aria-hidden', 'true');
  }
  const picked = last ? ctx.diagram.states.find((st) => st.id === last.trim().toUpperCase().replace(/[_\s]+/g, '-')) : undefined;
  for (const g of Array.from(svg.querySelectorAll<SVGGElement>('g.state'))) {
    g.setAttribute('data-key', `state-${g.getAttribute('data-state')}`);
    if (finished) g.setAttribute('aria-disabled', 'true');
  }
  if (chosen && !finished && (!picked || chosen !== picked.id)) {
    view.setSelection({ kind: 'state', id: chosen as never });
    svg.querySelector<SVGGElement>(`g.state[data-state="${chosen}"]`)?.classList.add('chosen');
  }
  if (picked && q.feedback && (chosen === null || chosen === picked.id)) {
    view.setSelection({ kind: 'state', id: picked.id });
    const g = svg.querySelector<SVGGElement>(`g.state[data-state="${picked.id}"]`);
    if (g) {
      const right = q.feedback.correct;
      g.classList.add('picked', right ? 'right' : 'wrong');
      g.setAttribute('aria-label', `${g.getAttribute('aria-label') ?? picked.id}, ${strings.nextStatePicked}: ${right ? strings.partRight : strings.partWrong}`);
      g.append(s('text', { class: 'pick-mark', x: picked.x + ctx.diagram.boxWidth / 2 - 12, y: picked.y, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'aria-hidden': 'true' }, right ? '✓' : '✗'));
    }
  }
  if (finished) svg.classList.add('locked');
  const pane = h('div', { class: 'pick-pane' }, svg);
  root.append(pane);
  // Lay the labels out once the drawing is on screen; hide them when it is drawn too small to read.
  const layout = () => {
    const w = svg.getBoundingClientRect().width;
    if (w === 0) return;
    svg.classList.toggle('compact', w / ctx.diagram.width < 0.6);
    view.layoutLabels();
  };
  new ResizeObserver(layout).observe(pane);

  const inputId = `q-${q.id}-state`;
  const input = h('input', { type: 'text', id: inputId, class: 'text-input', 'data-key': 'state-input', placeholder: strings.nextStatePlaceholder, autocomplete: 'off', spellcheck: 'false' });
  input.value = draft.state ?? last ?? '';
  input.disabled = finished;
  input.addEventListener('input', () => {
    chosen = null;
    setDraft({ state: input.value });
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !finished && input.value.trim()) {
      event.preventDefault();
      answer({ kind: 'next-state', state: input.value.trim() });
    }
  });
  root.append(h('div', { class: 'type-state' }, h('label', { for: inputId }, strings.nextStateType), input));
  if (last && !picked) root.append(h('p', { class: 'muted' }, format(strings.feedbackYourAnswer, { answer: last })));
  return () => {
    const text = input.value.trim();
    return text ? { kind: 'next-state', state: text } : null;
  };
}

// --- numbers ---------------------------------------------------------------------------------

function renderNumbers(
  ctx: QuestionContext,
  q: QuestionView,
  body: Kind<'numbers'>,
  root: HTMLElement,
  finished: boolean,
  draft: Draft,
  setDraft: (d: Draft) => void,
  submit: () => void,
): () => LearnerAnswer {
  const { strings } = ctx;
  const last = q.last?.kind === 'numbers' ? q.last.values : {};
  const values = { ...last, ...(draft.values ?? {}) };
  const parts = q.feedback?.parts ?? null;
  const inputs = new Map<string, HTMLInputElement>();
  const hintId = `q-${q.id}-symbols`;
  if (body.symbols.length > 0) root.append(h('p', { class: 'muted small', id: hintId }, format(strings.numbersSymbols, { symbols: body.symbols.join(', ') }), ' ', strings.numbersEnter));
  const grid = h('div', { class: 'number-fields' });
  body.fields.forEach((f, i) => {
    const id = `q-${q.id}-f${i}`;
    const input = h('input', { type: 'text', id, class: 'text-input', 'data-key': `field-${f.id}`, 'data-field': f.id, autocomplete: 'off', spellcheck: 'false', inputmode: 'text' });
    if (body.symbols.length > 0) input.setAttribute('aria-describedby', hintId);
    input.value = values[f.id] ?? '';
    input.disabled = finished;
    const state = parts ? parts[f.id] : undefined;
    if (state === false) input.setAttribute('aria-invalid', 'true');
    input.addEventListener('input', () => {
      setDraft({ values: Object.fromEntries([...inputs].map(([k, x]) => [k, x.value])) });
      // A changed value is a new answer: its old mark goes.
      input.removeAttribute('aria-invalid');
      const box = input.parentElement;
      box?.classList.remove('wrong', 'right');
      box?.querySelector('.mark')?.remove();
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        submit();
      }
    });
    inputs.set(f.id, input);
    grid.append(h('div', { class: `number-field${state === false ? ' wrong' : state === true ? ' right' : ''}` }, h('label', { for: id }, f.label), input, state === undefined ? null : mark(state, strings)));
  });
  root.append(grid);
  return () => ({ kind: 'numbers', values: Object.fromEntries([...inputs].map(([k, x]) => [k, x.value])) });
}

// --- order -------------------------------------------------------------------------------------

function renderOrder(
  ctx: QuestionContext,
  q: QuestionView,
  body: Kind<'order'>,
  root: HTMLElement,
  finished: boolean,
  draft: Draft,
  setDraft: (d: Draft) => void,
  live: HTMLElement,
): () => LearnerAnswer {
  const { strings } = ctx;
  const byId = new Map(body.items.map((it) => [it.id, it]));
  const offered = body.items.map((it) => it.id);
  const fromDraft = draft.order && draft.order.length === offered.length && draft.order.every((id) => byId.has(id)) ? draft.order : null;
  const order: string[] = [...(fromDraft ?? offered)];
  // The marks of the last answer hold only for the order they were given for.
  let parts = fromDraft && q.last?.kind === 'order' && fromDraft.join() !== q.last.order.join() ? null : (q.feedback?.parts ?? null);
  const helpId = `q-${q.id}-order-help`;
  const list = h('ol', { class: 'order-list', 'aria-label': strings.orderList, 'aria-describedby': helpId });
  if (!finished) root.append(h('p', { class: 'muted small', id: helpId }, strings.orderHelp));

  const move = (id: string, to: number, focus: 'item' | 'up' | 'down' | null) => {
    const from = order.indexOf(id);
    if (from < 0 || to < 0 || to >= order.length || to === from) return;
    order.splice(from, 1);
    order.splice(to, 0, id);
    parts = null;
    setDraft({ order: [...order] });
    draw();
    live.textContent = format(strings.orderMoved, { item: byId.get(id)?.text ?? id, position: to + 1, total: order.length });
    if (focus) {
      const target = list.querySelector<HTMLElement>(`[data-key="${focus === 'item' ? 'order' : focus}-${id}"]`);
      // A move button that has just been disabled (top or bottom) hands focus to its item.
      (target && !(target as HTMLButtonElement).disabled ? target : list.querySelector<HTMLElement>(`[data-key="order-${id}"]`))?.focus();
    }
  };

  function draw(): void {
    const items = order.map((id, index) => {
      const it = byId.get(id) as OptionView;
      const placed = parts ? parts[id] : undefined;
      const up = h('button', { type: 'button', class: 'icon-button', 'data-key': `up-${id}`, 'aria-label': format(strings.orderMoveUp, { item: it.text }), title: format(strings.orderMoveUp, { item: it.text }) }, '↑');
      const down = h('button', { type: 'button', class: 'icon-button', 'data-key': `down-${id}`, 'aria-label': format(strings.orderMoveDown, { item: it.text }), title: format(strings.orderMoveDown, { item: it.text }) }, '↓');
      up.disabled = finished || index === 0;
      down.disabled = finished || index === order.length - 1;
      up.addEventListener('click', () => move(id, index - 1, 'up'));
      down.addEventListener('click', () => move(id, index + 1, 'down'));
      const li = h(
        'li',
        { class: `order-item${placed === true ? ' right' : placed === false ? ' wrong' : ''}`, 'data-item': id, 'data-key': `order-${id}`, tabindex: '0' },
        finished ? null : h('span', { class: 'grip', 'aria-hidden': 'true', title: format(strings.orderDrag, { item: it.text }) }, '⠿'),
        h('span', { class: 'order-pos', 'aria-hidden': 'true' }, `${index + 1}.`),
        h('span', { class: 'order-text' }, it.text),
        placed === undefined ? null : mark(placed, strings),
        finished ? null : h('span', { class: 'order-buttons' }, up, down),
      );
      li.addEventListener('keydown', (event) => {
        if (finished || event.target !== li || !event.altKey) return;
        if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
          event.preventDefault();
          move(id, index + (event.key === 'ArrowUp' ? -1 : 1), 'item');
        }
      });
      return li;
    });
    list.replaceChildren(...items);
  }
  draw();

  // Dragging with a pointer (mouse, pen or touch): the list follows the pointer, the order is
  // taken from where the item is dropped.
  if (!finished) {
    let dragging: { id: string; pointer: number; moved: boolean } | null = null;
    list.addEventListener('pointerdown', (event) => {
      const li = (event.target as HTMLElement).closest<HTMLElement>('li.order-item');
      if (!li || (event.target as HTMLElement).closest('button') || event.button !== 0) return;
      dragging = { id: li.dataset.item ?? '', pointer: event.pointerId, moved: false };
      list.setPointerCapture(event.pointerId);
      li.classList.add('dragging');
      event.preventDefault();
      li.focus();
    });
    list.addEventListener('pointermove', (event) => {
      if (!dragging || event.pointerId !== dragging.pointer) return;
      const items = Array.from(list.querySelectorAll<HTMLElement>('li.order-item'));
      const dragged = items.find((x) => x.dataset.item === dragging?.id);
      if (!dragged) return;
      const others = items.filter((x) => x !== dragged);
      const before = others.find((x) => {
        const r = x.getBoundingClientRect();
        return event.clientY < r.top + r.height / 2;
      });
      if (dragged.nextElementSibling !== (before ?? null)) {
        list.insertBefore(dragged, before ?? null);
        dragging.moved = true;
      }
    });
    const drop = (event: PointerEvent) => {
      if (!dragging || event.pointerId !== dragging.pointer) return;
      const { id, moved } = dragging;
      dragging = null;
      if (list.hasPointerCapture(event.pointerId)) list.releasePointerCapture(event.pointerId);
      const now = Array.from(list.querySelectorAll<HTMLElement>('li.order-item')).map((x) => x.dataset.item ?? '');
      const to = now.indexOf(id);
      if (moved && to !== order.indexOf(id)) {
        // Put the DOM back as it was and make the move the same way the keyboard does.
        move(id, to, 'item');
      } else {
        draw();
        list.querySelector<HTMLElement>(`[data-key="order-${id}"]`)?.focus();
      }
    };
    list.addEventListener('pointerup', drop);
    list.addEventListener('pointercancel', drop);
  }

  root.append(list);
  return () => ({ kind: 'order', order: [...order] });
}

// --- make it happen ----------------------------------------------------------------------------

function renderTarget(ctx: QuestionContext, body: Kind<'make-it-happen'>, root: HTMLElement): void {
  const { strings } = ctx;
  const boxes = (['A', 'B'] as const)
    .filter((e) => body.target[e] !== null)
    .map((e) => h('div', { class: 'target-box', 'data-endpoint': e }, format(strings.targetState, { endpoint: e, state: body.target[e] ?? '' })));
  root.append(
    h(
      'figure',
      { class: 'target' },
      h('figcaption', {}, h('span', { class: 'target-glyph', 'aria-hidden': 'true' }, '◎'), ' ', strings.targetTitle),
      h('div', { class: 'target-row' }, boxes.length > 0 ? h('div', { class: 'target-boxes' }, ...boxes) : null, h('p', { class: 'target-text' }, body.target.text)),
    ),
    h('p', { class: 'steps-used', 'aria-live': 'polite' }, format(strings.stepsUsed, { n: body.steps })),
  );
}
