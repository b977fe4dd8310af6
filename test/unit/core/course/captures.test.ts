import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COURSE } from '../../../../src/core/course/content';
import { LESSON_CAPTURES, lessonCapture } from '../../../../src/core/course/captures';
import { emptyProgress, setStep } from '../../../../src/core/course/progress';
import { SHIPPED_CAPTURES, shippedCapturePath } from '../../../../src/shared/lessonCaptures';
import type { LessonScreenModel } from '../../../../src/shared/protocol';
import { analyzeCapture } from '../../../../src/core/capture';
import { CourseDriver } from '../../../support/courseDriver';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('course: lesson captures', () => {
  it('maps scenario steps that exist, by lesson id, step index and step id, to shipped captures', () => {
    assert.ok(LESSON_CAPTURES.length > 0);
    for (const c of LESSON_CAPTURES) {
      const step = COURSE.lessons.find((l) => l.id === c.lesson)?.steps[c.step];
      assert.deepEqual(step && { id: step.id, kind: step.kind }, { id: c.stepId, kind: 'scenario' }, `${c.lesson}[${c.step}]`);
      assert.ok((SHIPPED_CAPTURES as readonly string[]).includes(c.capture), `${c.capture} is shipped`);
    }
    assert.equal(new Set(LESSON_CAPTURES.map((c) => `${c.lesson}:${c.step}`)).size, LESSON_CAPTURES.length, 'one capture per step');
  });

  it('ships every capture it names as a small, readable pcapng with TCP connections in it', () => {
    for (const name of SHIPPED_CAPTURES) {
      const path = join(ROOT, ...shippedCapturePath(name));
      assert.ok(existsSync(path), path);
      assert.ok(statSync(path).size < 8 * 1024, `${name} is small`);
      assert.ok(LESSON_CAPTURES.some((c) => c.capture === name), `${name} is offered by some lesson`);
      const bytes = readFileSync(path);
      const a = analyzeCapture(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      assert.ok(a.connections.length > 0, `${name} reads`);
    }
  });

  it('the presenter offers the capture on mapped steps only', () => {
    const lesson = COURSE.lessons.find((l) => l.id === 'close-shutdown')!;
    const p = new CourseDriver(COURSE, setStep(emptyProgress(), lesson.id, lesson.steps.length - 1));
    p.handle({ type: 'course/open', lesson: lesson.id }, 0);
    const seen: (string | null)[] = [];
    for (let i = 0; i < lesson.steps.length; i++) {
      p.handle({ type: 'course/goto', step: i }, 0);
      const m = p.model('en', 0) as LessonScreenModel;
      assert.equal(m.step, i);
      if (m.view.kind === 'scenario') seen.push(m.view.capture);
      else assert.ok(!('capture' in m.view), `step ${i}`);
      assert.equal(m.view.kind === 'scenario' ? m.view.capture : null, lessonCapture(lesson.id, i));
    }
    assert.ok(seen.includes('halfclose') && seen.includes('abort') && seen.includes(null), JSON.stringify(seen));
  });
});
