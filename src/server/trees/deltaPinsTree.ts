/**
 * The Delta Pins view's answers: datasets → pins with their state today, and a pin's scan units with
 * each candidate file's presence and size. States are the workspace's `PlanProvenance`'s
 * (planProvenance.ts), the one PlanSessions keeps per `.artifacts` folder for the graph's task details
 * too: a pin is read once for both, in the same words, through the same `planLens.objectStore` store and
 * data root, and read again when a table or those settings change (the provenance is then made anew, so
 * nothing here keeps a state of its own). The catalog's pins are kept per catalog version.
 */

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deltaPins, worseState, type DatasetPin, type DatasetPins, type PinStateKind as CheckedPinState, type ScanEvidenceUnit } from '../../core/analysis/deltaPinsIndex';
import type { PlanProvenance, ScanEvidence, TaskPinState } from '../../core/analysis/planProvenance';
import { isObjectStoreError, type CancelSignal } from '../../core/objectStore/objectStore';
import { isRemoteAddress } from '../../core/objectStore/objectUri';
import type { CandidateFileItem, DeltaDatasetItem, DeltaPinsResult, DeltaScanUnitsResult, PinStateKind, ScanUnitItem } from '../../protocol/trees';
import type { PlanSessions } from '../plans/planSessions';
import { summariesOf } from './runsTree';
import type { ScopedCatalog } from './treeCatalogs';

interface PinStateItem {
  readonly kind: PinStateKind;
  readonly state: string;
}

/** The folder's pins, from its catalog and the scan units its plans' latest task graphs read. */
function datasetsOf(scoped: ScopedCatalog, plans: PlanSessions): Promise<readonly DatasetPins[]> {
  return scoped.derived('deltaPins', async () => deltaPins([...scoped.catalog.readArtifacts, ...(await scoped.catalog.deferredTables())], scoped.catalog.model.model.runs, await scanEvidenceOf(scoped, plans)));
}

function provenanceOf(scoped: ScopedCatalog, plans: PlanSessions): Promise<PlanProvenance> {
  return plans.provenanceIn(path.join(scoped.root, '.artifacts'));
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

/** What the provenance is asked for a pin: each of its scan units, or the dataset's pin alone. */
function scansOf(pin: DatasetPin): ScanEvidence[] {
  const version = pin.version === undefined ? {} : { version: pin.version };
  return pin.scanUnits.length > 0 ? pin.scanUnits.map((u) => ({ dataset: pin.dataset, ...version, scanUnitKey: u.key })) : [{ dataset: pin.dataset, ...version }];
}

/** The state a user must act on first, of all the pin's scan units. */
function worstOf(states: readonly TaskPinState[]): PinStateItem {
  let worst: { readonly kind: CheckedPinState; readonly state: string } | undefined;
  for (const s of states) {
    const kind = s.stateKind ?? 'not-checked';
    if (worst === undefined || worseState(worst.kind, kind) !== worst.kind) worst = { kind, state: s.state };
  }
  return worst ?? { kind: 'not-checked', state: 'not checked' };
}

/** The pin's state, its tables read first when need be. */
async function stateOf(provenance: PlanProvenance, pin: DatasetPin, signal: CancelSignal | undefined): Promise<PinStateItem> {
  const states: TaskPinState[] = [];
  for (const scan of scansOf(pin)) states.push(...(await provenance.pins('', scan, { signal })));
  return worstOf(states);
}

/** The pin's state if its tables have been read, else `reading` and where. */
function knownStateOf(provenance: PlanProvenance, pin: DatasetPin, scoped: ScopedCatalog): PinStateItem {
  const states: TaskPinState[] = [];
  for (const scan of scansOf(pin)) {
    const known = provenance.knownPins('', scan);
    if (known === undefined) {
      const where = provenance.tableHint('', scan);
      return { kind: 'reading', state: where === undefined ? 'reading its table' : `reading ${isRemoteAddress(where) ? where : scoped.relative(where)}` };
    }
    states.push(...known);
  }
  return worstOf(states);
}

/**
 * Every folder's pins by dataset. With `readStates` false, answers without reading a table: pins whose
 * tables have not been read yet are `reading`.
 * @throws an `ObjectStoreError` of kind `cancelled` when `signal` aborts while a table is read.
 */
export async function deltaPinsOf(catalogs: readonly ScopedCatalog[], plans: PlanSessions, readStates = true, signal?: CancelSignal): Promise<DeltaPinsResult> {
  const byDataset = new Map<string, DeltaDatasetItem['pins'][number][]>();
  for (const scoped of catalogs) {
    const datasets = await datasetsOf(scoped, plans);
    const provenance = await provenanceOf(scoped, plans);
    const graphOf = new Map((await summariesOf(scoped)).flatMap((r) => (r.taskGraph === undefined ? [] : [[r.runId, { uri: pathToFileURL(r.taskGraph).toString(), at: r.startedAtMs ?? 0 }] as const])));
    for (const { dataset, pins } of datasets) {
      const items = byDataset.get(dataset) ?? [];
      for (const pin of pins) {
        const state = readStates ? await stateOf(provenance, pin, signal) : knownStateOf(provenance, pin, scoped);
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

/**
 * The pin's scan units with their candidate files, each looked for where the pipeline's data is (under
 * the data root when set, so also in a bucket).
 * @throws an `ObjectStoreError` of kind `cancelled` when `signal` aborts while the files are looked for.
 */
export async function scanUnitsOf(catalogs: readonly ScopedCatalog[], plans: PlanSessions, key: string, signal?: CancelSignal): Promise<DeltaScanUnitsResult> {
  const colon = key.indexOf(':');
  const scoped = catalogs.find((c) => String(c.index) === key.slice(0, colon));
  if (scoped === undefined) return { scanUnits: [] };
  const pin = (await datasetsOf(scoped, plans)).flatMap((d) => d.pins).find((p) => p.key === key.slice(colon + 1));
  if (pin === undefined) return { scanUnits: [] };
  const provenance = await provenanceOf(scoped, plans);
  const scanUnits: ScanUnitItem[] = [];
  for (const { key: unitKey, task, unit, candidateFileCount } of pin.scanUnits) {
    if (unit === undefined) {
      // Only the task graph names it: how many candidate files, not which.
      scanUnits.push({ key: unitKey, task, candidateFiles: [], ...(candidateFileCount === undefined ? {} : { candidateFileCount }), projectedColumns: [], pushedFilters: [] });
      continue;
    }
    scanUnits.push({ key: unitKey, task, candidateFiles: await candidateFilesOf(provenance, unit.candidateFiles, signal), projectedColumns: unit.projectedColumns, pushedFilters: unit.pushedFilters });
  }
  return { scanUnits };
}

async function candidateFilesOf(provenance: PlanProvenance, files: readonly string[], signal: CancelSignal | undefined): Promise<CandidateFileItem[]> {
  try {
    return (await provenance.candidateObjects(files, { signal })).map(({ path: file, address, object }) => ({
      path: file,
      ...(isRemoteAddress(address) ? {} : { uri: pathToFileURL(address).toString() }),
      present: object !== undefined,
      ...(object === undefined ? {} : { size: object.size }),
    }));
  } catch (e) {
    // The pin's own state says why its table cannot be read; its files say they could not be looked for.
    if (!isObjectStoreError(e) || e.kind === 'cancelled') throw e;
    return files.map((file) => ({ path: file, present: false, unchecked: e.message }));
  }
}
