/**
 * What changes between the sample's first run and the later ones, as it does between real runs: one
 * input dataset gets a new Delta commit between the runs, so the later plan pins it one version later
 * (its scan units get new keys, so new scan task names, and the views reading it new fingerprints); one
 * view's plan regresses, so its cost passes the first run's whole critical path and moves the path; and a
 * new view is planned in the last layer. Drawn from its own PRNG stream, so the first run's plan and
 * every file derived from it keep their bytes.
 */

import { scanTaskFingerprint, scanTaskNames, scanUnitKey } from '../identity/scanUnits';
import { activeFiles, type Cell, type DeltaTableSpec } from './deltaTableWriter';
import type { Prng } from './prng';
import type { RawDataset, SamplePlan, SampleScanUnit, SampleView, ViewInput } from './samplePlan';
import type { Column } from './vocabulary';
import { CPG_THINGS } from './vocabulary';

export interface PlanChange {
  /** The workspace's datasets: the moved one's table has the commit made between the runs. */
  readonly datasets: readonly RawDataset[];
  /** The plan of the runs after the first. */
  readonly plan: SamplePlan;
}

/**
 * `critical`: the first run's critical path, which the regressed view is not on, and its length;
 * `betweenRunsMs`: when the moved dataset's new commit lands (after the first run started, before the next).
 */
export function changePlan(prng: Prng, base: SamplePlan, critical: { readonly tasks: ReadonlySet<string>; readonly length: number }, betweenRunsMs: number): PlanChange {
  const moved = base.datasets.find((d) => d.name !== base.staleDataset && base.scanUnits.some((u) => u.dataset_name === d.name));
  const datasets = base.datasets.map((d) => (d === moved ? withAppend(prng, d, betweenRunsMs) : d));
  const later = datasets.map((d) => (d.name === moved?.name ? { ...d, pinnedVersion: d.latestVersion } : d));
  const laterOf = new Map(later.map((d) => [d.name, d]));

  // Scan units of the moved dataset now scan its new version: new keys, so new task names for all.
  const rescanned = base.scanUnits.map((u) => {
    if (u.dataset_name !== moved?.name) return u;
    const ds = laterOf.get(u.dataset_name) as RawDataset;
    const unit = { dataset_name: u.dataset_name, delta_version: ds.pinnedVersion, candidate_files: activeFiles(ds.table, ds.pinnedVersion).map((p) => `${ds.table.root}/${p}`), pushed_filters: u.pushed_filters, projected_columns: u.projected_columns };
    return { ...unit, key: scanUnitKey(unit, 'A') };
  });
  const names = scanTaskNames(rescanned.map((u) => u.key));
  const built: SampleScanUnit[] = rescanned.map((u) => ({ ...u, taskName: names.get(u.key) as string, fingerprint: scanTaskFingerprint(u), cost: Math.max(u.candidate_files.length, 1) }));
  const scanUnits = [...built].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const unitOf = new Map(base.scanUnits.map((u, i) => [u.key, built[i]]));
  const rescan = (x: ViewInput): ViewInput => (x.scan === undefined ? x : { ...x, scan: unitOf.get(x.scan.key) as SampleScanUnit });

  const offPath = base.views.filter((v) => !critical.tasks.has(v.name));
  const regressed = offPath.length === 0 ? undefined : prng.pick(offPath);
  const views: SampleView[] = base.views.map((v) => ({
    ...v,
    inputs: v.inputs.map(rescan),
    // A plan that regressed past the whole first path: the path now runs through it.
    ...(v === regressed ? { cost: Math.round(critical.length * 1.2 * 10) / 10 } : {}),
  }));
  const added = addedView(prng, views);
  return { datasets, plan: { datasets: later, scanUnits, views: added === undefined ? views : [...views, added], staleDataset: base.staleDataset } };
}

/** The table with one more append commit (one new part), pinned where it was. */
function withAppend(prng: Prng, d: RawDataset, atMs: number): RawDataset {
  const table: DeltaTableSpec = {
    ...d.table,
    commits: [
      ...d.table.commits,
      { timestampMs: atMs, operation: 'WRITE', operationParameters: { mode: 'Append' }, adds: [{ path: `part-${String(d.table.commits.length + 1).padStart(5, '0')}-${prng.uuid()}-c000.snappy.parquet`, rows: [0, 1].map((r) => d.columns.map((c) => cell(prng, c, r))) }], removes: [] },
    ],
  };
  return { ...d, table, latestVersion: table.commits.length - 1 };
}

function cell(prng: Prng, c: Column, row: number): Cell {
  if (c.type === 'int64') return prng.int(0, 5000);
  if (c.type === 'bool') return prng.chance(0.8);
  if (c.type === 'double') return prng.int(0, 1000) / 1000;
  return `${c.name}_${row}_${prng.hex(8)}`;
}

/** A new output view in the last layer, reading one view of the layer before it. */
function addedView(prng: Prng, views: readonly SampleView[]): SampleView | undefined {
  const last = Math.max(...views.map((v) => v.layer));
  const feeders = views.filter((v) => v.layer === last - 1);
  if (feeders.length === 0) return undefined;
  const from = prng.pick(feeders);
  const used = new Set(views.map((v) => v.name));
  let name = `cpg_${prng.pick(CPG_THINGS)}_delta_v1`;
  for (let k = 2; used.has(name); k++) name = `cpg_delta_${k}_v1`;
  const columns = from.columns.slice(0, Math.min(3, from.columns.length));
  return { name, layer: last, inputs: [{ name: from.name, columns }], columns, requiredUdfs: [], requiredRewriteTags: [], cost: Math.round((20 + (prng.u32() / 0x100000000) * 400) * 10) / 10 };
}
