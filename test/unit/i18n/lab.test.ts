/**
 * The kernel lab's text: every label and every story's title, summary and step in both
 * languages, Chinese written in Chinese with the course's terms, the same placeholders.
 */
import { strict as assert } from 'node:assert';
import { LAB_TEXT } from '../../../src/i18n/lab';
import { LAB_STORIES } from '../../../src/core/lab/stories';

const CJK = /[\u3400-\u9fff]/;
const holes = (t: string) => (t.match(/\{\w+\}/g) ?? []).sort().join();

describe('lab text', () => {
  it('has every label in both languages, with the same placeholders, Chinese in Chinese', () => {
    const en = LAB_TEXT.en.ui;
    const zh = LAB_TEXT['zh-cn'].ui;
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      assert.ok(en[k].trim() && zh[k].trim(), k);
      assert.equal(holes(zh[k]), holes(en[k]), `${k}: placeholders`);
      if (k !== 'notRun') assert.match(zh[k], CJK, `${k} is written in Chinese`);
    }
    for (const [k, v] of Object.entries(LAB_TEXT['zh-cn'].errors)) assert.match(v, CJK, k);
  });

  it('tells every story and step in both languages', () => {
    for (const locale of ['en', 'zh-cn'] as const) {
      const stories = LAB_TEXT[locale].stories;
      assert.deepEqual(Object.keys(stories).sort(), LAB_STORIES.map((s) => s.name).sort(), locale);
      for (const story of LAB_STORIES) {
        const t = stories[story.name];
        assert.ok(t.title.trim() && t.summary.trim(), `${locale} ${story.name}`);
        assert.deepEqual(Object.keys(t.steps).sort(), story.steps.map((s) => s.id).sort(), `${locale} ${story.name}: steps`);
        for (const step of story.steps) {
          assert.ok(t.steps[step.id].action.trim() && t.steps[step.id].explain.trim(), `${locale} ${story.name}/${step.id}`);
          if (locale === 'zh-cn') assert.match(t.steps[step.id].explain, CJK, `${story.name}/${step.id} explained in Chinese`);
        }
      }
    }
  });

  it('uses the course\'s Chinese terms', () => {
    const zh = JSON.stringify(LAB_TEXT['zh-cn']);
    assert.match(zh, /全连接队列/);
    assert.match(zh, /三次握手/);
    assert.match(zh, /重置/);
  });
});
