import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToConnectionsMessage } from '../../../../src/shared/protocol';
import { CONNECTIONS_PARSERS, parseWebviewMessage } from '../../../../src/shared/protocol';
import type { ConnectionsView, PresenterDeps } from '../../../../src/host/doctor/presenter';
import { ConnectionsPresenter, ROWS_PER_CHUNK, parseInSlices } from '../../../../src/host/doctor/presenter';
import type { LiveResult } from '../../../../src/node/doctor/live';
import { findOwners, parsePortRange, readLive } from '../../../../src/node/doctor/live';
import { parseConnections } from '../../../../src/core/doctor/parse';
import { DEFAULT_THRESHOLDS } from '../../../../src/core/doctor/types';
import { DOCTOR_TEXT } from '../../../../src/i18n/doctor';
import { STATE_IDS } from '../../../../src/core/tcp/states';
import { openLoopbackSockets } from '../../../support/loopbackSockets';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'doctor');

class View implements ConnectionsView {
  readonly messages: ToConnectionsMessage[] = [];
  post(message: ToConnectionsMessage): void {
    this.messages.push(message);
  }
  summaries() {
    return this.messages.filter((m) => m.type === 'connections/summary') as Extract<ToConnectionsMessage, { type: 'connections/summary' }>[];
  }
  rows() {
    return this.messages.filter((m) => m.type === 'connections/rows') as Extract<ToConnectionsMessage, { type: 'connections/rows' }>[];
  }
}

function ssTable(n: number): string {
  const lines = ['State Recv-Q Send-Q Local Address:Port Peer Address:Port'];
  for (let i = 0; i < n; i++) lines.push(`TIME-WAIT 0 0 10.0.0.1:${1024 + (i % 60000)} 10.0.0.2:80`);
  return lines.join('\n');
}

function presenter(liveText: () => string, extra: Partial<PresenterDeps> = {}) {
  const reads: number[] = [];
  const lessons: string[] = [];
  const p = new ConnectionsPresenter({
    liveAvailable: true,
    locale: () => 'en',
    text: (l) => DOCTOR_TEXT[l],
    lessonTitle: (id) => `title of ${id}`,
    settings: () => ({ thresholds: DEFAULT_THRESHOLDS, refreshSeconds: 3600, owners: false }),
    readLive: async (): Promise<LiveResult> => {
      reads.push(reads.length);
      const parsed = parseConnections(liveText());
      return parsed.ok ? { ok: true, parsed, portRange: [32768, 60999], sysctls: null, ownersPartial: false } : { ok: false, message: parsed.message };
    },
    openLesson: (lesson) => lessons.push(lesson),
    log: () => undefined,
    clock: () => '12:00',
    ...extra,
  });
  return { p, reads, lessons };
}

const settle = () => new Promise((r) => setTimeout(r, 20));
/** Waits (up to 10 s: the machine may be busy) until `cond` holds. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
}
/** The view holds a whole table: the last message closes the newest summary's rows. */
const whole = (v: View) => () => {
  const last = v.messages.at(-1);
  const summary = v.summaries().at(-1);
  return !!summary && summary.summary.generation > 0 && (summary.summary.rowCount === 0 ? last === summary : last?.type === 'connections/rows' && last.done && last.generation === summary.summary.generation);
};

