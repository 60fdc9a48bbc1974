/**
 * Delta tables in object storage, against a real S3-compatible server (s3rver behind a counting, faulty
 * proxy, test/support/s3Server.ts) on 127.0.0.1, filled from the Delta corpus and the sample workspace's
 * tables. The expected values are the local reads of the same files (the reader is checked against an
 * independent JSON replay in deltaCorpus.test.ts); the request counts follow from the protocol: one GET of
 * `_last_checkpoint`, one start-after listing, the checkpoint, and the commits after it.
 */

import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { checkpointBytes, writeCommits } from '../../../bench/suites/delta';
import { readDeltaTable, type DeltaTableResult } from '../../../src/core/delta/deltaTable';
import { resolvePins } from '../../../src/core/delta/pins';
import { cachedStore } from '../../../src/core/objectStore/cachedStore';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';
import { S3ObjectStore } from '../../../src/node/s3ObjectStore';
import { needCorpus, repoRoot } from '../../support/corpus';
import { S3TestServer, TEST_BUCKET } from '../../support/s3Server';
import { MemoryFileSystem } from '../delta/memoryFileSystem';

const WORKSPACE_TABLES = path.join(repoRoot, 'examples', 'workspace', 'build', 'delta');
const CHAIN_ENV = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
];

function deltaTables(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, '_delta_log')))
    .map((e) => e.name)
    .sort();
}

/** What a read says about the table, without where it was read from. */
function comparable(r: DeltaTableResult): unknown {
  return {
    snapshot: r.snapshot && { ...r.snapshot, tablePath: undefined },
    latestVersion: r.latestVersion,
    // A commit without commitInfo falls back to the file's time, which the upload changes.
    history: r.history?.map((c) => ({ ...c, file: path.basename(c.file), timestamp: c.timestampSource === 'fileTime' ? undefined : c.timestamp })),
    issues: r.issues.map((i) => `${i.severity} ${i.code} ${path.basename(i.location.file ?? '')}`),
  };
}

/** Each request as `GET key`, `HEAD key` or `LIST prefix [after name]`, relative to the bucket. */
function gets(server: S3TestServer): string[] {
  return server.requests.map((r) => {
    const url = new URL(r.url, 'http://x');
    const key = decodeURIComponent(url.pathname).replace(`/${TEST_BUCKET}/`, '').replace(`/${TEST_BUCKET}`, '');
    if (url.searchParams.get('list-type') !== '2') return `${r.method} ${key}`;
    const prefix = url.searchParams.get('prefix') ?? '';
    const after = url.searchParams.get('start-after');
    return `LIST ${prefix}${after === null ? '' : ` after ${after.slice(prefix.length)}`}`;
  });
}

