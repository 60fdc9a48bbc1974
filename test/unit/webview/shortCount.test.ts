import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { shortCount } from '../../../src/webview/render/drawScene';

suite('overview: short counts for narrow generation boxes', () => {
  test('at most four characters below a million, never rounded up past the count', () => {
    assert.deepEqual([950, 1000, 1234, 9999, 12_000, 100_000].map(shortCount), ['950', '1k', '1.2k', '9.9k', '12k', '100k']);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
        const text = shortCount(n);
        assert.ok(text.length <= 4, text);
        const value = text.endsWith('k') ? Number(text.slice(0, -1)) * 1000 : Number(text);
        assert.ok(value <= n && n - value < (n < 10_000 ? 100 : 1000), `${n} -> ${text}`);
      }),
    );
  });
});
