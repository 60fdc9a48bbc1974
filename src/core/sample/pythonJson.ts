/**
 * Python `json.dumps` text for identity `Value`s, as the pipeline writes it: default separators
 * (`", "`, `": "`) or `indent` (then `","` and newlines), `ensure_ascii` escaping, optional `sort_keys`
 * (code-point order, as Python sorts str), floats as Python's `repr`. O(n) plus key sorting.
 * The node-link graph embeds lists this way inside its string values (artifact-formats.md §2.3), and the
 * pipeline's pretty JSON files (CLI plan output, cache lineage rows) use it too.
 */

import { compareUtf8, type Value } from '../identity/value';

export interface PythonJsonOptions {
  readonly indent?: number;
  readonly sortKeys?: boolean;
}

export function pythonJsonDumps(value: Value, options: PythonJsonOptions = {}): string {
  const out: string[] = [];
  write(out, value, options, 0);
  return out.join('');
}

function write(out: string[], value: Value, o: PythonJsonOptions, depth: number): void {
  switch (value.t) {
    case 'nil':
      out.push('null');
      return;
    case 'bool':
      out.push(value.v ? 'true' : 'false');
      return;
    case 'int':
      out.push(BigInt(value.v).toString());
      return;
    case 'float':
      out.push(pythonFloatRepr(value.v));
      return;
    case 'str':
      out.push(pythonQuote(value.v));
      return;
    case 'bin':
    case 'ext':
      throw new RangeError('json.dumps cannot encode bytes');
    case 'array':
      writeItems(out, value.items.map((item) => [undefined, item] as const), '[', ']', o, depth);
      return;
    case 'dict':
    case 'struct': {
      const entries = value.t === 'dict' ? value.entries : value.fields;
      const ordered = o.sortKeys ? [...entries].sort((a, b) => compareUtf8(a[0], b[0])) : entries;
      writeItems(out, ordered, '{', '}', o, depth);
      return;
    }
  }
}

function writeItems(out: string[], items: readonly (readonly [string | undefined, Value])[], open: string, close: string, o: PythonJsonOptions, depth: number): void {
  if (items.length === 0) {
    out.push(open + close);
    return;
  }
  const pretty = o.indent !== undefined;
  const inner = pretty ? '\n' + ' '.repeat(o.indent! * (depth + 1)) : '';
  out.push(open);
  items.forEach(([key, item], i) => {
    if (i > 0) out.push(pretty ? ',' : ', ');
    out.push(inner);
    if (key !== undefined) out.push(pythonQuote(key), ': ');
    write(out, item, o, depth + 1);
  });
  if (pretty) out.push('\n' + ' '.repeat(o.indent! * depth));
  out.push(close);
}

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** A JSON string with Python's `ensure_ascii=True` escaping (UTF-16 code units as `\uXXXX`). */
export function pythonQuote(text: string): string {
  // eslint-disable-next-line no-control-regex
  return '"' + text.replace(/["\\\u0000-\u001f\u007f-\uffff]/g, (c) => SHORT[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '"';
}

/** Python's `repr(float)`: shortest round-trip digits, fixed notation for exponents in [-4, 16). */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa = '', exp = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const e = Number(exp);
  if (e >= -4 && e < 16) {
    if (e < 0) return sign + '0.' + '0'.repeat(-e - 1) + digits;
    const intPart = digits.slice(0, e + 1).padEnd(e + 1, '0');
    const frac = digits.slice(e + 1);
    return sign + intPart + '.' + (frac === '' ? '0' : frac);
  }
  const expText = (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(2, '0');
  return sign + digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'e' + expText;
}
