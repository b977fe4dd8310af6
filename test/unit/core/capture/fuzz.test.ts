/**
 * Open-ended input: every committed capture cut at any byte, with bits flipped, or fed in
 * chunks of any size never makes the reader or the inference throw, and never loses the
 * packets before the damage.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeCapture, captureReport } from '../../../../src/core/capture/index';
import { connectionScenario } from '../../../../src/core/capture/scenario';
import { captureText } from '../../../../src/core/capture/text';
import { replayWords } from '../../../../src/i18n/capture';

const EN = replayWords('en');

const dir = join(__dirname, '../../../fixtures/captures');
const fixtures = readdirSync(dir)
  .filter((f) => /\.pcap(ng)?$/.test(f))
  .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(dir, f))) }));

// Each property stops after its time budget (and reports how many runs it made).
const budget = { numRuns: 400, interruptAfterTimeLimit: 4000 };

function analyseAll(bytes: Uint8Array, chunk?: number) {
  const a = analyzeCapture(bytes, {}, chunk);
  captureReport(a);
  captureText('x', a);
  for (const c of a.connections.slice(0, 3)) connectionScenario(c, EN);
  return a;
}

describe('capture fuzz', function () {
  this.timeout(30000);
  const fixture = fc.constantFrom(...fixtures);

  it('truncation at any byte: no throw; a cut inside a packet keeps all packets before it', () => {
    fc.assert(
      fc.property(fixture, fc.double({ min: 0, max: 1, noNaN: true }), ({ bytes }, f) => {
        const full = analyzeCapture(bytes).summary;
        const cut = bytes.subarray(0, Math.floor(bytes.length * f));
        const a = analyseAll(cut);
        if (a.summary.error === null) {
          assert.ok(a.summary.packets <= full.packets);
          if (a.summary.truncated) assert.equal(a.summary.truncated.packet, a.summary.packets + 1);
        } else assert.ok(cut.length < 40, `error ${a.summary.error} at ${cut.length} bytes`);
      }),
      budget,
    );
  });

  it('bit flips anywhere: no throw, a result or a clear error', () => {
    fc.assert(
      fc.property(fixture, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 8 }), ({ bytes }, flips) => {
        const b = bytes.slice();
        for (const [pos, bit] of flips) b[Math.min(b.length - 1, Math.floor(pos * b.length))] ^= 1 << bit;
        const a = analyseAll(b);
        assert.ok(a.summary.error !== null || a.summary.format !== null);
        if (a.summary.error !== null) assert.ok(a.summary.error.length > 10);
      }),
      budget,
    );
  });

  it('chunk size never changes the result', () => {
    fc.assert(
      fc.property(fixture, fc.integer({ min: 1, max: 5000 }), ({ bytes }, chunk) => {
        assert.deepEqual(analyzeCapture(bytes, {}, chunk), analyzeCapture(bytes));
      }),
      { numRuns: 100, interruptAfterTimeLimit: 4000 },
    );
  });

  it('random bytes: no throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom(new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0]), new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a]), new Uint8Array(0)), (tail, head) => {
        const b = new Uint8Array(head.length + tail.length);
        b.set(head);
        b.set(tail, head.length);
        analyseAll(b);
      }),
      budget,
    );
  });
});
