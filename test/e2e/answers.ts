// Answering the course's questions in a real VS Code, as a learner does: by clicking and
// typing in the tutor's webview frame. Options are shuffled per learner, so they are picked by
// id, never by position. Every wait is on a condition the page shows (a new grade, a new
// status line), never on time.

import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { Question } from '../../src/core/course/types';
import { STATE_IDS } from '../../src/core/tcp/states';

/** The question's section in the course page. */
export const q = (id: string): string => `section.question[data-question="${id}"]`;

/** Presses the question's Check button. */
export const checkAnswer = (frame: Frame, id: string): Promise<void> => frame.click(`${q(id)} vscode-button[data-key="check"]`);

/** Waits until the question has been graded (its status, and the kind of feedback shown). */
export async function graded(frame: Frame, id: string, status: 'open' | 'correct' | 'revealed', feedback?: 'right' | 'wrong'): Promise<void> {
  await frame.waitForSelector(`${q(id)}[data-status="${status}"]${feedback ? ` [data-feedback="${feedback}"]` : ''}`, { timeout: 15_000 });
}

/** Answers wrongly, the way a learner with the question's usual misconception would. */
export async function answerWrong(frame: Frame, question: Question): Promise<void> {
  const id = question.id;
  switch (question.kind) {
    case 'choice':
    case 'why': {
      const wrong = question.options.find((o) => !o.correct && o.misconception) ?? question.options.find((o) => !o.correct);
      assert.ok(wrong, `${id} has a wrong option`);
      await frame.check(`${q(id)} input[data-option="${wrong.id}"]`);
      await checkAnswer(frame, id);
      break;
    }
    case 'next-state': {
      const wrong = question.wrong?.[0]?.state ?? STATE_IDS.find((s) => s !== question.answer);
      // A click chooses; Check answers.
      await frame.click(`${q(id)} g.state[data-state="${wrong}"]`);
      await checkAnswer(frame, id);
      break;
    }
    case 'numbers': {
      const mistake = question.mistakes?.[0];
      for (const f of question.fields) await frame.fill(`${q(id)} input[data-field="${f.id}"]`, mistake && mistake.field === f.id ? mistake.value : f.answer);
      if (!mistake) await frame.fill(`${q(id)} input[data-field="${question.fields[0].id}"]`, '12345');
      await frame.press(`${q(id)} input[data-field="${question.fields[question.fields.length - 1].id}"]`, 'Enter');
      break;
    }
    case 'order':
      await checkAnswer(frame, id); // the shuffled order is never right
      break;
    case 'make-it-happen':
      throw new Error(`${id}: a goal is not answered wrongly by this helper`);
  }
  await graded(frame, id, 'open', 'wrong');
}

/**
 * Answers rightly. A goal ("make it happen") is reached by `reachGoal`, with the lesson
 * sandbox's own controls; `typed` types numbers as people do, with spaces around a plus.
 */
export async function answerRight(frame: Frame, question: Question, how: { typed?: boolean; reachGoal?: (question: Extract<Question, { kind: 'make-it-happen' }>) => Promise<void> } = {}): Promise<void> {
  const id = question.id;
  switch (question.kind) {
    case 'choice':
    case 'why':
      for (const o of question.options) {
        const box = `${q(id)} input[data-option="${o.id}"]`;
        if (o.correct) await frame.check(box);
        else if (question.kind === 'choice' && question.multiple) await frame.uncheck(box);
      }
      await checkAnswer(frame, id);
      break;
    case 'next-state':
      await frame.click(`${q(id)} g.state[data-state="${question.answer}"]`);
      await checkAnswer(frame, id);
      break;
    case 'numbers':
      for (const f of question.fields) await frame.fill(`${q(id)} input[data-field="${f.id}"]`, how.typed ? f.answer.replace('+', ' + ') : f.answer);
      await checkAnswer(frame, id);
      break;
    case 'order': {
      // Move each item up into place with its ↑ button (the keyboard path is in the webview tests).
      const want = question.items.map((i) => i.id);
      for (let target = 0; target < want.length; target++) {
        for (let guard = 0; guard < want.length; guard++) {
          const now = await frame.$$eval(`${q(id)} li[data-item]`, (els) => els.map((e) => e.getAttribute('data-item')));
          if (now.indexOf(want[target]) <= target) break;
          await frame.click(`${q(id)} [data-key="up-${want[target]}"]`);
        }
      }
      await checkAnswer(frame, id);
      break;
    }
    case 'make-it-happen':
      if (!how.reachGoal) throw new Error(`${id}: a goal needs reachGoal`);
      await how.reachGoal(question);
      return;
  }
  await graded(frame, id, 'correct', 'right');
}

/** Steps a lesson's story (up to `steps` times), waiting each time for its status line to move on. */
export async function stepStory(frame: Frame, steps = 3): Promise<void> {
  for (let i = 0; i < steps; i++) {
    const next = await frame.$('#scenario-next:not([disabled])');
    if (!next) break;
    const before = await frame.textContent('#scenario-status');
    await next.click();
    // The host answers each step with a new model: the status line moves on.
    await frame.waitForFunction((b) => document.querySelector('#scenario-status')?.textContent !== b, before, { timeout: 15_000 });
  }
}
