/**
 * The course tab: the course map (the home), a lesson's steps, and review. It draws the
 * host's CourseModel and posts the learner's CourseIntents; the host runs the lessons and
 * grades. The lesson's own sandbox is a second sandbox view, fed by `lessonSandbox` messages.
 */
import type { CourseIntent, CourseLessonEntry, CourseMapModel, CourseModel, DiagramModel, LessonMark, LessonScreenModel, ReviewScreenModel, SandboxModel } from '../src/shared/protocol';
import type { UiKey, UiStrings } from '../src/shared/strings';
import type { SandboxView, Speed } from './sandbox';
import { renderSandbox } from './sandbox';
import type { Draft } from './questions';
import { button, renderQuestion } from './questions';
import { format, h } from './dom';

export interface CourseContext {
  readonly strings: UiStrings;
  readonly diagram: DiagramModel;
  post(intent: CourseIntent): void;
  announce(text: string): void;
  /** Switches to the free sandbox tab. */
  openSandbox(): void;
  /** Whether the course tab is the one showing (focus is only moved then). */
  visible(): boolean;
  speed(): Speed;
  setSpeed(speed: Speed): void;
  /** "Run it on this machine" for a lesson story with a lab twin (or null). */
  labTwin?(lesson: string, step: number): HTMLElement | null;
}

export interface CourseView {
  readonly element: HTMLElement;
  update(model: CourseModel): void;
  updateSandbox(model: SandboxModel): void;
}

const MARK_GLYPH: Readonly<Record<LessonMark, string>> = { done: '✓', 'in-progress': '◐', 'not-started': '○' };
const MARK_KEY: Readonly<Record<LessonMark, UiKey>> = { done: 'markDone', 'in-progress': 'markInProgress', 'not-started': 'markNotStarted' };
const STEP_KIND_KEY: Readonly<Record<'explain' | 'scenario' | 'question', UiKey>> = { explain: 'stepKindExplain', scenario: 'stepKindScenario', question: 'stepKindQuestion' };

function paragraphs(text: string): HTMLElement[] {
  return text
    .split(/\n{2,}/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => h('p', {}, t));
}

/** Which screen a model shows: when it changes, focus moves to the new heading. */
function screenKey(m: CourseModel): string {
  if (m.screen === 'map') return 'map';
  if (m.screen === 'lesson') return `lesson:${m.lessonId}:${m.step}${m.completed && m.isLast ? ':done' : ''}`;
  return `review:${m.position}:${m.question ? m.question.id : 'end'}`;
}

