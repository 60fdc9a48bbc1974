/**
 * Every Delta table of the corpus (Spark and delta-rs): at every version the reader's active files agree
 * with an independent replay of the JSON commits written here; the checkpoint path agrees with the
 * JSON-only path; time travel by version and by timestamp lands where the commits say.
 */

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { readDeltaTable } from '../../../src/core/delta/deltaTable';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';
import { needCorpus } from '../../support/corpus';

interface Replayed {
  files: Map<string, { size: number; partitionValues: Record<string, string | null> }>;
  timestamp?: number;
}

/** Deliberately simple: every JSON commit from 0, key = decoded path + deletion vector identity. */
function independentReplay(table: string): Replayed[] {
  const log = path.join(table, '_delta_log');
  const versions = readdirSync(log)
    .filter((n) => /^\d{20}\.json$/.test(n))
    .map((n) => Number(n.slice(0, 20)))
    .sort((a, b) => a - b);
  const out: Replayed[] = [];
  const files = new Map<string, { size: number; partitionValues: Record<string, string | null> }>();
  const key = (a: { path: string; deletionVector?: { storageType: string; pathOrInlineDv: string; offset?: number } }): string =>
    decodeURIComponent(a.path) + '|' + (a.deletionVector ? `${a.deletionVector.storageType}${a.deletionVector.pathOrInlineDv}${a.deletionVector.offset === undefined ? '' : '@' + a.deletionVector.offset}` : '');
  for (const v of versions) {
    assert.equal(v, out.length, `${table}: JSON commits are contiguous from 0`);
    let timestamp: number | undefined;
    for (const line of readFileSync(path.join(log, `${String(v).padStart(20, '0')}.json`), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const a = JSON.parse(line);
      if (a.add) files.set(key(a.add), { size: a.add.size, partitionValues: a.add.partitionValues ?? {} });
      if (a.remove) files.delete(key(a.remove));
      if (a.commitInfo) timestamp = a.commitInfo.inCommitTimestamp ?? a.commitInfo.timestamp;
    }
    out.push({ files: new Map(files), timestamp });
  }
  return out;
}

function tables(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, '_delta_log')))
    .map((e) => e.name)
    .sort();
}

function summary(files: readonly { path: string; size: number; partitionValues: Readonly<Record<string, string | null>> }[]): string[] {
  return files.map((f) => `${decodeURIComponent(f.path)} ${f.size} ${JSON.stringify(Object.entries(f.partitionValues).sort())}`).sort();
}

suite('delta corpus', () => {
  test('finds the corpus tables', function () {
    const dir = needCorpus(this, 'delta');
    assert.ok(tables(dir).length >= 13, `tables: ${tables(dir).join(', ')}`);
  });

  test('every version of every table agrees with an independent JSON replay, with and without checkpoints', async function () {
    const dir = needCorpus(this, 'delta');
    let compared = 0;
    let viaCheckpoint = 0;
    for (const name of tables(dir)) {
      const table = path.join(dir, name);
      const expected = independentReplay(table);
      for (let v = 0; v < expected.length; v++) {
        const want = summary([...expected[v].files.entries()].map(([k, f]) => ({ path: k.split('|')[0], ...f })));
        const json = await readDeltaTable(nodeFileSystem, table, { version: v, useCheckpoint: false });
        assert.deepEqual(json.issues.filter((i) => i.severity === 'error'), [], `${name}@${v}`);
        assert.equal(json.snapshot?.version, v);
        assert.equal(json.snapshot?.checkpointVersion, undefined);
        assert.deepEqual(summary(json.snapshot?.files ?? []), want, `${name}@${v} JSON replay`);
        const cp = await readDeltaTable(nodeFileSystem, table, { version: v });
        assert.deepEqual(cp.issues.filter((i) => i.severity !== 'info'), [], `${name}@${v} with checkpoint`);
        assert.deepEqual(summary(cp.snapshot?.files ?? []), want, `${name}@${v} checkpoint path`);
        assert.deepEqual(cp.snapshot?.metadata, json.snapshot?.metadata, `${name}@${v} metadata`);
        assert.deepEqual(cp.snapshot?.protocol, json.snapshot?.protocol, `${name}@${v} protocol`);
        if (cp.snapshot?.checkpointVersion !== undefined) viaCheckpoint++;
        compared++;
      }
    }
    assert.ok(compared >= 75, `compared ${compared} versions`);
    // simple_table_with_checkpoint, table_with_deletion_logs (classic) and checkpoint-v2-table (v2 + sidecars).
    assert.ok(viaCheckpoint >= 14, `${viaCheckpoint} versions started from a checkpoint`);
  });

  test('time travel by timestamp lands on the newest commit at or before it', async function () {
    const dir = needCorpus(this, 'delta');
    for (const name of tables(dir)) {
      const table = path.join(dir, name);
      const expected = independentReplay(table);
      for (let v = 0; v < expected.length; v++) {
        const ts = expected[v].timestamp;
        if (ts === undefined) continue;
        let want = -1;
        expected.forEach((e, i) => {
          if (e.timestamp !== undefined && e.timestamp <= ts) want = i;
        });
        const r = await readDeltaTable(nodeFileSystem, table, { timestamp: new Date(ts).toISOString() });
        assert.equal(r.snapshot?.version, want, `${name} at ${ts}`);
        assert.equal(r.history?.length, expected.length);
      }
      const first = expected[0].timestamp;
      if (first !== undefined) {
        const before = await readDeltaTable(nodeFileSystem, table, { timestamp: first - 1 });
        assert.equal(before.snapshot, undefined);
        assert.ok(before.issues.some((i) => i.code === 'delta-timestamp-not-found'));
      }
    }
  });

  test('a version past the latest is an issue, not a throw', async function () {
    const dir = needCorpus(this, 'delta');
    const r = await readDeltaTable(nodeFileSystem, path.join(dir, 'simple_table'), { version: 99 });
    assert.equal(r.snapshot, undefined);
    assert.equal(r.latestVersion, 4);
    assert.ok(r.issues.some((i) => i.code === 'delta-version-not-found'));
  });

  test('a directory without _delta_log is reported, not thrown', async function () {
    const dir = needCorpus(this, 'delta');
    const r = await readDeltaTable(nodeFileSystem, path.join(dir, 'checkpoints_tombstones'));
    assert.deepEqual(r.issues.map((i) => i.code), ['delta-no-log']);
  });

  test('v2 checkpoint with sidecars, deletion vectors, partitions and schema are read', async function () {
    const dir = needCorpus(this, 'delta');
    const v2 = await readDeltaTable(nodeFileSystem, path.join(dir, 'checkpoint-v2-table'));
    assert.equal(v2.snapshot?.checkpointVersion, 8);
    assert.deepEqual(v2.snapshot?.protocol?.readerFeatures, ['v2Checkpoint']);
    assert.deepEqual(v2.snapshot?.schema.map((f) => f.name), ['id', 'name', 'created_at']);
    const dv = await readDeltaTable(nodeFileSystem, path.join(dir, 'table-with-dv-small'));
    assert.equal(dv.snapshot?.files.length, 1);
    assert.equal(dv.snapshot?.files[0].deletionVector?.cardinality, 2);
    const part = await readDeltaTable(nodeFileSystem, path.join(dir, 'delta-0.8.0-partitioned'));
    assert.deepEqual(part.snapshot?.metadata?.partitionColumns, ['year', 'month', 'day']);
    assert.ok(part.snapshot?.files.every((f) => f.partitionValues.year !== undefined));
  });
});
