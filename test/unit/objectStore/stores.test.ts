/**
 * The object-store pieces on their own: the local store's start-after listing and ranges, the ETag cache's
 * bound and hits, the router's words for unsupported schemes, range merging, the S3 error classification,
 * and reading a Parquet checkpoint by ranges against reading the whole file (the reference: the same
 * decoder over the full bytes).
 */

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { readAddRemoveColumns } from '../../../src/core/delta/checkpointColumns';
import { openParquet } from '../../../src/core/columnar/parquet';
import { mergeRanges, RangedParquet, type RangeSource } from '../../../src/core/columnar/parquetRanges';
import { CHECKPOINT_LEAVES, CHECKPOINT_LEAVES_WITHOUT_STATS } from '../../../src/core/delta/checkpointColumns';
import { cachedStore } from '../../../src/core/objectStore/cachedStore';
import { fileSystemStore } from '../../../src/core/objectStore/fileSystemStore';
import { ObjectStoreError, type GetOptions, type ObjectStore } from '../../../src/core/objectStore/objectStore';
import { parseS3Address } from '../../../src/core/objectStore/objectUri';
import { routedStore } from '../../../src/core/objectStore/routedStore';
import { dataRootOf } from '../../../src/node/nodeObjectStore';
import { classifyS3Error } from '../../../src/node/s3ObjectStore';
import { checkpointBytes, writeCommits } from '../../../bench/suites/delta';
import { MemoryFileSystem } from '../delta/memoryFileSystem';

function countingStore(files: Map<string, Uint8Array>): ObjectStore & { gets: string[] } {
  const gets: string[] = [];
  return {
    gets,
    async list() {
      return { objects: [], folders: [] };
    },
    async get(key: string, options: GetOptions = {}) {
      gets.push(key);
      const bytes = files.get(key);
      if (bytes === undefined) throw new ObjectStoreError('not-found', key, 'not found');
      const r = options.range;
      return { bytes: r === undefined ? bytes : bytes.subarray(r.offset, r.offset + r.length), etag: `"${bytes.byteLength}"` };
    },
    async head() {
      return undefined;
    },
  };
}

