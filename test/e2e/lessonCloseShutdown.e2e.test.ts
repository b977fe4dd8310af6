// A new lesson played through in a real VS Code (code-server), as a learner would: lesson 13
// (close(), shutdown() and SO_LINGER) from its first step to "Lesson complete", every question
// answered (one wrong first, with the feedback for its misconception checked), its lab twin run
// on this machine's kernel from the lesson ("Run it on this machine": the Lab tab shows the
// kernel agreeing with the simulator on every step), and its capture opened in the capture
// editor from the lesson ("Open the capture"). Options are shuffled per learner, so they are
// picked by id, never by position. Screenshots in English and one in Chinese go to
// test-results/screenshots/.

import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { EXTENSION_HOST, startHarness } from './harness';
import type { Harness } from './harness';
import { COURSE } from '../../src/core/course/content';
import type { Question, ScenarioStep } from '../../src/core/course/types';
import { UI_STRINGS } from '../../src/i18n/ui';
import { answerRight as answerRightBy, checkAnswer, graded, q, stepStory } from './answers';

const COURSE_READY = '#app[data-ready="true"] #course';
const LESSON = COURSE.lessons.find((l) => l.id === 'close-shutdown')!;
const WRONG_FIRST = 'cs-close-vs-shutdown';
const CJK = /[\u4e00-\u9fff]/;

