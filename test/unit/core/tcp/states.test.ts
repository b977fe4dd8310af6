import { strict as assert } from 'node:assert';
import { STATE_IDS, STATES, TRANSITIONS, findTransition } from '../../../../src/core/tcp/states';
import { EDGE_ROUTES, STATE_BOXES } from '../../../../src/host/diagram/layout';
import { TRANSITION_IDS } from '../../../../src/core/tcp/vocabulary';

describe('state table', () => {
  it('has the eleven RFC 9293 states, each once', () => {
    assert.equal(STATE_IDS.length, 11);
    assert.deepEqual(STATES.map((s) => s.id), [...STATE_IDS]);
  });

  it('gives every transition a unique id and known states', () => {
    const ids = new Set<string>();
    for (const t of TRANSITIONS) {
      assert.ok(!ids.has(t.id), `duplicate id ${t.id}`);
      ids.add(t.id);
      assert.ok(STATE_IDS.includes(t.from) && STATE_IDS.includes(t.to), t.id);
      assert.ok(t.causes.length > 0, `${t.id} has no cause`);
    }
  });

  it('routes exactly the drawn transitions and places every state', () => {
    const drawn = TRANSITIONS.filter((t) => t.drawn).map((t) => t.id).sort();
    assert.deepEqual(Object.keys(EDGE_ROUTES).sort(), drawn);
    assert.deepEqual(Object.keys(STATE_BOXES).sort(), [...STATE_IDS].sort());
  });

  it('finds the edge to light up for a move, preferring drawn standard edges', () => {
    assert.equal(findTransition('SYN-SENT', 'ESTABLISHED')?.id, 'syn-sent-established');
    assert.equal(findTransition('FIN-WAIT-1', 'TIME-WAIT')?.id, 'fin-wait-1-time-wait');
    assert.equal(findTransition('LISTEN', 'ESTABLISHED'), undefined);
    assert.equal(findTransition('LISTEN', 'ESTABLISHED', ['standard', 'two-way-handshake'])?.id, 'two-way-listen-established');
  });

  it('follows the textbook layout: opening above, active close left, passive close right', () => {
    assert.ok(STATE_BOXES.LISTEN.y < STATE_BOXES.ESTABLISHED.y);
    assert.ok(STATE_BOXES['SYN-SENT'].y < STATE_BOXES.ESTABLISHED.y);
    for (const s of ['FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT'] as const) assert.ok(STATE_BOXES[s].x < STATE_BOXES.ESTABLISHED.x, s);
    for (const s of ['CLOSE-WAIT', 'LAST-ACK'] as const) assert.ok(STATE_BOXES[s].x > STATE_BOXES.ESTABLISHED.x, s);
  });
});

describe('vocabulary', () => {
  it('lists every transition id of the table, in its order', () => {
    assert.deepEqual([...TRANSITION_IDS], TRANSITIONS.map((t) => t.id));
  });
});