suite('object stores', () => {
  test('the local store lists a folder in name order from a start-after name, and cuts ranges', async () => {
    const fs = new MemoryFileSystem();
    for (const n of ['00000000000000000002.json', '00000000000000000000.json', '00000000000000000001.checkpoint.parquet', '00000000000000000001.json', '_last_checkpoint']) fs.write(`/t/_delta_log/${n}`, n);
    fs.write('/t/_delta_log/_sidecars/a.parquet', 'x');
    const store = fileSystemStore(fs);
    const all = await store.list('/t/_delta_log');
    assert.deepEqual(all.objects.map((o) => o.name), ['00000000000000000000.json', '00000000000000000001.checkpoint.parquet', '00000000000000000001.json', '00000000000000000002.json', '_last_checkpoint']);
    assert.deepEqual(all.folders, ['_sidecars']);
    const after = await store.list('/t/_delta_log', { startAfter: '00000000000000000001' });
    assert.deepEqual(after.objects.map((o) => o.name), ['00000000000000000001.checkpoint.parquet', '00000000000000000001.json', '00000000000000000002.json', '_last_checkpoint']);
    assert.deepEqual((await store.list('/nothing')).objects, []);
    const part = await store.get('/t/_delta_log/_last_checkpoint', { range: { offset: 6, length: 5 } });
    assert.equal(new TextDecoder().decode(part.bytes), 'check');
    await assert.rejects(store.get('/t/nope'), (e: unknown) => e instanceof ObjectStoreError && e.kind === 'not-found');
  });

  test('the cache answers a known ETag without a request, and holds no more than its bound', async () => {
    const files = new Map([
      ['a', new Uint8Array(600)],
      ['b', new Uint8Array(600)],
    ]);
    const inner = countingStore(files);
    const cache = cachedStore(inner, 1000);
    const a = await cache.get('a');
    await cache.get('a', { etag: a.etag });
    assert.deepEqual(inner.gets, ['a'], 'second get of the same tag is a hit');
    await cache.get('b', { etag: '"600"' });
    assert.ok(cache.cachedBytes <= 1000, `${cache.cachedBytes} bytes held`);
    await cache.get('a', { etag: a.etag });
    assert.deepEqual(inner.gets, ['a', 'b', 'a'], 'a was evicted for b');
    await cache.get('a', { etag: 'another' });
    assert.equal(inner.gets.length, 4, 'a different tag is another object');
    await cache.get('b', { range: { offset: 0, length: 10 }, immutable: true });
    await cache.get('b', { range: { offset: 0, length: 10 }, immutable: true });
    assert.equal(inner.gets.length, 5, 'an immutable range is fetched once');
  });

  test('the router sends local paths and s3:// to their stores and says why other schemes fail', async () => {
    const local = countingStore(new Map([['/x', new Uint8Array(1)]]));
    const s3 = countingStore(new Map([['s3://b/k', new Uint8Array(2)]]));
    const store = routedStore(local, s3);
    assert.equal((await store.get('/x')).bytes.length, 1);
    assert.equal((await store.get('s3://b/k')).bytes.length, 2);
    await assert.rejects(store.get('gs://b/k'), (e: unknown) => e instanceof ObjectStoreError && /gs:\/\/ is not supported/.test(e.message));
    await assert.rejects(routedStore(local, undefined).list('s3a://b/t'), (e: unknown) => e instanceof ObjectStoreError && /no object store is configured/.test(e.message));
    assert.deepEqual(parseS3Address('s3a://bucket/a/b/'), { bucket: 'bucket', key: 'a/b' });
    assert.equal(parseS3Address('s3:///key'), undefined);
  });

  test("the editor's data root: a bucket prefix or an absolute path, without trailing slashes; nothing else", () => {
    assert.equal(dataRootOf({ dataRoot: ' s3://lake/pipeline/ ' }), 's3://lake/pipeline');
    assert.equal(dataRootOf({ dataRoot: 's3://lake' }), 's3://lake');
    assert.equal(dataRootOf({ dataRoot: '/data/warehouse/' }), '/data/warehouse');
    // A relative path would be relative to the language server's working directory, which no user means.
    for (const dataRoot of ['', 'warehouse', './warehouse', 42, undefined]) assert.equal(dataRootOf({ dataRoot }), undefined, String(dataRoot));
    assert.equal(dataRootOf(undefined), undefined);
  });

  test('merged ranges cover every input range, in order, without overlaps', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(1 << 22), fc.nat(1 << 18)).map(([a, n]) => [a, a + n] as [number, number]), { maxLength: 40 }), (ranges) => {
        const merged = mergeRanges(ranges);
        for (const [a, b] of ranges) assert.ok(merged.some(([x, y]) => x <= a && b <= y), `[${a}, ${b}) not covered`);
        for (let i = 1; i < merged.length; i++) assert.ok(merged[i - 1][1] < merged[i][0], 'overlap or disorder');
      }),
    );
  });

  test('S3 failures are classified in words a user acts on, with no SDK message', () => {
    const err = (name: string, status?: number, extra: object = {}): object => ({ name, message: 'AKIAEXAMPLE secret', $metadata: { httpStatusCode: status }, ...extra });
    assert.equal(classifyS3Error(err('AccessDenied', 403), false, false).kind, 'access-denied');
    assert.equal(classifyS3Error(err('InvalidAccessKeyId', 403), false, false).kind, 'access-denied');
    assert.equal(classifyS3Error(err('CredentialsProviderError'), false, false).kind, 'no-credentials');
    assert.equal(classifyS3Error(err('NoSuchBucket', 404), false, false).kind, 'not-found');
    assert.equal(classifyS3Error(err('SlowDown', 503), false, false).kind, 'throttled');
    assert.equal(classifyS3Error(err('TimeoutError'), false, false).kind, 'timeout');
    assert.equal(classifyS3Error(err('Error', undefined, { code: 'ECONNREFUSED' }), false, false).kind, 'unreachable');
    assert.equal(classifyS3Error(err('AbortError'), true, false).kind, 'cancelled');
    assert.equal(classifyS3Error(err('AbortError'), false, true).kind, 'timeout');
    for (const name of ['AccessDenied', 'Weird']) assert.doesNotMatch(classifyS3Error(err(name, 418), false, false).detail, /AKIA|secret/);
  });

  test('a checkpoint read by ranges decodes to what the whole file does, fetching only the footer and the leaves it needs', async () => {
    const memory = new MemoryFileSystem();
    const { adds, removed } = writeCommits(memory, 40, 50);
    const bytes = checkpointBytes(adds, removed);
    const reads: Array<[number, number]> = [];
    const source: RangeSource = {
      byteLength: bytes.byteLength,
      read: async (offset, length) => {
        reads.push([offset, length]);
        return bytes.subarray(offset, offset + length);
      },
    };
    // Below the whole-file threshold the file comes in one read; the reference is the same decoder on all bytes.
    const ranged = await RangedParquet.open(source, 'checkpoint.parquet');
    assert.ok(ranged instanceof RangedParquet);
    assert.equal(await ranged.load((p) => CHECKPOINT_LEAVES.has(p.join('.'))), undefined);
    const whole = openParquet(bytes, 'checkpoint.parquet');
    assert.ok(!('issues' in whole));
    assert.deepEqual(readAddRemoveColumns(ranged.opened.buffer, ranged.opened.metadata), readAddRemoveColumns(whole.buffer, whole.metadata));
    assert.equal(reads.length, 1, 'a small file is one request');
  });

  test('a large Parquet file is read as its footer and the wanted column chunks only', async () => {
    const memory = new MemoryFileSystem();
    const { adds, removed } = writeCommits(memory, 400, 100);
    const bytes = checkpointBytes(adds, removed);
    assert.ok(bytes.byteLength > 1024 * 1024, `${bytes.byteLength} bytes: the test needs a file above the whole-file threshold`);
    let fetched = 0;
    const source: RangeSource = { byteLength: bytes.byteLength, read: async (offset, length) => ((fetched += length), bytes.subarray(offset, offset + length)) };
    const ranged = await RangedParquet.open(source, path.join('x', 'checkpoint.parquet'));
    assert.ok(ranged instanceof RangedParquet);
    // Only the remove leaves: a small part of a file that is nearly all adds.
    assert.equal(await ranged.load((p) => p[0] === 'remove'), undefined);
    assert.ok(fetched < bytes.byteLength / 4, `${fetched} of ${bytes.byteLength} bytes fetched`);
    // Without the add statistics (what a pin reads): the same actions less their stats, for fewer bytes.
    assert.equal(await ranged.load((p) => CHECKPOINT_LEAVES_WITHOUT_STATS.has(p.join('.'))), undefined);
    const withoutStatsBytes = fetched;
    const whole = openParquet(bytes, 'checkpoint.parquet');
    assert.ok(!('issues' in whole));
    const full = readAddRemoveColumns(whole.buffer, whole.metadata);
    const withoutStats = full?.map((a) => (a?.kind === 'add' ? { kind: 'add' as const, add: { ...a.add, stats: undefined } } : a));
    assert.deepEqual(readAddRemoveColumns(ranged.opened.buffer, ranged.opened.metadata, CHECKPOINT_LEAVES_WITHOUT_STATS), withoutStats);
    assert.equal(await ranged.load((p) => CHECKPOINT_LEAVES.has(p.join('.'))), undefined);
    assert.ok(withoutStatsBytes < 0.75 * fetched, `${withoutStatsBytes} bytes without stats, ${fetched} with`);
    assert.deepEqual(readAddRemoveColumns(ranged.opened.buffer, ranged.opened.metadata), full);
  });
});
