/**
 * An iterative JSON scanner: validates syntax, measures nesting depth, finds duplicate object keys, and
 * locates the value at a JSON pointer, all with character offsets.
 *
 * Why hand-written: `JSON.parse` is the fast path for reading, but its errors carry no reliable position
 * and it silently keeps the last of duplicate keys; recursive-descent parsers (jsonc-parser among them)
 * overflow the stack on hostile input nested 100,000 deep. This scanner keeps an explicit stack, so depth
 * costs heap, not call stack, and it never builds values.
 *
 * Complexity: O(length of text). Memory: O(depth), plus the key sets of the open objects when duplicate
 * detection is on.
 */

import { pointer as toPointer } from '../issues';

export interface ScanError {
  readonly offset: number;
  readonly message: string;
}

export interface DuplicateKey {
  readonly key: string;
  readonly pointer: string;
  readonly offset: number;
}

export interface ScanOptions {
  /** Stop with an error once nesting exceeds this depth. */
  readonly maxDepth?: number;
  /** Record keys that occur twice in one object. */
  readonly duplicates?: boolean;
  /** Report the offset at which the value at this pointer starts. */
  readonly findPointer?: string;
  /** Report the offsets at which the values at these pointers start (one pass for many issues). */
  readonly findPointers?: ReadonlySet<string>;
}

export interface ScanResult {
  readonly error?: ScanError;
  readonly maxDepth: number;
  readonly duplicateKeys: readonly DuplicateKey[];
  /** Offset of the value at `findPointer`, when it exists. */
  readonly pointerOffset?: number;
  /** Offsets of the values at `findPointers` that exist. */
  readonly pointerOffsets?: ReadonlyMap<string, number>;
}

interface Frame {
  readonly isObject: boolean;
  index: number;
  key: string;
  readonly keys: Set<string> | undefined;
}

