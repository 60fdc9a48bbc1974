/**
 * The Delta Pins view's answers: datasets → pins with their state today, and a pin's scan units with
 * each candidate file's presence and size. States are `PlanProvenance`'s (planProvenance.ts), read once
 * per workspace folder and change: the same words a task's details give in the plan graph.
 */

import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deltaPins, worseState, type DatasetPin, type DatasetPins, type PinStateKind, type ScanEvidenceUnit } from '../../core/analysis/deltaPinsIndex';
import { PlanProvenance } from '../../core/analysis/planProvenance';
import { DEFAULT_MAX_FILE_BYTES } from '../../core/json/parseJson';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import type { CandidateFileItem, DeltaDatasetItem, DeltaPinsResult, DeltaScanUnitsResult, ScanUnitItem } from '../../protocol/trees';
import type { PlanSessions } from '../plans/planSessions';
import { summariesOf } from './runsTree';
import type { ScopedCatalog } from './treeCatalogs';

interface ResolvedPins {
  readonly datasets: readonly DatasetPins[];
  readonly provenance: PlanProvenance;
  /** State of each pin (worst of its scan units), by pin key. */
  readonly states: ReadonlyMap<string, { readonly kind: PinStateKind; readonly state: string }>;
}

function resolvedOf(scoped: ScopedCatalog, plans: PlanSessions, maxBytes: number): Promise<ResolvedPins> {
  return scoped.derived('deltaPins', async () => {
    const datasets = deltaPins([...scoped.catalog.readArtifacts, ...(await scoped.catalog.deferredTables())], scoped.catalog.model.model.runs, await scanEvidenceOf(scoped, plans));
    // Read again only when a table changes: it verifies every plan-artifact row (1,000 runs: seconds).
    // PlanProvenance looks for the `.artifacts` folder above the path it is given; the folder's own
    // `diagnostics` entry stands for a plan in it (it need not exist).
    const provenance = await scoped.derived('provenance', () => PlanProvenance.of(nodeFileSystem, path.join(scoped.root, '.artifacts', 'diagnostics', 'plan'), maxBytes), true);
    const states = new Map<string, { readonly kind: PinStateKind; readonly state: string }>();
    for (const { pins } of datasets) for (const pin of pins) states.set(pin.key, await stateOf(provenance, pin));
    return { datasets, provenance, states };
  });
}

/**
 * The scan units the latest run of each plan reads, from its task graph's evidence nodes: the plan's
 * session (shared with its graph, analysed once) holds the graph already read.
 */
async function scanEvidenceOf(scoped: ScopedCatalog, plans: PlanSessions): Promise<ScanEvidenceUnit[]> {
  const latest = new Map<string, string>();
  for (const run of await summariesOf(scoped)) if (run.taskGraph !== undefined) latest.set(run.planSignature ?? run.taskGraph, run.taskGraph);
  const out: ScanEvidenceUnit[] = [];
  for (const file of latest.values()) {
    const graph = (await plans.get(pathToFileURL(file).toString())).graph;
    for (const e of graph?.evidence ?? []) {
      if (e.scanUnitKey === undefined || e.scanDatasetName === undefined) continue;
      out.push({ key: e.scanUnitKey, task: e.name, dataset: e.scanDatasetName, ...(e.scanDeltaVersion === undefined ? {} : { version: e.scanDeltaVersion }), ...(e.scanCandidateFileCount === undefined ? {} : { candidateFileCount: e.scanCandidateFileCount }) });
    }
  }
  return out;
}

