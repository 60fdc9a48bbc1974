/**
 * The abstract sample plan: pinned raw datasets with their Delta histories, scan units, and layered views
 * with lineage (inputs, required columns, UDFs, rewrite tags). Everything downstream (task graph, bundles,
 * runs) is derived from this one structure. O(tasks * inputs); deterministic for a seed.
 */

import { scanUnitKey, scanTaskNames, scanTaskFingerprint, type ScanUnitStruct } from '../identity/scanUnits';
import { sortedStrings } from '../identity/value';
import { activeFiles, deltaTypeOf, type Cell, type DeltaCommit, type DeltaTableSpec } from './deltaTableWriter';
import type { Prng } from './prng';
import { CPG_THINGS, DERIVED_COLUMNS, RAW_DATASETS, REL_THINGS, UDFS, VIEW_SOURCES, VIEW_THINGS, type Column } from './vocabulary';

/** 2026-01-27T00:00:00Z, the pipeline design day; every timestamp of the sample counts from here. */
export const EPOCH_MS = 1769472000000;
export const DELTA_ROOT = 'build/delta';

export interface RawDataset {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly table: DeltaTableSpec;
  readonly latestVersion: number;
  readonly pinnedVersion: number;
}

export interface SampleScanUnit extends ScanUnitStruct {
  readonly key: string;
  readonly taskName: string;
  readonly dataset_name: string;
  readonly delta_version: number;
  readonly candidate_files: readonly string[];
  readonly pushed_filters: readonly string[];
  readonly projected_columns: readonly string[];
  readonly fingerprint: string;
  readonly cost: number;
}

export interface ViewInput {
  /** A view name or a raw dataset name. */
  readonly name: string;
  readonly columns: readonly Column[];
  /** The scan unit through which a raw dataset is read. */
  readonly scan?: SampleScanUnit;
}

export interface SampleView {
  readonly name: string;
  readonly layer: number;
  readonly inputs: readonly ViewInput[];
  readonly columns: readonly Column[];
  readonly requiredUdfs: readonly string[];
  readonly requiredRewriteTags: readonly string[];
  readonly cost: number;
}

export interface SamplePlan {
  readonly datasets: readonly RawDataset[];
  readonly scanUnits: readonly SampleScanUnit[];
  readonly views: readonly SampleView[];
  /** The dataset whose pin is behind its latest Delta version. */
  readonly staleDataset: string;
}

