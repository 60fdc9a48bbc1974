/** `plan-lens delta` and `plan-lens table` on the corpus: JSON output, exit codes, usage errors. */

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { needCorpus } from '../../support/corpus';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), cwd: process.cwd() });
  return { code, out, err };
}

suite('delta cli', () => {
  test('delta --json: state, schema, files and history; --version time travel', async function () {
    const table = path.join(needCorpus(this, 'delta'), 'delta-0.8.0-partitioned');
    const r = await run(['delta', table, '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.version, 0);
    assert.deepEqual(j.metadata.partitionColumns, ['year', 'month', 'day']);
    assert.deepEqual(j.schema.map((f: { name: string }) => f.name), ['value', 'year', 'month', 'day']);
    assert.equal(j.files.length, j.fileCount);
    assert.equal(j.history.length, 1);
    const tt = JSON.parse((await run(['delta', path.join(path.dirname(table), 'simple_table'), '--version', '1', '--json'])).out);
    assert.equal(tt.version, 1);
    assert.equal(tt.latestVersion, 4);
  });

  test('table --json reads Delta rows with partition values, Parquet and Arrow files', async function () {
    const corpus = path.dirname(needCorpus(this, 'delta'));
    const delta = JSON.parse((await run(['table', path.join(corpus, 'delta', 'delta-0.8.0-partitioned'), '--limit', '2', '--json'])).out);
    assert.equal(delta.kind, 'delta');
    assert.equal(delta.rows.length, 2);
    assert.ok(delta.rows.every((row: Record<string, unknown>) => typeof row.year === 'string'));
    const pq = JSON.parse((await run(['table', path.join(corpus, 'arrow', 'parquet', 'alltypes-java.parquet'), '--json'])).out);
    assert.equal(pq.kind, 'parquet');
    assert.equal(pq.rowCount, pq.totalRows);
    const arrow = JSON.parse((await run(['table', path.join(corpus, 'arrow', 'ipc', 'generated_primitive.stream'), '--limit', '5', '--json'])).out);
    assert.equal(arrow.kind, 'arrow');
    assert.equal(arrow.rows.length, 5);
  });

  test('bad input exits 1 with issues; bad usage exits 2', async function () {
    const dir = needCorpus(this, 'delta');
    assert.equal((await run(['delta', path.join(dir, 'checkpoints_tombstones'), '--json'])).code, 1);
    assert.equal((await run(['delta', path.join(dir, 'simple_table'), '--version', '1', '--timestamp', '0'])).code, 2);
    assert.equal((await run(['table', path.join(dir, 'simple_table'), '--limit', 'x'])).code, 2);
  });
});