export function renderCourse(ctx: CourseContext): CourseView {
  const { strings } = ctx;
  const element = h('section', { id: 'course', 'aria-label': strings.tabCourse }, h('p', { class: 'muted', id: 'course-loading' }, strings.courseLoading));
  let model: CourseModel | null = null;
  let key = '';
  const drafts = new Map<string, Draft>();
  /** What each part of the screen was drawn from: unchanged parts are left alone (focus, typing). */
  let drawn = { head: '', body: '', nav: '' };

  // What the course has just said (a goal reached): the lesson sandbox's own report of the same
  // step, which arrives right after, keeps it in front instead of replacing it.
  let said: { text: string; at: number } | null = null;
  const courseAnnounce = (text: string) => {
    said = { text, at: Date.now() };
    ctx.announce(text);
  };
  const sandboxAnnounce = (text: string) => {
    const recent = said && Date.now() - said.at < 2000 ? said.text : null;
    said = null;
    ctx.announce(recent ? `${recent}. ${text}` : text);
  };

  // The lesson's own sandbox: one view, kept while the course is on screen, moved in and out of steps.
  const sandbox: SandboxView = renderSandbox(
    {
      strings,
      diagram: ctx.diagram,
      presets: [],
      post: (intent) => ctx.post({ type: 'course/sandbox', intent }),
      announce: sandboxAnnounce,
      speed: ctx.speed,
      setSpeed: ctx.setSpeed,
    },
    { idPrefix: 'ls', rootId: 'lesson-sandbox', embedded: true, mode: 'play', label: strings.lessonSandboxLabel },
  );
  const sandboxCaption = h('p', { class: 'sandbox-caption muted', hidden: '' });
  const sandboxSlot = h('div', { class: 'lesson-sandbox-slot', hidden: '' }, sandboxCaption, sandbox.element);

  // The scenario step's "Next event": counts from the position asked for, not yet drawn.
  let wanted: number | null = null;
  const scenarioParts: { next: HTMLElement | null; status: HTMLElement | null } = { next: null, status: null };

  function drawScenarioControls(): void {
    const m = sandbox.model();
    const { next, status } = scenarioParts;
    if (!next || !status) return;
    if (!m) {
      next.setAttribute('disabled', '');
      status.textContent = '';
      return;
    }
    const at = wanted ?? m.timeline.position;
    const over = at >= m.timeline.length;
    next.toggleAttribute('disabled', over);
    status.textContent = format(strings.scenarioPosition, { position: m.timeline.position, length: m.timeline.length }) + (m.timeline.position >= m.timeline.length ? ` · ${strings.scenarioOver}` : '');
  }

  function nextEvent(): void {
    const m = sandbox.model();
    if (!m) return;
    const at = wanted ?? m.timeline.position;
    if (at >= m.timeline.length) return;
    wanted = at + 1;
    ctx.post({ type: 'course/sandbox', intent: { type: 'sandbox/seek', position: at + 1 } });
    drawScenarioControls();
  }

  // A "what if" run: the sandbox is brought into view and the story plays by itself, one event
  // at a time at the animation speed (without animation under reduced motion), until its end
  // or until the learner touches any control of the sandbox.
  const autoplay = { armed: false, timer: 0, playing: false };
  const stopAutoplay = () => {
    autoplay.armed = false;
    autoplay.playing = false;
    if (autoplay.timer) window.clearTimeout(autoplay.timer);
    autoplay.timer = 0;
  };
  const autoplayStep = (m: SandboxModel) => {
    if (!autoplay.playing) return;
    if (m.timeline.position >= m.timeline.length) {
      stopAutoplay();
      return;
    }
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const speed = ctx.speed();
    const pause = reduced || speed === 'off' ? 900 : speed === 'slow' ? 1500 : speed === 'fast' ? 450 : 900;
    if (autoplay.timer) window.clearTimeout(autoplay.timer);
    autoplay.timer = window.setTimeout(() => {
      autoplay.timer = 0;
      if (autoplay.playing) ctx.post({ type: 'course/sandbox', intent: { type: 'sandbox/seek', position: m.timeline.position + 1 } });
    }, pause);
  };
  for (const type of ['pointerdown', 'keydown'] as const) sandbox.element.addEventListener(type, () => stopAutoplay());

  const qctx = {
    strings,
    diagram: ctx.diagram,
    post: ctx.post,
    announce: courseAnnounce,
    drafts,
    announced: new Set<string>(),
    onRun: () => {
      stopAutoplay();
      autoplay.armed = true;
    },
  };

  // --- the map -----------------------------------------------------------------------------

  function lessonCard(entry: CourseLessonEntry): HTMLElement {
    const status = strings[MARK_KEY[entry.status]];
    const summaryId = `lesson-${entry.id}-summary`;
    const card = h(
      'button',
      {
        type: 'button',
        class: `lesson-card status-${entry.status}${entry.current ? ' current' : ''}`,
        'data-lesson': entry.id,
        'data-key': `lesson-${entry.id}`,
        'aria-label': format(strings.lessonOpenAria, { n: entry.number, title: entry.title, status: entry.current ? `${status}, ${strings.lessonCurrent}` : status }),
        'aria-describedby': summaryId,
      },
      h('span', { class: `lesson-mark mark-${entry.status}`, 'aria-hidden': 'true' }, MARK_GLYPH[entry.status]),
      h(
        'span',
        { class: 'lesson-main' },
        h(
          'span',
          { class: 'lesson-title' },
          h('span', { class: 'lesson-number' }, format(strings.lessonNumber, { n: entry.number })),
          ' ',
          h('span', { class: 'lesson-name' }, entry.title),
          entry.current ? h('span', { class: 'tag current-tag' }, strings.lessonCurrent) : null,
        ),
        h(
          'span',
          { class: 'lesson-summary', id: summaryId },
          entry.summary,
          h('span', { class: 'lesson-meta' }, h('span', {}, entry.rfc), ' · ', h('span', { 'aria-label': format(strings.lessonProgressAria, { answered: entry.answered, questions: entry.questions }) }, format(strings.lessonProgress, { answered: entry.answered, questions: entry.questions }))),
        ),
        h('span', { class: 'visually-hidden mark-text' }, status),
      ),
    );
    card.addEventListener('click', () => ctx.post({ type: 'course/open', lesson: entry.id }));
    return card;
  }

  function drawMap(m: CourseMapModel): void {
    const actions = h('div', { class: 'course-actions' });
    if (m.continueTo) {
      // `step` is the 0-based index of the step it opens.
      const c = m.continueTo;
      actions.append(button(format(strings.courseContinue, { lesson: c.title, step: c.step + 1, steps: c.steps }), 'continue', () => ctx.post({ type: 'course/continue' }), { primary: true, id: 'course-continue' }));
    }
    const reviewText = m.due > 0 ? null : m.nextDue ? format(strings.courseReviewNone, { when: m.nextDue }) : strings.courseReviewEmpty;
    const review = button(
      format(strings.courseReview, { due: m.due }),
      'review',
      () => ctx.post({ type: 'course/review' }),
      { id: 'course-review' },
    );
    if (m.due === 0) {
      // Looks disabled but stays focusable, and says why when pressed.
      review.addEventListener('click', () => {
        if (reviewText) ctx.announce(reviewText);
      });
      review.setAttribute('aria-disabled', 'true');
      review.classList.add('looks-disabled');
      review.setAttribute('aria-describedby', 'course-review-note');
    }
    actions.append(review, button(strings.courseOpenSandbox, 'sandbox', ctx.openSandbox, { id: 'course-open-sandbox' }));
    const reset = h('button', { type: 'button', class: 'link small', id: 'course-reset', 'data-key': 'reset' }, strings.courseReset);
    reset.addEventListener('click', () => ctx.post({ type: 'course/reset', scope: 'course' }));
    element.replaceChildren(
      h(
        'div',
        { class: 'course-map' },
        h('h1', { id: 'course-heading', tabindex: '-1', 'data-focus': 'heading' }, strings.courseTitle),
        actions,
        reviewText ? h('p', { class: 'muted small', id: 'course-review-note' }, reviewText) : null,
        m.continueTo ? null : h('p', { class: 'all-done' }, strings.courseAllDone),
        m.notice ? h('p', { class: 'notice', role: 'status' }, m.notice) : null,
        h('h2', { id: 'course-lessons-title' }, strings.courseLessons),
        h('ol', { class: 'lesson-list', 'aria-labelledby': 'course-lessons-title' }, ...m.lessons.map((e) => h('li', {}, lessonCard(e)))),
        h('p', { class: 'course-footer' }, reset),
      ),
    );
    drawn = { head: '', body: '', nav: '' };
  }

  // --- a lesson and a review card share one frame: head, body, sandbox, nav ----------------

  const frame = { root: h('div'), head: h('div', { class: 'screen-head' }), body: h('div', { class: 'screen-body' }), nav: h('div', { class: 'screen-nav' }) };

  function ensureFrame(kind: 'lesson' | 'review'): void {
    if (frame.root.isConnected && frame.root.dataset.screen === kind) return;
    frame.root = h('div', { class: `course-${kind}`, 'data-screen': kind }, frame.head, frame.body, sandboxSlot, frame.nav);
    element.replaceChildren(frame.root);
    drawn = { head: '', body: '', nav: '' };
  }

  function mapButton(primary = false): HTMLElement {
    return button(primary ? strings.courseMap : strings.courseMapBack, primary ? 'map-end' : 'map', () => ctx.post({ type: 'course/map' }), { primary });
  }

  function drawSandboxSlot(view: { readonly mode: 'play' | 'act'; readonly caption: string | null } | null, hideCaption: string | null): void {
    sandboxSlot.hidden = view === null;
    if (!view) return;
    sandbox.setMode(view.mode);
    const caption = view.caption && view.caption !== hideCaption ? view.caption : null;
    sandboxCaption.textContent = caption ?? '';
    sandboxCaption.hidden = caption === null;
  }

  function drawLesson(m: LessonScreenModel): void {
    ensureFrame('lesson');
    const total = m.steps.length;
    const kind = strings[STEP_KIND_KEY[m.view.kind]];
    const headSig = JSON.stringify([m.lessonId, m.number, m.title, m.rfc, m.step, m.steps, m.furthest]);
    if (headSig !== drawn.head) {
      drawn.head = headSig;
      const strip = h(
        'ol',
        { class: 'step-strip', 'aria-label': strings.stepsLabel },
        ...m.steps.map((st, i) => {
          const b = h(
            'button',
            {
              type: 'button',
              class: `step-dot kind-${st.kind}${st.done ? ' done' : ''}${i === m.step ? ' here' : ''}`,
              'data-step': String(i),
              'data-key': `step-${i}`,
              'aria-label': format(strings.stepAria, { n: i + 1, total, kind: strings[STEP_KIND_KEY[st.kind]], status: st.done ? strings.stepDone : strings.stepOpen }),
            },
            h('span', { 'aria-hidden': 'true' }, st.done ? '✓' : String(i + 1)),
          );
          if (i === m.step) b.setAttribute('aria-current', 'step');
          b.disabled = i > m.furthest;
          b.addEventListener('click', () => {
            if (i !== m.step) ctx.post({ type: 'course/goto', step: i });
          });
          return h('li', {}, b);
        }),
      );
      frame.head.replaceChildren(
        h('div', { class: 'screen-top' }, mapButton()),
        h('h1', { id: 'lesson-title', class: 'lesson-heading' }, format(strings.lessonHeading, { n: m.number, title: m.title })),
        h('p', { class: 'muted rfc' }, format(strings.lessonRfc, { rfc: m.rfc })),
        strip,
        h('h2', { id: 'step-heading', tabindex: '-1', 'data-focus': 'heading' }, format(strings.stepHeading, { n: m.step + 1, total, kind })),
      );
    }

    const bodySig = JSON.stringify([m.lessonId, m.step, m.view, ctx.labTwin?.(m.lessonId, m.step) ? 'lab' : '']);
    if (bodySig !== drawn.body) {
      drawn.body = bodySig;
      scenarioParts.next = null;
      scenarioParts.status = null;
      const v = m.view;
      if (v.kind === 'explain') {
        frame.body.replaceChildren(h('div', { class: 'explain' }, ...paragraphs(v.text)));
      } else if (v.kind === 'scenario') {
        const next = button(strings.scenarioNext, 'next-event', nextEvent, { primary: true, id: 'scenario-next' });
        const status = h('span', { class: 'muted', id: 'scenario-status', 'aria-live': 'polite' });
        scenarioParts.next = next;
        scenarioParts.status = status;
        const twin = ctx.labTwin?.(m.lessonId, m.step) ?? null;
        const capture = v.capture;
        let open: HTMLElement | null = null;
        if (capture) {
          open = button(strings.openCapture, 'open-capture', () => ctx.post({ type: 'course/openCapture', capture }), { id: 'open-capture' });
          open.setAttribute('title', strings.openCaptureHint);
          open.setAttribute('aria-description', strings.openCaptureHint);
        }
        frame.body.replaceChildren(h('div', { class: 'scenario' }, ...paragraphs(v.caption), h('div', { class: 'scenario-bar' }, next, twin, open, status)));
        drawScenarioControls();
      } else {
        frame.body.replaceChildren(renderQuestion(qctx, v.question));
      }
    }
    drawSandboxSlot(m.sandbox, m.view.kind === 'scenario' ? m.view.caption : null);

    const navSig = JSON.stringify([m.lessonId, m.step, m.canNext, m.isLast, m.completed, m.nextLesson]);
    if (navSig !== drawn.nav) {
      drawn.nav = navSig;
      const back = button(strings.stepBack, 'back', () => ctx.post({ type: 'course/back' }), { disabled: m.step === 0, id: 'step-back' });
      const showNext = !(m.completed && m.isLast);
      const next = button(m.isLast ? strings.stepFinish : strings.stepNext, 'next', () => ctx.post({ type: 'course/next' }), { primary: true, disabled: !m.canNext, id: 'step-next' });
      const blocked = h('span', { class: 'blocked muted', id: 'step-next-reason' }, strings.stepNextBlocked);
      if (!m.canNext) next.setAttribute('aria-describedby', 'step-next-reason');
      const row = h('div', { class: 'step-nav' }, back, showNext ? next : null, showNext && !m.canNext ? blocked : null);
      const parts: HTMLElement[] = [row];
      if (m.completed && m.isLast) {
        const complete = h('section', { class: 'lesson-complete', 'aria-labelledby': 'lesson-complete-title' }, h('h2', { id: 'lesson-complete-title', tabindex: '-1' }, h('span', { 'aria-hidden': 'true' }, '✓ '), strings.lessonComplete), h('p', {}, strings.lessonCompleteText));
        const buttons = h('div', { class: 'course-actions' });
        if (m.nextLesson) {
          const id = m.nextLesson.id;
          buttons.append(button(format(strings.nextLesson, { title: m.nextLesson.title }), 'next-lesson', () => ctx.post({ type: 'course/open', lesson: id }), { primary: true, id: 'next-lesson' }));
        }
        buttons.append(mapButton(true));
        complete.append(buttons);
        parts.unshift(complete);
      }
      const reset = h('button', { type: 'button', class: 'link small', id: 'lesson-reset', 'data-key': 'reset' }, strings.lessonReset);
      reset.addEventListener('click', () => ctx.post({ type: 'course/reset', scope: 'lesson', lesson: m.lessonId }));
      parts.push(h('p', { class: 'course-footer' }, reset));
      frame.nav.replaceChildren(...parts);
    }
  }

  function drawReview(m: ReviewScreenModel): void {
    if (!m.question) {
      const text = [m.due > 0 ? format(strings.reviewStillDue, { due: m.due }) : strings.reviewNothingDue, m.nextDue && m.due === 0 ? format(strings.reviewNextDue, { when: m.nextDue }) : null].filter(Boolean).join(' ');
      element.replaceChildren(
        h(
          'div',
          { class: 'course-review review-end' },
          h('div', { class: 'screen-top' }, mapButton()),
          h('h1', { id: 'review-heading', tabindex: '-1', 'data-focus': 'heading' }, h('span', { 'aria-hidden': 'true' }, '✓ '), strings.reviewDone),
          h('p', {}, text),
          h('div', { class: 'course-actions' }, mapButton(true)),
        ),
      );
      drawn = { head: '', body: '', nav: '' };
      return;
    }
    ensureFrame('review');
    const q = m.question;
    const headSig = JSON.stringify([m.position, m.total, m.lessonTitle]);
    if (headSig !== drawn.head) {
      drawn.head = headSig;
      frame.head.replaceChildren(
        h('div', { class: 'screen-top' }, mapButton()),
        h('h1', { id: 'review-heading', tabindex: '-1', 'data-focus': 'heading' }, format(strings.reviewHeading, { position: m.position, total: m.total })),
        m.lessonTitle ? h('p', { class: 'muted' }, format(strings.reviewFrom, { lesson: m.lessonTitle })) : '',
      );
    }
    const bodySig = JSON.stringify([m.position, q]);
    if (bodySig !== drawn.body) {
      drawn.body = bodySig;
      frame.body.replaceChildren(renderQuestion(qctx, q));
    }
    drawSandboxSlot(m.sandbox, null);
    const navSig = JSON.stringify([m.position, q.status]);
    if (navSig !== drawn.nav) {
      drawn.nav = navSig;
      frame.nav.replaceChildren(q.status === 'open' ? '' : h('div', { class: 'step-nav' }, button(strings.reviewNext, 'review-next', () => ctx.post({ type: 'course/reviewNext' }), { primary: true, id: 'review-next' })));
    }
  }

  // --- focus: kept on the same control across redraws; moved to the heading on a new screen ----

  function focusedKey(): string | null {
    const active = document.activeElement;
    if (!active || !element.contains(active)) return null;
    return active.closest('[data-key]')?.getAttribute('data-key') ?? null;
  }

  function restoreFocus(k: string, hadFeedback: string | null): void {
    if (element.contains(document.activeElement) && document.activeElement !== document.body) return;
    const target = element.querySelector<HTMLElement>(`[data-key="${CSS.escape(k)}"]`);
    const usable = target && !target.hasAttribute('disabled') && !(target as HTMLInputElement).disabled;
    if (usable) {
      target.focus();
      return;
    }
    // The control is gone (the question is finished): go to the feedback, or the next step's button.
    const feedback = element.querySelector<HTMLElement>('.feedback .feedback-title');
    const fresh = element.querySelector('.feedback')?.getAttribute('data-feedback') ?? null;
    if (feedback && fresh !== hadFeedback) feedback.focus();
    else element.querySelector<HTMLElement>('[data-focus="heading"]')?.focus();
  }

  return {
    element,
    update(m) {
      const before = key;
      const hadModel = model !== null;
      const focus = focusedKey();
      const feedbackBefore = element.querySelector('.feedback')?.getAttribute('data-feedback') ?? null;
      model = m;
      key = screenKey(m);
      if (key !== before) {
        drafts.clear();
        stopAutoplay();
      }
      if (m.screen === 'map') drawMap(m);
      else if (m.screen === 'lesson') drawLesson(m);
      else drawReview(m);
      if (!ctx.visible()) return;
      // Grading is spoken by the feedback panel itself (role alert when wrong, status when right).
      if (key !== before && hadModel) {
        (element.querySelector<HTMLElement>('#lesson-complete-title') ?? element.querySelector<HTMLElement>('[data-focus="heading"]'))?.focus();
      } else if (focus) {
        restoreFocus(focus, feedbackBefore);
      }
    },
    updateSandbox(m) {
      if (wanted !== null && (m.timeline.position === wanted || wanted > m.timeline.length)) wanted = null;
      sandbox.update(m);
      drawScenarioControls();
      if (autoplay.armed && m.rowsFrom === 0 && m.timeline.position === 0 && m.timeline.length > 0) {
        // The run asked for has arrived: show it and play it.
        autoplay.armed = false;
        autoplay.playing = true;
        const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        requestAnimationFrame(() => sandboxSlot.scrollIntoView({ block: 'start', behavior: reduced ? 'auto' : 'smooth' }));
        ctx.announce(strings.whyPlaying);
      }
      autoplayStep(m);
    },
  };
}
