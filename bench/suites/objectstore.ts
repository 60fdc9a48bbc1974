/**
 * Delta over object storage: the latest state of a 1,000-commit table with 100,000 active-file adds and a
 * Parquet checkpoint, read from a local S3-compatible server (s3rver behind the test proxy that counts
 * requests and bytes, test/support/s3Server.ts, on 127.0.0.1), next to the same table read from the local
 * file system in the same run (the baseline). Also: a second read through the ETag cache, and the
 * checkpoint downloaded whole in one GET (the least a reader without ranged reads transfers).
 */

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readDeltaTable } from '../../src/core/delta/deltaTable';
import { cachedStore } from '../../src/core/objectStore/cachedStore';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { S3ObjectStore } from '../../src/node/s3ObjectStore';
import { S3TestServer, TEST_BUCKET } from '../../test/support/s3Server';
import { MemoryFileSystem } from '../../test/unit/delta/memoryFileSystem';
import { formatMs, medianMs, type BenchSuite, type BenchTable } from '../harness';
import { checkpointBytes, writeCommits } from './delta';

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(2)} MB`;

export const suite: BenchSuite = {
  name: 'objectstore',
  async run({ quick }) {
    const commits = quick ? 100 : 1000;
    const perCommit = 100;
    const runs = quick ? 3 : 5;
    const memory = new MemoryFileSystem();
    const { adds, removed } = writeCommits(memory, commits, perCommit);
    const checkpoint = checkpointBytes(adds, removed);
    const latest = commits - 1;
    const cpName = `${String(latest).padStart(20, '0')}.checkpoint.parquet`;
    const lastCheckpoint = JSON.stringify({ version: latest, size: adds.length + 2 });

    const dir = mkdtempSync(path.join(os.tmpdir(), 'plan-lens-bench-os-'));
    const localTable = path.join(dir, 'table');
    mkdirSync(path.join(localTable, '_delta_log'), { recursive: true });
    const server = await S3TestServer.start();
    const store = new S3ObjectStore(server.settings());
    try {
      let logBytes = 0;
      const put = (name: string, bytes: Uint8Array | string): void => {
        writeFileSync(path.join(localTable, '_delta_log', name), bytes);
        server.seed(`table/_delta_log/${name}`, bytes);
        logBytes += typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
      };
      for (const [file, bytes] of memory.files) put(path.basename(file), bytes);
      put(cpName, checkpoint);
      put('_last_checkpoint', lastCheckpoint);
      const dataBytes = adds.reduce((n, a) => n + a.size, 0);
      const remote = `s3://${TEST_BUCKET}/table`;

      // Correctness first: both reads give every active file from the checkpoint, or the timings mean nothing.
      const active = adds.length - removed.size;
      const [a, b] = [await readDeltaTable(nodeFileSystem, localTable), await readDeltaTable(store, remote)];
      for (const r of [a, b]) {
        if (r.snapshot?.files.length !== active || r.snapshot.checkpointVersion !== latest) throw new Error(`bench setup: ${r.snapshot?.files.length} files, checkpoint ${r.snapshot?.checkpointVersion}; ${JSON.stringify(r.issues.slice(0, 3))}`);
      }

      /** Median time, and the requests and bytes of one read (the last). */
      const measure = async (fn: () => Promise<unknown>): Promise<{ ms: number; requests: number; bytes: number }> => {
        const ms = await medianMs(runs, async () => {
          server.reset();
          await fn();
        });
        return { ms, requests: server.requests.length, bytes: server.requests.reduce((n, q) => n + q.bytes, 0) };
      };
      const local = await measure(() => readDeltaTable(nodeFileSystem, localTable));
      const s3 = await measure(() => readDeltaTable(store, remote));
      const noStats = await measure(() => readDeltaTable(store, remote, { fileStats: false }));
      const cached = cachedStore(store);
      await readDeltaTable(cached, remote);
      const warm = await measure(() => readDeltaTable(cached, remote));
      const whole = await measure(() => store.get(`${remote}/_delta_log/${cpName}`));
      const row = (name: string, m: { ms: number; requests: number; bytes: number }, counted = true): Record<string, string> => ({
        case: name,
        median: formatMs(m.ms),
        'vs local': `${(m.ms / local.ms).toFixed(2)}×`,
        requests: counted ? String(m.requests) : '—',
        transferred: counted ? mb(m.bytes) : '—',
        'of the log': counted ? `${((100 * m.bytes) / logBytes).toFixed(1)} %` : '—',
      });
      const table: BenchTable = {
        title: `Latest state of a ${commits}-commit table, ${adds.length} adds (${active} active files), checkpoint at ${latest} (${runs} runs, median)`,
        columns: ['case', 'median', 'vs local', 'requests', 'transferred', 'of the log'],
        rows: [
          row('baseline: local file system (same reader, fileSystemStore)', local, false),
          row('S3 server on 127.0.0.1, cold (no cache)', s3),
          row('S3 server, without file statistics (what a pin reads), cold', noStats),
          row('S3 server, again through the ETag cache', warm),
          row('for scale: the checkpoint file alone, one whole-object GET', whole),
        ],
        notes: [
          `table: log ${mb(logBytes)} (${commits} JSON commits, checkpoint ${mb(checkpoint.byteLength)}, _last_checkpoint); data files named by the log ${mb(dataBytes)} (not read: the state needs only the log)`,
          'requests and bytes are counted by the proxy in front of s3rver: response bodies only, every attempt',
          'the reader lists the log from _last_checkpoint with start-after (one page), reads the checkpoint by footer and column chunks (the add/remove leaves it uses, here nearly the whole file: no stats_parsed), and the commits after it (none here)',
          's3rver serves from its own folder on the same disk, so the times show the protocol and SDK cost, not a network',
        ],
      };
      return [table];
    } finally {
      store.destroy();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