/** `staleAfterMs`: when the stale table moves on (after the last run, so every run pinned the then-latest version). */
export function buildPlan(prng: Prng, taskCount: number, staleAfterMs: number): SamplePlan {
  const scanCount = Math.max(1, Math.min(Math.round(taskCount * 0.2), 24));
  const datasetCount = Math.max(1, Math.min(Math.ceil(scanCount / 2), RAW_DATASETS.length));
  const viewCount = taskCount - scanCount;
  const picked = prng.sample(RAW_DATASETS, datasetCount);
  const staleIndex = prng.int(0, datasetCount - 1);
  const datasets = picked.map((d, i) => rawDataset(prng, d.name, d.columns, i === staleIndex ? staleAfterMs : undefined));

  // Scan units: every dataset gets one, the rest go to random datasets; each has its own projection.
  const unitSpecs: { ds: RawDataset; projected: string[]; filters: string[] }[] = [];
  const seen = new Set<string>();
  for (let i = 0; unitSpecs.length < scanCount && i < scanCount * 20; i++) {
    const ds = i < datasets.length ? datasets[i] : prng.pick(datasets);
    const projected = prng.sample(ds.columns, prng.int(2, Math.min(4, ds.columns.length))).map((c) => c.name);
    const filters = prng.chance(0.4) ? [`${projected[0]} IS NOT NULL`] : [];
    const id = `${ds.name}|${projected.join(',')}|${filters.join(',')}`;
    if (seen.has(id)) continue;
    seen.add(id);
    unitSpecs.push({ ds, projected, filters });
  }
  const partial = unitSpecs.map(({ ds, projected, filters }) => {
    const unit = {
      dataset_name: ds.name,
      delta_version: ds.pinnedVersion,
      candidate_files: activeFiles(ds.table, ds.pinnedVersion).map((p) => `${ds.table.root}/${p}`),
      pushed_filters: filters,
      projected_columns: projected,
    };
    return { ...unit, key: scanUnitKey(unit, 'A') };
  });
  const names = scanTaskNames(partial.map((u) => u.key));
  const scanUnits: SampleScanUnit[] = partial
    .map((u) => ({ ...u, taskName: names.get(u.key)!, fingerprint: scanTaskFingerprint(u), cost: Math.max(u.candidate_files.length, 1) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const views = buildViews(prng, viewCount, datasets, scanUnits);
  return { datasets, scanUnits, views, staleDataset: datasets[staleIndex].name };
}

function rawDataset(prng: Prng, name: string, columns: readonly Column[], staleAfterMs: number | undefined): RawDataset {
  const root = `${DELTA_ROOT}/${name}`;
  const commits: DeltaCommit[] = [];
  let t = EPOCH_MS - 86_400_000 * 3 + prng.int(0, 3_600_000);
  let fileNo = 0;
  const part = (): { path: string; rows: Cell[][] } => ({
    path: `part-${String(fileNo++).padStart(5, '0')}-${prng.uuid()}-c000.snappy.parquet`,
    rows: Array.from({ length: prng.int(2, 4) }, (_, r) => columns.map((c) => cell(prng, c, r))),
  });
  commits.push({ timestampMs: t, operation: 'WRITE', operationParameters: { mode: 'ErrorIfExists' }, adds: [part(), part()], removes: [] });
  const appends = prng.int(1, 2);
  for (let i = 0; i < appends; i++) {
    t += prng.int(3_600_000, 20 * 3_600_000);
    commits.push({ timestampMs: t, operation: 'WRITE', operationParameters: { mode: 'Append' }, adds: [part()], removes: [] });
  }
  const pinnedVersion = commits.length - 1;
  if (staleAfterMs !== undefined) {
    // After the runs pinned this table, a compaction rewrote two of the pinned candidate files.
    t = staleAfterMs + prng.int(3_600_000, 5 * 3_600_000);
    const live = activeFiles({ commits }, pinnedVersion);
    commits.push({ timestampMs: t, operation: 'OPTIMIZE', operationParameters: { targetSize: '104857600' }, adds: [part()], removes: live.slice(0, 2) });
  }
  const table: DeltaTableSpec = {
    root,
    tableId: prng.uuid(),
    columns: columns.map((c) => ({ name: c.name, type: deltaTypeOf(c.type), nullable: c.name !== 'file_id' })),
    commits,
  };
  return { name, columns, table, latestVersion: commits.length - 1, pinnedVersion };
}

function cell(prng: Prng, c: Column, row: number): Cell {
  if (c.type === 'int64') return prng.int(0, 5000);
  if (c.type === 'bool') return prng.chance(0.8);
  if (c.type === 'double') return prng.int(0, 1000) / 1000;
  if (c.name === 'path' || c.name === 'document') return `src/codeanatomy/${prng.pick(['extract', 'relspec', 'cpg', 'obs'])}/mod_${row}_${prng.hex(4)}.py`;
  return `${c.name}_${prng.hex(8)}`;
}

/**
 * View names `<prefix><one item of each pool, joined by _>_v1`. `size` counts the distinct names and
 * `taken` those of them already used, so a full pattern is known to yield no new name.
 */
interface NamePattern {
  readonly prefix: string;
  readonly pools: readonly (readonly string[])[];
  readonly size: number;
  taken: number;
}

function namePattern(prefix: string, pools: readonly (readonly string[])[]): NamePattern {
  const names = pools.reduce<string[]>((acc, pool) => acc.flatMap((head) => pool.map((item) => (head === '' ? item : `${head}_${item}`))), ['']);
  return { prefix, pools, size: new Set(names).size, taken: 0 };
}

function buildViews(prng: Prng, viewCount: number, datasets: readonly RawDataset[], scanUnits: readonly SampleScanUnit[]): SampleView[] {
  const layers = Math.max(2, Math.min(9, Math.round(Math.sqrt(viewCount) + 0.5)));
  const firstLayer = Math.min(viewCount, Math.max(Math.ceil(scanUnits.length / 2), Math.floor(viewCount / layers)));
  const sizes = [firstLayer];
  let rest = viewCount - firstLayer;
  for (let l = 1; l < layers && rest > 0; l++) {
    const size = l === layers - 1 ? rest : Math.max(1, Math.round(rest / (layers - l)) + prng.int(-1, 1));
    sizes.push(Math.min(size, rest));
    rest -= Math.min(size, rest);
  }
  const used = new Set<string>();
  // The vocabulary names a few hundred views; past that every view falls back to `view_<k>_v1`. Only the
  // fallback makes `view_` names, so the smallest free k only grows: a counter instead of a scan from 2.
  let fallback = 2;
  const uniqueName = (patternOf: (attempt: number) => NamePattern): string => {
    // All 60 attempts draw from the plan stream even when the vocabulary is long exhausted: stopping
    // early would shift every later draw and change the bytes of plans the generator already produced.
    // An exhausted pattern only draws, without making names (most of the work in a 100k-task plan).
    for (let i = 0; i < 60; i++) {
      const pattern = patternOf(i);
      if (pattern.taken === pattern.size) {
        for (let k = 0; k < pattern.pools.length; k++) prng.u32();
        continue;
      }
      const n = pattern.prefix + pattern.pools.map((pool) => prng.pick(pool)).join('_') + '_v1';
      if (!used.has(n)) {
        used.add(n);
        pattern.taken++;
        return n;
      }
    }
    while (used.has(`view_${fallback}_v1`)) fallback++;
    const n = `view_${fallback}_v1`;
    used.add(n);
    return n;
  };
  const layer0 = namePattern('', [VIEW_SOURCES, VIEW_THINGS]);
  const cpgShort = namePattern('cpg_', [CPG_THINGS]);
  const cpgLong = namePattern('cpg_', [VIEW_SOURCES, CPG_THINGS]);
  const relShort = namePattern('rel_', [REL_THINGS]);
  const relLong = namePattern('rel_', [VIEW_SOURCES, REL_THINGS]);
  const byDataset = new Map(datasets.map((d) => [d.name, d]));
  const views: SampleView[] = [];
  const scalarUdfs = UDFS.filter((u) => u.kind === 'scalar' || u.kind === 'aggregate');
  let unitCursor = 0;
  sizes.forEach((size, layer) => {
    const earlier = views.slice();
    const previous = views.filter((x) => x.layer === layer - 1);
    for (let i = 0; i < size; i++) {
      const last = layer === sizes.length - 1 && sizes.length > 2;
      const name = uniqueName((attempt) => (layer === 0 ? layer0 : last ? (attempt < 10 ? cpgShort : cpgLong) : attempt < 10 ? relShort : relLong));
      const inputs: ViewInput[] = [];
      const addScan = (unit: SampleScanUnit): void => {
        if (inputs.some((x) => x.name === unit.dataset_name)) return;
        const ds = byDataset.get(unit.dataset_name)!;
        inputs.push({ name: ds.name, columns: ds.columns.filter((c) => unit.projected_columns.includes(c.name)), scan: unit });
      };
      const addView = (x: SampleView): void => {
        if (inputs.some((y) => y.name === x.name)) return;
        inputs.push({ name: x.name, columns: prng.sample(x.columns, prng.int(1, Math.min(3, x.columns.length))) });
      };
      if (layer === 0) {
        // Round-robin first, so every scan unit has a consumer.
        addScan(scanUnits[unitCursor++ % scanUnits.length]);
        if (unitCursor < scanUnits.length && (i === size - 1 || prng.chance(0.35))) addScan(scanUnits[unitCursor++]);
        while (i === size - 1 && unitCursor < scanUnits.length) addScan(scanUnits[unitCursor++]);
      } else {
        addView(prng.pick(previous));
        const extra = prng.int(0, 2);
        for (let k = 0; k < extra; k++) addView(prng.pick(earlier));
        if (prng.chance(0.12)) addScan(prng.pick(scanUnits));
      }
      inputs.sort((a, b) => (a.name < b.name ? -1 : 1));
      const carried = inputs.flatMap((x) => x.columns).filter((c, k, all) => all.findIndex((d) => d.name === c.name) === k);
      const derived = prng.sample(DERIVED_COLUMNS, prng.int(2, 4)).filter((c) => !carried.some((d) => d.name === c.name));
      const udfs = prng.chance(0.6) ? prng.sample(scalarUdfs, prng.int(1, 2)) : [];
      views.push({
        name,
        layer,
        inputs,
        columns: [...carried.slice(0, 4), ...derived],
        requiredUdfs: sortedStrings(udfs.map((u) => u.name)),
        requiredRewriteTags: sortedStrings([...new Set(udfs.flatMap((u) => u.tags))]),
        cost: Math.round((20 + prng.u32() / 0x100000000 * (layer === 0 ? 900 : 400)) * 10) / 10,
      });
    }
  });
  return views;
}
