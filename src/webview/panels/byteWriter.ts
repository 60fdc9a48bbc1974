/**
 * A growing UTF-8 byte buffer for writing large text files (the 100k-task SVG export) without making a
 * string per number and per fragment: with an array of strings joined once, a 100k-task export spent most
 * of its time collecting the millions of short-lived strings it made. Numbers are written as ASCII digits
 * straight into the buffer; text goes in as UTF-8.
 */

const encoder = new TextEncoder();

export class ByteWriter {
  private bytes: Uint8Array;
  private length = 0;

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  /** Text of any characters, as UTF-8 (the caller has escaped it for where it goes). */
  text(s: string): this {
    const n = s.length;
    // At most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    this.reserve(3 * n);
    const b = this.bytes;
    let at = this.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        // Not ASCII: let the platform encode the rest (lone surrogates would become U+FFFD; escaping has removed them).
        at += encoder.encodeInto(s.slice(i), b.subarray(at)).written;
        break;
      }
      b[at++] = c;
    }
    this.length = at;
    return this;
  }

  /** A number rounded to 2 decimals, without trailing zeros ("12", "12.5", "-0.25"); not finite: 0. */
  num(v: number): this {
    this.reserve(24);
    const b = this.bytes;
    let at = this.length;
    let hundredths = Number.isFinite(v) ? Math.round(v * 100) : 0;
    if (hundredths < 0) {
      b[at++] = 45; // '-'
      hundredths = -hundredths;
    }
    if (hundredths > Number.MAX_SAFE_INTEGER) {
      // Beyond what the digit loop handles exactly; never a layout coordinate.
      this.length = at;
      return this.text(String(hundredths / 100));
    }
    let whole = Math.floor(hundredths / 100);
    const frac = hundredths - whole * 100;
    // Count the digits, then write them from the last one back (no temporary string or view per number).
    // Layout coordinates fit in 31 bits: integer arithmetic then, much cheaper than float division.
    const small = whole <= 0x7fffffff;
    let digits = 1;
    for (let rest = whole; rest >= 10; rest = small ? (rest / 10) | 0 : Math.floor(rest / 10)) digits++;
    at += digits;
    for (let i = 1; i <= digits; i++) {
      const q = small ? (whole / 10) | 0 : Math.floor(whole / 10);
      b[at - i] = 48 + (whole - q * 10);
      whole = q;
    }
    if (frac > 0) {
      b[at++] = 46; // '.'
      b[at++] = 48 + Math.floor(frac / 10);
      if (frac % 10 > 0) b[at++] = 48 + (frac % 10);
    }
    this.length = at;
    return this;
  }

  /** A non-negative integer (an index). */
  int(v: number): this {
    return this.num(Math.trunc(v));
  }

  get byteLength(): number {
    return this.length;
  }

  /** The bytes written (a view; copy it to keep it past further writes). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  toString(): string {
    return new TextDecoder().decode(this.view());
  }
}