describe('doctor presenter', () => {
  it('sends a summary on attach, and reads live only once the tab is shown', async () => {
    const { p, reads } = presenter(() => readFileSync(join(FIXTURES, 'ss-tanp.txt'), 'utf8'));
    const v = new View();
    p.show(v);
    await settle();
    assert.equal(v.summaries().length, 1);
    assert.equal(v.summaries()[0].summary.total, 0);
    assert.equal(reads.length, 0);
    p.receive({ type: 'connections/visible', visible: true }, v);
    await until(whole(v));
    assert.equal(reads.length, 1);
    const s = v.summaries().at(-1)!.summary;
    assert.equal(s.total, 35);
    assert.equal(s.states.length, 11);
    assert.deepEqual(s.findings.map((f) => [f.id, f.count]), [['close-wait-leak', 2]]);
    assert.deepEqual(s.findings[0].lessons[0], { id: 'close-wait', title: 'title of close-wait' });
    assert.match(s.findings[0].processes, /^node \(pid \d+\): 2$/);
    const rows = v.rows();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].done, true);
    assert.equal(rows[0].rows.local.length, 35);
    assert.equal(rows[0].generation, s.generation);
    p.dispose();
  });

  it('sends big tables in chunks, in order, the last one marked done', async () => {
    const n = ROWS_PER_CHUNK * 2 + 7;
    const { p } = presenter(() => ssTable(n));
    const v = new View();
    p.show(v);
    p.receive({ type: 'connections/visible', visible: true }, v);
    await p.refresh();
    await until(whole(v));
    const rows = v.rows().filter((r) => r.generation === v.summaries().at(-1)!.summary.generation);
    assert.deepEqual(rows.map((r) => [r.from, r.rows.local.length, r.done]), [
      [0, ROWS_PER_CHUNK, false],
      [ROWS_PER_CHUNK, ROWS_PER_CHUNK, false],
      [ROWS_PER_CHUNK * 2, 7, true],
    ]);
    assert.equal(rows[0].rows.state[0], STATE_IDS.indexOf('TIME-WAIT'));
    assert.equal(v.summaries().at(-1)!.summary.findings[0].id, 'time-wait-pileup');
    p.dispose();
  });

  it('pauses (the summary says so), refreshes on request, and opens lessons', async () => {
    let text = readFileSync(join(FIXTURES, 'ss-tan.txt'), 'utf8');
    const { p, reads, lessons } = presenter(() => text);
    const v = new View();
    p.show(v);
    p.receive({ type: 'connections/visible', visible: true }, v);
    await until(whole(v));
    p.receive({ type: 'connections/pause', paused: true }, v);
    assert.equal(v.summaries().at(-1)!.summary.paused, true);
    text = readFileSync(join(FIXTURES, 'ss-tan-state-time-wait.txt'), 'utf8');
    p.receive({ type: 'connections/refresh' }, v);
    await until(() => reads.length === 2 && whole(v)() && v.summaries().at(-1)!.summary.total !== 35);
    assert.equal(reads.length, 2);
    assert.equal(v.summaries().at(-1)!.summary.total, 2);
    p.receive({ type: 'connections/openLesson', lesson: 'time-wait' }, v);
    assert.deepEqual(lessons, ['time-wait']);
    p.dispose();
  });

  it('refreshes every few seconds while shown, and stops when hidden', async () => {
    const { p, reads } = presenter(() => readFileSync(join(FIXTURES, 'ss-tan.txt'), 'utf8'), {
      settings: () => ({ thresholds: DEFAULT_THRESHOLDS, refreshSeconds: 1, owners: false }),
    });
    const v = new View();
    p.show(v);
    p.receive({ type: 'connections/visible', visible: true }, v);
    await until(() => reads.length >= 2);
    assert.ok(reads.length >= 2, `${reads.length} reads`);
    p.receive({ type: 'connections/visible', visible: false }, v);
    const before = reads.length;
    await new Promise((r) => setTimeout(r, 1300));
    assert.equal(reads.length, before);
    p.dispose();
  });

  it('diagnoses pasted text: revealed, paused, assumed state noted; unknown text sends nothing', async () => {
    const { p } = presenter(() => '');
    const v = new View();
    p.show(v);
    await settle();
    const bad = await p.diagnose('hello', 'x');
    assert.equal(bad.ok, false);
    assert.equal(v.summaries().length, 1);
    const good = await p.diagnose(readFileSync(join(FIXTURES, 'ss-tan-state-time-wait.txt'), 'utf8'), 'Untitled-1');
    assert.ok(good.ok);
    const last = v.summaries().at(-1)!;
    assert.equal(last.reveal, true);
    assert.equal(last.summary.source, 'pasted');
    assert.equal(last.summary.title, 'Untitled-1');
    assert.equal(last.summary.paused, true);
    assert.match(last.summary.notes.join(' '), /TIME-WAIT/);
    // A webview that opens later still shows it.
    const { p: p2 } = presenter(() => '');
    await p2.diagnose('ESTAB 3\n', 'counts');
    const late = new View();
    p2.show(late);
    await settle();
    assert.equal(late.summaries()[0].reveal, true);
    assert.equal(late.summaries()[0].summary.format, 'counts');
    p.dispose();
    p2.dispose();
  });

  it('parses pasted text in slices the same as at once', async () => {
    const text = readFileSync(join(FIXTURES, 'netstat-antp.txt'), 'utf8');
    const sliced = await parseInSlices(text, 17);
    const whole = parseConnections(text);
    assert.ok(sliced.ok && whole.ok);
    assert.deepEqual(sliced.table, whole.table);
  });
});