const enum Expect {
  Value,
  KeyOrClose,
  Key,
  ValueOrClose,
  Colon,
  CommaOrClose,
  End,
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Decodes an RFC 6901 pointer into its reference tokens. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function scanJson(text: string, options: ScanOptions = {}): ScanResult {
  const maxDepthAllowed = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const target = options.findPointer === undefined ? undefined : parsePointer(options.findPointer);
  const stack: Frame[] = [];
  const duplicateKeys: DuplicateKey[] = [];
  let maxDepth = 0;
  let pointerOffset: number | undefined;
  const wanted = options.findPointers;
  const pointerOffsets = wanted === undefined ? undefined : new Map<string, number>();
  let wantedDepths: Set<number> | undefined;
  /** The reference tokens wanted at each depth: most values are ruled out without building their pointer. */
  let wantedTokens: Set<string>[] | undefined;
  if (wanted !== undefined) {
    const depths = new Set<number>();
    const tokensAt: Set<string>[] = [];
    for (const p of wanted) {
      const tokens = parsePointer(p);
      depths.add(tokens.length);
      tokens.forEach((t, d) => (tokensAt[d] ??= new Set()).add(t));
    }
    wantedDepths = depths;
    wantedTokens = tokensAt;
  }
  let expect = Expect.Value as Expect;
  let i = 0;
  const n = text.length;

  const fail = (offset: number, message: string): ScanResult => ({ error: { offset, message }, maxDepth, duplicateKeys, pointerOffset, pointerOffsets });
  const currentPointer = (): string => toPointer(...stack.map((f) => (f.isObject ? f.key : f.index)));
  const mayBeWanted = (): boolean => {
    for (let d = stack.length - 1; d >= 0; d--) {
      const f = stack[d];
      if (wantedTokens?.[d]?.has(f.isObject ? f.key : String(f.index)) !== true) return false;
    }
    return true;
  };
  const atTarget = (): boolean => {
    if (target === undefined || pointerOffset !== undefined || stack.length !== target.length) return false;
    for (let d = 0; d < stack.length; d++) {
      const f = stack[d];
      if ((f.isObject ? f.key : String(f.index)) !== target[d]) return false;
    }
    return true;
  };

  /** Scans a string starting at the opening quote; returns the offset after the closing quote or an error. */
  const scanString = (start: number): number | ScanError => {
    let j = start + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x22) return j + 1;
      if (c === 0x5c) {
        const e = text.charCodeAt(j + 1);
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) {
            if (!isHex(text.charCodeAt(j + k))) return { offset: j, message: 'invalid \\u escape in string' };
          }
          j += 6;
        } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
          j += 2;
        } else {
          return { offset: j, message: 'invalid escape in string' };
        }
      } else if (c < 0x20) {
        return { offset: j, message: 'control character in string' };
      } else {
        j++;
      }
    }
    return { offset: start, message: 'unterminated string' };
  };

  const scanNumber = (start: number): number | ScanError => {
    let j = start;
    if (text.charCodeAt(j) === 0x2d) j++;
    if (text.charCodeAt(j) === 0x30) j++;
    else if (isDigit(text.charCodeAt(j))) while (isDigit(text.charCodeAt(j))) j++;
    else return { offset: j, message: 'invalid number' };
    if (text.charCodeAt(j) === 0x2e) {
      j++;
      if (!isDigit(text.charCodeAt(j))) return { offset: j, message: 'invalid number: digit expected after the decimal point' };
      while (isDigit(text.charCodeAt(j))) j++;
    }
    const e = text.charCodeAt(j);
    if (e === 0x65 || e === 0x45) {
      j++;
      const s = text.charCodeAt(j);
      if (s === 0x2b || s === 0x2d) j++;
      if (!isDigit(text.charCodeAt(j))) return { offset: j, message: 'invalid number: digit expected in the exponent' };
      while (isDigit(text.charCodeAt(j))) j++;
    }
    return j;
  };

  // A value finished: the container (if any) now expects a separator or its end.
  const afterValue = (): void => {
    expect = stack.length === 0 ? Expect.End : Expect.CommaOrClose;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    switch (expect) {
      case Expect.End:
        return fail(i, 'unexpected content after the end of the JSON value');
      case Expect.Colon:
        if (c !== 0x3a) return fail(i, "':' expected after an object key");
        i++;
        expect = Expect.Value;
        continue;
      case Expect.CommaOrClose: {
        const top = stack[stack.length - 1];
        if (c === 0x2c) {
          i++;
          if (top.isObject) expect = Expect.Key;
          else {
            top.index++;
            expect = Expect.Value;
          }
        } else if ((top.isObject && c === 0x7d) || (!top.isObject && c === 0x5d)) {
          i++;
          stack.pop();
          afterValue();
        } else {
          return fail(i, top.isObject ? "',' or '}' expected in object" : "',' or ']' expected in array");
        }
        continue;
      }
      case Expect.KeyOrClose:
      case Expect.Key: {
        if (c === 0x7d && expect === Expect.KeyOrClose) {
          i++;
          stack.pop();
          afterValue();
          continue;
        }
        if (c !== 0x22) return fail(i, expect === Expect.Key ? 'property name expected after \',\'' : "property name or '}' expected");
        const end = scanString(i);
        if (typeof end !== 'number') return fail(end.offset, end.message);
        const raw = text.slice(i + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
        const top = stack[stack.length - 1];
        top.key = key;
        if (top.keys !== undefined) {
          if (top.keys.has(key)) duplicateKeys.push({ key, pointer: currentPointer(), offset: i });
          else top.keys.add(key);
        }
        i = end;
        expect = Expect.Colon;
        continue;
      }
      case Expect.ValueOrClose:
        if (c === 0x5d) {
          i++;
          stack.pop();
          afterValue();
          continue;
        }
        expect = Expect.Value;
        break;
      case Expect.Value:
        break;
    }

    // A value starts here.
    if (atTarget()) pointerOffset = i;
    if (wantedDepths?.has(stack.length) && mayBeWanted()) {
      const here = currentPointer();
      if (wanted?.has(here) && !pointerOffsets?.has(here)) pointerOffsets?.set(here, i);
    }
    if (c === 0x7b || c === 0x5b) {
      if (stack.length + 1 > maxDepthAllowed) {
        return fail(i, `nesting deeper than ${maxDepthAllowed} levels`);
      }
      const isObject = c === 0x7b;
      stack.push({ isObject, index: 0, key: '', keys: isObject && options.duplicates === true ? new Set() : undefined });
      if (stack.length > maxDepth) maxDepth = stack.length;
      i++;
      expect = isObject ? Expect.KeyOrClose : Expect.ValueOrClose;
      continue;
    }
    let end: number | ScanError;
    if (c === 0x22) end = scanString(i);
    else if (c === 0x2d || isDigit(c)) end = scanNumber(i);
    else if (text.startsWith('true', i)) end = i + 4;
    else if (text.startsWith('false', i)) end = i + 5;
    else if (text.startsWith('null', i)) end = i + 4;
    else return fail(i, 'value expected');
    if (typeof end !== 'number') return fail(end.offset, end.message);
    i = end;
    afterValue();
  }
  if (expect !== Expect.End) return fail(n, stack.length > 0 ? 'unexpected end of input: a container is not closed' : 'unexpected end of input');
  return { maxDepth, duplicateKeys, pointerOffset, pointerOffsets };
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * The nesting depth of a document already known to be valid JSON, stopping early past `limit`. Several
 * times cheaper than `scanJson`: it only tracks strings (to skip their brackets) and bracket depth.
 * Returns the offset of the first bracket past the limit, or -1.
 */
export function findExcessiveNesting(text: string, limit: number): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: a quote preceded by a backslash is escaped.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) return -1;
        let backslashes = 0;
        for (let j = q - 1; text.charCodeAt(j) === 0x5c; j--) backslashes++;
        i = q;
        if (backslashes % 2 === 0) break;
        i++;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return -1;
}
