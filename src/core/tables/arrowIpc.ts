/**
 * Arrow IPC files and streams through apache-arrow. Cost: linear in the bytes. apache-arrow decodes
 * lazily and throws on malformed input (the fuzzer-found streams of the corpus), at read time or when a
 * value is touched, so both the read and the row extraction run under one guard and every throw becomes
 * an `arrow-invalid` issue.
 */

import { tableFromIPC, type Table } from 'apache-arrow';
import { issue, type PlanIssue } from '../issues';
import type { JsonValue } from '../json/parseJson';
import { toJsonSafe } from '../columnar/jsonSafe';

export interface ArrowRows {
  readonly columns: readonly string[];
  readonly rows: readonly { [column: string]: JsonValue }[];
  readonly totalRows: number;
  /** The decoded table, for callers that pass Arrow on as it is (e.g. to a webview). */
  readonly table?: Table;
  readonly issues: PlanIssue[];
}

const FILE_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

export function hasArrowFileMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && FILE_MAGIC.every((b, i) => bytes[i] === b);
}

/** A stream opens with a message: the 0xFFFFFFFF continuation marker. */
export function looksLikeArrowStream(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff;
}

/** Column values of one row by position: Arrow allows duplicate field names, which row objects would merge. */
export function arrowRowsByPosition(table: Table, limit: number): JsonValue[][] {
  const n = Math.min(limit, table.numRows);
  const columns = table.schema.fields.map((_, i) => table.getChildAt(i));
  const out: JsonValue[][] = [];
  for (let r = 0; r < n; r++) out.push(columns.map((c) => (c === null ? null : toJsonSafe(c.get(r)))));
  return out;
}

export function readArrowIpc(bytes: Uint8Array, file: string, limit = Number.POSITIVE_INFINITY): ArrowRows {
  try {
    const table = tableFromIPC(bytes);
    const columns = table.schema.fields.map((f) => f.name);
    const rows = arrowRowsByPosition(table, limit).map((values) => {
      const row: { [column: string]: JsonValue } = {};
      values.forEach((v, i) => {
        row[columns[i]] = v;
      });
      return row;
    });
    return { columns, rows, totalRows: table.numRows, table, issues: [] };
  } catch (e) {
    return { columns: [], rows: [], totalRows: 0, issues: [issue('error', 'arrow-invalid', `unreadable Arrow IPC data: ${e instanceof Error ? e.message : String(e)}`, { file })] };
  }
}
