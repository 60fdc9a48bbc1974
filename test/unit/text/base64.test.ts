/**
 * The hand-written base64 (src/core/text/base64.ts, kept for speed: see its comment) against @scure/base,
 * an audited implementation, as the reference: equal encodings, equal decodings, and no decoding of text
 * the reference refuses as not base64.
 */

import * as assert from 'node:assert/strict';
import { base64, base64nopad, base64url } from '@scure/base';
import fc from 'fast-check';
import { decodeBase64, encodeBase64 } from '../../../src/core/text/base64';

suite('base64 against @scure/base', () => {
  test('property: encoding equals the reference, and decoding (padded or not, URL-safe, wrapped) gives the bytes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64(bytes);
        assert.equal(text, base64.encode(bytes));
        assert.deepEqual(decodeBase64(text), bytes);
        assert.deepEqual(decodeBase64(text, { requirePadding: true }), bytes);
        assert.deepEqual(decodeBase64(base64nopad.encode(bytes)), bytes);
        assert.deepEqual(decodeBase64(base64url.encode(bytes), { urlSafe: true }), bytes);
        assert.deepEqual(decodeBase64(text.replace(/(.{16})/g, '$1\n'), { whitespace: true }), bytes);
      }),
      { numRuns: 500 },
    );
  });

  test('property: text the reference refuses for a bad character or length is refused too', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ .!\n';
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 24 }), (text) => {
        let refused = false;
        try {
          base64nopad.decode(text.replace(/={1,2}$/, ''));
        } catch (e) {
          // Non-zero bits after the last byte are refused by the reference only; this decoder drops them.
          refused = !/^Non-zero padding/.test((e as Error).message);
        }
        if (refused) assert.equal(decodeBase64(text), undefined, JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });

  test('unpadded text is refused when padding is required', () => {
    assert.equal(decodeBase64('QQ', { requirePadding: true }), undefined);
    assert.deepEqual(decodeBase64('QQ'), new Uint8Array([65]));
  });
});
