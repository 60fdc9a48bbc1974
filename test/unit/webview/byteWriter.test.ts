import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ByteWriter } from '../../../src/webview/panels/byteWriter';

suite('panels: byte writer', () => {
  test('numbers read as String of the value rounded to 0.01 (no -0, non-finite as 0)', () => {
    const reference = (v: number): string => {
      if (!Number.isFinite(v)) return '0';
      const r = Math.round(v * 100) / 100;
      return Object.is(r, -0) ? '0' : String(r);
    };
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: -1e6, max: 1e6 }).map((i) => i / 8), fc.constantFrom(0, -0, 0.005, -0.005, 0.015, 12.345, NaN, Infinity)), (v) => {
        assert.equal(new ByteWriter(1).num(v).toString(), reference(v));
      }),
      { numRuns: 2000 },
    );
  });

  test('text is written as UTF-8, across buffer growth, whatever the characters', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { maxLength: 20 }), (parts) => {
        const w = new ByteWriter(1);
        for (const p of parts) w.text(p).int(7);
        const expected = parts.map((p) => `${p}7`).join('');
        assert.deepEqual(w.view(), new TextEncoder().encode(expected));
        assert.equal(w.toString(), expected);
      }),
    );
  });
});
