/**
 * Arrow IPC files and streams of the corpus (Arrow's integration "gold" files) against their `.json.gz`
 * descriptions: same fields, same row count per batch and null count per column read straight from the
 * JSON, and the same values as apache-arrow's own JSON-format reader produces (a separate code path).
 */

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { RecordBatchReader, Table, type RecordBatch } from 'apache-arrow';
import { arrowRowsByPosition, readArrowIpc } from '../../../src/core/tables/arrowIpc';
import { needCorpus } from '../../support/corpus';

interface JsonColumn {
  name: string;
  count: number;
  VALIDITY?: number[];
}
interface IntegrationJson {
  schema: { fields: { name: string; type: { name: string } }[] };
  batches: { count: number; columns: JsonColumn[] }[];
}

function decimalWords(words: Uint32Array): bigint {
  let x = 0n;
  for (let k = words.length - 1; k >= 0; k--) x = (x << 32n) | BigInt(words[k]);
  const bits = BigInt(words.length * 32);
  return x >= 1n << (bits - 1n) ? x - (1n << bits) : x;
}

suite('arrow ipc corpus', () => {
  test('each file and stream decodes to the contents of its .json.gz', function () {
    const dir = needCorpus(this, path.join('arrow', 'ipc'));
    const names = readdirSync(dir).filter((n) => n.endsWith('.json.gz')).sort();
    assert.ok(names.length >= 20);
    let checked = 0;
    const mismatched: string[] = [];
    for (const name of names) {
      const base = name.slice(0, -'.json.gz'.length);
      const json = JSON.parse(gunzipSync(readFileSync(path.join(dir, name))).toString('utf8')) as IntegrationJson;
      const expectedRows = json.batches.reduce((n, b) => n + b.count, 0);
      const reader = RecordBatchReader.from(json as never) as RecordBatchReader;
      const reference = new Table(Array.from(reader as Iterable<RecordBatch>));
      for (const ext of ['.arrow_file', '.stream']) {
        const file = path.join(dir, base + ext);
        const r = readArrowIpc(readFileSync(file), file);
        assert.deepEqual(r.issues, [], file);
        assert.equal(r.totalRows, expectedRows, `${file}: rows`);
        assert.deepEqual(r.columns, json.schema.fields.map((f) => f.name), `${file}: fields`);
        const table = r.table as Table;
        // apache-arrow gives a batch-less table one empty batch.
        const batches = json.batches.length === 0 ? table.batches.filter((b) => b.numRows > 0) : table.batches;
        assert.deepEqual(batches.map((b) => b.numRows), json.batches.map((b) => b.count), `${file}: batch sizes`);
        json.batches.forEach((b, bi) => {
          b.columns.forEach((c, ci) => {
            // The null type has no validity buffer: every slot is null.
            const nulls = json.schema.fields[ci].type.name === 'null' ? c.count : c.VALIDITY === undefined ? 0 : c.VALIDITY.filter((v) => v === 0).length;
            // Unions have no validity bitmap of their own (their nulls live in the children).
            if (json.schema.fields[ci].type.name === 'union') return;
            const col = table.batches[bi].getChildAt(ci);
            assert.equal(col?.nullCount, nulls, `${file}: batch ${bi} column ${c.name} nulls`);
          });
        });
        // apache-arrow's JSON reader mis-decodes 256-bit decimals, so decimals are checked against the JSON
        // text itself (two's-complement words → integer) and left out of the reference comparison.
        const decimals = new Set(json.schema.fields.flatMap((f, i) => (f.type.name === 'decimal' ? [i] : [])));
        json.batches.forEach((b, bi) => {
          for (const ci of decimals) {
            const c = b.columns[ci] as JsonColumn & { DATA: string[] };
            const vec = table.batches[bi].getChildAt(ci);
            c.DATA.forEach((want, row) => {
              if (c.VALIDITY?.[row] === 0) return;
              assert.equal(decimalWords(vec?.get(row) as Uint32Array), BigInt(want), `${file}: decimal ${c.name}[${row}]`);
            });
          }
        });
        const strip = (rows: unknown[][]): unknown[][] => rows.map((r) => r.filter((_, i) => !decimals.has(i)));
        try {
          assert.deepEqual(strip(arrowRowsByPosition(table, Number.POSITIVE_INFINITY)), strip(arrowRowsByPosition(reference, Number.POSITIVE_INFINITY)));
        } catch {
          mismatched.push(path.basename(file));
        }
        checked++;
      }
    }
    assert.deepEqual(mismatched, []);
    assert.ok(checked >= 40);
  });
});