async function stateOf(provenance: PlanProvenance, pin: DatasetPin): Promise<{ readonly kind: PinStateKind; readonly state: string }> {
  const scans = pin.scanUnits.length > 0 ? pin.scanUnits.map((u) => ({ dataset: pin.dataset, ...(pin.version === undefined ? {} : { version: pin.version }), scanUnitKey: u.key })) : [{ dataset: pin.dataset, ...(pin.version === undefined ? {} : { version: pin.version }) }];
  let worst: { kind: PinStateKind; state: string } | undefined;
  for (const scan of scans) {
    for (const s of await provenance.pins('', scan)) {
      const kind = s.stateKind ?? 'not-checked';
      if (worst === undefined || worseState(worst.kind, kind) !== worst.kind) worst = { kind, state: s.state };
    }
  }
  return worst ?? { kind: 'not-checked', state: 'not checked' };
}

export async function deltaPinsOf(catalogs: readonly ScopedCatalog[], plans: PlanSessions, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<DeltaPinsResult> {
  const byDataset = new Map<string, DeltaDatasetItem['pins'][number][]>();
  for (const scoped of catalogs) {
    const resolved = await resolvedOf(scoped, plans, maxBytes);
    const graphOf = new Map((await summariesOf(scoped)).flatMap((r) => (r.taskGraph === undefined ? [] : [[r.runId, { uri: pathToFileURL(r.taskGraph).toString(), at: r.startedAtMs ?? 0 }] as const])));
    for (const { dataset, pins } of resolved.datasets) {
      const items = byDataset.get(dataset) ?? [];
      for (const pin of pins) {
        const state = resolved.states.get(pin.key) ?? { kind: 'not-checked' as const, state: 'not checked' };
        items.push({
          key: `${scoped.index}:${pin.key}`,
          dataset,
          ...(pin.version === undefined ? {} : { version: pin.version }),
          ...(pin.timestamp === undefined ? {} : { timestamp: pin.timestamp }),
          stateKind: state.kind,
          state: state.state,
          runs: pin.runs,
          taskGraphs: pin.runs
            .flatMap((id) => graphOf.get(id) ?? [])
            .sort((a, b) => a.at - b.at)
            .map((g) => g.uri),
          views: pin.views,
          scanUnits: pin.scanUnits.length,
        });
      }
      byDataset.set(dataset, items);
    }
  }
  return { datasets: [...byDataset.entries()].map(([dataset, pins]) => ({ dataset, pins })) };
}

export async function scanUnitsOf(catalogs: readonly ScopedCatalog[], plans: PlanSessions, key: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<DeltaScanUnitsResult> {
  const colon = key.indexOf(':');
  const scoped = catalogs.find((c) => String(c.index) === key.slice(0, colon));
  if (scoped === undefined) return { scanUnits: [] };
  const resolved = await resolvedOf(scoped, plans, maxBytes);
  const pin = resolved.datasets.flatMap((d) => d.pins).find((p) => p.key === key.slice(colon + 1));
  if (pin === undefined) return { scanUnits: [] };
  // Candidate paths are relative to the pipeline's working directory, the parent of `.artifacts`.
  const base = resolved.provenance.root ?? scoped.root;
  const scanUnits: ScanUnitItem[] = [];
  for (const { key: unitKey, task, unit, candidateFileCount } of pin.scanUnits) {
    if (unit === undefined) {
      // Only the task graph names it: how many candidate files, not which.
      scanUnits.push({ key: unitKey, task, candidateFiles: [], ...(candidateFileCount === undefined ? {} : { candidateFileCount }), projectedColumns: [], pushedFilters: [] });
      continue;
    }
    const candidateFiles = await Promise.all(
      unit.candidateFiles.map(async (file): Promise<CandidateFileItem> => {
        const absolute = path.isAbsolute(file) ? file : path.join(base, file);
        const s = await stat(absolute).catch(() => undefined);
        return { path: file, uri: pathToFileURL(absolute).toString(), present: s?.isFile() === true, ...(s?.isFile() === true ? { size: s.size } : {}) };
      }),
    );
    scanUnits.push({ key: unitKey, task, candidateFiles, projectedColumns: unit.projectedColumns, pushedFilters: unit.pushedFilters });
  }
  return { scanUnits };
}
