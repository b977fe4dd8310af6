import { strict as assert } from 'node:assert';
import { DOCTOR_TEXT, SYSCTL_NAMES } from '../../../src/i18n/doctor';
import { fill } from '../../../src/i18n/fill';
import { LOCALES } from '../../../src/i18n/types';
import { FINDING_IDS } from '../../../src/core/doctor/types';
import { COURSE } from '../../../src/core/course/content';

const CJK = /[\u3400-\u9fff]/;

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('doctor text', () => {
  it('has the same keys, placeholders and list lengths in every language', () => {
    const en = DOCTOR_TEXT.en;
    for (const locale of LOCALES) {
      const t = DOCTOR_TEXT[locale];
      assert.deepEqual(Object.keys(t.findings).sort(), [...FINDING_IDS].sort());
      assert.deepEqual(Object.keys(t.sysctls).sort(), [...SYSCTL_NAMES].sort());
      assert.deepEqual(Object.keys(t.ui).sort(), Object.keys(en.ui).sort());
      for (const id of FINDING_IDS) {
        assert.equal(t.findings[id].fixes.length, en.findings[id].fixes.length, `${locale} ${id} fixes`);
        assert.equal(t.findings[id].notFixes.length, en.findings[id].notFixes.length, `${locale} ${id} notFixes`);
        assert.deepEqual(t.findings[id].lessons, en.findings[id].lessons);
      }
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      for (const k of Object.keys(en.ui) as (keyof typeof en.ui)[]) assert.deepEqual(holes(t.ui[k]), holes(en.ui[k]), `${locale} ui.${k}`);
      for (const id of FINDING_IDS) assert.deepEqual(holes(t.findings[id].summary), holes(en.findings[id].summary), `${locale} ${id} summary`);
      for (const s of strings(t)) assert.ok(s.trim().length > 0);
    }
  });

  it('Chinese text is Chinese', () => {
    const zh = DOCTOR_TEXT['zh-cn'];
    for (const id of FINDING_IDS) for (const s of [zh.findings[id].title, zh.findings[id].meaning, zh.findings[id].cause, ...zh.findings[id].fixes]) assert.match(s, CJK, s);
    for (const s of Object.values(zh.ui).filter((s) => s !== 'PID')) assert.match(s, CJK, s);
  });

  it('links lessons the course has', () => {
    const ids = new Set(COURSE.lessons.map((l) => l.id));
    for (const id of FINDING_IDS) for (const lesson of DOCTOR_TEXT.en.findings[id].lessons) assert.ok(ids.has(lesson), `${id} links ${lesson}`);
  });

  it('gives no out-of-date advice', () => {
    for (const locale of LOCALES) {
      const t = DOCTOR_TEXT[locale];
      for (const id of FINDING_IDS) {
        // tcp_tw_recycle appears only under "what does not fix it", and says it was removed in 4.12.
        for (const s of [t.findings[id].meaning, t.findings[id].cause, ...t.findings[id].fixes]) assert.ok(!s.includes('tcp_tw_recycle'), `${locale} ${id}: ${s}`);
        for (const s of t.findings[id].notFixes.filter((x) => x.includes('tcp_tw_recycle'))) assert.match(s, /4\.12/);
        // tcp_fin_timeout is never offered as a fix.
        for (const s of t.findings[id].fixes) assert.ok(!s.includes('tcp_fin_timeout'), `${locale} ${id}: ${s}`);
      }
      assert.match(t.sysctls['net.ipv4.tcp_tw_reuse'].default, /^2/);
      assert.match(t.sysctls['net.ipv4.tcp_fin_timeout'].meaning, /FIN-WAIT-2/);
      assert.ok(t.findings['time-wait-pileup'].fixes.some((s) => s.includes('SO_REUSEADDR')));
    }
  });

  it('fills placeholders and leaves unknown ones', () => {
    assert.equal(fill('{count} of {total} {x}', { count: 1, total: 2 }), '1 of 2 {x}');
  });
});
