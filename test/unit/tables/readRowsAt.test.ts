/**
 * A row read again alone, at the place a read of a few columns gave it, is the row a whole read gives:
 * over the real Delta tables of the corpus (several files, partitions, row groups) and the sample's
 * plan-artifact table, for any subset of places in any order.
 */

import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { readRowsAt, readTableRows } from '../../../src/core/tables/readTableRows';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';
import { needCorpus, repoRoot } from '../../support/corpus';

async function checkTable(table: string): Promise<number> {
  const whole = await readTableRows(nodeFileSystem, table);
  const someColumns = await readTableRows(nodeFileSystem, table, { columns: whole.columns.slice(0, 1) });
  assert.equal(someColumns.rows.length, whole.rows.length, `${table}: a read of one column has as many rows`);
  assert.deepEqual(someColumns.places, whole.places, `${table}: the same places`);
  someColumns.rows.forEach((row, i) => {
    for (const [column, value] of Object.entries(row)) assert.deepEqual(value, whole.rows[i][column], `${table} row ${i} column ${column}`);
  });
  const places = whole.places ?? [];
  assert.equal(places.length, whole.rows.length);
  if (places.length === 0) return 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.nat(places.length - 1), { minLength: 1, maxLength: 6 }), async (picks) => {
      const again = await readRowsAt(nodeFileSystem, picks.map((i) => places[i]));
      assert.deepEqual(again.issues, []);
      assert.deepEqual(again.rows, picks.map((i) => whole.rows[i]));
    }),
    { numRuns: 15 },
  );
  return places.length;
}

suite('tables: rows read again at their places', () => {
  test('every Delta table of the corpus: a row read alone equals the whole read', async function () {
    const corpus = needCorpus(this, 'delta');
    let rows = 0;
    for (const name of readdirSync(corpus).sort()) {
      const table = path.join(corpus, name);
      if (existsSync(path.join(table, '_delta_log'))) rows += await checkTable(table);
    }
    assert.ok(rows > 100, `the corpus tables hold rows (${rows})`);
  });

  test("the sample's plan-artifact table, and a row whose file is gone says so", async () => {
    const table = path.join(repoRoot, 'examples', 'workspace', '.artifacts', 'datafusion_plan_artifacts_v1');
    assert.ok((await checkTable(table)) > 0);
    const pinColumns = await readTableRows(nodeFileSystem, table, { columns: ['view_name', 'scan_units_json'] });
    assert.deepEqual(Object.keys(pinColumns.rows[0]).sort(), ['scan_units_json', 'view_name']);
    const gone = await readRowsAt(nodeFileSystem, [{ file: path.join(table, 'part-gone.parquet'), row: 0 }]);
    assert.deepEqual(gone.rows, []);
    assert.equal(gone.issues[0]?.code, 'file-missing');
  });
});
