import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedStep } from '../../../../src/core/tcp';
import { parseScenario, runScenario } from '../../../../src/core/tcp';
import { SandboxRecordError, SandboxSession } from '../../../../src/core/sandbox/session';
import { SandboxDriver, presetLibrary, presets } from '../../../support/sandboxDriver';
import { ladderSegments } from '../../../../src/shared/ladder';
import { scenarioFileName, toMermaid, toScenarioJson, toSvg } from '../../../../src/host/sandbox/export';
import { parseWebviewMessage } from '../../../../src/shared/protocol';
import type { SandboxIntent } from '../../../../src/shared/protocol';

const ROOT = join(__dirname, '..', '..', '..', '..');
const library = presetLibrary;

const call = (endpoint: 'A' | 'B', c: 'listen' | 'connect' | 'close' | 'abort'): NormalizedStep => ({ kind: 'call', endpoint, call: c, bytes: 0 });
const deliver = (endpoint: 'A' | 'B', nth = 1): NormalizedStep => ({ kind: 'deliver', endpoint, nth });
const drop = (endpoint: 'A' | 'B', nth = 1): NormalizedStep => ({ kind: 'drop', endpoint, nth });
const OPEN = [call('B', 'listen'), call('A', 'connect'), deliver('A'), deliver('B'), deliver('A')];

describe('sandbox session', () => {
  it('plays the three-way handshake step by step and rewinds exactly', () => {
    const s = SandboxSession.create();
    for (const step of OPEN) s.apply(step);
    assert.equal(s.simulator.state('A'), 'ESTABLISHED');
    assert.equal(s.simulator.state('B'), 'ESTABLISHED');
    assert.equal(s.position, 5);
    s.seek(3); // after the SYN arrived: B has answered with SYN+ACK
    assert.equal(s.simulator.state('B'), 'SYN-RECEIVED');
    assert.equal(s.simulator.state('A'), 'SYN-SENT');
    assert.deepEqual(s.simulator.inFlight('B').map((x) => [x.flags.join(','), x.seq, x.ack]), [['SYN,ACK', 300, 101]]);
    s.seek(99);
    assert.equal(s.position, 5);
    assert.equal(s.simulator.state('B'), 'ESTABLISHED');
  });

  it('branches when the learner goes back and does something else, keeping the old branch', () => {
    const s = SandboxSession.create();
    for (const step of OPEN) s.apply(step);
    s.seek(4); // the final ACK is in flight
    s.apply(drop('A'));
    assert.equal(s.branchCount, 2);
    assert.equal(s.branch, 1);
    assert.equal(s.length, 5);
    assert.equal(s.simulator.state('B'), 'SYN-RECEIVED');
    s.switchBranch(0);
    assert.equal(s.simulator.state('B'), 'ESTABLISHED', 'the old branch is still there');
    // Doing again what the branch did next is moving forward, not a new branch.
    s.seek(4);
    s.apply(deliver('A'));
    assert.equal(s.branchCount, 2);
    s.reset();
    assert.equal(s.branchCount, 1);
    assert.equal(s.length, 0);
  });

  it('refuses a step that cannot happen and changes nothing', () => {
    const s = SandboxSession.create();
    s.apply(call('B', 'listen'));
    const before = JSON.stringify(s.simulator.snapshot());
    assert.throws(() => s.apply(deliver('A')), /nothing in flight/);
    assert.equal(JSON.stringify(s.simulator.snapshot()), before);
    assert.equal(s.length, 1);
  });

  it('replays the story under a new variant as far as it still runs', () => {
    const text = readFileSync(join(ROOT, 'scenarios', 'lost-final-ack-time-wait.tcp.json'), 'utf8');
    const parsed = parseScenario(text);
    assert.ok(parsed.ok);
    if (!parsed.ok) return;
    const s = SandboxSession.fromScenario(parsed.scenario, 'lost-final-ack-time-wait', null);
    s.seek(s.length);
    const entered = s.history.flatMap((h) => h.events).filter((e) => e.endpoint === 'A' && e.to === 'TIME-WAIT');
    assert.ok(entered.length > 0, 'A waits in TIME-WAIT');
    assert.ok(
      s.history.flatMap((h) => h.events).some((e) => e.endpoint === 'A' && e.from === 'TIME-WAIT' && e.cause === 'segment' && (e.sent ?? []).some((x) => x.flags.join(',') === 'ACK')),
      'TIME-WAIT answers the retransmitted FIN with a new ACK',
    );
    assert.equal(s.simulator.endpoint('B').error, null, 'B closes without an error');
    s.changeSettings({ variant: 'no-time-wait' });
    s.seek(s.length);
    const rst = s.history.flatMap((h) => h.events).flatMap((e) => e.sent ?? []).filter((x) => x.flags.includes('RST'));
    assert.ok(rst.length > 0, 'without TIME-WAIT the retransmitted FIN meets RST');
    assert.equal(s.simulator.endpoint('B').error, 'reset');
  });

  it('saves to a record and comes back identical', () => {
    const s = SandboxSession.create({ profile: 'rfc9293', variant: 'standard', isn: { A: 7, B: 4_000_000_000 }, delayedAck: true });
    for (const step of OPEN) s.apply(step);
    s.apply({ kind: 'call', endpoint: 'A', call: 'send', bytes: 100 });
    s.apply({ kind: 'advance', ms: 200 });
    s.seek(2);
    s.apply(drop('A'));
    const record = JSON.parse(JSON.stringify(s.toRecord()));
    const back = SandboxSession.fromRecord(record);
    assert.deepEqual(back.toRecord(), s.toRecord());
    assert.equal(JSON.stringify(back.simulator.snapshot()), JSON.stringify(s.simulator.snapshot()));
  });

  it('rejects corrupt or foreign records with a one-line reason', () => {
    const good = (() => {
      const s = SandboxSession.create();
      for (const step of OPEN) s.apply(step);
      return JSON.parse(JSON.stringify(s.toRecord()));
    })();
    const cases: [unknown, RegExp][] = [
      [null, /not an object/],
      [{ ...good, format: 'x' }, /format mark/],
      [{ ...good, version: 2 }, /version 2/],
      [{ ...good, settings: { ...good.settings, variant: 'three-way' } }, /unknown variant/],
      [{ ...good, branches: [] }, /branches/],
      [{ ...good, branches: [[{ A: 'connnect' }]] }, /branch 0, step 0/],
      [{ ...good, branches: [[{ deliver: 'A' }]], position: 0 }, /does not replay/],
      [{ ...good, position: 99 }, /step that does not exist/],
      [{ ...good, branch: 3 }, /branch that does not exist/],
    ];
    for (const [raw, pattern] of cases) {
      assert.throws(() => SandboxSession.fromRecord(raw), (e: unknown) => e instanceof SandboxRecordError && pattern.test(e.message), JSON.stringify(raw)?.slice(0, 80));
    }
  });
});

