/**
 * Reading a Hamilton cache store: the largest corpus scenario (two-runs-data-change) step by step and end
 * to end, and its log replicated to many runs for scale. Baseline measured in the same run: `JSON.parse`
 * of every log line (the floor of reading the log at all).
 */

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readCacheLog } from '../../src/core/hamiltonCache/cacheLog';
import { readMetadataStore } from '../../src/core/hamiltonCache/metadataStore';
import { readHamiltonCache } from '../../src/core/hamiltonCache/readHamiltonCache';
import { reconstructLineage } from '../../src/core/hamiltonCache/reconstruct';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { loadSqlWasm } from '../../src/node/sqlWasm';
import { corpusRoot } from '../../test/support/corpus';
import { formatMs, medianMs, type BenchRow, type BenchSuite } from '../harness';

function parseLines(bytes: Uint8Array): number {
  let n = 0;
  for (const line of new TextDecoder().decode(bytes).split('\n')) if (line !== '') n += JSON.parse(line) === null ? 0 : 1;
  return n;
}

/** The log with its runs repeated `copies` times under fresh run ids (one Python process per run, as in the corpus). */
function replicate(log: string, copies: number): Uint8Array {
  const runIds = [...new Set([...log.matchAll(/"run_id": "([^"]+)"/g)].map((m) => m[1]))];
  const parts: string[] = [];
  for (let c = 0; c < copies; c++) {
    let copy = log;
    for (const id of runIds) copy = copy.split(id).join(`${id.slice(0, 24)}${String(c).padStart(12, '0')}`);
    parts.push(copy.endsWith('\n') ? copy : `${copy}\n`);
  }
  return new TextEncoder().encode(parts.join(''));
}

/** The harness warms up once; these steps are small enough that the JIT needs a few more calls. */
async function timed(runs: number, fn: () => unknown): Promise<number> {
  for (let i = 0; i < 10; i++) await fn();
  return medianMs(runs, fn);
}

export const suite: BenchSuite = {
  name: 'hamiltonCache',
  async run({ quick }) {
    const dir = path.join(corpusRoot(), 'hamilton-cache', 'two-runs-data-change', 'hamilton_cache');
    if (!existsSync(dir)) return [{ title: 'Hamilton cache store', columns: ['note'], rows: [{ note: `corpus absent at ${dir}` }] }];
    const runs = quick ? 5 : 41;
    const wasm = loadSqlWasm();
    const db = readFileSync(path.join(dir, 'metadata_store.db'));
    const log = readFileSync(path.join(dir, 'cache_logs.jsonl'));
    const storeRead = await readMetadataStore(db, 'db', wasm);
    const logRead = readCacheLog(log, 'log');
    const resultFiles = new Map<string, number>();

    const baseline = await timed(runs, () => parseLines(log));
    const row = (step: string, ms: number): BenchRow => ({ step, median: formatMs(ms), 'vs JSON.parse': `${(ms / baseline).toFixed(1)}x` });
    const corpusRows: BenchRow[] = [
      row('baseline: JSON.parse of each log line', baseline),
      row('readCacheLog (validated events + issues)', await timed(runs, () => readCacheLog(log, 'log'))),
      row('readMetadataStore (sql.js open + 3 tables)', await timed(runs, () => readMetadataStore(db, 'db', wasm))),
      row('reconstructLineage', await timed(runs, () => reconstructLineage({ store: storeRead.store, events: logRead.events, resultFiles, databaseFile: 'db', logFile: 'log' }))),
      row('readHamiltonCache end to end (files, stats, all of the above)', await timed(runs, () => readHamiltonCache(nodeFileSystem, dir, wasm))),
    ];

    const copies = quick ? [10] : [10, 100];
    const scaleRows: BenchRow[] = [];
    for (const c of copies) {
      const big = replicate(log.toString('utf8'), c);
      const events = readCacheLog(big, 'log').events;
      const base = await timed(quick ? 3 : 7, () => parseLines(big));
      const read = await timed(quick ? 3 : 7, () => readCacheLog(big, 'log'));
      const rebuild = await timed(quick ? 3 : 7, () => reconstructLineage({ store: storeRead.store, events, resultFiles, databaseFile: 'db', logFile: 'log' }));
      scaleRows.push({
        runs: 2 * c,
        'log lines': events.length,
        'log MB': (big.length / 1024 / 1024).toFixed(1),
        'JSON.parse lines': formatMs(base),
        readCacheLog: `${formatMs(read)} (${(read / base).toFixed(1)}x)`,
        reconstructLineage: formatMs(rebuild),
      });
    }
    return [
      {
        title: `Hamilton cache store: two-runs-data-change (${log.length} B log, ${logRead.events.length} events, ${db.length} B database), median of ${runs}`,
        columns: ['step', 'median', 'vs JSON.parse'],
        rows: corpusRows,
        notes: ['sql.js is instantiated once per wasm binary (first call, outside the timing); opening a database is per call.'],
      },
      {
        title: 'The same log replicated to many runs',
        columns: ['runs', 'log lines', 'log MB', 'JSON.parse lines', 'readCacheLog', 'reconstructLineage'],
        rows: scaleRows,
      },
    ];
  },
};
