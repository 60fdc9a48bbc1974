/**
 * Byte-exact msgspec JSON encoder (compact, `order="deterministic"`), artifact-formats.md §1.3.
 * O(n) in the output plus key sorting. Floats: shortest round-trip digits (ECMAScript's Number→String
 * picks the same shortest, closest digits as ryu) laid out with msgspec's rules: integral values keep
 * `.0`, plain decimal when the exponent is in [-5, 16), otherwise `<digits>e<exp>` without `+`;
 * NaN/±Infinity become `null`. Non-ASCII is written raw.
 */

import { encodeBase64 } from '../text/base64';
import { entriesByKey, type Value } from './value';

// Re-exported: callers import the bytes<->text helpers from here.

export function encodeMsgspecJson(value: Value): string {
  const out: string[] = [];
  write(out, value);
  return out.join('');
}

export function encodeMsgspecJsonBytes(value: Value): Uint8Array {
  return new TextEncoder().encode(encodeMsgspecJson(value));
}

function write(out: string[], value: Value): void {
  switch (value.t) {
    case 'nil':
      out.push('null');
      return;
    case 'bool':
      out.push(value.v ? 'true' : 'false');
      return;
    case 'int':
      // String() of a safe integer is its decimal digits, as BigInt's; only unsafe ones need the BigInt.
      out.push(typeof value.v === 'number' && Number.isSafeInteger(value.v) ? String(value.v) : BigInt(value.v).toString());
      return;
    case 'float':
      out.push(formatFloat(value.v));
      return;
    case 'str':
      out.push(quoteString(value.v));
      return;
    case 'bin':
      out.push('"', encodeBase64(value.v), '"');
      return;
    case 'ext':
      throw new RangeError('msgspec JSON cannot encode a msgpack ext value');
    case 'array': {
      const items = value.items;
      out.push('[');
      for (let i = 0; i < items.length; i++) {
        if (i > 0) out.push(',');
        write(out, items[i]);
      }
      out.push(']');
      return;
    }
    case 'dict':
    case 'struct': {
      const entries = value.t === 'dict' ? entriesByKey(value.entries) : value.fields;
      out.push('{');
      for (let i = 0; i < entries.length; i++) {
        if (i > 0) out.push(',');
        out.push(quoteString(entries[i][0]), ':');
        write(out, entries[i][1]);
      }
      out.push('}');
      return;
    }
  }
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

export function quoteString(text: string): string {
  // JSON.stringify escapes exactly these characters the same way (short forms, else lower-case \u00XX),
  // natively; it differs only on lone surrogates, which it escapes and msgspec's rules leave raw.
  const json = JSON.stringify(text);
  return json.includes('\\ud') ? slowQuote(text) : json;
}

function slowQuote(text: string): string {
  // eslint-disable-next-line no-control-regex
  return '"' + text.replace(/["\\\u0000-\u001f]/g, (c) => SHORT_ESCAPES[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '"';
}

export function formatFloat(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa = '', exp = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const e = Number(exp);
  if (e >= -5 && e < 16) {
    if (e < 0) return sign + '0.' + '0'.repeat(-e - 1) + digits;
    const intPart = digits.slice(0, e + 1).padEnd(e + 1, '0');
    const frac = digits.slice(e + 1);
    return sign + intPart + '.' + (frac === '' ? '0' : frac);
  }
  return sign + digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'e' + e;
}

