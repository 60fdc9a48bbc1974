/**
 * The Delta inputs a workspace's runs pinned, for the Delta Pins view: dataset → pinned version (or
 * timestamp) → the scan units that read it (candidate files, projected columns, pushed filters), with the
 * runs and views that pin it. Gathered from every plan-artifact row (`delta_inputs_json`,
 * `scan_units_json`, artifact-formats.md §5.2) and every run manifest's `delta_inputs`; the state of a pin
 * against its table today is `PlanProvenance`'s, asked by the language server. O(rows × pins).
 */

import type { ReadArtifact } from '../artifacts/readArtifact';
import type { PinState } from '../delta/pins';
import { scanTaskNames } from '../identity/scanUnits';
import type { PlanRun, ScanUnit } from '../model/planModel';
import { compareCodePoints } from '../text/compareCodePoints';

export interface PinnedScanUnit {
  readonly key: string;
  /** The scan task that reads the unit: the task graph's name for it, else `scan_unit_` + a SHA-256 prefix of the key (scanUnits.ts). */
  readonly task: string;
  /** What the plan-artifact rows record of it (candidate files, columns, filters); absent for a unit only the task graph names. */
  readonly unit?: ScanUnit;
  /** The task graph's `scan_candidate_file_count`, for a unit no row describes. */
  readonly candidateFileCount?: number;
}

/** A scan unit as a task graph's evidence node records it (`scan_*` fields, artifact-formats.md §2.3). */
export interface ScanEvidenceUnit {
  readonly key: string;
  readonly task: string;
  readonly dataset: string;
  readonly version?: number;
  readonly candidateFileCount?: number;
}

export interface DatasetPin {
  /** `dataset`, version and timestamp as one string: the pin's id. */
  readonly key: string;
  readonly dataset: string;
  readonly version?: number;
  readonly timestamp?: string;
  readonly runs: readonly string[];
  readonly views: readonly string[];
  readonly scanUnits: readonly PinnedScanUnit[];
}

export interface DatasetPins {
  readonly dataset: string;
  /** Newest version first. */
  readonly pins: readonly DatasetPin[];
}

/** A pin's state as a value (delta/pins.ts), or `not-checked` when no table was found to check it against. */
export type PinStateKind = PinState | 'not-checked';

interface Gathered {
  readonly dataset: string;
  readonly version?: number;
  readonly timestamp?: string;
  readonly runs: Set<string>;
  readonly views: Set<string>;
  readonly units: Map<string, ScanUnit>;
  readonly evidence: Map<string, ScanEvidenceUnit>;
}

export function pinKey(dataset: string, version: number | undefined, timestamp: string | undefined): string {
  return JSON.stringify([dataset, version ?? null, timestamp ?? null]);
}

export function deltaPins(artifacts: readonly ReadArtifact[], runs: readonly PlanRun[], scanEvidence: readonly ScanEvidenceUnit[] = []): DatasetPins[] {
  const pins = new Map<string, Gathered>();
  const pinOf = (dataset: string, version: number | null | undefined, timestamp: string | null | undefined): Gathered => {
    const key = pinKey(dataset, version ?? undefined, timestamp ?? undefined);
    let pin = pins.get(key);
    if (pin === undefined) {
      pin = { dataset, ...(version === null || version === undefined ? {} : { version }), ...(timestamp === null || timestamp === undefined ? {} : { timestamp }), runs: new Set(), views: new Set(), units: new Map(), evidence: new Map() };
      pins.set(key, pin);
    }
    return pin;
  };
  for (const a of artifacts) {
    for (const r of a.records) {
      if (r.kind !== 'plan_artifact_row') continue;
      const row = r.value;
      for (const unit of row.scanUnits) {
        const pin = pinOf(unit.datasetName, unit.deltaVersion, unit.deltaVersion === null ? unit.deltaTimestamp : undefined);
        pin.views.add(row.viewName);
        pin.units.set(unit.key, unit);
      }
      for (const input of row.deltaInputs) pinOf(input.datasetName, input.version, input.version === null ? input.timestamp : undefined).views.add(row.viewName);
    }
  }
  for (const run of runs) for (const input of run.manifest?.deltaInputs ?? []) pinOf(input.datasetName, input.version, input.version === null ? input.timestamp : undefined).runs.add(run.runId);
  for (const e of scanEvidence) pinOf(e.dataset, e.version, undefined).evidence.set(e.key, e);

  const names = scanTaskNames([...pins.values()].flatMap((p) => [...p.units.keys()]));
  const graphNames = new Map(scanEvidence.map((e) => [e.key, e.task]));
  const byDataset = new Map<string, DatasetPin[]>();
  for (const [key, p] of pins) {
    const keys = [...new Set([...p.units.keys(), ...p.evidence.keys()])].sort(compareCodePoints);
    const scanUnits = keys.map((k): PinnedScanUnit => {
      const unit = p.units.get(k);
      const count = p.evidence.get(k)?.candidateFileCount;
      return { key: k, task: graphNames.get(k) ?? names.get(k) ?? k, ...(unit === undefined ? {} : { unit }), ...(count === undefined ? {} : { candidateFileCount: count }) };
    });
    const pin: DatasetPin = {
      key,
      dataset: p.dataset,
      ...(p.version === undefined ? {} : { version: p.version }),
      ...(p.timestamp === undefined ? {} : { timestamp: p.timestamp }),
      runs: [...p.runs].sort(compareCodePoints),
      views: [...p.views].sort(compareCodePoints),
      scanUnits,
    };
    byDataset.set(p.dataset, [...(byDataset.get(p.dataset) ?? []), pin]);
  }
  return [...byDataset.entries()]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([dataset, list]) => ({ dataset, pins: list.sort((a, b) => (b.version ?? -1) - (a.version ?? -1) || compareCodePoints(b.timestamp ?? '', a.timestamp ?? '')) }));
}

/** Which of two states a pin with units in both shows: the one a user must act on. */
export function worseState(a: PinStateKind, b: PinStateKind): PinStateKind {
  // What a user must act on first: the plan cannot be reproduced, then cannot be checked, then is behind.
  const rank: Readonly<Record<PinStateKind, number>> = { current: 0, 'not-checked': 1, timeout: 2, unreachable: 3, 'no-credentials': 4, 'access-denied': 5, unreadable: 6, 'table-missing': 7, stale: 8, vacuumed: 9 };
  return rank[b] > rank[a] ? b : a;
}
