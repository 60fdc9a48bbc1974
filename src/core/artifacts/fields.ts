/**
 * Typed field access over parsed artifacts, turning every problem into a `PlanIssue` at the field's JSON
 * pointer: the typed reads of json/decodedValue.ts, plus where and why a read failed. msgspec omits fields that equal their default (`omit_defaults=True`), so an absent optional
 * field yields its default; an absent required one is an error and also yields the default, so a reader
 * always goes on with the rest of the document.
 */

import { issue, pointerToken, type PlanIssue, type Severity } from '../issues';
import { bool, int, list, num, str } from '../json/decodedValue';
import { isJsonObject, locatePointers, type JsonObject, type JsonValue } from '../json/parseJson';
import { dict, type Dict } from '../model/planModel';

export interface Need {
  readonly required?: boolean;
}

/** Content issues past this many per file are counted, not listed: they are noise by then. */
export const MAX_REPORTED_ISSUES = 200;

export class FieldReader {
  /** Indices into `issues` of the entries still waiting for a line and column. */
  private readonly pending: number[] = [];
  private dropped = 0;

  constructor(
    readonly file: string,
    /** The JSON text, when the document was JSON: used only to give issues a line and column. */
    readonly text: string | undefined,
    readonly issues: PlanIssue[] = [],
  ) {}

  /** Records an issue at a pointer; `resolvePositions` later adds lines and columns in one pass over the text. */
  report(severity: Severity, code: string, message: string, pointer: string): void {
    if (this.pending.length >= MAX_REPORTED_ISSUES) {
      this.dropped++;
      return;
    }
    this.pending.push(this.issues.length);
    this.issues.push(issue(severity, code, message, { file: this.file, pointer }));
  }

  /** Call once reading is done. O(text) whatever the number of issues. */
  resolvePositions(): PlanIssue[] {
    const ptrs = this.pending.map((i) => this.issues[i].location.pointer ?? '');
    const locations = locatePointers(this.text, this.file, ptrs);
    this.pending.forEach((idx, k) => {
      this.issues[idx] = { ...this.issues[idx], location: locations[k] };
    });
    this.pending.length = 0;
    if (this.dropped > 0) this.issues.push(issue('warning', 'too-many-issues', `${this.dropped} more issues in this file are not listed`, { file: this.file }));
    this.dropped = 0;
    return this.issues;
  }

  /** The value at `key`, or `undefined` (with an issue when required) when absent. */
  private get(o: JsonObject, key: string, at: string, need: Need): JsonValue | undefined {
    if (Object.prototype.hasOwnProperty.call(o, key)) return o[key];
    if (need.required === true) this.report('error', 'missing-field', `required field "${key}" is missing`, at);
    return undefined;
  }

  private wrong(at: string, expected: string, got: JsonValue): void {
    this.report('error', 'wrong-type', `expected ${expected}, found ${describe(got)}`, at);
  }

  object(value: JsonValue | undefined, at: string, what = 'an object'): JsonObject | undefined {
    if (isJsonObject(value)) return value;
    if (value !== undefined) this.wrong(at, what, value);
    return undefined;
  }

  str(o: JsonObject, key: string, at: string, need: Need = {}): string | undefined {
    const v = this.get(o, key, at, need);
    if (v === undefined) return undefined;
    const s = str(v);
    if (s === undefined && (v !== null || need.required === true)) this.wrong(at + '/' + pointerToken(key), 'a string', v);
    return s;
  }

  /** A string that may be recorded as null; absent means null. */
  nullableStr(o: JsonObject, key: string, at: string): string | null {
    const v = this.get(o, key, at, {});
    if (v === undefined || v === null) return null;
    const s = str(v);
    if (s === undefined) this.wrong(at + '/' + pointerToken(key), 'a string or null', v);
    return s ?? null;
  }

  num(o: JsonObject, key: string, at: string, need: Need & { integer?: boolean } = {}): number | undefined {
    const v = this.get(o, key, at, need);
    if (v === undefined) return undefined;
    const n = need.integer === true ? int(v) : num(v);
    if (n !== undefined) return n;
    if (v === null && need.required !== true) return undefined;
    this.wrong(at + '/' + pointerToken(key), need.integer === true ? 'an integer' : 'a number', v);
    return undefined;
  }

  int(o: JsonObject, key: string, at: string, need: Need = {}): number | undefined {
    return this.num(o, key, at, { ...need, integer: true });
  }

  nullableNum(o: JsonObject, key: string, at: string, integer = false): number | null {
    return this.num(o, key, at, { integer }) ?? null;
  }

