/**
 * Property tests of the Delta log reader over synthetic logs: a clean log replays to the model state at
 * every version; a log with mutated commits (truncated, garbage lines, flipped bytes, missing versions)
 * never makes the reader throw, and each bad line is reported with its file and line.
 */

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readDeltaTable } from '../../../src/core/delta/deltaTable';
import { MemoryFileSystem } from './memoryFileSystem';

const TABLE = '/t';
const LOG = '/t/_delta_log';
const commitName = (v: number): string => `${LOG}/${String(v).padStart(20, '0')}.json`;

type Op = { add: number } | { remove: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(fc.record({ add: fc.integer({ min: 0, max: 20 }) }), fc.record({ remove: fc.integer({ min: 0, max: 20 }) }));
const commitsArb = fc.array(fc.array(opArb, { maxLength: 6 }), { minLength: 1, maxLength: 8 });

function writeLog(commits: Op[][]): { fs: MemoryFileSystem; model: string[][] } {
  const fs = new MemoryFileSystem();
  const live = new Set<string>();
  const model: string[][] = [];
  commits.forEach((ops, v) => {
    const lines = [JSON.stringify({ commitInfo: { timestamp: 1_000 + v, operation: 'WRITE' } })];
    if (v === 0) {
      lines.push(JSON.stringify({ protocol: { minReaderVersion: 1, minWriterVersion: 2 } }));
      lines.push(JSON.stringify({ metaData: { id: 'x', format: { provider: 'parquet', options: {} }, schemaString: '{"type":"struct","fields":[{"name":"a","type":"long","nullable":true,"metadata":{}}]}', partitionColumns: [], configuration: {} } }));
    }
    for (const op of ops) {
      if ('add' in op) {
        const path = `part-${op.add}.parquet`;
        lines.push(JSON.stringify({ add: { path, partitionValues: {}, size: op.add + 1, modificationTime: v, dataChange: true } }));
        live.add(path);
      } else {
        const path = `part-${op.remove}.parquet`;
        lines.push(JSON.stringify({ remove: { path, deletionTimestamp: v, dataChange: true } }));
        live.delete(path);
      }
    }
    fs.write(commitName(v), lines.join('\n') + '\n');
    model.push([...live].sort());
  });
  return { fs, model };
}

type Mutation =
  | { kind: 'truncate'; version: number; at: number }
  | { kind: 'garbage'; version: number; line: number; text: string }
  | { kind: 'flip'; version: number; at: number; byte: number }
  | { kind: 'drop'; version: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), version: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant('garbage' as const), version: fc.nat(), line: fc.nat(), text: fc.string({ minLength: 1, maxLength: 30 }) }),
  fc.record({ kind: fc.constant('flip' as const), version: fc.nat(), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('drop' as const), version: fc.nat() }),
);

function mutate(fs: MemoryFileSystem, versions: number, m: Mutation): void {
  const name = commitName(m.version % versions);
  const bytes = fs.files.get(name);
  if (bytes === undefined) return;
  switch (m.kind) {
    case 'truncate':
      fs.write(name, bytes.slice(0, m.at % (bytes.length + 1)));
      break;
    case 'garbage': {
      const lines = new TextDecoder().decode(bytes).split('\n');
      lines.splice(m.line % (lines.length + 1), 0, m.text.replace(/\n/g, ' '));
      fs.write(name, lines.join('\n'));
      break;
    }
    case 'flip': {
      const copy = bytes.slice();
      if (copy.length > 0) copy[m.at % copy.length] = m.byte;
      fs.write(name, copy);
      break;
    }
    case 'drop':
      fs.files.delete(name);
      break;
  }
}

suite('delta log fuzz', () => {
  test('a clean synthetic log replays to the model state at every version', async () => {
    await fc.assert(
      fc.asyncProperty(commitsArb, async (commits) => {
        const { fs, model } = writeLog(commits);
        for (let v = 0; v < commits.length; v++) {
          const r = await readDeltaTable(fs, TABLE, { version: v });
          assert.deepEqual(r.issues, []);
          assert.deepEqual(r.snapshot?.files.map((f) => f.path), model[v]);
        }
      }),
      { numRuns: 100 },
    );
  });

  test('mutated commits never throw; bad lines are issues with file and line', async () => {
    await fc.assert(
      fc.asyncProperty(commitsArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), fc.boolean(), async (commits, mutations, history) => {
        const { fs } = writeLog(commits);
        for (const m of mutations) mutate(fs, commits.length, m);
        const r = await readDeltaTable(fs, TABLE, { history });
        for (const i of r.issues) {
          assert.ok(i.location.file !== undefined && i.location.file.startsWith(TABLE), `issue without a file: ${JSON.stringify(i)}`);
          assert.ok(i.message.length > 0);
          if (i.code === 'delta-commit-json' || i.code === 'delta-action-invalid') assert.ok((i.location.line ?? 0) >= 1, 'line-level issue without a line');
        }
        if (r.snapshot !== undefined) assert.ok(r.snapshot.version <= commits.length - 1);
        // A gap below the newest surviving commit is never skipped over silently (a dropped newest commit
        // just makes the log shorter, which no reader can tell).
        const present = [...Array(commits.length).keys()].filter((v) => fs.files.has(commitName(v)));
        const newest = Math.max(-1, ...present);
        if (present.length === 0) assert.ok(r.issues.some((i) => i.code === 'delta-no-table'), 'a log with no commit left is "no such path" (the memory file system keeps no empty folders)');
        else if (present.length < newest + 1) assert.ok(r.issues.some((i) => i.code === 'delta-missing-version'), 'gap not reported');
      }),
      { numRuns: 300 },
    );
  });

  test('a truncated last line is reported with its line number', async () => {
    const { fs } = writeLog([[{ add: 1 }, { add: 2 }]]);
    const text = new TextDecoder().decode(fs.files.get(commitName(0)));
    fs.write(commitName(0), text.slice(0, text.length - 10));
    const r = await readDeltaTable(fs, TABLE);
    const bad = r.issues.find((i) => i.code === 'delta-commit-json');
    assert.equal(bad?.location.line, 5);
    assert.match(bad?.message ?? '', /truncated/);
    assert.deepEqual(r.snapshot?.files.map((f) => f.path), ['part-1.parquet']);
  });

  test('a broken checkpoint falls back to the JSON commits with a warning', async () => {
    const { fs, model } = writeLog([[{ add: 1 }], [{ add: 2 }], [{ remove: 1 }]]);
    fs.write(`${LOG}/${String(1).padStart(20, '0')}.checkpoint.parquet`, 'PAR1 not really parquet PAR1');
    const r = await readDeltaTable(fs, TABLE);
    assert.equal(r.snapshot?.checkpointVersion, undefined);
    assert.deepEqual(r.snapshot?.files.map((f) => f.path), model[2]);
    assert.ok(r.issues.some((i) => i.severity === 'warning' && i.code === 'parquet-invalid'));
  });
});
