/**
 * A burst of clicks from the webview cannot stall the host: what is in flight is bounded,
 * each model posted after a step is small (rows are sent incrementally), and "deliver all"
 * ends within its limit. Exports of anything the sandbox holds are well-formed and reload.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxSession } from '../../../src/core/sandbox/session';
import { SandboxController } from '../../../src/core/sandbox/controller';
import { PresetLibrary } from '../../../src/core/sandbox/library';
import type { RowsKnown } from '../../../src/host/sandbox/presenter';
import { presentSandbox } from '../../../src/host/sandbox/presenter';
import { toMermaid, toScenarioJson, toSvg } from '../../../src/host/sandbox/export';
import { parseScenario } from '../../../src/core/tcp/scenario';
import { CATALOGS } from '../../../src/i18n/catalog';
import { parseWebviewMessage, sandboxCommand } from '../../../src/shared/protocol';
import type { SandboxIntent } from '../../../src/shared/protocol';

const ROOT = join(__dirname, '..', '..', '..');
const library = () => new PresetLibrary(readdirSync(join(ROOT, 'scenarios')).map((name) => ({ name, text: readFileSync(join(ROOT, 'scenarios', name), 'utf8') })));
const presetText = (id: string, locale: 'en' | 'zh-cn') => CATALOGS[locale].presets[id];

/** Sends an intent as the webview would (validated first), and the model the host posts back. */
function click(c: SandboxController, known: RowsKnown, raw: unknown): { problem: string | null; posted: number; known: RowsKnown } {
  const parsed = parseWebviewMessage(raw);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  const command = sandboxCommand(parsed.message as SandboxIntent);
  assert.ok(command);
  const r = c.handle(command);
  const model = presentSandbox(c, presetText, 'en', known, r.problem);
  return { problem: r.problem, posted: JSON.stringify({ type: 'sandbox', model, reveal: false }).length, known: { epoch: c.epoch, count: model.rowCount } };
}

/** XML 1.0's Char production: what may appear in a document at all. */
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

describe('sandbox: a burst of clicks', () => {
  it('229 sends of 1,000,000 octets: refused past the limit in flight, small models, deliver-all bounded', () => {
    const c = new SandboxController(SandboxSession.create(), library());
    let known: RowsKnown = { epoch: c.epoch, count: 0 };
    for (const m of [
      { type: 'sandbox/call', endpoint: 'B', call: 'listen' },
      { type: 'sandbox/call', endpoint: 'A', call: 'connect' },
      { type: 'sandbox/deliverAll' },
    ]) known = click(c, known, m).known;
    let biggest = 0;
    let refused = 0;
    for (let i = 0; i < 229; i++) {
      const r = click(c, known, { type: 'sandbox/call', endpoint: 'A', call: 'send', bytes: 1_000_000 });
      known = r.known;
      biggest = Math.max(biggest, r.posted);
      if (r.problem) {
        refused++;
        assert.match(r.problem, /limit of 1,000,000 octets a connection holds to send/);
      }
    }
    // The first fills the connection's send buffer; the others are refused.
    assert.equal(refused, 228);
    const octets = c.session.simulator.inFlight('A').reduce((n, s) => n + s.len, 0);
    assert.ok(octets <= 65_535, `${octets} octets on the wire: no more than the peer's window`);
    assert.ok(biggest < 64 * 1024, `a model of ${biggest} characters was posted after one step`);
    // Deliver all moves the whole megabyte (some 700 data segments and their ACKs), and stops.
    const all = click(c, known, { type: 'sandbox/deliverAll' });
    assert.equal(all.problem, null);
    assert.equal(c.session.simulator.inFlight('A').length + c.session.simulator.inFlight('B').length, 0);
    assert.ok(c.rows().length < 3000, `${c.rows().length} rows after deliver all`);
    assert.ok(all.posted < 1024 * 1024, `deliver all posted ${all.posted} characters`);
  });

  it('exports a title with control characters and lone surrogates as well-formed XML, Mermaid on one line per message, and a scenario that reloads', () => {
    const c = new SandboxController(SandboxSession.create(), library());
    for (const m of [
      { type: 'sandbox/call', endpoint: 'B', call: 'listen' },
      { type: 'sandbox/call', endpoint: 'A', call: 'connect' },
      { type: 'sandbox/deliverAll' },
    ]) click(c, { epoch: c.epoch, count: 0 }, m);
    const rows = c.rows();
    const title = `a\u0001b\u0000c\u001f\ud800d\udfffe\ufffe<&>"'\n%%{init}%%;#x ${'t'.repeat(300)}`;
    const svg = toSvg(rows, title);
    assert.doesNotMatch(svg, XML_FORBIDDEN);
    assert.match(svg, /<title>a\uFFFDb\uFFFDc\uFFFD\uFFFDd\uFFFDe\uFFFD&lt;&amp;&gt;&quot;'/);
    const mermaid = toMermaid(rows, title);
    const titleLine = mermaid.split('\n')[1];
    assert.match(titleLine, /^ {4}title a\uFFFDb/);
    assert.ok(![...mermaid].some((ch) => (ch.codePointAt(0) as number) < 0x20 && ch !== '\n'), 'no control characters but line ends');
    assert.doesNotMatch(mermaid, /%%/);
    assert.doesNotMatch(mermaid, XML_FORBIDDEN);
    assert.equal(mermaid.split('\n').filter((l) => l.includes('title')).length, 1);
    const json = toScenarioJson(c.session.settings, c.session.stepsSoFar(), title);
    const parsed = parseScenario(json);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors[0].message);
    assert.equal(parsed.scenario.title?.length, 200);
  });
});
