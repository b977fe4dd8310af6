import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { boxesOverlap, fitText, placeLabels, stateNameCandidates } from '../../../src/shared/ladderLabels';

/** A monospace-ish measure: 6 px a character. */
const measure = (t: string) => t.length * 6;

describe('ladder labels', () => {
  it('writes a state name shorter, then on two lines, then cut with an ellipsis', () => {
    const c = stateNameCandidates('SYN-RECEIVED', 'SYN-RECV');
    assert.deepEqual(fitText(c, 100, measure), { lines: ['SYN-RECEIVED'], cut: false });
    assert.deepEqual(fitText(c, 50, measure), { lines: ['SYN-RECV'], cut: false });
    assert.deepEqual(fitText(c, 30, measure), { lines: ['SYN-', 'RECV'], cut: false });
    const tiny = fitText(c, 14, measure);
    assert.equal(tiny.cut, true);
    assert.ok(measure(tiny.lines[0]) <= 14 || tiny.lines[0].length === 2);
    assert.deepEqual(stateNameCandidates('LISTEN', 'LISTEN'), [['LISTEN']]);
  });

  it('moves a label along its arrow to keep clear of another, and uses a shorter text when the long one cannot fit', () => {
    // Two arrows crossing in the middle (a simultaneous open).
    const placed = placeLabels(
      [
        { id: 1, x1: 50, y1: 40, x2: 250, y2: 100, candidates: ['SYN seq=100', 'SYN'] },
        { id: 2, x1: 250, y1: 40, x2: 50, y2: 100, candidates: ['SYN seq=300', 'SYN'] },
      ],
      [],
      { left: 54, right: 246 },
      measure,
      12,
    );
    assert.ok(placed.every((p) => p.text !== null));
    assert.ok(!boxesOverlap(placed[0].box!, placed[1].box!));
    const narrow = placeLabels([{ id: 1, x1: 50, y1: 40, x2: 110, y2: 100, candidates: ['FIN,ACK seq=301 ack=102', 'FIN,ACK'] }], [], { left: 52, right: 108 }, measure, 12);
    assert.equal(narrow[0].text, 'FIN,ACK');
  });

  it('never draws a label over an obstacle, another label or outside the lines (property)', () => {
    const arrow = fc.record({
      x1: fc.constantFrom(40, 260),
      y1: fc.integer({ min: 20, max: 400 }),
      dy: fc.integer({ min: 0, max: 120 }),
      text: fc.string({ minLength: 1, maxLength: 30 }),
    });
    fc.assert(
      fc.property(fc.array(arrow, { maxLength: 25 }), fc.array(fc.record({ x: fc.integer({ min: 0, max: 300 }), y: fc.integer({ min: 0, max: 500 }), w: fc.integer({ min: 1, max: 80 }) }), { maxLength: 10 }), (arrows, obs) => {
        const obstacles = obs.map((o) => ({ left: o.x, right: o.x + o.w, top: o.y, bottom: o.y + 12 }));
        const requests = arrows.map((a, i) => ({ id: i, x1: a.x1, y1: a.y1, x2: a.x1 === 40 ? 260 : 40, y2: a.y1 + a.dy, candidates: [a.text, a.text.slice(0, 3)] }));
        const placed = placeLabels(requests, obstacles, { left: 44, right: 256 }, measure, 12).filter((p) => p.box);
        for (const p of placed) {
          assert.ok(p.box!.left >= 44 - 1e-9 && p.box!.right <= 256 + 1e-9);
          for (const o of obstacles) assert.ok(!boxesOverlap(p.box!, o));
        }
        for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) assert.ok(!boxesOverlap(placed[i].box!, placed[j].box!));
      }),
    );
  });
});
