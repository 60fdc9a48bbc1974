/**
 * String order by Unicode code point, which is how Python (and so the pipeline) sorts names. JavaScript's
 * `<` compares UTF-16 code units, which disagrees when a surrogate pair (code points above U+FFFF) meets a
 * code unit in U+E000..U+FFFF. The fast path is the plain comparison; only that one case is remapped.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(i);
    if (ca !== cb) {
      if (ca >= 0xd800 && cb >= 0xd800) {
        // Surrogates (D800-DFFF) encode code points above FFFF: move them above E000-FFFF.
        ca = ca <= 0xdfff ? ca + 0x2000 : ca - 0x800;
        cb = cb <= 0xdfff ? cb + 0x2000 : cb - 0x800;
      }
      return ca - cb;
    }
  }
  return a.length - b.length;
}
