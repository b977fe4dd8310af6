import { strict as assert } from 'node:assert';
import { DIAGRAM_TEXT } from '../../../src/i18n/diagramText';
import { LOCALES } from '../../../src/i18n/types';
import type { DiagramText } from '../../../src/i18n/types';
import { STATE_IDS, TRANSITIONS } from '../../../src/core/tcp/states';

const ROLES = ['active-opener', 'passive-opener', 'active-closer', 'passive-closer'] as const;
const CJK = /[\u3400-\u9fff]/;

/** Every learner-facing string of a catalog, with where it comes from. */
function allStrings(text: DiagramText): [string, string][] {
  const out: [string, string][] = [];
  for (const [id, st] of Object.entries(text.states)) {
    for (const [field, value] of Object.entries(st)) out.push([`states.${id}.${field}`, value as string]);
  }
  for (const [id, tr] of Object.entries(text.transitions)) {
    for (const [field, value] of Object.entries(tr)) out.push([`transitions.${id}.${field}`, value as string]);
  }
  for (const [id, name] of Object.entries(text.roles)) out.push([`roles.${id}`, name]);
  return out;
}

/**
 * Width of a Chinese label in full-width character cells: a CJK character or full-width
 * punctuation takes one cell, a Latin letter, digit, space or ASCII sign half a cell. Segment
 * names stay in Latin letters ("收 SYN / 发 SYN+ACK" is 10.5 cells), so counting code points
 * would overstate how much room a label takes on the diagram.
 */
function cells(label: string): number {
  let width = 0;
  for (const ch of label) width += ch.codePointAt(0)! < 0x2000 ? 0.5 : 1;
  return width;
}

/** The flag a transition's label must name when it sends something: the segment's point. */
function mainFlag(sends: readonly string[]): string {
  return sends.find((f) => f !== 'ACK') ?? 'ACK';
}

describe('diagram text', () => {
  for (const locale of LOCALES) {
    describe(locale, () => {
      const text = DIAGRAM_TEXT[locale];

      it('covers exactly the 11 states, every transition and the 4 roles', () => {
        assert.deepEqual(Object.keys(text.states).sort(), [...STATE_IDS].sort());
        assert.deepEqual(Object.keys(text.transitions).sort(), TRANSITIONS.map((t) => t.id).sort());
        assert.deepEqual(Object.keys(text.roles).sort(), [...ROLES].sort());
      });

      it('has no empty or whitespace-only string', () => {
        for (const [where, value] of allStrings(text)) {
          assert.equal(typeof value, 'string', where);
          assert.ok(value.trim().length > 0, `${where} is empty`);
          assert.equal(value, value.trim(), `${where} has leading or trailing whitespace`);
        }
      });

      it('keeps arrow labels short enough for the diagram', () => {
        for (const [id, tr] of Object.entries(text.transitions)) {
          if (locale === 'en') assert.ok([...tr.label].length <= 24, `${id}: "${tr.label}" is longer than 24 characters`);
          else assert.ok(cells(tr.label) <= 14, `${id}: "${tr.label}" is wider than 14 characters`);
          // The webview breaks labels at " / ", so there must be at most one.
          assert.ok(tr.label.split(' / ').length <= 2, `${id}: "${tr.label}" has more than one " / "`);
        }
      });

      it('names in the label the segment a transition sends, in Latin capitals', () => {
        for (const t of TRANSITIONS) {
          if (!t.sends) continue;
          const label = text.transitions[t.id].label;
          assert.ok(label.includes(mainFlag(t.sends)), `${t.id}: "${label}" does not name ${mainFlag(t.sends)}`);
        }
      });

      it('marks every "what if" transition as not real TCP', () => {
        const marker = locale === 'en' ? /^What if \(not real TCP\)/ : /^假设（不是真正的 TCP）/;
        for (const t of TRANSITIONS.filter((x) => x.origin === 'two-way-handshake' || x.origin === 'no-time-wait')) {
          assert.match(text.transitions[t.id].event, marker, t.id);
          assert.ok(text.transitions[t.id].note, `${t.id} should say what goes wrong`);
        }
      });

      it('teaches TIME-WAIT as 2MSL with Linux fixed at 60 s, not shortened by tcp_fin_timeout', () => {
        const note = text.states['TIME-WAIT'].note ?? '';
        assert.match(note, /2 ?(minutes|分钟)/);
        assert.match(note, /60 ?(s|秒)/);
        assert.match(note, /tcp_fin_timeout/);
        // tcp_fin_timeout belongs to FIN-WAIT-2 (orphans only).
        assert.match(text.states['FIN-WAIT-2'].note ?? '', /tcp_fin_timeout/);
        assert.match(text.states['FIN-WAIT-2'].note ?? '', locale === 'en' ? /no timeout/ : /没有.*超时/);
      });

      it('never repeats the dated or wrong claims of popular articles', () => {
        for (const [where, value] of allStrings(text)) {
          // The state is SYN-SENT, "SYN has been sent".
          assert.doesNotMatch(value, /SYN[_-]SEND\b/, where);
          // tcp_tw_recycle is only ever mentioned as removed.
          if (/tcp_tw_recycle/.test(value)) assert.match(value, locale === 'en' ? /removed/ : /移除/, where);
          // Linux keepalive gives up after 9 probes, not 10.
          assert.doesNotMatch(value, locale === 'en' ? /\b10 (unanswered )?(keepalive )?probes/ : /10 次(keepalive )?探测|探测 ?10 次/, where);
          // TCP has no port of its own; 80 is HTTP's.
          assert.doesNotMatch(value, locale === 'en' ? /TCP uses port 80/ : /TCP (使用|用) ?80/, where);
        }
        // The server becomes ESTABLISHED on the final ACK, not on sending SYN+ACK.
        const synRcvd = text.states['SYN-RECEIVED'];
        assert.match(synRcvd.note ?? '', /ESTABLISHED/);
        assert.match(synRcvd.left, /y\+1/);
      });

      if (locale === 'zh-cn') {
        it('writes every Chinese field in Chinese, with the textbook terms', () => {
          for (const [where, value] of allStrings(text)) assert.match(value, CJK, `${where} has no Chinese`);
          assert.deepEqual({ ...text.roles }, {
            'active-opener': '主动打开方',
            'passive-opener': '被动打开方',
            'active-closer': '主动关闭方',
            'passive-closer': '被动关闭方',
          });
          assert.match(text.states['FIN-WAIT-2'].meaning, /半关闭/);
          assert.match(text.transitions['fin-wait-1-time-wait'].note ?? '', /四次挥手/);
        });
      }
    });
  }
});