describe('doctor: validating the webview\'s connections messages', () => {
  it('accepts the five intents and refuses anything else', () => {
    assert.deepEqual(Object.keys(CONNECTIONS_PARSERS).sort(), ['connections/live', 'connections/openLesson', 'connections/pause', 'connections/refresh', 'connections/visible']);
    assert.deepEqual(parseWebviewMessage({ type: 'connections/pause', paused: true }), { ok: true, message: { type: 'connections/pause', paused: true } });
    assert.deepEqual(parseWebviewMessage({ type: 'connections/openLesson', lesson: 'time-wait' }), { ok: true, message: { type: 'connections/openLesson', lesson: 'time-wait' } });
    assert.equal(parseWebviewMessage({ type: 'connections/refresh' }).ok, true);
    assert.equal(parseWebviewMessage({ type: 'connections/live' }).ok, true);
    assert.equal(parseWebviewMessage({ type: 'connections/visible', visible: false }).ok, true);
    for (const bad of [{ type: 'connections/pause', paused: 'yes' }, { type: 'connections/openLesson', lesson: '../x' }, { type: 'connections/rm' }, { type: 'connections/visible' }]) {
      assert.equal(parseWebviewMessage(bad).ok, false, JSON.stringify(bad));
    }
  });
});

describe('doctor live reader', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'doctor-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads /proc-format files (a missing tcp6 is no error) and the port range', async () => {
    const tcp = join(dir, 'tcp');
    writeFileSync(tcp, readFileSync(join(FIXTURES, 'proc-net-tcp.txt')));
    const r = await readLive({ platform: 'linux', procFiles: [tcp, join(dir, 'tcp6')], sliceLines: 3 });
    assert.ok(r.ok);
    assert.equal(r.parsed.total, 17);
    assert.equal(r.parsed.format, 'proc');
    assert.deepEqual(parsePortRange('32768\t60999'), [32768, 60999]);
    assert.equal(parsePortRange('x'), null);
    const missing = await readLive({ platform: 'linux', procFiles: [join(dir, 'nope')] });
    assert.equal(missing.ok, false);
  });

  if (process.platform === 'linux') {
    it('reads this machine\'s sockets and finds their owner through /proc/<pid>/fd', async () => {
      const opened = await openLoopbackSockets('127.0.0.1', ['CLOSE-WAIT', 'TIME-WAIT']);
      try {
        const r = await readLive({ owners: true });
        assert.ok(r.ok);
        assert.ok(r.sysctls && r.sysctls.some((s) => s.name === 'net.ipv4.tcp_tw_reuse' && s.value !== null));
        const t = r.parsed.table;
        const cw = opened.ports['CLOSE-WAIT'];
        const i = t.localPort.findIndex((port, j) => port === cw && STATE_IDS[t.state[j]] === 'CLOSE-WAIT');
        assert.ok(i >= 0, 'the CLOSE-WAIT socket is listed');
        assert.equal(t.pid[i], process.pid);
        assert.equal(t.process[i], 'node');
        // A bound of 0 links stops at once and says so.
        const again = await readLive({ owners: false });
        assert.ok(again.ok);
        assert.equal(await findOwners(again.parsed, 0), false);
      } finally {
        await opened.close();
      }
    });
  }
});
