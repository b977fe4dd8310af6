import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { COURSE_T0, FakeCourseHost, courseIntents, cspViolations, initMessage, browserSuite, openTutor, posted, sendCourse } from './harness';
import type { ThemeName } from './themes';
import type { Locale } from '../../src/i18n/types';
import { UI_STRINGS } from '../../src/i18n/ui';
import { COURSE } from '../../src/core/course/content';
import type { Progress } from '../../src/core/course/progress';
import { completeLesson, emptyProgress, recordAnswer, setStep } from '../../src/core/course/progress';
import type { NextStateQuestion, NumbersQuestion, OrderQuestion, Question } from '../../src/core/course/types';
import type { CourseMapModel, LessonScreenModel, QuestionView } from '../../src/shared/protocol';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const DAY = 86_400_000;

function question(id: string): Question {
  for (const l of COURSE.lessons) {
    const q = l.questions.find((x) => x.id === id);
    if (q) return q;
  }
  throw new Error(`no question ${id}`);
}

/** Progress that has reached step `index` of `lessonId`. */
function at(lessonId: string, index: number, base: Progress = emptyProgress()): Progress {
  return setStep(base, lessonId, index);
}

function stepOf(lessonId: string, questionId: string): number {
  const lesson = COURSE.lessons.find((l) => l.id === lessonId);
  const i = lesson?.steps.findIndex((s) => s.kind === 'question' && s.question === questionId) ?? -1;
  if (i < 0) throw new Error(`${questionId} is not in ${lessonId}`);
  return i;
}

// --- hand-built models, for what the real course does not show on demand ----------------------

const MAP: CourseMapModel = {
  screen: 'map',
  lessons: [
    { id: 'states', number: 1, title: 'The eleven states', summary: 'What each state means.', rfc: 'RFC 9293 §3.3.2', status: 'done', current: false, questions: 7, answered: 7 },
    { id: 'handshake', number: 2, title: 'The three-way handshake', summary: 'SYN, SYN+ACK, ACK.', rfc: 'RFC 9293 §3.5', status: 'in-progress', current: true, questions: 9, answered: 3 },
    { id: 'why-three', number: 3, title: 'Why three?', summary: 'Old duplicates.', rfc: 'RFC 9293 §3.5', status: 'not-started', current: false, questions: 8, answered: 0 },
  ],
  continueTo: { lessonId: 'handshake', title: 'The three-way handshake', step: 2, steps: 12 },
  due: 4,
  nextDue: null,
  notice: null,
};

function choiceView(over: Partial<QuestionView> = {}): QuestionView {
  return {
    id: 'fx-choice',
    kind: 'choice',
    prompt: 'Why does the SYN take a sequence number?',
    body: {
      kind: 'choice',
      multiple: false,
      options: [
        { id: 'ack', text: 'So that it can be acknowledged like data.' },
        { id: 'len', text: 'Because it carries one byte of data.' },
        { id: 'none', text: 'It does not.' },
      ],
    },
    status: 'open',
    wrongAttempts: 0,
    feedback: null,
    hints: [],
    hintsLeft: 1,
    answer: null,
    explanation: null,
    optionNotes: null,
    last: null,
    ...over,
  };
}

function lessonModel(view: LessonScreenModel['view'], over: Partial<LessonScreenModel> = {}): LessonScreenModel {
  return {
    screen: 'lesson',
    lessonId: 'handshake',
    number: 2,
    title: 'The three-way handshake',
    rfc: 'RFC 9293 §3.5',
    step: 3,
    steps: [
      { kind: 'scenario', done: true },
      { kind: 'explain', done: true },
      { kind: 'explain', done: true },
      { kind: 'question', done: false },
      { kind: 'question', done: false },
    ],
    furthest: 3,
    view,
    sandbox: null,
    canNext: false,
    isLast: false,
    completed: false,
    nextLesson: { id: 'why-three', title: 'Why three?' },
    ...over,
  };
}

