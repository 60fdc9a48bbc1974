import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanJson, lineColumn, parsePointer } from '../../../src/core/json/scanJson';
import { parseJsonText, locatePointer } from '../../../src/core/json/parseJson';
import { pointer, pointerToken } from '../../../src/core/issues';

suite('JSON scanner', () => {
  test('pointer tokens escape ~ and / (RFC 6901) and parse back to the keys, whatever the key', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: fc.constantFrom('a', '~', '/', '0', '1', 'é') }), fc.string(), fc.nat())), (tokens) => {
        for (const t of tokens) if (typeof t === 'string') assert.equal(pointerToken(t), t.replace(/~/g, '~0').replace(/\//g, '~1'));
        assert.deepEqual(parsePointer(pointer(...tokens)), tokens.map(String));
      }),
    );
  });

  test('accepts every document JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v, null, Math.random() < 0.5 ? 2 : undefined);
        assert.equal(scanJson(text).error, undefined);
      }),
    );
  });

  test('agrees with JSON.parse on whether a mutated document is valid', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom('', '{', '}', ',', '"', ':', ']', 'x', '\\', '1e'), (v, at, insert) => {
        const base = JSON.stringify(v) ?? 'null';
        const pos = at % (base.length + 1);
        const text = base.slice(0, pos) + insert + base.slice(pos);
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        assert.equal(scanJson(text).error === undefined, valid, text);
      }),
      { numRuns: 2000 },
    );
  });

  test('reports the offset, line and column of a syntax error', () => {
    const text = '{\n  "a": 1,\n  "b": }\n';
    const r = parseJsonText(text, 'x.json');
    assert.equal(r.value, undefined);
    assert.deepEqual(r.issues.map((i) => [i.code, i.location.line, i.location.column]), [['json-syntax', 3, 8]]);
  });

  test('refuses nesting 100,000 deep without overflowing the stack', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = parseJsonText(text, 'deep.json');
    assert.equal(r.value, undefined);
    assert.equal(r.issues[0].code, 'json-too-deep');
    const broken = '{"a":'.repeat(100_000);
    assert.equal(parseJsonText(broken, 'deep.json').issues[0].code, 'json-syntax');
  });

  test('warns about duplicate keys with their pointer', () => {
    const r = parseJsonText('{"nodes":[{"id":1,"id":2}]}', 'd.json');
    assert.deepEqual(r.issues.map((i) => [i.code, i.location.pointer]), [['json-duplicate-key', '/nodes/0/id']]);
  });

  test('keeps __proto__ as data, never as a prototype', () => {
    const r = parseJsonText('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}', 'p.json');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.ok(r.value !== null && typeof r.value === 'object' && Object.prototype.hasOwnProperty.call(r.value, '__proto__'));
  });

  test('locates a pointer, escaped tokens included', () => {
    const text = '{"a/b":[0,{"~k":"here"}]}';
    assert.deepEqual(parsePointer('/a~1b/1/~0k'), ['a/b', '1', '~k']);
    const loc = locatePointer(text, 'f.json', '/a~1b/1/~0k');
    assert.equal(text.slice(loc.offset ?? -1, (loc.offset ?? 0) + 6), '"here"');
    assert.deepEqual(lineColumn('a\nbc', 3), { line: 2, column: 2 });
  });
});
