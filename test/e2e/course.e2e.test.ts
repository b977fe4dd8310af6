// The course in a real VS Code (code-server), clicked through as a learner would: the first
// two lessons from the side panel's course map (one wrong and one right answer in each, one
// answer shown after a wrong try, so that its card falls due a minute later), progress that
// survives Developer: Reload Window, and a review of the due card from the status bar.
// Screenshots in English and Chinese go to test-results/screenshots/.

import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { startHarness } from './harness';
import type { Harness, Region } from './harness';
import { COURSE } from '../../src/core/course/content';
import type { Lesson, Question } from '../../src/core/course/types';
import { answerRight as answerRightBy, answerWrong, graded, q, stepStory } from './answers';

const COURSE_READY = '#app[data-ready="true"] #course';
const CJK = /[\u4e00-\u9fff]/;

const question = (id: string): Question => {
  for (const l of COURSE.lessons) {
    const q = l.questions.find((x) => x.id === id);
    if (q) return q;
  }
  throw new Error(`no question ${id}`);
};

describe('the course in VS Code (code-server)', function () {
  let h: Harness;
  /** The question answered wrong and then revealed in lesson 1: its card falls due after a minute. */
  let revealedAt = 0;
  let revealedId = '';

  const courseFrame = async (region: Region, timeout = 30_000): Promise<Frame> => {
    const frame = await h.findFrame(COURSE_READY, timeout, { region });
    await frame.click('vscode-tab-header[data-tab="course"]');
    await frame.waitForSelector('#course', { state: 'visible' });
    return frame;
  };

  /** The status bar's review count (the item with the mortar-board icon). */
  const reviewItem = () => h.page.locator('.part.statusbar .statusbar-item', { has: h.page.locator('.codicon-mortar-board') });

  /** Answers rightly, numbers typed the way people type (spaces around the plus). */
  const answerRight = (frame: Frame, question: Question) => answerRightBy(frame, question, { typed: true });

  /** Plays a lesson from its first step to "Lesson complete". `wrongFirst` get a wrong answer first; `reveal` a wrong one and then "Show the answer". */
  async function playLesson(frame: Frame, lesson: Lesson, plan: { wrongFirst: string; reveal?: string; shots?: string }): Promise<void> {
    const shot = new Set<string>();
    for (let step = 0; step < lesson.steps.length; step++) {
      const s = lesson.steps[step];
      await frame.waitForFunction((n) => document.querySelector('#step-heading')?.textContent?.includes(String(n)), step + 1, { timeout: 10_000 });
      if (s.kind === 'scenario') {
        // Step through the story the way a learner does, then go on.
        await stepStory(frame);
      } else if (s.kind === 'question') {
        const question = lesson.questions.find((x) => x.id === s.question);
        assert.ok(question);
        await frame.waitForSelector(q(question.id));
        assert.equal(await frame.getAttribute('#step-next', 'disabled'), '', 'Next waits for the answer');
        if (question.id === plan.wrongFirst) {
          await answerWrong(frame, question);
          const feedback = (await frame.textContent(`${q(question.id)} .feedback`)) ?? '';
          assert.ok(feedback.length > 20, `wrong-answer feedback is shown: ${feedback}`);
          await frame.waitForSelector(`${q(question.id)} .hints li`);
          if (plan.shots) await h.screenshot(`${plan.shots}-wrong-answer`, { clip: 'sidebar' });
          await answerRight(frame, question);
          await frame.waitForSelector(`${q(question.id)} .explanation`);
        } else if (question.id === plan.reveal) {
          await answerWrong(frame, question);
          await frame.click(`${q(question.id)} vscode-button[data-key="reveal"]`);
          await graded(frame, question.id, 'revealed');
          await frame.waitForSelector(`${q(question.id)} .answer`);
          revealedAt = Date.now();
          revealedId = question.id;
        } else {
          await answerRight(frame, question);
          if (plan.shots && question.kind === 'next-state' && !shot.has(question.kind)) {
            shot.add(question.kind);
            await h.screenshot(`${plan.shots}-next-state`, { clip: 'sidebar' });
          }
        }
      }
      await frame.waitForSelector('#step-next:not([disabled])');
      await frame.click('#step-next');
    }
    await frame.waitForSelector('.lesson-complete', { timeout: 10_000 });
  }

  before(async function () {
    this.timeout(600_000);
    // The status bar shows the count from the first due card (the default waits for five).
    h = await startHarness({ settings: { 'tcpTutor.review.statusBarThreshold': 1 } });
  });

  afterEach(async function () {
    if (h && this.currentTest?.state === 'failed') {
      const file = await h.screenshot(`FAILED-course-${this.currentTest.title}`).catch(() => null);
      if (file) console.log(`      screenshot of the failure: ${file}`);
    }
  });

  after(async function () {
    if (h) await h.close();
  });

  it('opens on the course map, with every lesson not started and nothing to review', async function () {
    await h.openActivityBarItem('TCP Tutor');
    const frame = await courseFrame('sidebar');
    const lessons = await frame.$$eval('.lesson-card', (els) => els.map((e) => ({ id: e.getAttribute('data-lesson'), status: [...e.classList].find((c) => c.startsWith('status-')) })));
    assert.deepEqual(
      lessons.map((l) => l.id),
      COURSE.lessons.map((l) => l.id),
    );
    assert.ok(lessons.every((l) => l.status === 'status-not-started'));
    assert.ok(await frame.$('#course-continue'), 'continue where I left off');
    assert.equal(await reviewItem().count(), 0, 'no review count yet');
    await h.screenshot('course-map-en-dark', { clip: 'sidebar' });
  });

  it('completes lesson 1 in the side panel: a wrong answer with feedback, a right one, an answer shown', async function () {
    this.timeout(240_000);
    const frame = await courseFrame('sidebar');
    await frame.click(`.lesson-card[data-lesson="${COURSE.lessons[0].id}"]`);
    const lesson = COURSE.lessons[0];
    const questions = lesson.questions.map((x) => x.id);
    await playLesson(frame, lesson, { wrongFirst: questions[0], reveal: questions[questions.length - 1], shots: 'lesson1-en' });
    await h.screenshot('lesson1-complete-en', { clip: 'sidebar' });
  });

  it('completes lesson 2 in the wide editor tab, from "Next lesson"', async function () {
    this.timeout(240_000);
    await h.runCommand('TCP Tutor: Open in Editor Tab');
    const frame = await courseFrame('editor');
    await frame.waitForSelector('.lesson-complete');
    await frame.click('#next-lesson');
    const lesson = COURSE.lessons[1];
    // A numbers question answered with the classic slip first (seq = x instead of x + 1).
    const numbers = lesson.questions.find((x) => x.kind === 'numbers' && (x.mistakes?.length ?? 0) > 0);
    assert.ok(numbers);
    await playLesson(frame, lesson, { wrongFirst: numbers.id });
    await frame.click('vscode-button[data-key="map"]');
    await frame.waitForSelector('.course-map');
    await h.screenshot('course-map-after-two-lessons-en');
  });

  it('keeps the progress after Developer: Reload Window', async function () {
    this.timeout(120_000);
    await h.reload();
    // The command always shows the panel (clicking the activity bar icon while the restored
    // sidebar is still loading can toggle it shut).
    await h.runCommand('TCP Tutor: Open in Side Panel');
    const frame = await courseFrame('sidebar', 45_000);
    const status = (id: string) => frame.getAttribute(`.lesson-card[data-lesson="${id}"]`, 'class');
    await frame.waitForSelector(`.lesson-card[data-lesson="${COURSE.lessons[1].id}"].status-done`, { timeout: 15_000 });
    assert.match((await status(COURSE.lessons[0].id)) ?? '', /status-done/);
    assert.match((await status(COURSE.lessons[2].id)) ?? '', /status-not-started/);
    assert.match((await status(COURSE.lessons[2].id)) ?? '', /\bcurrent\b/, 'lesson 3 is where to continue');
    assert.match((await frame.textContent('#course-continue')) ?? '', new RegExp(COURSE.lessons[2].title.en.slice(0, 12)));
  });

  it('speaks Chinese on the map and in a lesson (screenshots)', async function () {
    this.timeout(120_000);
    await h.setSettings({ 'tcpTutor.language': 'zh-cn' });
    const frame = await h.findFrame('#app[data-locale="zh-cn"][data-ready="true"] #course', 20_000, { region: 'sidebar' });
    await frame.click('vscode-tab-header[data-tab="course"]');
    await frame.waitForSelector('.course-map');
    assert.match((await frame.textContent('.course-map')) ?? '', CJK);
    assert.match((await frame.textContent(`.lesson-card[data-lesson="${COURSE.lessons[1].id}"]`)) ?? '', /三次握手|握手/);
    await h.screenshot('course-map-zh-cn-dark', { clip: 'sidebar' });
    // Open lesson 3 and answer its first question wrongly: the feedback is Chinese too.
    await frame.click('#course-continue');
    const lesson = COURSE.lessons[2];
    const first = lesson.steps.findIndex((s) => s.kind === 'question');
    for (let i = 0; i < first; i++) {
      await frame.waitForSelector('#step-next:not([disabled])');
      await frame.click('#step-next');
    }
    const qs = lesson.steps[first];
    assert.ok(qs.kind === 'question');
    await answerWrong(frame, question(qs.question));
    assert.match((await frame.textContent(`${q(qs.question)} .feedback`)) ?? '', CJK);
    await h.screenshot('lesson3-wrong-answer-zh-cn-dark', { clip: 'sidebar' });
    await h.setSettings({ 'tcpTutor.language': 'en' });
    await h.findFrame('#app[data-locale="en"][data-ready="true"] #course', 20_000, { region: 'sidebar' });
  });

  it('looks right in the light and high-contrast themes (screenshots)', async function () {
    this.timeout(120_000);
    for (const kind of ['light', 'hc'] as const) {
      await h.setTheme(kind);
      const side = await courseFrame('sidebar');
      await side.waitForSelector('.course-map, .course-lesson');
      await h.screenshot(`course-side-panel-${kind}`, { clip: 'sidebar' });
      await h.screenshot(`course-window-${kind}`);
    }
    await h.setTheme('dark');
  });

  it('shows the due card in the status bar and reviews it', async function () {
    this.timeout(180_000);
    assert.ok(revealedId, 'lesson 1 revealed an answer');
    // A card answered "again" falls due one minute later (FSRS's first learning step).
    const wait = revealedAt + 61_000 - Date.now();
    if (wait > 0) await h.page.waitForTimeout(wait);
    const item = reviewItem();
    await item.waitFor({ state: 'visible', timeout: 70_000 });
    assert.match((await item.textContent()) ?? '', /\d/);
    await item.click();
    const frame = await courseFrame('sidebar');
    await frame.waitForSelector(`#review-heading`);
    await frame.waitForSelector(q(revealedId));
    await h.screenshot('review-card-en', { clip: 'sidebar' });
    await answerRight(frame, question(revealedId));
    await frame.click('#review-next');
    await frame.waitForSelector('.review-end');
    await h.screenshot('review-done-en', { clip: 'sidebar' });
  });
});
