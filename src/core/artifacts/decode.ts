/**
 * Bytes to values for every container the pipeline writes: JSON, msgpack (raw or base64 text, as in the
 * pipeline's `.msgpack.b64` goldens), JSON lines, and DOT text, with a size check before any byte is read.
 * msgpack values are normalized to what msgspec's `to_builtins` gives for JSON: bytes and ext payloads
 * become base64 strings, integer map keys become strings, so a JSON golden and its msgpack twin decode to
 * equal values. Complexity O(bytes); the msgpack decoder is iterative, the normalization bounded by
 * `maxDepth`.
 */

import { decodeBase64, encodeBase64 } from '../text/base64';
import { DecodeError, Decoder, ExtensionCodec } from '@msgpack/msgpack';
import type { FileSystem } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_JSON_DEPTH, DUPLICATE_CHECK_MAX_CHARS, decodeUtf8, parseJsonText, sizeLimitIssue, type JsonObject, type JsonValue } from '../json/parseJson';
import { lineColumn } from '../json/scanJson';
import { dict } from '../model/planModel';

/** `delta`: rows of a Delta table directory, read through src/core/tables. */
export type ContainerFormat = 'json' | 'msgpack' | 'jsonl' | 'dot' | 'delta';

export interface ReadOptions {
  readonly maxBytes?: number;
  readonly maxDepth?: number;
}

export interface DecodedDocument {
  readonly file: string;
  readonly format: ContainerFormat;
  /** The parsed value (for `jsonl`: the list of parsed lines; for `dot`: the text). */
  readonly value?: JsonValue;
  /** The JSON or DOT text, for positions in issues. */
  readonly text?: string;
  /** For `jsonl`: the 1-based line number of each parsed value. */
  readonly lines?: readonly number[];
  readonly issues: PlanIssue[];
}

export function megabytesToBytes(mb: number): number {
  return Math.round(mb * 1024 * 1024);
}

export function containerFormat(file: string): ContainerFormat {
  const f = file.toLowerCase();
  if (f.endsWith('.msgpack') || f.endsWith('.msgpack.b64') || f.endsWith('.mpk') || f.endsWith('.b64')) return 'msgpack';
  if (f.endsWith('.jsonl') || f.endsWith('.ndjson')) return 'jsonl';
  if (f.endsWith('.dot') || f.endsWith('.gv')) return 'dot';
  return 'json';
}

/** Reads one artifact file; the size is checked with `stat` first, so an oversized file is never read. */
export async function readArtifactFile(fs: FileSystem, file: string, options: ReadOptions = {}): Promise<DecodedDocument> {
  const format = containerFormat(file);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const st = await fs.stat(file);
  if (st === undefined) return { file, format, issues: [issue('error', 'file-not-found', 'no such file', { file })] };
  if (st.type !== 'file') return { file, format, issues: [issue('error', 'not-a-file', `expected a file, found a ${st.type}`, { file })] };
  if (st.size > maxBytes) return { file, format, issues: [sizeLimitIssue(file, st.size, maxBytes)] };
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    return { file, format, issues: [issue('error', 'read-failed', `cannot read the file: ${e instanceof Error ? e.message : String(e)}`, { file })] };
  }
  return decodeBytes(bytes, file, options);
}

export function decodeBytes(bytes: Uint8Array, file: string, options: ReadOptions = {}): DecodedDocument {
  const format = containerFormat(file);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.byteLength > maxBytes) return { file, format, issues: [sizeLimitIssue(file, bytes.byteLength, maxBytes)] };
  if (format === 'msgpack') {
    const isText = file.toLowerCase().endsWith('.b64');
    let raw = bytes;
    if (isText) {
      const text = decodeUtf8(bytes, file);
      if (text.text === undefined) return { file, format, issues: text.issues };
      const b = decodeBase64(text.text, LENIENT_BASE64);
      if (b === undefined) return { file, format, issues: [issue('error', 'invalid-base64', 'the file is not base64 text', { file })] };
      raw = b;
    }
    return { file, format, ...decodeMsgpack(raw, file, options.maxDepth) };
  }
  const decoded = decodeUtf8(bytes, file);
  if (decoded.text === undefined) return { file, format, issues: decoded.issues };
  const text = decoded.text;
  if (format === 'dot') return { file, format, value: text, text, issues: [] };
  if (format === 'jsonl') return { file, format, ...parseJsonLines(text, file, options.maxDepth) };
  const parsed = parseJsonText(text, file, { maxDepth: options.maxDepth });
  return { file, format, value: parsed.value, text, issues: parsed.issues };
}