describe('restoring a saved sandbox', () => {
  it('starts afresh, with the reason, on an unreadable record, and never throws', () => {
    assert.deepEqual(SandboxSession.restoreOrCreate(undefined).problem, null);
    for (const raw of ['garbage', 42, { format: 'tcp-tutor-sandbox', version: 9 }, { format: 'tcp-tutor-sandbox', version: 1, settings: {} }]) {
      const r = SandboxSession.restoreOrCreate(raw);
      assert.ok(r.problem, JSON.stringify(raw));
      assert.equal(r.session.length, 0);
      assert.equal(r.session.simulator.state('A'), 'CLOSED');
    }
    const s = SandboxSession.create();
    for (const step of OPEN) s.apply(step);
    const back = SandboxSession.restoreOrCreate(JSON.parse(JSON.stringify(s.toRecord())));
    assert.equal(back.problem, null);
    assert.equal(back.session.simulator.state('B'), 'ESTABLISHED');
  });
});

describe('sandbox controller', () => {
  const intent = (raw: unknown): SandboxIntent => {
    const r = parseWebviewMessage(raw);
    assert.ok(r.ok, r.ok ? '' : r.error);
    return (r as { message: SandboxIntent }).message;
  };

  it('carries out intents and sends only the rows a webview lacks', () => {
    const c = new SandboxDriver(library());
    c.handle(intent({ type: 'sandbox/call', endpoint: 'B', call: 'listen' }), 'en');
    c.handle(intent({ type: 'sandbox/call', endpoint: 'A', call: 'connect' }), 'en');
    const first = c.model('en', null);
    assert.equal(first.rowsFrom, 0);
    assert.equal(first.rows.length, 2);
    const syn = first.inFlight.A[0];
    assert.equal(first.endpoints.A.state, 'SYN-SENT');
    assert.equal(first.endpoints.A.lastTransition, 'closed-syn-sent');
    assert.deepEqual(first.endpoints.A.calls.connect, { legal: true });
    c.handle(intent({ type: 'sandbox/network', action: 'deliver', segment: syn }), 'en');
    const second = c.model('en', { epoch: c.epoch, count: first.rowCount });
    assert.equal(second.rowsFrom, 2);
    assert.equal(second.rows.length, 1);
    assert.equal(second.endpoints.B.state, 'SYN-RECEIVED');
    assert.deepEqual(second.lastStepRows, [2, 2]);
    // Going back keeps the rows a webview has; it drops the ones after.
    c.handle(intent({ type: 'sandbox/seek', position: 1 }), 'en');
    const back = c.model('en', { epoch: c.epoch, count: second.rowCount });
    assert.equal(back.rowsFrom, 1);
    assert.equal(back.rows.length, 0);
    assert.equal(back.rowCount, 1);
  });

  it('advances the clock to the next timer and names it', () => {
    const c = new SandboxDriver(library());
    for (const raw of [
      { type: 'sandbox/call', endpoint: 'A', call: 'connect' },
    ]) c.handle(intent(raw), 'en');
    const m = c.model('en', null);
    assert.equal(m.nextTimer?.name, 'retransmit');
    assert.equal(m.nextTimer?.due, 1);
    c.handle(intent({ type: 'sandbox/network', action: 'drop', segment: m.inFlight.A[0] }), 'en');
    c.handle(intent({ type: 'sandbox/advance' }), 'en');
    const after = c.model('en', null);
    assert.equal(after.clock, 1);
    assert.equal(after.inFlight.A.length, 1, 'the SYN was retransmitted after the 1 s RTO');
  });

  it('injects a forged segment: an in-window RST resets an established connection', () => {
    const c = new SandboxDriver(library());
    c.handle(intent({ type: 'sandbox/call', endpoint: 'B', call: 'listen' }), 'en');
    c.handle(intent({ type: 'sandbox/call', endpoint: 'A', call: 'connect' }), 'en');
    c.handle(intent({ type: 'sandbox/deliverAll' }), 'en');
    const open = c.model('en', null);
    assert.equal(open.endpoints.B.state, 'ESTABLISHED');
    const rcvNxt = open.endpoints.B.tcb.rcvNxt ?? 0;
    const r = c.handle(intent({ type: 'sandbox/inject', to: 'B', flags: ['RST'], seq: rcvNxt, ack: null, len: 0 }), 'en');
    assert.equal(r.changed, true);
    const after = c.model('en', null);
    assert.equal(after.endpoints.B.state, 'CLOSED');
    assert.equal(after.endpoints.B.error, 'reset');
    // The forged segment is in the story, so it is replayed and exported like any step.
    assert.match(c.handle(intent({ type: 'sandbox/export', format: 'scenario' }), 'en').export?.content ?? '', /"inject"/);
  });

  it('reports a problem instead of throwing, and changes nothing', () => {
    const c = new SandboxDriver(library());
    const r = c.handle(intent({ type: 'sandbox/network', action: 'deliver', segment: 42 }), 'en');
    assert.equal(r.changed, false);
    assert.match(r.problem ?? '', /not in flight/);
    assert.match(c.handle(intent({ type: 'sandbox/advance' }), 'en').problem ?? '', /no timer/);
    assert.match(c.handle(intent({ type: 'sandbox/preset', id: 'no-such-story' }), 'en').problem ?? '', /no preset/);
  });

  it('loads every preset in both languages, at the start of its story', () => {
    const lib = library();
    assert.equal(lib.problems.length, 0, lib.problems.join('\n'));
    const ids = lib.ids();
    assert.ok(ids.length >= 20);
    for (const locale of ['en', 'zh-cn'] as const) {
      for (const p of presets(lib, locale)) assert.ok(p.title && p.watch, `${locale} ${p.id}`);
    }
    const c = new SandboxDriver(lib);
    for (const id of ids) {
      const r = c.handle({ type: 'sandbox/preset', id }, 'zh-cn');
      assert.ok(r.changed, id);
      const m = c.model('zh-cn', null);
      assert.equal(m.timeline.position, 0, id);
      assert.ok(m.timeline.length > 0, id);
      assert.match(m.title ?? '', /[\u4e00-\u9fff]/, id);
    }
  });

  it('keeps the preset\'s "watch for" line, marked as changed, once the story runs under other settings', () => {
    const c = new SandboxDriver(library());
    c.handle({ type: 'sandbox/preset', id: 'lost-final-ack-time-wait' }, 'en');
    const watch = c.model('en', null).watch;
    assert.ok(watch);
    c.handle({ type: 'sandbox/settings', variant: 'no-time-wait' }, 'en');
    const m = c.model('en', null);
    assert.equal(m.watch, watch, 'the note stays');
    assert.ok(m.title, 'the title stays');
    assert.equal(m.presetChanged, true);
  });

  it('plays a preset on to its end when switched to RFC 9293 timers mid-story: A leaves TIME-WAIT at 240 s, not stuck in it', () => {
    const c = new SandboxDriver(library());
    c.handle({ type: 'sandbox/preset', id: 'lost-final-ack-time-wait' }, 'en');
    const linuxLength = c.controller.session.length;
    c.handle({ type: 'sandbox/seek', position: 3 }, 'en');
    c.handle({ type: 'sandbox/settings', profile: 'rfc9293' }, 'en');
    const s = c.controller.session;
    assert.equal(s.position, 3, 'the learner stays where they were');
    assert.ok(s.length > linuxLength, 'waits were added at the end');
    c.handle({ type: 'sandbox/seek', position: s.length }, 'en');
    const m = c.model('en', null);
    assert.equal(m.endpoints.A.state, 'CLOSED');
    assert.equal(m.endpoints.B.state, 'CLOSED');
    assert.equal(m.nextTimer, null);
    assert.ok(m.clock >= 240, `A waited 2MSL of RFC 9293 (t = ${m.clock})`);
    // A story that ends with a timer still running under its own settings is left as it is.
    const d = new SandboxDriver(library());
    d.handle({ type: 'sandbox/preset', id: 'close-wait-forever' }, 'en');
    const before = d.controller.session.length;
    d.handle({ type: 'sandbox/settings', profile: 'rfc9293' }, 'en');
    assert.ok(d.controller.session.length <= before);
  });

  it('exports what is on screen as a scenario that replays to the same states', () => {
    const c = new SandboxDriver(library());
    c.handle({ type: 'sandbox/preset', id: 'simultaneous-close' }, 'en');
    c.handle({ type: 'sandbox/seek', position: 1000 }, 'en');
    const r = c.handle({ type: 'sandbox/export', format: 'scenario' }, 'en');
    const parsed = parseScenario(r.export?.content ?? '');
    assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
    if (!parsed.ok) return;
    const run = runScenario(parsed.scenario);
    assert.equal(run.final.A.state, c.session.simulator.state('A'));
    assert.equal(run.final.B.state, c.session.simulator.state('B'));
    assert.equal(run.final.A.state, 'TIME-WAIT');
  });
});

