/**
 * The lab's stories as data, the /proc/net/tcp reader (on rows captured here), the sim
 * column, and putting the columns together. Pure: no sockets (see test/unit/host/lab).
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_STORIES, LESSON_LAB_TWINS, findStory } from '../../../../src/core/lab/stories';
import { simColumn, simulatorHasSocketsModel } from '../../../../src/core/lab/sim';
import { connectionsTo, findConnection, findListener, parseProcNetTcp } from '../../../../src/core/lab/procNet';
import { combine, parseKernelMessage } from '../../../../src/core/lab/result';
import type { KernelStepReport } from '../../../../src/core/lab/result';
import { STATE_IDS } from '../../../../src/core/tcp/states';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('lab stories (data)', () => {
  it('has at least ten stories with unique names, each with steps', () => {
    assert.ok(LAB_STORIES.length >= 10);
    assert.equal(new Set(LAB_STORIES.map((s) => s.name)).size, LAB_STORIES.length);
    for (const s of LAB_STORIES) {
      assert.match(s.name, /^[a-z0-9-]+$/);
      assert.ok(s.title.length > 0 && s.steps.length > 0, s.name);
      assert.equal(new Set(s.steps.map((x) => x.id)).size, s.steps.length, `${s.name}: step ids are unique`);
      for (const step of s.steps) assert.ok(step.sim.length > 0, `${s.name}/${step.id} tells the simulator something`);
    }
  });

  it('reaches ten of the eleven states on the kernel; SYN-RECEIVED is the simulator\'s alone', () => {
    const seen = new Set<string>();
    for (const s of LAB_STORIES) for (const step of s.steps) seen.add(step.expect.A).add(step.expect.B);
    assert.deepEqual(
      STATE_IDS.filter((id) => !seen.has(id)),
      ['SYN-RECEIVED'],
    );
  });

  it('tells the stories the issue lists', () => {
    for (const name of [
      'normal-close',
      'half-close',
      'close-wait',
      'simultaneous-close',
      'fin-wait-1-zero-window',
      'last-ack-zero-window',
      'syn-sent-stuck-listener',
      'connection-refused',
      'linger-zero-abort',
      'close-unread-rst',
      'restart-reuseaddr',
      'restart-no-reuseaddr',
    ]) {
      assert.ok(findStory(name), name);
    }
    const simul = findStory('simultaneous-close');
    assert.deepEqual(simul?.steps.at(-1)?.expect, { A: 'TIME-WAIT', B: 'TIME-WAIT' });
    assert.equal(findStory('restart-no-reuseaddr')?.steps.at(-1)?.expect.errors?.call, 'address-in-use');
  });

  it('maps lesson stories to lab twins that exist, by lesson id, step index and step id', () => {
    const lessons = new Map<string, { id: string; kind: string }[]>();
    const dir = join(ROOT, 'src', 'core', 'course', 'content');
    for (const f of readdirSync(dir).filter((x) => /^\d.*\.json$/.test(x))) {
      const lesson = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id: string; steps: { id: string; kind: string }[] };
      lessons.set(lesson.id, lesson.steps);
    }
    assert.ok(LESSON_LAB_TWINS.length > 0);
    for (const t of LESSON_LAB_TWINS) {
      const step = lessons.get(t.lesson)?.[t.step];
      assert.deepEqual(step && { id: step.id, kind: step.kind }, { id: t.stepId, kind: 'scenario' }, `${t.lesson}[${t.step}]`);
      assert.ok(findStory(t.story), `lab story ${t.story} exists`);
    }
  });

  it('gives the new lessons their twins, and the listen-queues step added for its twin plays exactly the lab story', () => {
    const twinned = (lesson: string) => LESSON_LAB_TWINS.filter((t) => t.lesson === lesson).map((t) => t.story);
    assert.deepEqual(twinned('close-shutdown'), ['half-close', 'close-unread-rst', 'linger-zero-abort']);
    assert.deepEqual(twinned('listen-queues'), ['syn-sent-stuck-listener']);
    assert.deepEqual(twinned('server-time-wait'), ['restart-reuseaddr']);
    const lesson = JSON.parse(readFileSync(join(ROOT, 'src', 'core', 'course', 'content', '14-listen-queues.json'), 'utf8')) as {
      steps: { id: string; scenario?: { autoAccept?: unknown; steps: unknown[] } }[];
    };
    const step = lesson.steps.find((s) => s.id === 'listen-queues-s4b');
    const story = findStory('syn-sent-stuck-listener');
    assert.ok(step?.scenario && story);
    assert.deepEqual(step.scenario.steps, story.steps.flatMap((s) => s.sim));
    assert.deepEqual(step.scenario.autoAccept, { B: false });
  });
});

describe('lab: /proc/net/tcp reader (rows captured on Linux 6.18)', () => {
  const text = readFileSync(join(ROOT, 'test', 'fixtures', 'lab', 'proc-net-tcp.txt'), 'utf8');
  const blocks = text.split(/^# /m).filter(Boolean);
  const rowsOf = (i: number) => parseProcNetTcp(blocks[i]);

  it('reads states, queues and timers, skipping header and comment lines', () => {
    const rows = rowsOf(0);
    assert.equal(rows.length, 3);
    const listener = findListener(rows, 0xb1c1);
    assert.equal(listener?.state, 'LISTEN');
    const b = findConnection(rows, 0xb1c1, 0x87e0);
    assert.deepEqual(b && { state: b.state, tx: b.txQueue, rx: b.rxQueue, timer: b.timer }, { state: 'FIN-WAIT-1', tx: 0x4001, rx: 0x1f400, timer: 4 });
  });

  it('finds CLOSING and FIN-WAIT-2 in a simultaneous close, then both TIME-WAIT', () => {
    assert.equal(findConnection(rowsOf(1), 0x87e0, 0xb1c1)?.state, 'CLOSING');
    assert.equal(findConnection(rowsOf(1), 0xb1c1, 0x87e0)?.state, 'FIN-WAIT-2');
    const tw = rowsOf(2).filter((r) => r.state === 'TIME-WAIT');
    assert.equal(tw.length, 2);
    assert.ok(tw.every((r) => r.timer === 3));
  });

  it('finds LAST-ACK held by a zero window, and a SYN-SENT beside a full accept queue', () => {
    assert.equal(findConnection(rowsOf(3), 0xb3df, 0x853c)?.state, 'LAST-ACK');
    const rows = rowsOf(4);
    assert.equal(findListener(rows, 0x9993)?.rxQueue, 2, 'a listener lists its accept queue length as rx_queue');
    assert.deepEqual(
      connectionsTo(rows, 0x9993).map((r) => r.state),
      ['ESTABLISHED', 'ESTABLISHED', 'SYN-SENT'],
    );
  });

  it('treats a connection the kernel does not list as absent (CLOSED), and ignores junk', () => {
    assert.equal(findConnection(rowsOf(0), 1, 2), null);
    assert.deepEqual(parseProcNetTcp('garbage\n  0: zz\n\n'), []);
  });
});

describe('lab: the sim column', () => {
  it('plays normal-close in the simulator: TIME-WAIT on the active closer', () => {
    const col = simColumn(findStory('normal-close')!);
    assert.ok(col.ok);
    assert.deepEqual(
      col.steps.map((s) => [s.states.A, s.states.B]),
      [
        ['CLOSED', 'LISTEN'],
        ['ESTABLISHED', 'ESTABLISHED'],
        ['FIN-WAIT-2', 'CLOSE-WAIT'],
        ['TIME-WAIT', 'CLOSED'],
      ],
    );
  });

  it('records connection errors: refused, and reset after SO_LINGER 0', () => {
    const refused = simColumn(findStory('connection-refused')!);
    assert.ok(refused.ok);
    assert.equal(refused.steps.at(-1)?.errors.A, 'refused');
    const abort = simColumn(findStory('linger-zero-abort')!);
    assert.ok(abort.ok);
    assert.deepEqual(abort.steps.at(-1), { states: { A: 'CLOSED', B: 'CLOSED' }, errors: { A: null, B: 'reset', call: null } });
  });

  it('says why when the simulator in use cannot tell a story (never an empty column)', () => {
    for (const story of LAB_STORIES) {
      const col = simColumn(story);
      if (col.ok) assert.equal(col.steps.length, story.steps.length, story.name);
      else {
        assert.equal(simulatorHasSocketsModel(), false, `${story.name}: with the sockets model every story has a sim column: ${col.reason}`);
        assert.match(col.reason, /sockets model/, story.name);
      }
    }
  });
});

describe('lab: putting the columns together', () => {
  const story = findStory('normal-close')!;
  const sim = simColumn(story);
  const reports = (states: [string, string][]): KernelStepReport[] =>
    states.map(([A, B], index) => ({ index, states: { A, B } as KernelStepReport['states'], errors: { A: null, B: null, call: null }, reached: true, appClosed: { A: false, B: false } }));

  it('agrees when every step matches', () => {
    const r = combine(story, sim, reports([['CLOSED', 'LISTEN'], ['ESTABLISHED', 'ESTABLISHED'], ['FIN-WAIT-2', 'CLOSE-WAIT'], ['TIME-WAIT', 'CLOSED']]), 'linux test');
    assert.equal(r.agree, true);
    assert.deepEqual(Object.keys(r).slice(0, 4), ['name', 'platform', 'steps', 'agree']);
    assert.deepEqual(Object.keys(r.steps[0]).slice(0, 4), ['action', 'sim', 'kernel', 'agree']);
  });

  it('never hides a disagreement: the step is marked and says why', () => {
    const r = combine(story, sim, reports([['CLOSED', 'LISTEN'], ['ESTABLISHED', 'ESTABLISHED'], ['FIN-WAIT-2', 'CLOSE-WAIT'], ['CLOSED', 'CLOSED']]), 'linux test');
    assert.equal(r.agree, false);
    assert.equal(r.steps[3].agree, false);
    assert.match(r.steps[3].why ?? '', /TIME-WAIT.*CLOSED/);
  });

  it('validates what the kernel child writes', () => {
    assert.deepEqual(parseKernelMessage('{"type":"done"}'), { type: 'done' });
    assert.equal(parseKernelMessage('{"type":"step","index":0,"states":{"A":"NOPE","B":"CLOSED"},"errors":{"A":null,"B":null,"call":null},"reached":true,"appClosed":{"A":false,"B":false}}'), null);
    assert.equal(parseKernelMessage('not json'), null);
    const ok = parseKernelMessage('{"type":"step","index":2,"states":{"A":"CLOSED","B":"LISTEN"},"errors":{"A":"refused","B":null,"call":null},"reached":false,"appClosed":{"A":false,"B":false}}');
    assert.equal(ok?.type, 'step');
  });
});