describe('a new lesson played through in VS Code: close(), shutdown() and SO_LINGER', function () {
  let h: Harness;
  let frame: Frame;


  /** The tutor in an editor tab (where the Lab tab lives), on the course tab. */
  const tutor = async (selector = COURSE_READY): Promise<Frame> => {
    await h.runCommand('TCP Tutor: Open in Editor Tab');
    const f = await h.findFrame(selector, 60_000, { region: 'editor' });
    await f.click('vscode-tab-header[data-tab="course"]');
    await f.waitForSelector('#course', { state: 'visible' });
    return f;
  };

  /** One step of a goal's solution, done with the lesson sandbox's own controls. */
  const follow = async (step: ScenarioStep) => {
    // Each action is answered with a new model: the lesson sandbox's timeline moves on.
    const before = await frame.textContent('#ls-timeline-status');
    if ('A' in step || 'B' in step) {
      const e = 'A' in step ? 'A' : 'B';
      await frame.click(`#ls-${e}-${'A' in step ? step.A : step.B}`);
    } else if ('deliver' in step) {
      const rows = await frame.$$('#ls-in-flight li[data-segment]');
      let row = null;
      for (const r of rows) if (((await r.textContent()) ?? '').startsWith(`${step.deliver} →`) && !row) row = r;
      assert.ok(row, `a segment in flight from ${step.deliver}`);
      await (await row.$('[data-action="deliver"]'))?.click();
    } else {
      throw new Error(`not followed by this test: ${JSON.stringify(step)}`);
    }
    await frame.waitForFunction((b) => document.querySelector('#ls-timeline-status')?.textContent !== b, before, { timeout: 15_000 });
  };

  /** Answers rightly; a goal is reached with the lesson sandbox's controls, the way the learner would, without being shown how. */
  const answerRight = (question: Question) =>
    answerRightBy(frame, question, {
      reachGoal: async (goal) => {
        for (const step of goal.solution) await follow(step);
        await frame.waitForSelector(`${q(goal.id)} .feedback.right`, { timeout: 15_000 });
        assert.match((await frame.textContent(`${q(goal.id)} .feedback.right`)) ?? '', /Goal reached/);
      },
    });

  before(async function () {
    if (process.platform !== 'linux' || EXTENSION_HOST === 'web') this.skip();
    this.timeout(600_000);
    h = await startHarness({ viewport: { width: 1500, height: 1000 } });
  });

  afterEach(async function () {
    if (h && this.currentTest?.state === 'failed') {
      const file = await h.screenshot(`FAILED-lesson13-${this.currentTest.title}`).catch(() => null);
      if (file) console.log(`      screenshot of the failure: ${file}`);
    }
  });

  after(async function () {
    if (h) await h.close();
  });

  it('plays every step to "Lesson complete", with its lab twin on this kernel and its capture in the capture editor', async function () {
    this.timeout(600_000);
    await h.openActivityBarItem('TCP Tutor');
    await h.findFrame(COURSE_READY, 60_000, { region: 'sidebar' });
    frame = await tutor();
    await frame.click(`.lesson-card[data-lesson="${LESSON.id}"]`);
    let labRun = false;
    let captureOpened = false;
    for (let step = 0; step < LESSON.steps.length; step++) {
      const s = LESSON.steps[step];
      await frame.waitForFunction((n) => (document.querySelector('#step-heading')?.textContent ?? '').startsWith(`Step ${n} of`), step + 1, { timeout: 15_000 });
      if (s.kind === 'scenario') {
        await stepStory(frame);
        if (s.id === 'close-shutdown-s2') {
          // The half-close story: its lab twin, run on this machine's kernel.
          await frame.waitForSelector('#lab-from-lesson', { state: 'visible', timeout: 20_000 });
          await frame.waitForSelector('#open-capture', { state: 'visible' });
          await h.screenshot('lesson13-story-with-lab-and-capture', { clip: 'editor' });
          await frame.click('#lab-from-lesson');
          await frame.waitForSelector('#lab-title', { state: 'visible' });
          await frame.waitForSelector('#lab-status.done, #lab-status.failed', { timeout: 60_000 });
          assert.equal(await frame.textContent('#lab-status'), 'Done: the simulator and the kernel agree on every step.');
          assert.match((await frame.textContent('#lab-story-title')) ?? '', /shutdown\(SHUT_WR\)/);
          const verdicts = await frame.$$eval('#lab-table tr.lab-step td:last-child', (tds) => tds.map((td) => (td.textContent ?? '').trim()));
          assert.ok(verdicts.length >= 4 && verdicts.every((v) => v === '✓ agree'), verdicts.join(' | '));
          const rows = await frame.$$eval('#lab-table tr.lab-step', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
          const last = rows.at(-1) ?? [];
          assert.deepEqual(last.slice(1), ['TIME-WAIT', 'CLOSED', 'TIME-WAIT', 'CLOSED', '✓ agree']);
          await h.screenshot('lesson13-lab-twin-agrees', { clip: 'editor' });
          labRun = true;
          await frame.click('vscode-tab-header[data-tab="course"]');
          await frame.waitForSelector('#open-capture', { state: 'visible' });
        }
        if (s.id === 'close-shutdown-s5') {
          // The abort story: its real capture, opened in the capture editor from the lesson.
          await frame.click('#open-capture');
          const cap = await h.findFrame('#app[data-ready="true"] .cap-table', 45_000, { region: 'editor' });
          const rows = await cap.$$eval('.cap-table tbody tr', (trs) => trs.length);
          assert.ok(rows >= 1, 'the capture lists its connection');
          await cap.click('button.cap-pick[data-connection="0"]');
          await cap.waitForSelector('svg.cap-ladder g.cap-state');
          const flags = await cap.$$eval('svg.cap-ladder g.segment', (gs) => gs.map((g) => g.textContent ?? '').join(' '));
          assert.match(flags, /RST/, 'the abort capture shows the RST');
          const title = await h.page.locator('.tabs-container .tab.active').first().textContent();
          assert.match(title ?? '', /abort\.pcapng/);
          await h.screenshot('lesson13-abort-capture-in-editor', { clip: 'editor' });
          captureOpened = true;
          frame = await tutor();
          await frame.waitForSelector('#open-capture', { state: 'visible' });
        }
      } else if (s.kind === 'question') {
        const question = LESSON.questions.find((x) => x.id === s.question);
        assert.ok(question);
        await frame.waitForSelector(q(question.id));
        assert.equal(await frame.getAttribute('#step-next', 'disabled'), '', 'Next waits for the answer');
        if (question.id === WRONG_FIRST) {
          assert.equal(question.kind, 'choice');
          const wrong = question.kind === 'choice' ? question.options.find((o) => o.id === 'same') : undefined;
          assert.ok(wrong && !wrong.correct && wrong.misconception);
          await frame.check(`${q(question.id)} input[data-option="${wrong.id}"]`);
          await checkAnswer(frame, question.id);
          await graded(frame, question.id, 'open', 'wrong');
          const fb = `${q(question.id)} .feedback`;
          assert.match((await frame.textContent(`${fb} .feedback-title`)) ?? '', new RegExp(UI_STRINGS.en.feedbackWrong.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
          await frame.waitForSelector(`${fb} [data-misconception="${wrong.misconception}"]`);
          await h.screenshot('lesson13-wrong-answer-feedback', { clip: 'editor' });
          await answerRight(question);
          await frame.waitForSelector(`${q(question.id)} .explanation`);
        } else {
          await answerRight(question);
        }
      }
      await frame.waitForSelector('#step-next:not([disabled])');
      await frame.click('#step-next');
    }
    await frame.waitForSelector('.lesson-complete', { timeout: 15_000 });
    await h.screenshot('lesson13-complete', { clip: 'editor' });
    assert.ok(labRun && captureOpened);
  });

  it('speaks Chinese in the lesson, with both buttons (screenshot)', async function () {
    this.timeout(240_000);
    await h.setSettings({ 'tcpTutor.language': 'zh-cn' });
    frame = await tutor('#app[data-locale="zh-cn"][data-ready="true"] #course');
    // The course shows the finished lesson's last step: its step strip goes back to the story.
    await frame.waitForSelector('#course .step-strip');
    await frame.click('#course .step-strip button[data-step="1"]');
    await frame.waitForSelector('#open-capture', { state: 'visible', timeout: 20_000 });
    assert.equal((await frame.textContent('#open-capture'))?.trim(), UI_STRINGS['zh-cn'].openCapture);
    assert.match((await frame.textContent('#course .scenario')) ?? '', CJK);
    await h.screenshot('lesson13-zh-cn-story', { clip: 'editor' });
    await h.setSettings({ 'tcpTutor.language': 'en' });
  });
});
