/**
 * The public JSON Schema and the simulator's own validator must agree: every scenario
 * one accepts, the other accepts. (One documented difference: the schema cannot say
 * "at most 3 decimals" for `advance` portably, so values with finer resolution are not
 * generated here.)
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { parseScenarioValue, validateScenarioText } from '../../../../src/core/tcp';
import { ROOT, SCENARIO_DIR, scenarioFiles } from './helpers';

const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'scenario.schema.json'), 'utf8')) as Record<string, unknown>;

function compile() {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  ajv.addVocabulary(['enumDescriptions', 'defaultSnippets']);
  return ajv.compile(schema);
}

function everyDescribed(node: unknown, path: string, out: string[]): void {
  if (typeof node !== 'object' || node === null) return;
  const n = node as Record<string, unknown>;
  if (n.properties && typeof n.properties === 'object') {
    for (const [k, v] of Object.entries(n.properties as Record<string, unknown>)) {
      const d = (v as Record<string, unknown>).description;
      if (typeof d !== 'string' || d.length < 5) out.push(`${path}.properties.${k}`);
      everyDescribed(v, `${path}.properties.${k}`, out);
    }
  }
  for (const key of ['definitions', 'items', 'then', 'else']) {
    const v = n[key];
    if (key === 'definitions' && v && typeof v === 'object') for (const [k, d] of Object.entries(v)) everyDescribed(d, `${path}.definitions.${k}`, out);
    else if (v) everyDescribed(v, `${path}.${key}`, out);
  }
  if (Array.isArray(n.oneOf)) n.oneOf.forEach((x, i) => everyDescribed(x, `${path}.oneOf[${i}]`, out));
}

describe('scenario JSON Schema', () => {
  it('is a valid draft-07 schema and gives every property a description', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    compile();
    const missing: string[] = [];
    everyDescribed(schema, '#', missing);
    assert.deepEqual(missing, []);
  });

  it('accepts every library scenario', () => {
    const validate = compile();
    for (const f of scenarioFiles()) {
      const text = readFileSync(join(SCENARIO_DIR, f), 'utf8');
      assert.ok(validate(JSON.parse(text)), `${f}: ${JSON.stringify(validate.errors)}`);
      assert.deepEqual(validateScenarioText(text), [], f);
    }
  });

  it('agrees with the simulator\'s validator on random scenarios, valid and not', () => {
    const validate = compile();
    const endpoint = fc.constantFrom<unknown>('A', 'B', 'C', 1);
    const nth = fc.option(fc.constantFrom<unknown>(-1, 0, 1, 2, 7, 1.5, '2'), { nil: undefined });
    const extra = fc.option(fc.constantFrom('foo', 'nth', 'bytes'), { nil: undefined });
    const withExtra = (o: Record<string, unknown>, x: string | undefined) => (x === undefined ? o : { ...o, [x]: 1 });
    const call = fc.record({
      who: fc.constantFrom('A', 'B'),
      call: fc.constantFrom<unknown>('listen', 'connect', 'send', 'close', 'abort', 'shutdown', 'read', 'accept', 'keepalive', 'crash', 'reboot', 'kill', 'open', 3),
      bytes: fc.option(fc.constantFrom<unknown>(-1, 0, 1, 100, 1_000_000, 1_000_001, 2.5, '9'), { nil: undefined }),
      arg: fc.option(
        fc.constantFrom<[string, unknown]>(
          ['conn', 1],
          ['conn', 'listen'],
          ['conn', 0],
          ['port', 80],
          ['port', 70000],
          ['to', 81],
          ['backlog', 0],
          ['backlog', -1],
          ['reuseAddr', true],
          ['reuseAddr', 'yes'],
          ['linger', 0],
          ['linger', 5],
          ['idle', 10],
          ['interval', 0],
          ['count', 9],
          ['count', 200],
        ),
        { nil: undefined },
      ),
      x: extra,
    }).map(({ who, call: c, bytes, arg, x }) => {
      const o: Record<string, unknown> = bytes === undefined ? { [who]: c } : { [who]: c, bytes };
      if (arg) o[arg[0]] = arg[1];
      return withExtra(o, x);
    });
    const net = fc.record({ kind: fc.constantFrom('deliver', 'drop', 'duplicate'), e: endpoint, nth, x: extra }).map(({ kind, e, nth: n, x }) =>
      withExtra(n === undefined ? { [kind]: e } : { [kind]: e, nth: n }, x),
    );
    const flags = fc.array(fc.constantFrom<unknown>('SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG'), { maxLength: 4 });
    const inject = fc
      .record({
        to: endpoint,
        flags: fc.oneof(flags, fc.constant<unknown>('SYN')),
        seq: fc.option(fc.constantFrom<unknown>(-1, 0, 50, 4294967295, 4294967296, 1.5), { nil: undefined }),
        ack: fc.option(fc.constantFrom<unknown>(null, 0, 7, -1, 'x'), { nil: undefined }),
        len: fc.option(fc.constantFrom<unknown>(0, 10, 65535, 65536, -1), { nil: undefined }),
        x: fc.option(fc.constantFrom('win', 'ttl'), { nil: undefined }),
      })
      .map(({ x, ...spec }) => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(spec)) if (v !== undefined) o[k] = v;
        if (x) o[x] = 1;
        return { inject: o };
      });
    const advance = fc.constantFrom<unknown>(0, 1, 0.2, 1.5, 60, 86400, 86401, -1, '1', null).map((v) => ({ advance: v }));
    const flush = fc.constantFrom<unknown>(true, false, 1).map((v) => ({ flush: v }));
    const rarely = (arb: fc.Arbitrary<unknown>) => fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
    const odd = fc.constantFrom<unknown>({}, [], 'deliver', null, { A: 'send', deliver: 'A' }, { delivr: 'A' });
    const step = fc.oneof(call, net, inject, advance, flush, odd);
    const scenario = fc
      .record({
        profile: fc.option(fc.constantFrom<unknown>('linux', 'linux-classic', 'rfc9293', 'bsd'), { nil: undefined }),
        rcvBuf: rarely(fc.constantFrom<unknown>(0, 2000, { B: 1000 }, { C: 1 }, -1, 'x')),
        autoRead: rarely(fc.constantFrom<unknown>(true, { A: false }, { A: 'no' }, 1)),
        syncookies: rarely(fc.constantFrom<unknown>(true, 'on')),
        variant: fc.option(fc.constantFrom<unknown>('standard', 'two-way-handshake', 'no-time-wait', 'four-way'), { nil: undefined }),
        isn: fc.option(fc.constantFrom<unknown>({ A: 1 }, { A: 1, B: 4294967295 }, { B: -1 }, { C: 1 }, 5, { A: [1, 2] }, { A: [] }, { B: [1, -1] }), { nil: undefined }),
        delayedAck: fc.option(fc.constantFrom<unknown>(true, false, 'yes'), { nil: undefined }),
        title: fc.option(fc.constantFrom<unknown>('t', 7), { nil: undefined }),
        steps: fc.option(fc.array(step, { maxLength: 4 }), { nil: undefined }),
      })
      .map((o) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
        return out;
      });
    let accepted = 0;
    fc.assert(
      fc.property(scenario, (sc) => {
        const bySchema = validate(sc) === true;
        const byValidator = parseScenarioValue(sc).ok;
        if (bySchema) accepted++;
        assert.equal(bySchema, byValidator, `schema ${bySchema} vs validator ${byValidator} for ${JSON.stringify(sc)}: ${JSON.stringify(validate.errors)}`);
      }),
      { numRuns: 3000, seed: 9293 },
    );
    assert.ok(accepted > 50, `only ${accepted} valid scenarios generated`);
  });

  it('validateScenarioText reports the line where each bad step starts', () => {
    const text = '{\n  "steps": [\n    {"A": "connect"},\n    {"A": "send"},\n    {"deliver": "Q"}\n  ]\n}\n';
    assert.deepEqual(validateScenarioText(text), [
      { line: 4, column: 5, message: 'steps[1]: "send" needs "bytes", a whole number from 1 to 1000000, got nothing', step: 1 },
      { line: 5, column: 5, message: 'steps[2]: "deliver" names the sending endpoint, "A" or "B", got "Q"', step: 2 },
    ]);
    assert.deepEqual(validateScenarioText('{"steps": [}'), [{ line: 1, column: 12, message: 'invalid JSON: expected a value, found "}"' }]);
  });
});
