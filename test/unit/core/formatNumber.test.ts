import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatNumber } from '../../../src/core/text/formatNumber';

suite('numbers for display: at most three decimals, trailing zeros trimmed', () => {
  test('float noise from summing costs never reaches the screen', () => {
    const cases: ReadonlyArray<readonly [number, string]> = [
      [228.79999999999984, '228.8'],
      [2414.6000000000004, '2414.6'],
      [100, '100'],
      [371.5, '371.5'],
      [1.23456, '1.235'],
      [0.1 + 0.2, '0.3'],
      [0.0004, '0'],
      [-0.0001, '0'],
      [-12.25, '-12.25'],
      [Number.NaN, '–'],
      [Number.POSITIVE_INFINITY, '∞'],
    ];
    for (const [x, shown] of cases) assert.equal(formatNumber(x), shown, String(x));
  });

  test('the shown number is within half a thousandth of the exact one and has no trailing zero', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        const shown = formatNumber(x);
        assert.ok(Math.abs(Number(shown) - x) <= 0.0005 + 1e-9, `${x} -> ${shown}`);
        assert.doesNotMatch(shown, /\.\d*0$|\.$/);
        assert.ok(!shown.includes('.') || shown.split('.')[1].length <= 3, shown);
      }),
    );
  });
});