suite('Delta tables in object storage (S3 server on 127.0.0.1)', function () {
  this.timeout(120_000);
  let server: S3TestServer;
  let store: S3ObjectStore;
  let corpus: string;
  let unhandled = 0;
  const onUnhandled = (): void => {
    unhandled++;
  };

  suiteSetup(async function () {
    corpus = needCorpus(this as unknown as Mocha.Context, 'delta');
    server = await S3TestServer.start();
    for (const name of deltaTables(corpus)) await server.upload(path.join(corpus, name), `corpus/${name}`);
    for (const name of deltaTables(WORKSPACE_TABLES)) await server.upload(path.join(WORKSPACE_TABLES, name), `workspace/${name}`);
    store = new S3ObjectStore(server.settings());
    process.on('unhandledRejection', onUnhandled);
  });

  suiteTeardown(async () => {
    process.off('unhandledRejection', onUnhandled);
    store?.destroy();
    await server?.stop();
  });

  setup(() => server.reset());

  teardown(() => assert.equal(unhandled, 0, 'an unhandled rejection escaped a read'));

  test('every corpus and sample table read from the server equals the local read, at every version', async () => {
    let versions = 0;
    const sources = [...deltaTables(corpus).map((n) => [path.join(corpus, n), `s3://${TEST_BUCKET}/corpus/${n}`]), ...deltaTables(WORKSPACE_TABLES).map((n) => [path.join(WORKSPACE_TABLES, n), `s3://${TEST_BUCKET}/workspace/${n}`])];
    for (const [local, remote] of sources) {
      const latest = await readDeltaTable(nodeFileSystem, local, { history: true });
      assert.deepEqual(comparable(await readDeltaTable(store, remote, { history: true })), comparable(latest), `${remote} with history`);
      for (let v = 0; v <= (latest.latestVersion ?? -1); v++) {
        assert.deepEqual(comparable(await readDeltaTable(store, remote, { version: v })), comparable(await readDeltaTable(nodeFileSystem, local, { version: v })), `${remote}@${v}`);
        versions++;
      }
    }
    assert.ok(sources.length >= 16, `${sources.length} tables`);
    assert.ok(versions >= 80, `${versions} versions compared`);
  });

  test('a table with a checkpoint is read in three requests: _last_checkpoint, a start-after listing, the checkpoint', async () => {
    const r = await readDeltaTable(store, `s3://${TEST_BUCKET}/corpus/simple_table_with_checkpoint`);
    assert.equal(r.snapshot?.checkpointVersion, 10);
    assert.deepEqual(gets(server), [
      'GET corpus/simple_table_with_checkpoint/_delta_log/_last_checkpoint',
      'LIST corpus/simple_table_with_checkpoint/_delta_log/ after 00000000000000000010',
      'GET corpus/simple_table_with_checkpoint/_delta_log/00000000000000000010.checkpoint.parquet',
    ]);
  });

  test('a second read through the ETag cache fetches no immutable file again', async () => {
    const cached = cachedStore(store);
    const table = `s3://${TEST_BUCKET}/corpus/checkpoint-v2-table`;
    const first = await readDeltaTable(cached, table, { version: 9 });
    const firstRequests = server.requests.length;
    server.reset();
    const second = await readDeltaTable(cached, table, { version: 9 });
    assert.deepEqual(comparable(second), comparable(first));
    // _last_checkpoint can change, so it is asked again, with the listing; nothing else.
    assert.deepEqual(gets(server), ['GET corpus/checkpoint-v2-table/_delta_log/_last_checkpoint', 'LIST corpus/checkpoint-v2-table/_delta_log/ after 00000000000000000008']);
    assert.ok(firstRequests > 2, `${firstRequests} requests on the first read`);
  });

  test('10,000 commits and a checkpoint: a bounded number of requests, whatever the log length', async () => {
    const fs = new MemoryFileSystem();
    const { adds } = writeCommits(fs, 10_000, 1);
    let logBytes = 0;
    const prefix = 'big/table/_delta_log';
    for (const [file, bytes] of fs.files) {
      server.seed(`${prefix}/${path.basename(file)}`, bytes);
      logBytes += bytes.byteLength;
    }
    // The checkpoint of version 9,996, then three more commits. writeCommits' last ten commits (9,990 on)
    // each remove 100 of the first files: by 9,996, files 0 to 699 are tombstones.
    const checkpointed = adds.slice(0, 9_997);
    const checkpoint = checkpointBytes(checkpointed, new Set(Array.from({ length: 700 }, (_, i) => i)));
    server.seed(`${prefix}/00000000000000009996.checkpoint.parquet`, checkpoint);
    server.seed(`${prefix}/_last_checkpoint`, JSON.stringify({ version: 9_996, size: checkpointed.length + 2 }));
    logBytes += checkpoint.byteLength;
    const r = await readDeltaTable(store, `s3://${TEST_BUCKET}/big/table`);
    const local = await readDeltaTable(fs, '/bench/table', { useCheckpoint: false });
    assert.equal(r.snapshot?.version, 9_999);
    assert.equal(r.snapshot?.checkpointVersion, 9_996);
    assert.equal(r.snapshot?.files.length, local.snapshot?.files.length);
    const requests = gets(server);
    // _last_checkpoint, one listing page, the checkpoint (small: one request), commits 9,997 to 9,999.
    // The commits after the checkpoint are fetched in parallel, so in any order.
    assert.deepEqual([...requests].sort(), [
      'GET big/table/_delta_log/_last_checkpoint',
      'LIST big/table/_delta_log/ after 00000000000000009996',
      'GET big/table/_delta_log/00000000000000009996.checkpoint.parquet',
      'GET big/table/_delta_log/00000000000000009997.json',
      'GET big/table/_delta_log/00000000000000009998.json',
      'GET big/table/_delta_log/00000000000000009999.json',
    ].sort());
    const transferred = server.requests.reduce((n, q) => n + q.bytes, 0);
    assert.ok(transferred < logBytes / 10, `${transferred} bytes transferred of a ${logBytes}-byte log`);
  });

  test('pins against tables in the bucket: current, stale, vacuumed, missing', async () => {
    const table = `s3://${TEST_BUCKET}/corpus/simple_table`;
    const present = 'part-00000-c1777d7d-89d9-4790-b38a-6ee7e24456b1-c000.snappy.parquet';
    const [current, stale, vacuumed, missing, noBucket] = await resolvePins(store, [
      { dataset: 'ids', tablePath: table, version: 4, candidateFiles: [present] },
      { dataset: 'ids', tablePath: table, version: 2 },
      { dataset: 'ids', tablePath: table, version: 2, candidateFiles: [present, 'part-99999-gone.snappy.parquet'] },
      { dataset: 'nowhere', tablePath: `s3://${TEST_BUCKET}/corpus/no-such-table`, version: 1 },
      { dataset: 'nowhere', tablePath: 's3://no-such-bucket-plan-lens/t', version: 1 },
    ]);
    assert.equal(current.state, 'current');
    assert.equal(current.reproducible, true);
    assert.equal(stale.state, 'stale');
    assert.equal(stale.versionsBehind, 2);
    assert.equal(stale.pinnedCommitTime, 1587968604143, 'commitInfo.timestamp of version 2 (simple_table/_delta_log/00000000000000000002.json)');
    assert.equal(vacuumed.state, 'vacuumed');
    assert.deepEqual(vacuumed.candidates.map((c) => c.existsOnDisk), [true, false]);
    assert.equal(missing.state, 'table-missing');
    assert.ok(missing.issues.some((i) => i.code === 'delta-no-table' && i.message.includes('no such path')));
    assert.equal(noBucket.state, 'table-missing');
  });

  test('a 403 is "access denied" at once, without retries', async () => {
    server.failNext(403, 'AccessDenied', 100);
    const [pin] = await resolvePins(store, [{ dataset: 'ids', tablePath: `s3://${TEST_BUCKET}/corpus/simple_table`, version: 2 }]);
    assert.equal(pin.state, 'access-denied');
    assert.equal(server.requests.length, 1, gets(server).join('\n'));
    assert.ok(!pin.issues.some((i) => i.message.includes('S3RVER')), 'no credential in a message');
  });

  test('a 500 then success is retried and read', async () => {
    const table = `s3://${TEST_BUCKET}/corpus/simple_table`;
    await readDeltaTable(store, table);
    const clean = server.requests.length;
    server.reset();
    server.failNext(500, 'InternalError', 1);
    const r = await readDeltaTable(store, table);
    assert.equal(r.snapshot?.version, 4);
    assert.deepEqual(r.issues, []);
    assert.equal(server.requests.length, clean + 1);
    assert.equal(server.requests[0].status, 500);
  });

  test('throttling past the retries is an issue on the pin, not a hang', async () => {
    server.failNext(503, 'SlowDown', 1000);
    const [pin] = await resolvePins(new S3ObjectStore(server.settings({ maxAttempts: 2 })), [{ dataset: 'ids', tablePath: `s3://${TEST_BUCKET}/corpus/simple_table` }]);
    assert.equal(pin.state, 'unreachable');
    assert.ok(pin.issues.some((i) => i.code === 'delta-store-throttled' && /throttl/.test(i.message)), JSON.stringify(pin.issues));
    assert.equal(server.requests.length, 2, 'two attempts, then the issue');
  });

  test('a server that never answers ends in "timeout"', async () => {
    server.hang();
    const slow = new S3ObjectStore(server.settings({ timeoutMs: 250, maxAttempts: 2 }));
    const [pin] = await resolvePins(slow, [{ dataset: 'ids', tablePath: `s3://${TEST_BUCKET}/corpus/simple_table`, version: 1 }]);
    slow.destroy();
    assert.equal(pin.state, 'timeout');
    assert.ok(pin.issues.some((i) => i.code === 'delta-store-timeout'));
  });

  test('a store that refuses connections is "unreachable", after the retries', async () => {
    // A port that was just free: nothing listens there.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const closed = new S3ObjectStore({ ...server.settings(), endpoint: `http://127.0.0.1:${port}`, maxAttempts: 2 });
    const [pin] = await resolvePins(closed, [{ dataset: 'ids', tablePath: `s3://${TEST_BUCKET}/corpus/simple_table`, version: 1 }]);
    closed.destroy();
    assert.equal(pin.state, 'unreachable');
    assert.ok(pin.issues.some((i) => i.code === 'delta-store-unreachable' && /ECONNREFUSED/.test(i.message)), JSON.stringify(pin.issues));
  });

  test('a cancelled read stops with an issue', async () => {
    server.hang();
    const controller = new AbortController();
    const reading = readDeltaTable(store, `s3://${TEST_BUCKET}/corpus/simple_table`, { signal: controller.signal });
    setImmediate(() => controller.abort());
    const r = await reading;
    assert.deepEqual(r.issues.map((i) => i.code), ['delta-store-cancelled']);
  });

  test('no credentials anywhere in the SDK chain is "no credentials"; a profile from the config file works', async () => {
    const saved = { ...process.env };
    const dir = path.join(server.directory, '..', `plan-lens-aws-${process.pid}`);
    try {
      // Every source of the SDK's chain is emptied; the container and web-identity ones would otherwise
      // send requests off this machine.
      for (const k of CHAIN_ENV) delete process.env[k];
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
      process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
      const table = `s3://${TEST_BUCKET}/corpus/simple_table`;
      const [pin] = await resolvePins(new S3ObjectStore(server.settings()), [{ dataset: 'ids', tablePath: table }]);
      assert.equal(pin.state, 'no-credentials');
      assert.equal(server.requests.length, 0, 'nothing is sent unsigned');
      const { mkdirSync, writeFileSync, rmSync } = await import('node:fs');
      mkdirSync(dir, { recursive: true });
      // A new file name: the SDK keeps the config files it has read (here: found missing) for the process.
      writeFileSync(path.join(dir, 'profiles'), '[profile plan-lens-test]\naws_access_key_id = S3RVER\naws_secret_access_key = S3RVER\n');
      process.env.AWS_CONFIG_FILE = path.join(dir, 'profiles');
      const withProfile = await readDeltaTable(new S3ObjectStore(server.settings({ profile: 'plan-lens-test' })), table);
      rmSync(dir, { recursive: true, force: true });
      assert.equal(withProfile.snapshot?.version, 4);
    } finally {
      for (const k of [...CHAIN_ENV, 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });
});