function parseJsonLines(text: string, file: string, maxDepth: number | undefined): { value: JsonValue; text: string; lines: number[]; issues: PlanIssue[] } {
  const values: JsonValue[] = [];
  const lines: number[] = [];
  const issues: PlanIssue[] = [];
  // Duplicate keys are looked for in a file of lines up to the size they are in one document: the file is
  // what the size policy is about (a 100k-row cache lineage file is 50 MB; its lines are short).
  const checkDuplicates = text.length <= DUPLICATE_CHECK_MAX_CHARS;
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end);
    if (line.trim() !== '') {
      const parsed = parseJsonText(line, file, { maxDepth, checkDuplicates });
      // Positions inside a line become positions inside the file.
      for (const i of parsed.issues) {
        const off = i.location.offset;
        issues.push({ ...i, location: { ...i.location, line: lineNo, column: off !== undefined ? lineColumn(line, off).column : 1, offset: off !== undefined ? start + off : start } });
      }
      if (parsed.value !== undefined) {
        values.push(parsed.value);
        lines.push(lineNo);
      }
    }
    start = end + 1;
  }
  return { value: values, text, lines, issues };
}

/** Keeps ext payloads (Substrait, plan protos, Arrow schemas) as their bytes. */
const keepExtensions = new ExtensionCodec();
for (const type of [3, 10, 11, 12, 13]) keepExtensions.register({ type, encode: () => null, decode: (data) => data });

export function decodeMsgpack(bytes: Uint8Array, file: string, maxDepth = DEFAULT_MAX_JSON_DEPTH): { value?: JsonValue; issues: PlanIssue[] } {
  let raw: unknown;
  const decoder = new Decoder({ extensionCodec: keepExtensions, mapKeyConverter: (k: unknown) => (typeof k === 'string' || typeof k === 'number' ? String(k) : mapKeyError(k)) });
  try {
    raw = decoder.decode(bytes);
  } catch (e) {
    const reason = e instanceof DecodeError || e instanceof RangeError || e instanceof Error ? e.message : String(e);
    return { issues: [issue('error', 'msgpack-syntax', `invalid msgpack: ${reason}`, { file })] };
  }
  const issues: PlanIssue[] = [];
  const value = normalize(raw, 0, maxDepth, file, issues);
  return issues.length > 0 && value === undefined ? { issues } : { value, issues };
}

function mapKeyError(k: unknown): never {
  throw new DecodeError(`a map key of type ${typeof k} is not a string`);
}

function normalize(v: unknown, depth: number, maxDepth: number, file: string, issues: PlanIssue[]): JsonValue | undefined {
  if (depth > maxDepth) {
    if (issues.length === 0) issues.push(issue('error', 'msgpack-too-deep', `msgpack nesting exceeds ${maxDepth} levels; refusing to read it`, { file }));
    return undefined;
  }
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Uint8Array) return encodeBase64(v);
  if (Array.isArray(v)) {
    const out: JsonValue[] = [];
    for (const x of v) {
      const n = normalize(x, depth + 1, maxDepth, file, issues);
      if (n === undefined) return undefined;
      out.push(n);
    }
    return out;
  }
  if (typeof v === 'object') {
    const src = v as Record<string, unknown>;
    const out = dict<JsonValue>() as JsonObject;
    for (const k of Object.keys(src)) {
      const n = normalize(src[k], depth + 1, maxDepth, file, issues);
      if (n === undefined) return undefined;
      out[k] = n;
    }
    return out;
  }
  return null;
}

/** `.b64` files may be hand-made: URL-safe letters and line wrapping are accepted. */
export const LENIENT_BASE64 = { urlSafe: true, whitespace: true } as const;
