import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PRESET_ORDER, PRESET_TEXT } from '../../../src/i18n/presets';
import { LOCALES } from '../../../src/i18n/types';

const SCENARIO_DIR = join(__dirname, '..', '..', '..', 'scenarios');
const SUFFIX = '.tcp.json';
const CJK = /[\u3400-\u9fff]/;

/** Scenario ids: every `*.tcp.json` in scenarios/, without the suffix. */
function scenarioIds(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((name) => name.endsWith(SUFFIX))
    .map((name) => name.slice(0, -SUFFIX.length))
    .sort();
}

describe('preset text', () => {
  it('has exactly one entry per scenario file', () => {
    const ids = scenarioIds();
    assert.ok(ids.length > 0, 'no scenario files found');
    assert.deepEqual(Object.keys(PRESET_TEXT).sort(), ids);
  });

  it('lists every preset exactly once in PRESET_ORDER', () => {
    assert.equal(new Set(PRESET_ORDER).size, PRESET_ORDER.length, 'PRESET_ORDER has a duplicate');
    assert.deepEqual([...PRESET_ORDER].sort(), Object.keys(PRESET_TEXT).sort());
  });

  it('has both locales and nothing else for every preset', () => {
    for (const [id, byLocale] of Object.entries(PRESET_TEXT)) {
      assert.deepEqual(Object.keys(byLocale).sort(), [...LOCALES].sort(), id);
    }
  });

  for (const [id, byLocale] of Object.entries(PRESET_TEXT)) {
    describe(id, () => {
      for (const locale of LOCALES) {
        const { title, watch } = byLocale[locale];
        const where = `${id} ${locale}`;

        it(`${locale}: no empty strings, no stray whitespace or line breaks`, () => {
          for (const [field, value] of [['title', title], ['watch', watch]] as const) {
            assert.equal(typeof value, 'string', `${where} ${field}`);
            assert.ok(value.trim().length > 0, `${where} ${field} is empty`);
            assert.equal(value, value.trim(), `${where} ${field} has leading or trailing whitespace`);
            assert.ok(!/[\r\n\u2028\u2029]/.test(value), `${where} ${field} has a line break`);
            assert.ok(!/ {2}/.test(value), `${where} ${field} has a double space`);
          }
        });

        if (locale === 'en') {
          it('en: title of at most 60 characters, no full stop', () => {
            assert.ok([...title].length <= 60, `${where} title is ${[...title].length} characters`);
            assert.ok(!title.endsWith('.'), `${where} title ends with a full stop`);
          });

          it('en: watch is one sentence ending with one full stop', () => {
            assert.ok(watch.endsWith('.') && !watch.endsWith('..'), `${where} watch must end with one "."`);
            const body = watch.slice(0, -1);
            // A full stop, "!" or "?" followed by a space (or at the end) would start another sentence;
            // decimals such as 0.2 s do not.
            assert.ok(!/[.!?](\s|$)/.test(body), `${where} watch has more than one sentence`);
            assert.ok(!/[!?]/.test(watch), `${where} watch is not a plain statement`);
            assert.ok(!CJK.test(watch), `${where} English watch contains CJK characters`);
          });
        } else {
          it(`${locale}: title of at most 30 characters, with CJK characters`, () => {
            assert.ok([...title].length <= 30, `${where} title is ${[...title].length} characters`);
            assert.ok(CJK.test(title), `${where} title has no CJK characters`);
            assert.ok(!title.endsWith('。'), `${where} title ends with a full stop`);
          });

          it(`${locale}: watch is one sentence ending with one 。`, () => {
            assert.ok(CJK.test(watch), `${where} watch has no CJK characters`);
            assert.ok(watch.endsWith('。'), `${where} watch must end with "。"`);
            assert.equal(watch.split('。').length - 1, 1, `${where} watch has more than one 。`);
            assert.ok(!/[！？!?]/.test(watch), `${where} watch is not a plain statement`);
            assert.ok(!/\.(\s|$)/.test(watch), `${where} watch has an ASCII full stop ending a sentence`);
          });
        }

        it(`${locale}: state names and flags are written in Latin capitals`, () => {
          for (const value of [title, watch]) {
            assert.ok(!/(?:syn|fin|rst)[-_ ]?(?:sent|received|rcvd|recv|wait)/.test(value), `${where}: lower-case state name in "${value}"`);
            assert.ok(!/SYN_RECV|FIN_WAIT|TIME_WAIT|CLOSE_WAIT|LAST_ACK|SYN_SENT/.test(value), `${where}: use the RFC state names, not netstat's`);
          }
        });
      }
    });
  }
});