  bool(o: JsonObject, key: string, at: string, need: Need = {}): boolean | undefined {
    const v = this.get(o, key, at, need);
    if (v === undefined) return undefined;
    const b = bool(v);
    if (b === undefined && v !== null) this.wrong(at + '/' + pointerToken(key), 'a boolean', v);
    return b;
  }

  /** A list whose items `item` reads; wrong items are reported and skipped. Absent means empty. */
  list<T>(o: JsonObject, key: string, at: string, item: (v: JsonValue, at: string) => T | undefined, need: Need = {}): T[] {
    return this.items(this.get(o, key, at, need), at + '/' + pointerToken(key), item);
  }

  /** `list` over a value already in hand (a decoded column, a top-level document). */
  items<T>(v: JsonValue | undefined, at: string, item: (v: JsonValue, at: string) => T | undefined): T[] {
    if (v === undefined || v === null) return [];
    const values = list(v) as readonly JsonValue[] | undefined;
    if (values === undefined) {
      this.wrong(at, 'a list', v);
      return [];
    }
    const out: T[] = [];
    values.forEach((x, i) => {
      const r = item(x, `${at}/${i}`);
      if (r !== undefined) out.push(r);
    });
    return out;
  }

  strItems(v: JsonValue, at: string): string[] | undefined {
    if (list(v) !== undefined) return this.items(v, at, (x, p) => this.asStr(x, p));
    this.wrong(at, 'a list of strings', v);
    return undefined;
  }

  strList(o: JsonObject, key: string, at: string, need: Need = {}): string[] {
    const v = this.get(o, key, at, need);
    // Lists of strings are read by the hundred thousand (a large run's lineage rows): build an item's
    // pointer only for an item that is not a string.
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return [...(v as string[])];
    return this.items(v, at + '/' + pointerToken(key), (x, p) => this.asStr(x, p));
  }

  intList(o: JsonObject, key: string, at: string, need: Need = {}): number[] {
    return this.list(o, key, at, (v, p) => this.asInt(v, p), need);
  }

  asStr(v: JsonValue, at: string): string | undefined {
    return this.checked(str(v), v, at, 'a string');
  }

  asInt(v: JsonValue, at: string): number | undefined {
    return this.checked(int(v), v, at, 'an integer');
  }

  asNum(v: JsonValue, at: string): number | undefined {
    return this.checked(num(v), v, at, 'a number');
  }

  /** `read` (a typed read of `v`), with an issue when it failed. */
  private checked<T>(read: T | undefined, v: JsonValue, at: string, expected: string): T | undefined {
    if (read === undefined) this.wrong(at, expected, v);
    return read;
  }

  /** A string-keyed map whose values `value` reads; `null` when absent or recorded as null. */
  map<T>(o: JsonObject, key: string, at: string, value: (v: JsonValue, at: string) => T | undefined, need: Need = {}): Dict<T> | null {
    return this.entries(this.get(o, key, at, need), at + '/' + pointerToken(key), value);
  }

  /** `map` over a value already in hand. */
  entries<T>(v: JsonValue | undefined, p: string, value: (v: JsonValue, at: string) => T | undefined): Dict<T> | null {
    if (v === undefined || v === null) return null;
    if (!isJsonObject(v)) {
      this.wrong(p, 'an object', v);
      return null;
    }
    const out = dict<T>();
    for (const k of Object.keys(v)) {
      const r = value(v[k], p + '/' + pointerToken(k));
      if (r !== undefined) out[k] = r;
    }
    return out;
  }

  numMap(o: JsonObject, key: string, at: string): Dict<number> | null {
    return this.map(o, key, at, (v, p) => this.asNum(v, p));
  }

  strMap(o: JsonObject, key: string, at: string): Dict<string> | null {
    const v = this.get(o, key, at, {});
    // As strList: the common all-string map is copied without a pointer per entry.
    if (isJsonObject(v) && Object.values(v).every((x) => typeof x === 'string')) return dict(Object.entries(v as Record<string, string>));
    return this.entries(v, at + '/' + pointerToken(key), (x, p) => this.asStr(x, p));
  }
}

export function describe(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `the ${typeof v} ${String(v)}`;
}

/** The keys of `o` not in `known`, kept verbatim (later pipeline variants add fields). */
export function extraFields(o: JsonObject, known: readonly string[]): Dict<JsonValue> | undefined {
  const rest = Object.keys(o).filter((k) => !known.includes(k));
  return rest.length === 0 ? undefined : dict(rest.map((k) => [k, o[k]] as const));
}