describe('ladder and exports', () => {
  const rowsOf = (steps: NormalizedStep[]) => {
    const s = SandboxSession.create();
    for (const step of steps) s.apply(step);
    return s.history.flatMap((h, step) => h.events.map((event) => ({ event, step })));
  };

  it('follows each segment from the row it left on to the row it arrived or was lost on', () => {
    const rows = rowsOf([call('B', 'listen'), call('A', 'connect'), deliver('A'), drop('B'), { kind: 'advance', ms: 1000 }]);
    const segs = ladderSegments(rows);
    const synAck = segs.find((x) => x.segment.flags.join(',') === 'SYN,ACK' && x.fate === 'dropped');
    assert.ok(synAck, 'the first SYN+ACK was lost');
    const syn = segs.filter((x) => x.segment.flags.join(',') === 'SYN');
    assert.equal(syn[0].fate, 'delivered');
    assert.equal(syn[0].arrival?.check?.reason ?? syn[0].arrival?.rule, 'listen-syn');
    assert.ok(segs.some((x) => x.origin === 'retransmit' && x.fate === 'in-flight'), 'retransmissions after the RTO are marked');
  });

  it('writes Mermaid with lost and in-flight segments marked, and a well-formed SVG', () => {
    const rows = rowsOf([call('B', 'listen'), call('A', 'connect'), deliver('A'), drop('B')]);
    const mermaid = toMermaid(rows, 'Lost SYN+ACK; test #1');
    assert.match(mermaid, /^sequenceDiagram\n/);
    assert.match(mermaid, /A->>B: SYN seq=100/);
    assert.match(mermaid, /B--xA: SYN,ACK seq=300 ack=101 \(lost\)/, 'a lost segment heads for its receiver and ends in a cross');
    assert.doesNotMatch(mermaid, /([AB])-+x\1/, 'no arrow from an endpoint to itself');
    const later = toMermaid(rowsOf([call('B', 'listen'), call('A', 'connect'), drop('A'), { kind: 'advance', ms: 1000 }, deliver('A')]), 'Lost SYN');
    assert.match(later, /A--xB: SYN seq=100 \(lost\)/);
    assert.match(later, /A->>B: SYN seq=100 \(retransmission\)/, 'a retransmission is marked');
    assert.doesNotMatch(mermaid.split('\n')[1], /[;#]/, 'title characters that break Mermaid are removed');
    const svg = toSvg(rows, 'A <b> & "c"');
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /A &lt;b&gt; &amp; &quot;c&quot;/);
    assert.doesNotMatch(svg, /var\(--vscode/, 'standalone: no theme variables');
    assert.equal((svg.match(/<svg/g) ?? []).length, (svg.match(/<\/svg>/g) ?? []).length);
  });

  it('names a saved scenario with exactly one .tcp.json', () => {
    assert.equal(scenarioFileName('my-story.tcp.json.tcp.json'), 'my-story.tcp.json');
    assert.equal(scenarioFileName('my-story.tcp.json'), 'my-story.tcp.json');
    assert.equal(scenarioFileName('lost syn.json'), 'lost syn.tcp.json');
    assert.equal(scenarioFileName('story'), 'story.tcp.json');
    assert.equal(scenarioFileName('.tcp.json'), 'my-story.tcp.json');
  });

  it('writes a scenario with one step per line that the schema-checked parser accepts', () => {
    const text = toScenarioJson({ profile: 'linux', variant: 'two-way-handshake', isn: { A: 1, B: 2 }, delayedAck: false }, [call('B', 'listen'), { kind: 'advance', ms: 1500 }], 'x');
    assert.match(text, /\n {4}\{"B":"listen"\},\n {4}\{"advance":1.5\}\n {2}\]\n\}\n$/);
    const parsed = parseScenario(text);
    assert.ok(parsed.ok);
    const empty = toScenarioJson({ profile: 'linux', variant: 'standard', isn: { A: 1, B: 2 }, delayedAck: false }, [], 'empty');
    assert.ok(parseScenario(empty).ok, empty);
  });

  it('exports a story\'s sockets settings and per-connection ISNs, so the saved file replays the same', () => {
    for (const name of ['zero-window-fin-wait-1', 'syn-flood', 'accept-queue-overflow']) {
      const original = parseScenario(readFileSync(join(__dirname, '..', '..', '..', '..', 'scenarios', `${name}.tcp.json`), 'utf8'));
      assert.ok(original.ok);
      const session = SandboxSession.fromScenario(original.scenario, null, null);
      const text = toScenarioJson(session.settings, original.scenario.steps, name);
      const again = parseScenario(text);
      assert.ok(again.ok, text);
      assert.deepEqual(runScenario(again.scenario).final, runScenario(original.scenario).final, name);
    }
    const lists = toScenarioJson({ profile: 'linux', variant: 'standard', isn: { A: [100, 5000], B: 300 }, delayedAck: false, rcvBuf: { A: 65535, B: 2000 }, syncookies: false }, [], 'x');
    assert.match(lists, /"A": \[\s*100,\s*5000\s*\]/);
    assert.match(lists, /"rcvBuf": \{\s*"A": 65535,\s*"B": 2000\s*\}/);
    assert.match(lists, /"syncookies": false/);
  });
});
