/**
 * Strict standard base64 (RFC 4648 §4, `+/` and `=` padding), as Python's `base64.b64encode` writes it
 * into Hamilton cache keys. The core has no `atob`. O(n). Returns `undefined` for anything else.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

export function decodeStandardBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    let group = 0;
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      const isPad = code === 61 && i + 4 === text.length && j >= 4 - padding;
      const v = isPad ? 0 : code < 128 ? VALUES[code] : -1;
      if (v < 0) return undefined;
      group = (group << 6) | v;
    }
    for (let shift = 16; shift >= 0 && at < out.length; shift -= 8) out[at++] = (group >> shift) & 0xff;
  }
  return out;
}
