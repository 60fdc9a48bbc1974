import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { ExitCode } from '../../../src/cli/cliCommand';
import { runCli } from '../../../src/cli/main';
import { readCacheLog } from '../../../src/core/hamiltonCache/cacheLog';
import { readMetadataStore } from '../../../src/core/hamiltonCache/metadataStore';
import { readHamiltonCache } from '../../../src/core/hamiltonCache/readHamiltonCache';
import { loadSqlWasm } from '../../../src/node/sqlWasm';
import { needCorpus } from '../../support/corpus';
import { memoryFs } from '../../support/memoryFileSystem';

const EVENT = (over: Record<string, unknown>): string =>
  JSON.stringify({ run_id: 'r1', timestamp: 1.5, node_name: 'a', task_id: null, actor: 'adapter', event_type: 'execute_node', msg: null, value: null, ...over });

function corpusStore(ctx: Mocha.Context): { db: Uint8Array; log: Uint8Array } {
  const dir = path.join(needCorpus(ctx, 'hamilton-cache/two-runs-data-change'), 'hamilton_cache');
  return { db: readFileSync(path.join(dir, 'metadata_store.db')), log: readFileSync(path.join(dir, 'cache_logs.jsonl')) };
}

suite('Hamilton cache hostile input', () => {
  test('garbage log lines become issues with their line, and reading goes on', () => {
    const text = [
      EVENT({ event_type: 'resolve_behavior', value: 'CachingBehavior.DEFAULT' }),
      'this is not json',
      '{"run_id": 1}',
      '[1, 2, 3]',
      '',
      EVENT({}),
      EVENT({ timestamp: 'yesterday' }),
      '{"run_id": "r1", "timestamp": 2, "node_name": "a", "actor": "adapter", "event_type": "set_data_version", "msg": null, "value": "dv", "task',
    ].join('\n');
    const r = readCacheLog(new TextEncoder().encode(text), 'cache_logs.jsonl');
    assert.equal(r.events.length, 2);
    assert.deepEqual(r.events.map((e) => e.line), [1, 6]);
    assert.deepEqual(
      r.issues.map((i) => [i.code, i.location.line]),
      [
        ['cache-log-syntax', 2],
        ['cache-log-event', 3],
        ['cache-log-event', 4],
        ['cache-log-event', 7],
        ['cache-log-syntax', 8],
      ],
    );
    assert.match(r.issues[4].message, /last line is incomplete/);
    assert.ok(r.issues.every((i) => i.location.file === 'cache_logs.jsonl' && i.severity === 'error'));
    assert.match(r.issues[1].message, /"node_name" must be a string|"run_id" must be a string/);
  });

  test('a line that is not UTF-8 costs that line only', () => {
    const good = new TextEncoder().encode(`${EVENT({})}\n`);
    const bytes = new Uint8Array([...good, 0xff, 0xfe, 0x0a, ...good]);
    const r = readCacheLog(bytes, 'log');
    assert.equal(r.events.length, 2);
    assert.deepEqual(r.issues.map((i) => [i.code, i.location.line]), [['cache-log-encoding', 2]]);
  });

  test('any bytes as a log never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        readCacheLog(bytes, 'log');
      }),
      { numRuns: 300 },
    );
  });

  test('a non-SQLite file, an empty file and a valid non-Hamilton database give clear issues', async () => {
    const wasm = loadSqlWasm();
    const text = await readMetadataStore(new TextEncoder().encode('{"hello": "world"}'.repeat(20)), 'metadata_store.db', wasm);
    assert.equal(text.store, undefined);
    assert.deepEqual(text.issues.map((i) => i.code), ['sqlite-not-a-database']);
    const empty = await readMetadataStore(new Uint8Array(0), 'metadata_store.db', wasm);
    assert.deepEqual(empty.issues.map((i) => i.code), ['sqlite-empty']);
    const SQL = await initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
    const other = new SQL.Database();
    other.run('CREATE TABLE things (a TEXT); INSERT INTO things VALUES (1);');
    const foreign = await readMetadataStore(other.export(), 'metadata_store.db', wasm);
    other.close();
    assert.deepEqual(foreign.issues.map((i) => i.code), ['sqlite-missing-table', 'sqlite-missing-table', 'sqlite-missing-table']);
    assert.deepEqual(foreign.store, { runIds: [], history: [], metadata: [] });
  });

  test('a truncated database is reported as truncated, and the log still gives the runs', async function () {
    const { db, log } = corpusStore(this);
    const cache = await readHamiltonCache(memoryFs({ '/c/metadata_store.db': db.subarray(0, 9000), '/c/cache_logs.jsonl': log }), '/c', loadSqlWasm());
    assert.ok(cache.issues.some((i) => i.code === 'sqlite-truncated' && /truncated/.test(i.message)), JSON.stringify(cache.issues));
    assert.equal(cache.runs.length, 2);
    assert.equal(cache.runs[1].nodes.find((n) => n.nodeName === 'customers')?.status, 'hit');
  });

  test('a database with the body overwritten gives issues, never a crash', async function () {
    const { db, log } = corpusStore(this);
    const wasm = loadSqlWasm();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 100, max: db.length - 1 }), fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 0, max: 255 }), async (at, len, fill) => {
        const bytes = new Uint8Array(db);
        bytes.fill(fill, at, Math.min(db.length, at + len));
        const cache = await readHamiltonCache(memoryFs({ '/c/metadata_store.db': bytes, '/c/cache_logs.jsonl': log }), '/c', wasm);
        assert.equal(cache.runs.length >= 2, true, 'the log still names both runs');
      }),
      { numRuns: 40 },
    );
    const garbage = new Uint8Array(db);
    for (let i = 1024; i < garbage.length; i++) garbage[i] = (i * 7919) & 0xff;
    const cache = await readHamiltonCache(memoryFs({ '/c/metadata_store.db': garbage }), '/c', wasm);
    assert.ok(cache.issues.some((i) => i.severity === 'error' && i.code.startsWith('sqlite-')), JSON.stringify(cache.issues));
  });

  test('a log with lines dropped, duplicated, reordered or cut never throws and keeps every run', async function () {
    const { db, log } = corpusStore(this);
    const lines = new TextDecoder().decode(log).split('\n').filter((l) => l !== '');
    const wasm = loadSqlWasm();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(lines.length - 1), fc.integer({ min: 0, max: 400 })), { minLength: 1, maxLength: 600 }), async (picks) => {
        const mutated = picks.map(([i, cut]) => (cut < 300 ? lines[i] : lines[i].slice(0, cut - 300))).join('\n');
        const cache = await readHamiltonCache(memoryFs({ '/c/metadata_store.db': db, '/c/cache_logs.jsonl': mutated }), '/c', wasm);
        assert.deepEqual(cache.runs.slice(0, 2).map((r) => r.runId), ['7a1aa33a-6804-4d7f-a8f3-79123a95f174', '9d894527-54cb-43d5-a6c5-6b7a7f77fdf5']);
        for (const run of cache.runs) for (const n of run.nodes) assert.equal(typeof n.reasonText, 'string');
      }),
      { numRuns: 60 },
    );
  });

  test('without the log, runs come from the store and say so', async function () {
    const { db } = corpusStore(this);
    const cache = await readHamiltonCache(memoryFs({ '/c/metadata_store.db': db }), '/c', loadSqlWasm());
    assert.deepEqual(cache.issues.map((i) => i.code), ['hamilton-cache-no-log']);
    assert.equal(cache.runs.length, 2);
    const run2 = cache.runs[1];
    assert.ok(run2.nodes.every((n) => n.status === 'executed' && n.reason.kind === 'store-only'));
    const clean = run2.nodes.find((n) => n.nodeName === 'orders_clean');
    assert.deepEqual(clean?.reason, { kind: 'store-only', previous: 'dependency-changed' });
    assert.deepEqual(run2.nodes.find((n) => n.nodeName === 'raw_orders.loader')?.reason, { kind: 'store-only', previous: 'same-key' });
  });

  test('data versions are never used as paths', async () => {
    const log = [EVENT({ event_type: 'resolve_behavior', value: 'CachingBehavior.DEFAULT' }), EVENT({}), EVENT({ event_type: 'set_data_version', value: '../secret' })].join('\n');
    const cache = await readHamiltonCache(memoryFs({ '/c/cache_logs.jsonl': log, '/c/results/x': 'x', '/secret': 'top' }), '/c', loadSqlWasm());
    const a = cache.runs[0].nodes[0];
    assert.equal(a.dataVersion, '../secret');
    assert.deepEqual(a.result, { name: '../secret', exists: false, sidecars: [] });
  });

  test('a folder without a store is one clear issue', async () => {
    const cache = await readHamiltonCache(memoryFs({ '/c/other.txt': 'x' }), '/c', loadSqlWasm());
    assert.deepEqual(cache.issues.map((i) => i.code), ['hamilton-cache-not-found']);
    assert.deepEqual(cache.runs, []);
  });

  test('CLI exit codes: 1 for a broken store, 2 for bad usage, 0 for a clean one', async function () {
    const tmp = mkdtempSync(path.join(tmpdir(), 'plan-lens-cache-'));
    try {
      writeFileSync(path.join(tmp, 'metadata_store.db'), 'not a database at all, just text');
      writeFileSync(path.join(tmp, 'cache_logs.jsonl'), `${EVENT({})}\ngarbage\n`);
      const err: string[] = [];
      const io = { out: () => undefined, err: (t: string) => err.push(t), cwd: tmp };
      assert.equal(await runCli(['cache', '.'], io), ExitCode.InputErrors);
      assert.ok(err.some((e) => /sqlite-not-a-database/.test(e)));
      assert.ok(err.some((e) => /cache_logs\.jsonl:2:1: error \[cache-log-syntax\]/.test(e)), err.join('\n'));
      assert.equal(await runCli(['cache'], io), ExitCode.Usage);
      assert.equal(await runCli(['cache', '.', '--run', '99'], io), ExitCode.Usage);
      assert.equal(await runCli(['cache', '.', '--bogus'], io), ExitCode.Usage);
      const corpus = needCorpus(this, 'hamilton-cache/strict-causal');
      let out = '';
      assert.equal(await runCli(['cache', corpus, '--run', '2'], { ...io, out: (t) => (out += t) }), ExitCode.Ok);
      assert.match(out, /Run 2 {2}a945e1a2/);
      assert.match(out, /hit +orders_enriched/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
