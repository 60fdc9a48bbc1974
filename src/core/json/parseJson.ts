/**
 * Reading JSON artifacts safely: a size limit, UTF-8 decoding, `JSON.parse` for speed, and the scanner
 * for what `JSON.parse` cannot tell (error positions, nesting depth, duplicate keys). `JSON.parse` defines
 * `__proto__` as an ordinary own property, so parsed data cannot pollute prototypes as long as callers
 * never merge it with `Object.assign` (they don't: readers copy fields by name).
 */

import { issue, type IssueLocation, type PlanIssue } from '../issues';
import { findExcessiveNesting, lineColumn, scanJson } from './scanJson';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Room for a 100k-task node-link plan with every link field (about 115 MB) and more; `planLens.maxFileSizeMB` raises it. */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;
/** Plan artifacts nest a handful of levels; anything this deep is hostile or broken. */
export const DEFAULT_MAX_JSON_DEPTH = 512;
/**
 * Duplicate keys are looked for in documents up to this many characters by default. Finding them costs a
 * second full scan with a key set per object, about half the time of `JSON.parse` itself; above this size
 * (plans of tens of thousands of tasks) only the cheap depth check runs unless the caller asks.
 */
export const DUPLICATE_CHECK_MAX_CHARS = 8_000_000;

export interface ParseJsonOptions {
  readonly maxDepth?: number;
  readonly maxBytes?: number;
  /** Look for duplicate keys; by default only in documents up to DUPLICATE_CHECK_MAX_CHARS. */
  readonly checkDuplicates?: boolean;
}

export interface ParsedJson {
  readonly value?: JsonValue;
  readonly text?: string;
  readonly issues: PlanIssue[];
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sizeLimitIssue(file: string, size: number, maxBytes: number): PlanIssue {
  const mb = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);
  return issue('error', 'file-too-large', `${mb(size)} MB is over the ${mb(maxBytes)} MB limit for one artifact; raise planLens.maxFileSizeMB (CLI: --max-file-size-mb) to read it`, { file });
}

/** Decodes UTF-8 (dropping a BOM); invalid byte sequences are an error, not silently replaced. */
export function decodeUtf8(bytes: Uint8Array, file: string): { text?: string; issues: PlanIssue[] } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), issues: [] };
  } catch {
    return { issues: [issue('error', 'invalid-utf8', 'the file is not valid UTF-8 text', { file })] };
  }
}

export function parseJsonBytes(bytes: Uint8Array, file: string, options: ParseJsonOptions = {}): ParsedJson {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.byteLength > maxBytes) return { issues: [sizeLimitIssue(file, bytes.byteLength, maxBytes)] };
  const decoded = decodeUtf8(bytes, file);
  if (decoded.text === undefined) return { issues: decoded.issues };
  return parseJsonText(decoded.text, file, options);
}

export function parseJsonText(text: string, file: string, options: ParseJsonOptions = {}): ParsedJson {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    const scanned = scanJson(text, { maxDepth: Number.POSITIVE_INFINITY });
    const offset = scanned.error?.offset ?? 0;
    const reason = scanned.error?.message ?? 'invalid JSON';
    return { text, issues: [issue('error', 'json-syntax', `invalid JSON: ${reason}`, { file, offset, ...lineColumn(text, offset) })] };
  }
  const tooDeep = (offset: number): ParsedJson => ({
    text,
    issues: [issue('error', 'json-too-deep', `JSON nesting deeper than ${maxDepth} levels; refusing to read it`, { file, offset, ...lineColumn(text, offset) })],
  });
  if (!(options.checkDuplicates ?? text.length <= DUPLICATE_CHECK_MAX_CHARS)) {
    const deepAt = findExcessiveNesting(text, maxDepth);
    return deepAt === -1 ? { value, text, issues: [] } : tooDeep(deepAt);
  }
  const scanned = scanJson(text, { maxDepth, duplicates: true });
  if (scanned.error !== undefined) return tooDeep(scanned.error.offset);
  const issues = scanned.duplicateKeys.map((d) =>
    issue('warning', 'json-duplicate-key', `duplicate key "${d.key}": only the last value is used`, { file, pointer: d.pointer, offset: d.offset, ...lineColumn(text, d.offset) }),
  );
  return { value, text, issues };
}

/**
 * Where a JSON pointer's value starts in `text`, as a full location. Content issues are found on parsed
 * values by pointer; this turns them into a line and column only when an issue is actually reported.
 */
export function locatePointer(text: string | undefined, file: string, pointer: string): IssueLocation {
  if (text === undefined) return { file, pointer };
  const { pointerOffset } = scanJson(text, { findPointer: pointer });
  if (pointerOffset === undefined) return { file, pointer };
  return { file, pointer, offset: pointerOffset, ...lineColumn(text, pointerOffset) };
}

/** Lines and columns for many pointers in one pass over the text: for readers that report many issues. */
export function locatePointers(text: string | undefined, file: string, pointers: readonly string[]): IssueLocation[] {
  if (text === undefined || pointers.length === 0) return pointers.map((pointer) => ({ file, pointer }));
  const { pointerOffsets } = scanJson(text, { findPointers: new Set(pointers) });
  const lines = lineIndex(text);
  return pointers.map((pointer) => {
    const offset = pointerOffsets?.get(pointer);
    return offset === undefined ? { file, pointer } : { file, pointer, offset, ...positionIn(lines, offset) };
  });
}

/** Offsets at which each line starts, for repeated offset -> line/column conversions. */
function lineIndex(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionIn(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
}
