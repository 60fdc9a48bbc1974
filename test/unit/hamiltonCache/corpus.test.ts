import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cacheCommand } from '../../../src/cli/commands/cache';
import { ExitCode } from '../../../src/cli/cliCommand';
import { safeNodeName } from '../../../src/core/hamiltonCache/cacheKey';
import type { CacheNodeRun, CacheReason, CacheRun, HamiltonCache } from '../../../src/core/hamiltonCache/model';
import { needCorpus } from '../../support/corpus';

/** The oracle's shapes (expected-lineage.json, written by the corpus export script). */
interface OracleRow {
  run_id: string;
  node_name: string;
  cache_key: string;
  data_version: string;
  code_version: string;
  decoded_cache_key: { node_name: string; code_version: string; dependencies_data_versions: Record<string, string> };
  result_exists: boolean;
}
interface OracleNodeRun {
  run_id: string;
  run_index: number;
  node_name: string;
  status: 'executed' | 'retrieved' | 'input' | 'not_executed';
  behavior_logged: string | null;
  behavior_effective: string;
  cache_key: string | null;
  data_version: string | null;
  result_written: boolean;
  is_input: boolean;
  is_final_var: boolean;
  code_version: string | null;
  in_get_run: boolean;
  get_run_data_version: string | null;
  get_run_data_version_is_stale: boolean;
  reason: string;
  decoded_dependencies_data_versions: Record<string, string> | null;
}
interface Oracle {
  run_ids: string[];
  rows: OracleRow[];
  cache_metadata_rows_with_null_cache_key: { rowid_: number; data_version: string; node_name: string; code_version: string; created_at: string }[];
  node_runs: OracleNodeRun[];
}

type CacheJson = HamiltonCache & { dir: string };

async function runCache(dir: string): Promise<{ code: ExitCode; json: CacheJson }> {
  let out = '';
  const code = await cacheCommand.run([dir, '--json'], { out: (t) => (out += t), err: () => undefined, cwd: process.cwd() });
  return { code, json: JSON.parse(out) as CacheJson };
}

function oracleStatus(n: CacheNodeRun): OracleNodeRun['status'] {
  switch (n.status) {
    case 'hit':
      return 'retrieved';
    case 'input':
      return 'input';
    case 'not-executed':
      return 'not_executed';
    default:
      return 'executed';
  }
}

/** The oracle's reason sentence as a kind plus the dependency names (or writer run) it names. */
function parseOracleReason(reason: string): { kind: CacheReason['kind']; names: string[] } {
  const names = [...reason.matchAll(/dependency '([^']+)'/g)].map((m) => m[1]);
  const hitRun = /written by run (\d+)/.exec(reason);
  if (reason.startsWith('cache hit')) return { kind: 'cache-hit', names: hitRun === null ? [] : [hitRun[1]] };
  if (reason.includes('cold cache')) return { kind: 'no-prior-entry', names: [] };
  if (reason.includes('code_version changed')) return { kind: 'code-version-changed', names: [] };
  if (reason.includes('is DISABLE')) return { kind: 'disabled-dependency', names };
  if (reason.includes('data_version of dependency')) return { kind: 'dependency-changed', names };
  if (reason.startsWith('behavior RECOMPUTE')) return { kind: 'recompute-policy', names: [] };
  if (reason.startsWith('behavior IGNORE')) return { kind: 'ignore-policy', names: [] };
  if (reason.startsWith('behavior DISABLE')) return { kind: 'disable-policy', names: [] };
  if (reason.startsWith('driver input')) return { kind: 'driver-input', names: [] };
  if (reason.startsWith('not executed')) return { kind: 'not-executed', names: [] };
  throw new Error(`unknown oracle reason: ${reason}`);
}

function reasonNames(r: CacheReason): string[] {
  switch (r.kind) {
    case 'cache-hit':
      return r.writtenByRunIndex === null ? [] : [String(r.writtenByRunIndex)];
    case 'dependency-changed':
      return r.changedDependencies.map((c) => c.name);
    case 'disabled-dependency':
      return [...r.dependencies];
    default:
      return [];
  }
}

function node(run: CacheRun, name: string): CacheNodeRun {
  const n = run.nodes.find((x) => x.nodeName === name);
  assert.ok(n, `node ${name} in run ${run.index}`);
  return n;
}

const SCENARIOS = ['two-runs-code-change', 'two-runs-data-change', 'strict-causal', 'default-layout'];