describe('webview: course', function () {
  const env = browserSuite(SHOTS);
  let context: BrowserContext;
  let page: Page;
  let host: FakeCourseHost;
  const errors: string[] = [];

  beforeEach(() => {
    env.server.savedState = null;
    env.server.theme = 'dark';
  });

  afterEach(async () => {
    const violations = page ? await cspViolations(page).catch(() => []) : [];
    await context?.close();
    assert.deepEqual(violations, [], 'the page broke its Content Security Policy');
    assert.deepEqual(errors, [], 'the page logged errors');
    assert.deepEqual(host?.problems ?? [], [], 'the player refused an intent');
  });

  /** Opens the tutor with the real course player behind it, on the course tab. */
  async function open(options: { width?: number; locale?: Locale; progress?: Progress; hostKind?: 'view' | 'panel'; send?: boolean } = {}): Promise<void> {
    const { width = 1280, locale = 'en', progress = emptyProgress(), send = true } = options;
    context = await env.browser.newContext({ viewport: { width, height: 1000 }, reducedMotion: 'reduce' });
    page = await context.newPage();
    errors.length = 0;
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    host = new FakeCourseHost(page, locale, progress);
    await host.attach();
    await openTutor(page, env.server, initMessage(locale, options.hostKind ?? (width < 900 ? 'view' : 'panel')));
    if (send) {
      await host.send();
      await page.waitForSelector('#course h1', { state: 'attached' });
    } else {
      host.mute = true;
    }
  }

  /** Opens the lesson the map's "Continue" leads to. */
  async function continueLesson(): Promise<void> {
    await page.click('#course-continue');
    await page.waitForSelector('#course #step-heading');
  }

  const lastIntent = async () => (await courseIntents(page)).at(-1);
  const waitStatus = (status: string) => page.waitForSelector(`#course .question[data-status="${status}"]`);
  const stepHeading = () => page.textContent('#step-heading');

  async function next(): Promise<void> {
    const before = await stepHeading();
    await page.click('#step-next');
    await page.waitForFunction((b) => document.querySelector('#step-heading')?.textContent !== b, before);
  }

  /** Answers the question on screen correctly, as a learner who knows would. */
  async function answerRight(q: Question, how: 'mouse' | 'keyboard' = 'mouse'): Promise<void> {
    if (q.kind === 'choice') {
      for (const o of q.options.filter((x) => x.correct)) await page.check(`#course input[data-option="${o.id}"]`);
      await page.click('#course [data-key="check"]');
    } else if (q.kind === 'next-state') {
      const state = `#course svg.pick-diagram g.state[data-state="${q.answer}"]`;
      // Choose, then confirm: Check with the mouse, a second Enter with the keyboard.
      if (how === 'mouse') {
        await page.click(state);
        await page.click('#course [data-key="check"]');
      } else {
        await page.focus(state);
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
      }
    } else if (q.kind === 'order') {
      await orderByKeyboard(q.items.map((i) => i.id));
      await page.click('#course [data-key="check"]');
    } else if (q.kind === 'numbers') {
      for (const f of q.fields) await page.fill(`#course input[data-field="${f.id}"]`, f.answer);
      await page.press(`#course input[data-field="${q.fields[0].id}"]`, 'Enter');
    } else {
      throw new Error(`answerRight: ${q.kind}`);
    }
    await waitStatus('correct');
  }

  const currentOrder = () => page.$$eval('#course .order-list li', (els) => els.map((e) => e.getAttribute('data-item') ?? ''));

  async function orderByKeyboard(target: readonly string[]): Promise<void> {
    for (let i = 0; i < target.length; i++) {
      const order = await currentOrder();
      const from = order.indexOf(target[i]);
      for (let k = from; k > i; k--) {
        await page.focus(`#course li[data-item="${target[i]}"]`);
        await page.keyboard.press('Alt+ArrowUp');
      }
    }
    assert.deepEqual(await currentOrder(), [...target]);
  }

  // --- the map ---------------------------------------------------------------------------------

  it('is the home tab: the map lists every lesson with a mark that does not rely on colour', async () => {
    await open({ progress: completeLesson(at('handshake', 4, at('states', 3)), 'states', COURSE_T0) });
    assert.equal(await page.getAttribute('vscode-tab-header[data-tab="course"]', 'aria-selected'), 'true');
    assert.ok(await page.isVisible('#course-continue'));
    const cards = await page.$$eval('#course .lesson-card', (els) =>
      els.map((e) => ({
        id: e.getAttribute('data-lesson'),
        glyph: e.querySelector('.lesson-mark')?.textContent,
        said: e.querySelector('.mark-text')?.textContent,
        current: e.classList.contains('current'),
        label: e.getAttribute('aria-label') ?? '',
      })),
    );
    assert.equal(cards.length, COURSE.lessons.length);
    assert.deepEqual(cards[0], { id: 'states', glyph: '✓', said: 'done', current: false, label: cards[0].label });
    assert.equal(cards[1].glyph, '◐');
    assert.equal(cards[1].said, 'in progress');
    assert.ok(cards[1].current);
    assert.match(cards[1].label, /^Lesson 2: .*in progress, current\.$/);
    assert.equal(cards[2].glyph, '○');
    assert.equal(cards[2].said, 'not started');
    assert.equal(cards.filter((c) => c.current).length, 1);
    assert.match((await page.textContent('#course-continue')) ?? '', /^Continue: .+ \(step 5 of \d+\)$/);
    // Nothing is due yet: the review button looks disabled and says when the next card falls due.
    assert.equal(await page.getAttribute('#course-review', 'aria-disabled'), 'true');
    assert.match((await page.textContent('#course-review-note')) ?? '', /Nothing to review yet/);
  });

  it('posts continue, review, open and reset from the map; opens lessons by keyboard; switches to the sandbox', async () => {
    await open({ send: false });
    await sendCourse(page, MAP);
    await page.waitForSelector('#course .lesson-card');
    await page.click('#course-continue');
    assert.deepEqual(await lastIntent(), { type: 'course/continue' });
    await page.click('#course-review');
    assert.deepEqual(await lastIntent(), { type: 'course/review' });
    assert.match((await page.textContent('#course-review')) ?? '', /Review now \(4 due\)/);
    await page.focus('#course .lesson-card[data-lesson="why-three"]');
    await page.keyboard.press('Enter');
    assert.deepEqual(await lastIntent(), { type: 'course/open', lesson: 'why-three' });
    await page.focus('#course .lesson-card[data-lesson="states"]');
    await page.keyboard.press(' ');
    assert.deepEqual(await lastIntent(), { type: 'course/open', lesson: 'states' });
    await page.click('#course-reset');
    assert.deepEqual(await lastIntent(), { type: 'course/reset', scope: 'course' });
    // Nothing due: the button says when, and posts nothing.
    await sendCourse(page, { ...MAP, due: 0, nextDue: 'in 3 hours', notice: 'Your saved progress could not be read; it was kept aside.' });
    await page.waitForSelector('#course-review[aria-disabled="true"]');
    assert.equal(await page.textContent('#course-review-note'), 'Nothing due; next review in 3 hours');
    assert.equal(await page.textContent('#course .notice[role="status"]'), 'Your saved progress could not be read; it was kept aside.');
    const count = (await courseIntents(page)).length;
    await page.click('#course-review', { force: true });
    assert.equal((await courseIntents(page)).length, count);
    assert.equal(await page.textContent('#announcer'), 'Nothing due; next review in 3 hours');
    await page.click('#course-open-sandbox');
    await page.waitForSelector('#sandbox', { state: 'visible' });
    assert.equal((await posted(page)).filter((m) => m.type === 'saveViewState').at(-1)?.state && 'sandbox', 'sandbox');
    // A course message with reveal brings the course back.
    await sendCourse(page, MAP, true);
    await page.waitForSelector('#course .lesson-list', { state: 'visible' });
  });

  it('keeps a saved diagram or sandbox tab, and starts fresh webviews on the course', async () => {
    env.server.savedState = { selection: null, zoom: 'fit', tab: 'sandbox' };
    await open();
    assert.equal(await page.getAttribute('vscode-tab-header[data-tab="sandbox"]', 'aria-selected'), 'true');
    assert.ok(!(await page.isVisible('#course')));
  });

  // --- a whole lesson through the real player ------------------------------------------------------

  it('takes lesson 1 from the map to its end by clicking, with one wrong answer, and opens lesson 2', async () => {
    const lesson = COURSE.lessons[0];
    await open();
    await continueLesson();
    assert.deepEqual(await lastIntent(), { type: 'course/continue' });
    assert.equal(await page.textContent('#lesson-title'), `Lesson 1 · ${lesson.title.en}`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'step-heading', 'focus moves to the step heading');
    assert.match((await page.textContent('#course .rfc')) ?? '', /RFC 9293/);
    const steps = await page.$$eval('#course .step-dot', (els) => els.map((e) => ({ label: e.getAttribute('aria-label'), disabled: (e as HTMLButtonElement).disabled })));
    assert.equal(steps.length, lesson.steps.length);
    assert.match(steps[0].label ?? '', /^Step 1 of \d+: explanation, /);
    assert.ok(steps[2].disabled, 'steps beyond the furthest reached are not offered');

    for (let i = 0; i < lesson.steps.length; i++) {
      const step = lesson.steps[i];
      assert.equal(await stepHeading(), `Step ${i + 1} of ${lesson.steps.length} · ${step.kind === 'explain' ? 'explanation' : step.kind}`);
      if (step.kind === 'scenario') {
        await page.waitForSelector('#lesson-sandbox', { state: 'visible' });
        assert.ok(!(await page.isVisible('#ls-A-connect')), 'a story is watched, not acted in');
        assert.ok(!(await page.isVisible('#ls-deliver-all')));
        assert.equal(await page.$('#ls-preset'), null, 'no toolbar in the lesson sandbox');
        assert.equal(await page.$('#ls-export-svg'), null, 'no exports in the lesson sandbox');
        for (let k = 0; k < 30 && !(await page.$('#scenario-next[disabled]')); k++) {
          const before = await page.textContent('#scenario-status');
          await page.click('#scenario-next');
          await page.waitForFunction((b) => document.querySelector('#scenario-status')?.textContent !== b, before);
        }
        assert.match((await page.textContent('#scenario-status')) ?? '', /^event (\d+) of \1 · The story has been played to its end\.$/);
        assert.ok((await courseIntents(page)).some((m) => m.type === 'course/sandbox' && (m.intent as { type: string }).type === 'sandbox/seek'));
        assert.ok((await page.$$('#ls-in-flight li, svg.ladder g.segment')).length > 0);
      }
      if (step.kind === 'question') {
        const q = question(step.question);
        assert.ok(await page.$('#step-next[disabled]'), 'Next waits for the answer');
        assert.ok(await page.isVisible('#step-next-reason'));
        assert.equal(await page.textContent('#step-next-reason'), 'Answer the question to go on');
        if (i === 4 && q.kind === 'choice') {
          // One wrong answer: feedback tied to the misconception, a hint, then the right one.
          const wrong = q.options.find((o) => !o.correct);
          assert.ok(wrong);
          await page.check(`#course input[data-option="${wrong.id}"]`);
          await page.click('#course [data-key="check"]');
          await page.waitForSelector('#course .feedback.wrong[role="alert"]');
          assert.match((await page.textContent('#course .feedback-title')) ?? '', /Not quite/);
          if (wrong.misconception) assert.match((await page.textContent('#course .feedback .belief')) ?? '', /^A common belief: /);
          // The first hint comes with the first wrong answer; more on asking.
          if (await page.$('#course [data-key="hint"]')) await page.click('#course [data-key="hint"]');
          await page.waitForSelector('#course .hints li');
          assert.equal(await page.textContent('#course .hints li'), q.hints[0].en);
          await page.uncheck(`#course input[data-option="${wrong.id}"]`).catch(() => undefined);
        }
        await answerRight(q, i === 9 ? 'keyboard' : 'mouse');
        assert.ok(await page.$('#course .feedback.right[role="status"]'));
        assert.ok(((await page.textContent('#course .explanation')) ?? '').includes(q.explanation.en));
        if (q.kind === 'choice') {
          assert.equal(await page.$$eval('#course .option-notes li', (els) => els.length), q.options.length);
          assert.ok(await page.$eval('#course .options input', (e) => (e as HTMLInputElement).disabled), 'a finished question cannot be changed');
        }
        if (q.kind === 'next-state') {
          assert.ok(await page.$(`#course g.state.picked.right[data-state="${(q as NextStateQuestion).answer}"] .pick-mark`));
          assert.ok(await page.$eval('#course .type-state input', (e) => (e as HTMLInputElement).disabled));
        }
        if (q.kind === 'order') assert.equal(await page.$$eval('#course .order-item .mark.right', (els) => els.length), (q as OrderQuestion).items.length);
        await page.waitForSelector('#step-next:not([disabled])');
      }
      if (i < lesson.steps.length - 1) await next();
    }
    assert.equal(await page.textContent('#step-next'), 'Finish lesson');
    await page.click('#step-next');
    await page.waitForSelector('#course .lesson-complete');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'lesson-complete-title');
    const nextTitle = COURSE.lessons[1].title.en;
    assert.equal(await page.textContent('#next-lesson'), `Next lesson: ${nextTitle}`);
    await page.click('#next-lesson');
    assert.deepEqual(await lastIntent(), { type: 'course/open', lesson: COURSE.lessons[1].id });
    await page.waitForFunction((t) => document.querySelector('#lesson-title')?.textContent === `Lesson 2 · ${t}`, nextTitle);
    // Back on the map, lesson 1 is done.
    await page.click('#course [data-key="map"]');
    await page.waitForSelector('#course .lesson-card[data-lesson="states"] .mark-text');
    assert.equal(await page.textContent('#course .lesson-card[data-lesson="states"] .mark-text'), 'done');
  });

  // --- each question kind ------------------------------------------------------------------------

  it('"Open the capture" on a lesson story that has one posts course/openCapture; stories without one have no button', async () => {
    await open({ progress: setStep(emptyProgress(), 'close-shutdown', 1) });
    await continueLesson();
    await page.waitForSelector('#open-capture', { state: 'visible' });
    assert.equal((await page.textContent('#open-capture'))?.trim(), UI_STRINGS.en.openCapture);
    assert.equal(await page.getAttribute('#open-capture', 'title'), UI_STRINGS.en.openCaptureHint);
    await page.screenshot({ path: join(SHOTS, 'course-open-capture-dark.png') });
    await page.focus('#open-capture');
    await page.keyboard.press('Enter');
    await page.click('#open-capture');
    await host.settle();
    assert.deepEqual(host.captures, ['halfclose', 'halfclose'], 'Enter and a click each ask for it');
    assert.deepEqual(await lastIntent(), { type: 'course/openCapture', capture: 'halfclose' });
    // The RST story of the resets lesson has no capture shipped.
    await context?.close();
    await open({ progress: setStep(emptyProgress(), 'resets', 1) });
    await continueLesson();
    await page.waitForSelector('#scenario-next', { state: 'visible' });
    assert.equal(await page.$('#open-capture'), null);
  });

  it('numbers: typed answers, fields marked by the host, Enter checks', async () => {
    const q = question('hs-synack') as NumbersQuestion;
    await open({ progress: at('handshake', stepOf('handshake', q.id)) });
    await continueLesson();
    assert.match((await page.textContent('#course .kind-numbers')) ?? '', /Answer in terms of x, y/);
    const labels = await page.$$eval('#course .number-field label', (els) => els.map((e) => e.textContent));
    assert.deepEqual(labels, q.fields.map((f) => f.label.en));
    // Right in the first field, wrong in the second.
    await page.fill(`#course input[data-field="${q.fields[0].id}"]`, q.fields[0].answer);
    await page.fill(`#course input[data-field="${q.fields[1].id}"]`, 'x');
    await page.press(`#course input[data-field="${q.fields[1].id}"]`, 'Enter');
    await page.waitForSelector('#course .feedback.wrong');
    const intent = (await courseIntents(page)).find((m) => m.type === 'course/answer');
    assert.deepEqual(intent, { type: 'course/answer', question: q.id, answer: { kind: 'numbers', values: { [q.fields[0].id]: q.fields[0].answer, [q.fields[1].id]: 'x' } } });
    assert.equal(await page.getAttribute(`#course input[data-field="${q.fields[1].id}"]`, 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute(`#course input[data-field="${q.fields[0].id}"]`, 'aria-invalid'), null);
    assert.equal(await page.textContent('#course .number-field.wrong .mark'), '✗wrong');
    // The typed values stay, and focus stays in the field typed in.
    assert.equal(await page.inputValue(`#course input[data-field="${q.fields[1].id}"]`), 'x');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-field')), q.fields[1].id);
    // The first wrong answer points to the hint; it does not name the value.
    assert.doesNotMatch((await page.textContent('#course .feedback.wrong')) ?? '', /x\+1|x \+ 1/);
    await page.fill(`#course input[data-field="${q.fields[1].id}"]`, ` ${q.fields[1].answer.toUpperCase()} `);
    // A changed value loses its old mark at once.
    assert.equal(await page.$('#course .number-field.wrong'), null);
    assert.equal(await page.getAttribute(`#course input[data-field="${q.fields[1].id}"]`, 'aria-invalid'), null);
    await page.press(`#course input[data-field="${q.fields[1].id}"]`, 'Enter');
    await waitStatus('correct');
    assert.ok(await page.$eval(`#course input[data-field="${q.fields[0].id}"]`, (e) => (e as HTMLInputElement).disabled));
  });

  it('order: drag with the pointer, move with the buttons, announce the new place', async () => {
    const q = question('st-client-order') as OrderQuestion;
    await open({ progress: at('states', stepOf('states', q.id)) });
    await continueLesson();
    const target = q.items.map((i) => i.id);
    // The buttons: move the first item down, and hear where it went.
    const first = (await currentOrder())[0];
    const text = q.items.find((i) => i.id === first)?.text.en ?? '';
    assert.equal(await page.getAttribute(`#course [data-key="down-${first}"]`, 'aria-label'), `Move down: ${text}`);
    await page.click(`#course [data-key="down-${first}"]`);
    assert.equal((await currentOrder())[1], first);
    assert.equal(await page.textContent('#course [data-live="question"]'), `${text}: now 2 of ${target.length}`);
    // Drag every item to its place with the pointer.
    for (let i = 0; i < target.length; i++) {
      const order = await currentOrder();
      if (order[i] === target[i]) continue;
      const from = await page.locator(`#course li[data-item="${target[i]}"] .order-text`).boundingBox();
      const to = await page.locator(`#course li[data-item="${order[i]}"]`).boundingBox();
      assert.ok(from && to);
      await page.mouse.move(from.x + 5, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(to.x + 20, to.y + 4, { steps: 6 });
      await page.mouse.move(to.x + 20, to.y + 2, { steps: 2 });
      await page.mouse.up();
      assert.equal((await currentOrder())[i], target[i], `dragged ${target[i]} to ${i + 1}`);
    }
    assert.deepEqual(await currentOrder(), target);
    await page.click('#course [data-key="check"]');
    await waitStatus('correct');
    const intent = (await courseIntents(page)).find((m) => m.type === 'course/answer');
    assert.deepEqual(intent, { type: 'course/answer', question: q.id, answer: { kind: 'order', order: target } });
    assert.equal(await page.$$eval('#course .order-item button', (els) => els.length), 0, 'a finished order cannot be moved');
  });

  it('order: a wrong order marks the misplaced items, and the learner’s order stays', async () => {
    const q = question('st-client-order') as OrderQuestion;
    await open({ progress: at('states', stepOf('states', q.id)) });
    await continueLesson();
    const offered = await currentOrder();
    await page.click('#course [data-key="check"]');
    await page.waitForSelector('#course .feedback.wrong');
    assert.deepEqual(await currentOrder(), offered);
    const wrong = await page.$$eval('#course .order-item.wrong', (els) => els.length);
    assert.ok(wrong > 0);
    assert.equal(await page.$$eval('#course .order-item.wrong .mark', (els) => els.map((e) => e.textContent)).then((t) => t[0]), '✗wrong');
    assert.match((await page.textContent('#course .feedback.wrong')) ?? '', /states/, 'feedback about states for an ordering of states');
    // Moving an item is a new answer: the marks of the old one go.
    await page.click(`#course [data-key="down-${offered[0]}"]`);
    assert.equal(await page.$$eval('#course .order-item .mark', (els) => els.length), 0);
  });

  it('next state: clicked in the diagram, typed in the box, marked after grading', async () => {
    const q = question('st-next-server-syn') as NextStateQuestion;
    await open({ progress: at('states', stepOf('states', q.id)) });
    await continueLesson();
    assert.match((await page.textContent('#course .instruction')) ?? '', new RegExp(`Click the state endpoint ${q.endpoint} will be in`));
    assert.equal(await page.$('#course #state-diagram'), null, 'the page’s own diagram keeps its id');
    const states = await page.$$eval('#course svg.pick-diagram g.state[tabindex="0"]', (els) => els.length);
    assert.equal(states, 11);
    assert.equal(await page.$$eval('#course svg.pick-diagram g.edge[tabindex]', (els) => els.length), 0, 'arrows are not answers');
    // A click only chooses: nothing is sent until the learner confirms.
    const before = (await courseIntents(page)).length;
    await page.click('#course svg.pick-diagram g.state[data-state="CLOSED"]');
    await page.waitForSelector('#course g.state.chosen[data-state="CLOSED"]');
    assert.equal((await courseIntents(page)).length, before, 'one click is not an answer');
    assert.equal(await page.inputValue('#course .type-state input'), 'CLOSED');
    // Changing the choice, then confirming with Check: wrong.
    await page.click('#course svg.pick-diagram g.state[data-state="ESTABLISHED"]');
    assert.equal(await page.$('#course g.state.chosen[data-state="CLOSED"]'), null);
    await page.click('#course [data-key="check"]');
    await page.waitForSelector('#course .feedback.wrong');
    assert.deepEqual(await lastIntent(), { type: 'course/answer', question: q.id, answer: { kind: 'next-state', state: 'ESTABLISHED' } });
    assert.ok(await page.$('#course g.state.picked.wrong[data-state="ESTABLISHED"]'));
    // Choosing another state clears the wrong mark at once.
    await page.click('#course svg.pick-diagram g.state[data-state="LISTEN"]');
    assert.equal(await page.$('#course g.state.picked.wrong'), null, 'the old mark goes when the answer changes');
    // Right, by typing the netstat name.
    await page.fill('#course .type-state input', 'syn_recv');
    await page.press('#course .type-state input', 'Enter');
    await waitStatus('correct');
    assert.deepEqual(await lastIntent(), { type: 'course/answer', question: q.id, answer: { kind: 'next-state', state: 'syn_recv' } });
    assert.equal(await page.inputValue('#course .type-state input'), 'syn_recv');
    await page.mouse.move(1, 1);
    await page.screenshot({ path: join(SHOTS, 'course-next-state-dark-wide.png'), fullPage: true });
  });

  it('why: predict, then run the counterfactual and compare with real TCP', async () => {
    const id = 'w3-two-way-stale';
    const q = question(id);
    assert.equal(q.kind, 'why');
    await open({ progress: at('why-three', stepOf('why-three', id)) });
    await continueLesson();
    assert.match((await page.textContent('#course .why-run')) ?? '', /Make your prediction first/);
    assert.equal(await page.textContent('#course [data-key="check"]'), 'Check my prediction');
    const pick = q.options.find((o) => o.correct);
    assert.ok(pick);
    await page.check(`#course input[data-option="${pick.id}"]`);
    await page.click('#course [data-key="check"]');
    await page.waitForSelector('#course [data-key="run"]');
    assert.deepEqual((await courseIntents(page)).find((m) => m.type === 'course/answer'), { type: 'course/answer', question: id, answer: { kind: 'why', selected: [pick.id] } });
    assert.equal(await page.textContent('#course [data-key="run"]'), 'Run it under “What if: two-way handshake”');
    await page.click('#course [data-key="run"]');
    await page.waitForSelector('#course .showing');
    assert.deepEqual((await courseIntents(page)).filter((m) => m.type === 'course/run').at(-1), { type: 'course/run', question: id, which: 'run' });
    assert.match((await page.textContent('#course .showing')) ?? '', /two-way handshake/);
    await page.waitForSelector('#lesson-sandbox', { state: 'visible' });
    // The run comes into view and plays by itself (stepping without animation: reduced motion).
    const length = Number((await page.textContent('#ls-timeline-status'))?.match(/of (\d+)/)?.[1]);
    assert.ok(length > 1);
    await page.waitForFunction(() => /^Step [1-9]/.test(document.querySelector('#ls-timeline-status')?.textContent ?? ''), undefined, { timeout: 5000 });
    const top = await page.$eval('#lesson-sandbox', (el) => el.getBoundingClientRect().top);
    assert.ok(top >= -1 && top < 1000, `the sandbox is in view (top ${top})`);
    await page.waitForFunction((n) => document.querySelector('#ls-timeline-status')?.textContent === `Step ${n} of ${n}`, length, { timeout: 1200 * length });
    await page.waitForSelector('#course .outcome');
    if (q.contrast) {
      await page.click('#course [data-key="contrast"]');
      await page.waitForFunction(() => /real TCP/.test(document.querySelector('#course .showing')?.textContent ?? ''));
      assert.deepEqual((await courseIntents(page)).filter((m) => m.type === 'course/run').at(-1), { type: 'course/run', question: id, which: 'contrast' });
    }
    await page.mouse.move(1, 1);
    await page.screenshot({ path: join(SHOTS, 'course-why-dark-wide.png'), fullPage: true });
  });

  it('make it happen: a target picture, steps counted, a hint, a solution shown and not run, solved in the sandbox', async () => {
    const id = 'sim-make-closing';
    await open({ progress: at('simultaneous', stepOf('simultaneous', id)) });
    await continueLesson();
    assert.deepEqual(await page.$$eval('#course .target-box', (els) => els.map((e) => e.textContent)), ['B → CLOSING']);
    assert.equal(await page.textContent('#course .steps-used'), 'Steps used: 0');
    await page.waitForSelector('#ls-A-close', { state: 'visible' });
    assert.ok(await page.isVisible('#ls-deliver-all'), 'the learner acts in this sandbox');
    await page.click('#course [data-key="hint"]');
    await page.waitForSelector('#course .hints li');
    await page.click('#course [data-key="reveal"]');
    await page.waitForSelector('#course .solution li');
    assert.match((await page.textContent('#course .solution h4')) ?? '', /shown and not run/);
    assert.deepEqual(await page.$$eval('#course .solution li', (els) => els.map((e) => e.textContent)), ['A: close()', 'B: close()', 'deliver the oldest segment in flight from A']);
    assert.equal(await page.textContent('#course .steps-used'), 'Steps used: 0', 'the solution is not run');
    assert.equal(await page.getAttribute('#course .solution', 'data-from'), 'start');
    // One step along the solution: the rest of it is shown, from here.
    await page.click('#ls-A-close');
    await page.waitForFunction(() => document.querySelector('#course .steps-used')?.textContent === 'Steps used: 1');
    await page.waitForSelector('#course .solution[data-from="here"]');
    assert.deepEqual(await page.$$eval('#course .solution li', (els) => els.map((e) => e.textContent)), ['B: close()', 'deliver the oldest segment in flight from A']);
    // A step off the solution: it says to start again.
    await page.click('#ls-deliver-all');
    await page.waitForSelector('#course .solution[data-from="restart"]');
    assert.match((await page.textContent('#course .solution-from')) ?? '', /Start again/);
    await page.click('#course [data-key="restart"]');
    assert.deepEqual(await lastIntent(), { type: 'course/sandbox', intent: { type: 'sandbox/reset' } });
    await page.waitForSelector('#course .solution[data-from="start"]');
    // Now follow it: the goal is reached, shown and announced, though the solution was shown.
    await page.click('#ls-A-close');
    await page.waitForFunction(() => document.querySelector('#course .steps-used')?.textContent === 'Steps used: 1');
    await page.click('#ls-B-close');
    await page.waitForFunction(() => document.querySelector('#course .steps-used')?.textContent === 'Steps used: 2');
    await page.click('#ls-in-flight li:first-child [data-action="deliver"]');
    await page.waitForFunction(() => document.querySelector('#ls-B-state')?.textContent === 'CLOSING');
    await page.waitForSelector('#course .feedback.right');
    assert.match((await page.textContent('#course .feedback.right h4')) ?? '', /Goal reached/);
    await page.waitForFunction(() => /^Goal reached/.test(document.querySelector('#announcer')?.textContent ?? ''));
    assert.ok((await courseIntents(page)).some((m) => m.type === 'course/sandbox' && (m.intent as { type: string }).type === 'sandbox/call'));
  });

  it('make it happen with a forged segment: the phantom connection of a two-way handshake', async () => {
    const id = 'w3-make-phantom';
    await open({ progress: at('why-three', stepOf('why-three', id)) });
    await continueLesson();
    await page.waitForSelector('#ls-forge', { state: 'visible' });
    await page.click('#ls-forge summary');
    await page.check('#ls-forge-to-b');
    await page.check('#ls-forge-flag-syn');
    assert.ok(await page.$eval('#ls-forge-ack', (e) => (e as HTMLInputElement).disabled), 'no ack without the ACK flag');
    await page.fill('#ls-forge-seq', '50');
    await page.click('#ls-forge-send');
    await waitStatus('correct');
    assert.deepEqual((await courseIntents(page)).filter((m) => m.type === 'course/sandbox').at(-1), {
      type: 'course/sandbox',
      intent: { type: 'sandbox/inject', to: 'B', flags: ['SYN'], seq: 50, ack: null, len: 0 },
    });
    assert.equal(await page.textContent('#ls-B-state'), 'ESTABLISHED');
    assert.ok(await page.$('#course .feedback.right[role="status"]'));
    await page.mouse.move(1, 1);
    await page.screenshot({ path: join(SHOTS, 'course-make-forged-dark-wide.png'), fullPage: true });
  });

  // --- rendering from hand-built models ---------------------------------------------------------------

  it('shows feedback, the belief behind a wrong answer, hints, the answer, the explanation and every option', async () => {
    await open({ send: false });
    await sendCourse(page, lessonModel({ kind: 'question', question: choiceView() }));
    await page.waitForSelector('#course .question');
    assert.ok(await page.$('#step-next[disabled]'));
    assert.equal(await page.textContent('#step-next-reason'), 'Answer the question to go on');
    assert.equal(await page.getAttribute('#course .options', 'role'), 'radiogroup');
    // Keyboard: arrow keys move within the radio group; Check posts the choice.
    await page.focus('#course input[data-option="ack"]');
    await page.keyboard.press('ArrowDown');
    await page.click('#course [data-key="check"]');
    assert.deepEqual(await lastIntent(), { type: 'course/answer', question: 'fx-choice', answer: { kind: 'choice', selected: ['len'] } });
    await page.click('#course [data-key="hint"]');
    assert.deepEqual(await lastIntent(), { type: 'course/help', question: 'fx-choice' });
    await page.click('#course [data-key="reveal"]');
    assert.deepEqual(await lastIntent(), { type: 'course/reveal', question: 'fx-choice' });
    const wrong = choiceView({
      wrongAttempts: 1,
      last: { kind: 'choice', selected: ['len'] },
      feedback: { correct: false, unreadable: false, messages: ['A SYN carries no data.'], misconceptions: [{ id: 'syn-data', claim: 'The SYN carries a byte of data.', correction: 'It carries none; it still takes a number.' }], parts: null },
      hints: ['What would the ACK of the SYN acknowledge?'],
      hintsLeft: 0,
    });
    await sendCourse(page, lessonModel({ kind: 'question', question: wrong }));
    await page.waitForSelector('#course .feedback.wrong[role="alert"]');
    assert.equal(await page.textContent('#course .feedback .claim'), 'A common belief: The SYN carries a byte of data.');
    assert.equal(await page.textContent('#course .feedback .correction'), 'It carries none; it still takes a number.');
    assert.equal(await page.textContent('#course .hints li'), 'What would the ACK of the SYN acknowledge?');
    assert.ok(await page.isChecked('#course input[data-option="len"]'), 'the last answer is put back');
    assert.equal(await page.$('#course [data-key="hint"]'), null, 'no hints left: only the answer is offered');
    const revealed = choiceView({
      status: 'revealed',
      wrongAttempts: 1,
      last: { kind: 'choice', selected: ['len'] },
      feedback: wrong.feedback,
      hints: wrong.hints,
      hintsLeft: 0,
      answer: 'So that it can be acknowledged like data.',
      explanation: 'SYN and FIN each take one sequence number.',
      optionNotes: [
        { id: 'ack', text: 'So that it can be acknowledged like data.', correct: true, explain: 'Yes.' },
        { id: 'len', text: 'Because it carries one byte of data.', correct: false, explain: 'It carries none.' },
        { id: 'none', text: 'It does not.', correct: false, explain: 'It does: ack = ISN + 1.' },
      ],
    });
    await sendCourse(page, lessonModel({ kind: 'question', question: revealed }, { canNext: true, steps: lessonModel({ kind: 'explain', text: '' }).steps.map((s, i) => (i === 3 ? { ...s, done: true } : s)) }));
    await page.waitForSelector('#course .question[data-status="revealed"]');
    assert.equal(await page.textContent('#course .answer p'), 'So that it can be acknowledged like data.');
    assert.equal(await page.textContent('#course .explanation p'), 'SYN and FIN each take one sequence number.');
    assert.deepEqual(await page.$$eval('#course .option-notes li .mark', (els) => els.map((e) => e.textContent)), ['✓right', '✗wrong', '✗wrong']);
    assert.ok(await page.$eval('#course input[data-option="ack"]', (e) => (e as HTMLInputElement).disabled));
    assert.ok(await page.$('#course [data-key="check"][disabled]'));
    assert.equal(await page.$('#step-next-reason'), null);
    await page.click('#step-next');
    assert.deepEqual(await lastIntent(), { type: 'course/next' });
    await page.click('#step-back');
    assert.deepEqual(await lastIntent(), { type: 'course/back' });
    await page.click('#course .step-dot[data-step="1"]');
    assert.deepEqual(await lastIntent(), { type: 'course/goto', step: 1 });
    assert.match((await page.getAttribute('#course .step-dot[data-step="3"]', 'aria-label')) ?? '', /^Step 4 of 5: question, done$/);
    assert.equal(await page.getAttribute('#course .step-dot[data-step="3"]', 'aria-current'), 'step');
    await page.click('#lesson-reset');
    assert.deepEqual(await lastIntent(), { type: 'course/reset', scope: 'lesson', lesson: 'handshake' });
    await page.click('#course [data-key="map"]');
    assert.deepEqual(await lastIntent(), { type: 'course/map' });
  });

  it('checkboxes for a question with several answers; the last step finishes the lesson; a completed lesson offers the next', async () => {
    await open({ send: false });
    const multi = choiceView({ body: { kind: 'choice', multiple: true, options: [{ id: 'a', text: 'FIN-WAIT-1' }, { id: 'b', text: 'CLOSE-WAIT' }, { id: 'c', text: 'TIME-WAIT' }] } });
    await sendCourse(page, lessonModel({ kind: 'question', question: multi }, { step: 4, furthest: 4, isLast: true }));
    await page.waitForSelector('#course input[type="checkbox"]');
    assert.equal(await page.textContent('#step-next'), 'Finish lesson');
    await page.check('#course input[data-option="a"]');
    await page.focus('#course input[data-option="c"]');
    await page.keyboard.press(' ');
    await page.click('#course [data-key="check"]');
    assert.deepEqual(await lastIntent(), { type: 'course/answer', question: 'fx-choice', answer: { kind: 'choice', selected: ['a', 'c'] } });
    await sendCourse(page, lessonModel({ kind: 'explain', text: 'Done.\n\nWell done.' }, { step: 4, furthest: 4, isLast: true, canNext: true, completed: true }));
    await page.waitForSelector('#course .lesson-complete');
    assert.equal(await page.$$eval('#course .explain p', (els) => els.length), 2);
    await page.click('#next-lesson');
    assert.deepEqual(await lastIntent(), { type: 'course/open', lesson: 'why-three' });
    await page.click('#course .lesson-complete [data-key="map-end"]');
    assert.deepEqual(await lastIntent(), { type: 'course/map' });
  });

  it('reviews due cards across lessons, then is all caught up', async () => {
    // Two questions answered ten days ago: due now.
    let progress = at('handshake', 4, at('states', 5));
    progress = recordAnswer(progress, 'states', 'st-syn-sent-meaning', { correct: true, wrongAttempts: 0 }, COURSE_T0 - 10 * DAY);
    progress = recordAnswer(progress, 'handshake', 'hs-synack', { correct: true, wrongAttempts: 0 }, COURSE_T0 - 10 * DAY);
    await open({ progress });
    await page.waitForSelector('#course-review:not([aria-disabled])');
    assert.match((await page.textContent('#course-review')) ?? '', /Review now \(2 due\)/);
    await page.click('#course-review');
    await page.waitForSelector('#review-heading');
    assert.equal(await page.textContent('#review-heading'), 'Review · card 1 of 2');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'review-heading');
    for (let card = 1; card <= 2; card++) {
      const id = await page.getAttribute('#course .question', 'data-question');
      assert.ok(id);
      assert.match((await page.textContent('#course .course-review .muted')) ?? '', /^From: /);
      assert.equal(await page.$('#review-next'), null, 'Next card waits for an answer');
      await answerRight(question(id));
      await page.click('#review-next');
      assert.deepEqual(await lastIntent(), { type: 'course/reviewNext' });
      if (card === 1) await page.waitForFunction(() => document.querySelector('#review-heading')?.textContent === 'Review · card 2 of 2');
    }
    await page.waitForFunction(() => /All caught up/.test(document.querySelector('#review-heading')?.textContent ?? ''));
    assert.match((await page.textContent('#course .review-end')) ?? '', /No card is due now\. Next review in \d+ (day|days|hours?|minutes?)\./);
    await page.click('#course .review-end [data-key="map-end"]');
    await page.waitForSelector('#course .lesson-list');
  });

  it('keeps the lesson sandbox ids apart from the free sandbox', async () => {
    await open({ progress: at('simultaneous', stepOf('simultaneous', 'sim-make-closing')) });
    await continueLesson();
    await page.waitForSelector('#ls-A-close', { state: 'visible' });
    const dupes = await page.evaluate(() => {
      const seen = new Map<string, number>();
      for (const e of Array.from(document.querySelectorAll('[id]'))) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    });
    assert.deepEqual(dupes, []);
    assert.ok(await page.$('#sb-A-close'), 'the free sandbox keeps its sb- ids');
  });

  it('speaks Chinese, with every string filled in', async () => {
    for (const key of Object.keys(UI_STRINGS.en)) assert.ok(UI_STRINGS['zh-cn'][key as keyof typeof UI_STRINGS.en], key);
    await open({ locale: 'zh-cn', progress: at('handshake', stepOf('handshake', 'hs-synack')) });
    assert.equal(await page.textContent('vscode-tab-header[data-tab="course"]'), '课程');
    assert.match((await page.textContent('#course-continue')) ?? '', /^继续学习：.+（第 \d+ 步，共 \d+ 步）$/);
    const mapText = (await page.textContent('#course')) ?? '';
    assert.doesNotMatch(mapText, /\{[a-z]+\}|undefined|Lesson \d/);
    await continueLesson();
    await page.fill('#course input[data-field="seq"]', 'z');
    await page.press('#course input[data-field="seq"]', 'Enter');
    await page.waitForSelector('#course .feedback');
    const text = (await page.textContent('#course')) ?? '';
    assert.doesNotMatch(text, /\{[a-z]+\}|undefined|Step \d|Check|Next/);
    assert.match(text, /第 \d+ 课 · /);
    assert.match((await page.textContent('#step-next-reason')) ?? '', /先答完这道题/);
  });

  for (const width of [300, 1600]) {
    it(`fits in ${width} px without sideways scrolling (map and a lesson with its sandbox)`, async () => {
      await open({ width, locale: 'zh-cn', progress: at('simultaneous', stepOf('simultaneous', 'sim-make-closing')) });
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok((await overflow()) <= 0, `the map is ${await overflow()} px too wide`);
      await continueLesson();
      await page.waitForSelector('#ls-A-close', { state: 'visible' });
      assert.ok((await overflow()) <= 0, `the lesson is ${await overflow()} px too wide`);
    });
  }

  // --- screenshots ----------------------------------------------------------------------------------

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeName[]) {
    for (const [name, width] of [['narrow', 360], ['wide', 1280]] as const) {
      it(`renders the map, a question with feedback and a make-it-happen step in ${theme}, ${name} (screenshots)`, async () => {
        env.server.theme = theme;
        const locale: Locale = theme === 'dark' ? 'zh-cn' : 'en';
        let progress = completeLesson(at('states', 10), 'states', COURSE_T0);
        progress = at('handshake', stepOf('handshake', 'hs-synack'), progress);
        await open({ width, locale, progress });
        await page.screenshot({ path: join(SHOTS, `course-map-${theme}-${name}.png`), fullPage: true });
        await continueLesson();
        const q = question('hs-synack') as NumbersQuestion;
        await page.fill(`#course input[data-field="${q.fields[0].id}"]`, q.fields[0].answer);
        await page.fill(`#course input[data-field="${q.fields[1].id}"]`, 'x');
        await page.press(`#course input[data-field="${q.fields[1].id}"]`, 'Enter');
        await page.waitForSelector('#course .feedback.wrong');
        await page.click('#course [data-key="hint"]');
        await page.waitForSelector('#course .hints li');
        await page.mouse.move(1, 1);
        await page.screenshot({ path: join(SHOTS, `course-question-${theme}-${name}.png`), fullPage: true });
        await host.player.handle({ type: 'course/open', lesson: 'simultaneous' }, host.now);
        host.player.replaceProgress(at('simultaneous', stepOf('simultaneous', 'sim-make-closing'), host.player.progress));
        host.player.handle({ type: 'course/open', lesson: 'simultaneous' }, host.now);
        await host.send();
        await page.waitForSelector('#ls-A-close', { state: 'visible' });
        await page.click('#ls-A-close');
        await page.waitForFunction(() => document.querySelector('#course .steps-used')?.textContent?.includes('1'));
        await page.mouse.move(1, 1);
        await page.screenshot({ path: join(SHOTS, `course-make-${theme}-${name}.png`), fullPage: true });
      });
    }
  }
});
