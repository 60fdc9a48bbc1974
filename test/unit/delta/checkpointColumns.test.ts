/**
 * The column-wise checkpoint reader against the row reader (hyparquet's row assembly and `toAction`): on
 * every checkpoint of the corpus and on synthetic ones with partitions, tags, deletion vectors, nulls,
 * tombstones and several row groups, the add and remove actions are the same, row for row.
 */

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import { toAction, type DeltaAction } from '../../../src/core/delta/actions';
import { readAddRemoveColumns } from '../../../src/core/delta/checkpointColumns';
import { openParquet, readParquetObjects } from '../../../src/core/columnar/parquet';
import { needCorpus } from '../../support/corpus';
import { bool, deletionVector, int64, root, stringMap, struct, utf8 } from '../../support/parquetSchema';

/** What the row reader makes of each row's add or remove (undefined for other rows). */
async function byRow(bytes: Uint8Array): Promise<Array<DeltaAction | undefined>> {
  const read = await readParquetObjects(bytes, 'checkpoint.parquet', { columns: ['add', 'remove'] });
  assert.deepEqual(read.issues, []);
  return read.rows.map((row) => {
    const r = toAction(row);
    return 'action' in r ? r.action : undefined;
  });
}

function byColumn(bytes: Uint8Array): Array<DeltaAction | undefined> | undefined {
  const opened = openParquet(bytes, 'checkpoint.parquet');
  assert.ok(!('issues' in opened));
  return readAddRemoveColumns(opened.buffer, opened.metadata);
}

function checkpoints(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /_delta_log\/(_sidecars\/)?[^/]*checkpoint[^/]*\.parquet$/.test(f))
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** A checkpoint schema as Spark writes it, with the fields the table state reads and one it does not. */
const SCHEMA = root(
  struct('txn', utf8('appId'), int64('version')),
  struct('add', utf8('path'), stringMap('partitionValues'), int64('size'), int64('modificationTime'), bool('dataChange'), utf8('stats'), stringMap('tags'), deletionVector(), int64('baseRowId'), int64('defaultRowCommitVersion'), utf8('clusteringProvider')),
  struct('remove', utf8('path'), int64('deletionTimestamp'), bool('dataChange'), int64('size'), deletionVector()),
);

type Row = { txn?: Record<string, unknown>; add?: Record<string, unknown>; remove?: Record<string, unknown> };

function write(rows: readonly Row[], rowGroupSize?: number): Uint8Array {
  const writer = new ByteWriter();
  const column = (k: keyof Row): Array<Record<string, unknown> | null> => rows.map((r) => r[k] ?? null);
  parquetWrite({ writer, schema: SCHEMA, rowGroupSize, columnData: [{ name: 'txn', data: column('txn') }, { name: 'add', data: column('add') }, { name: 'remove', data: column('remove') }] });
  return new Uint8Array(writer.getBuffer());
}

const text = fc.string({ maxLength: 12 });
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { nil: null });
const map = maybe(fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 6 }), value: maybe(text) }), { selector: (e) => e.key, maxLength: 3 }));
const dv = maybe(fc.record({ storageType: maybe(fc.constantFrom('u', 'i', 'p')), pathOrInlineDv: maybe(text), offset: maybe(fc.nat(1000)), sizeInBytes: maybe(fc.nat(1000)), cardinality: maybe(fc.bigInt({ min: 0n, max: 1000n })) }));
const bigint = maybe(fc.bigInt({ min: 0n, max: 1n << 40n }));
const addArb = fc.record({
  path: fc.string({ minLength: 1, maxLength: 20 }),
  partitionValues: map,
  size: fc.bigInt({ min: 0n, max: 1n << 40n }),
  modificationTime: bigint,
  dataChange: maybe(fc.boolean()),
  stats: maybe(text),
  tags: map,
  deletionVector: dv,
  baseRowId: bigint,
  defaultRowCommitVersion: bigint,
  clusteringProvider: maybe(text),
});
const removeArb = fc.record({ path: fc.string({ minLength: 1, maxLength: 20 }), deletionTimestamp: bigint, dataChange: maybe(fc.boolean()), size: bigint, deletionVector: dv });
const rowArb: fc.Arbitrary<Row> = fc.oneof(
  addArb.map((add) => ({ add })),
  removeArb.map((remove) => ({ remove })),
  fc.record({ appId: text, version: fc.bigInt({ min: 0n, max: 99n }) }).map((txn) => ({ txn })),
  fc.constant({}),
);

suite('Delta checkpoint read by column', () => {
  test('every corpus checkpoint: the same add and remove actions as the row reader', async function () {
    const dir = needCorpus(this, 'delta');
    const files = checkpoints(dir);
    assert.ok(files.length >= 3, `checkpoints found: ${files.join(', ')}`);
    for (const file of files) {
      const bytes = readFileSync(file);
      const columns = byColumn(bytes);
      assert.ok(columns !== undefined, `${file}: the column reader gave up`);
      assert.deepStrictEqual(columns, await byRow(bytes), file);
    }
  });

  test('synthetic checkpoints: partitions, tags, deletion vectors, nulls, tombstones, row groups', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 40 }), fc.constantFrom(undefined, 3, 7), async (rows, rowGroupSize) => {
        const bytes = write(rows, rowGroupSize);
        const columns = byColumn(bytes);
        assert.ok(columns !== undefined, 'the column reader gave up on a well-formed checkpoint');
        assert.deepStrictEqual(columns, await byRow(bytes));
      }),
      { numRuns: 150 },
    );
  });

  test('gives the file to the row reader when a row is not plainly one add or remove', () => {
    const add = { path: 'a', size: 1n };
    assert.equal(byColumn(write([{ add, remove: { path: 'a' } }])), undefined, 'two actions in one row');
    assert.equal(byColumn(write([{ add: { path: 'a', size: null } }])), undefined, 'an add without a size');
    assert.equal(byColumn(write([{ add: { path: '', size: 1n } }])), undefined, 'an add without a path');
    assert.notEqual(byColumn(write([{ add }])), undefined);
  });
});