suite('Hamilton cache corpus', () => {
  for (const scenario of SCENARIOS) {
    test(`${scenario}: plan-lens cache agrees with expected-lineage.json`, async function () {
      const dir = needCorpus(this, `hamilton-cache/${scenario}`);
      const oracle = JSON.parse(readFileSync(path.join(dir, 'expected-lineage.json'), 'utf8')) as Oracle;
      const { code, json } = await runCache(dir);
      assert.equal(code, ExitCode.Ok, JSON.stringify(json.issues));
      assert.deepEqual(json.issues, []);
      assert.deepEqual(json.runs.map((r) => r.runId), oracle.run_ids, 'run order');

      for (const run of json.runs) {
        // get_run rows (no order in the store: compared as sets).
        const expectedRows = oracle.rows
          .filter((r) => r.run_id === run.runId)
          .map((r) => ({ cacheKey: r.cache_key, nodeName: r.node_name, dataVersion: r.data_version, codeVersion: r.code_version, dependencies: r.decoded_cache_key.dependencies_data_versions, resultExists: r.result_exists }))
          .sort((a, b) => a.cacheKey.localeCompare(b.cacheKey));
        const rows = [...run.storeRows].sort((a, b) => a.cacheKey.localeCompare(b.cacheKey));
        assert.deepEqual(rows, expectedRows, `get_run rows of run ${run.index}`);
        for (const r of oracle.rows.filter((x) => x.run_id === run.runId)) {
          assert.equal(r.decoded_cache_key.node_name, safeNodeName(r.node_name), 'the key prefix is the sanitized node name');
        }

        const expectedNodes = oracle.node_runs.filter((n) => n.run_id === run.runId);
        assert.deepEqual(run.nodes.map((n) => n.nodeName).sort(), expectedNodes.map((n) => n.node_name).sort(), `nodes of run ${run.index}`);
        for (const e of expectedNodes) {
          const n = node(run, e.node_name);
          const where = `run ${run.index} ${e.node_name}`;
          assert.equal(oracleStatus(n), e.status, `${where}: status ${n.status}`);
          assert.equal(n.cacheKey, e.cache_key, `${where}: cache_key`);
          assert.equal(n.dataVersion, e.data_version, `${where}: data_version`);
          assert.deepEqual(n.dependencies, e.decoded_dependencies_data_versions, `${where}: dependencies`);
          assert.equal(n.behavior, e.behavior_effective, `${where}: effective behavior`);
          assert.equal(n.loggedBehavior === null ? null : `CachingBehavior.${n.loggedBehavior}`, e.behavior_logged, `${where}: logged behavior`);
          assert.equal(n.inGetRun, e.in_get_run, `${where}: in get_run`);
          assert.equal(n.storeDataVersion, e.get_run_data_version, `${where}: get_run data_version`);
          assert.equal(n.staleStoreDataVersion, e.get_run_data_version_is_stale, `${where}: stale flag`);
          assert.equal(n.resultWritten, e.result_written, `${where}: result written`);
          assert.equal(n.status === 'input', e.is_input, `${where}: input`);
          assert.equal(n.isFinalVar, e.is_final_var, `${where}: final var`);
          if (n.codeVersion !== null) assert.equal(n.codeVersion, e.code_version, `${where}: code_version`);
          if (n.cacheKey !== null) assert.notEqual(n.codeVersion, null, `${where}: a keyed node has a code_version`);
          const expectedReason = parseOracleReason(e.reason);
          assert.equal(n.reason.kind, expectedReason.kind, `${where}: reason (${n.reasonText} vs ${e.reason})`);
          assert.deepEqual(reasonNames(n.reason).sort(), expectedReason.names.sort(), `${where}: reason names`);
          if (n.result !== null && n.status !== 'disabled') assert.equal(n.result.exists, true, `${where}: result file exists`);
        }
      }
      assert.deepEqual(
        json.nullKeyEntries.map((e) => ({ rowid: e.rowid, dataVersion: e.dataVersion, nodeName: e.nodeName, codeVersion: e.codeVersion, createdAt: e.createdAt })),
        oracle.cache_metadata_rows_with_null_cache_key.map((e) => ({ rowid: e.rowid_, dataVersion: e.data_version, nodeName: e.node_name, codeVersion: e.code_version, createdAt: e.created_at })),
      );
    });
  }

  // The conclusions each scenario README says a correct viewer draws, as assertions.

  async function load(ctx: Mocha.Context, scenario: string): Promise<[CacheRun, CacheRun]> {
    const dir = needCorpus(ctx, `hamilton-cache/${scenario}`);
    const { json } = await runCache(dir);
    assert.equal(json.runs.length, 2);
    return [json.runs[0], json.runs[1]];
  }

  test('two-runs-code-change: README conclusions', async function () {
    const [, run2] = await load(this, 'two-runs-code-change');
    const eur = node(run2, 'orders_eur');
    assert.equal(eur.status, 'executed');
    assert.equal(eur.reason.kind, 'code-version-changed');
    assert.deepEqual(eur.reason.kind === 'code-version-changed' ? eur.reason.changedDependencies : null, [], 'dependency data versions identical');
    for (const name of ['orders_enriched', 'order_stats', 'total_revenue_eur', 'order_count', 'avg_order_value_eur', 'revenue_by_region', 'top_customers', 'daily_revenue', 'kpi_summary']) {
      const n = node(run2, name);
      assert.equal(n.status, 'executed', name);
      assert.equal(n.reason.kind, 'dependency-changed', name);
    }
    const count = node(run2, 'order_count');
    assert.equal(count.dataVersion, count.previousDataVersion, 'order_count recomputed with the same data_version');
    assert.notEqual(node(run2, 'kpi_summary').dataVersion, node(run2, 'kpi_summary').previousDataVersion);
    for (const name of ['orders_clean', 'customers', 'customers.load_data.customer_records', 'customers.select_data.customer_records']) {
      const n = node(run2, name);
      assert.equal(n.status, 'hit', name);
      assert.equal(n.inGetRun, false, `${name}: a hit leaves no history row`);
    }
    assert.equal(node(run2, 'raw_orders.loader').status, 'recomputed');
    assert.equal(node(run2, 'raw_orders').status, 'recomputed');
    assert.equal(node(run2, 'kpi_report').status, 'disabled');
    assert.equal(node(run2, 'region_report').status, 'disabled');
    assert.equal(node(run2, 'audit_log').status, 'ignored');
  });

  test('two-runs-data-change: README conclusions', async function () {
    const [run1, run2] = await load(this, 'two-runs-data-change');
    for (const run of [run1, run2]) {
      assert.equal(node(run, 'raw_orders.loader').status, 'recomputed');
      assert.equal(node(run, 'raw_orders').status, 'recomputed');
    }
    assert.equal(node(run1, 'raw_orders').dataVersion, '-lx9WF-Gctz70c_G-BdszVlvMIBQ6slvPJ2DkQ==');
    assert.equal(node(run2, 'raw_orders').dataVersion, 'wyIHu6H0Mvl7BYpt1fPNRJMH8IAngCYUvDxsag==');
    const clean = node(run2, 'orders_clean');
    assert.equal(clean.reason.kind, 'dependency-changed');
    assert.deepEqual(clean.reason.kind === 'dependency-changed' ? clean.reason.changedDependencies : null, [
      { name: 'raw_orders', before: '-lx9WF-Gctz70c_G-BdszVlvMIBQ6slvPJ2DkQ==', after: 'wyIHu6H0Mvl7BYpt1fPNRJMH8IAngCYUvDxsag==' },
    ]);
    for (const name of ['orders_clean', 'orders_eur', 'orders_enriched', 'order_stats', 'total_revenue_eur', 'order_count', 'avg_order_value_eur', 'revenue_by_region', 'top_customers', 'daily_revenue', 'kpi_summary']) {
      assert.equal(node(run2, name).status, 'executed', name);
    }
    const count = node(run2, 'order_count');
    assert.equal(count.dataVersion, 'PFncBI6IUCQ76AeaXHTQeQ==');
    assert.equal(count.previousDataVersion, 'PFncBI6IUCQ76AeaXHTQeQ==');
    for (const name of ['customers.load_data.customer_records', 'customers.select_data.customer_records', 'customers']) assert.equal(node(run2, name).status, 'hit', name);
    // The store pitfall: same key, INSERT OR IGNORE keeps run 1's data_version.
    const loader = node(run2, 'raw_orders.loader');
    assert.equal(loader.cacheKey, node(run1, 'raw_orders.loader').cacheKey);
    assert.equal(loader.staleStoreDataVersion, true);
    assert.equal(loader.storeDataVersion, 'b-HpLt6_WDTVYp7p7I_Zotr-mg9WXEm3JAbcxQ==');
    assert.equal(loader.dataVersion, 'M8QPxCxW1W9VZlgWVMofxAlHK_fgL4DqH4f3cQ==');
    // General rules.
    const audit = node(run2, 'audit_log');
    assert.equal(audit.status, 'ignored');
    assert.equal(audit.cacheKey, null);
    assert.equal(audit.inGetRun, false);
    assert.equal(run2.nullKeyHistoryRows, 1);
    const loadData = node(run1, 'customers.load_data.customer_records');
    assert.equal(loadData.loggedBehavior, 'RECOMPUTE');
    assert.equal(loadData.behavior, 'DEFAULT');
    assert.ok(loadData.behaviorNote);
    assert.ok(node(run1, 'customers.load_data.customer_records').cacheKey?.startsWith('customersload_datacustomer_records-'));
  });

  test('strict-causal: README conclusions', async function () {
    const [run1, run2] = await load(this, 'strict-causal');
    for (const name of ['orders_clean', 'customers', 'orders_enriched', 'order_stats', 'total_revenue_eur', 'order_count', 'avg_order_value_eur']) {
      assert.equal(node(run2, name).status, 'hit', name);
    }
    assert.deepEqual(node(run2, 'orders_clean').dependencies, { audit_log: '<ignore>', raw_orders: '-lx9WF-Gctz70c_G-BdszVlvMIBQ6slvPJ2DkQ==' });
    const disabledMisses: [string, string][] = [
      ['orders_eur', 'fx_usd_to_eur'],
      ['top_customers', 'top_n'],
      ['kpi_summary', 'revenue_by_region'],
      ['customers.load_data.customer_records', 'customers_json_path'],
    ];
    for (const [name, dep] of disabledMisses) {
      const n = node(run2, name);
      assert.equal(n.status, 'executed', name);
      assert.equal(n.reason.kind, 'disabled-dependency', name);
      assert.deepEqual(n.reason.kind === 'disabled-dependency' ? n.reason.dependencies : null, [dep], name);
      assert.ok(n.disabledDependencies.includes(dep), name);
      assert.ok(node(run1, name).disabledDependencies.includes(dep), `${name}: the key can never repeat, already in run 1`);
    }
    const eur = node(run2, 'orders_eur');
    assert.equal(eur.dataVersion, eur.previousDataVersion, 'orders_eur recomputed to the same data_version, so orders_enriched hits');
    const select = node(run2, 'customers.select_data.customer_records');
    assert.equal(select.reason.kind, 'dependency-changed');
    assert.deepEqual(select.reason.kind === 'dependency-changed' ? select.reason.changedDependencies.map((c) => c.name) : null, ['customers.load_data.customer_records']);
    for (const name of ['revenue_by_region', 'daily_revenue', 'kpi_report', 'region_report']) assert.equal(node(run2, name).status, 'disabled', name);
    for (const name of ['orders_csv_path', 'customers_json_path', 'fx_usd_to_eur', 'output_dir', 'region_report_path']) {
      assert.equal(node(run2, name).status, 'input', name);
      assert.equal(node(run2, name).behavior, 'DISABLE', name);
    }
    assert.equal(node(run2, 'top_n').status, 'not-executed');
    assert.ok(run2.storeRows.some((r) => Object.values(r.dependencies ?? {}).some((v) => v.startsWith('<disable>_'))), 'new rows with <disable>_ deps');
  });

  test('default-layout: README conclusions', async function () {
    const dir = needCorpus(this, 'hamilton-cache/default-layout');
    const { json } = await runCache(dir);
    assert.equal(json.resultsDir, json.storeDir, 'results sit next to metadata_store.db');
    const [run1, run2] = json.runs;
    for (const n of run1.nodes) assert.notEqual(n.result?.name, 'metadata_store.db');
    for (const saver of ['kpi_report', 'region_report']) {
      const n = node(run1, saver);
      assert.equal(n.dataVersion, `${saver}__metadata`);
      assert.equal(n.result?.exists, true, saver);
      assert.equal(node(run2, saver).status, 'hit', `${saver}: side effects do not happen in run 2`);
    }
    assert.equal(run2.storeRows.length, 0, 'get_run(run2) is empty');
    assert.equal(run2.inStore, true);
    const executed = run2.nodes.filter((n) => n.status !== 'hit' && n.status !== 'input' && n.status !== 'not-executed');
    assert.deepEqual(executed.map((n) => [n.nodeName, n.status]), [['audit_log', 'ignored']], 'run 2 is all from cache but audit_log');
    assert.ok(run2.nodes.filter((n) => n.status === 'hit').length >= 18);
  });
});
