/**
 * Per-view DataFusion plan bundle data (artifact-formats.md §4.2, §5.1, §5.2): plan displays, lineage,
 * scan units, Delta pins, and the variant-A `plan_fingerprint` computed from them, plus the rows of the
 * `datafusion_plan_artifacts_v1` Delta table. O(views * inputs).
 *
 * The sample runs no DataFusion, so the Substrait bytes are a stand-in (the UTF-8 of the optimized plan
 * display); every hash is still computed from exactly the bytes and values recorded in the row.
 */

import { planFingerprint, substraitHash, type DeltaPinStruct } from '../identity/fingerprints';
import type { Sha256Factory } from '../hash/sha256';
import { jsonSha256 } from '../identity/hash';
import { sha256Joined, toHex } from '../identity/sha2';
import { encodeBase64 } from '../text/base64';
import { encodeMsgspecJson } from '../identity/msgspecJson';
import { toValue, v, type Value } from '../identity/value';
import type { Plain } from '../json/decodedValue';
import type { Cell, DeltaColumn } from './deltaTableWriter';
import type { SampleScanUnit, SampleView } from './samplePlan';
import type { SampleSession } from './session';

export interface ViewBundle {
  readonly view: SampleView;
  readonly scanUnits: readonly SampleScanUnit[];
  readonly pins: readonly DeltaPinStruct[];
  readonly planFingerprint: string;
}

export interface BundledView {
  readonly bundle: ViewBundle;
  /**
   * The view's `datafusion_plan_artifacts_v1` cells after `event_time_unix_ms`, equal in every run. A few
   * KB of text per view: the generator writes them to Parquet in slices and lets them go, rather than
   * keeping 100k of them (about 1 GB) for the whole run.
   */
  readonly rowTail: readonly Cell[];
}

/** Hashes and JSON that depend only on the session or on a view's scan units, which few views differ in. */
class BundleCache {
  // Only reads the session; one per generator run.
  private readonly byUnits = new Map<string, { pins: DeltaPinStruct[]; pinsJson: string; deltaInputsHash: string; scanUnitsHash: string; scanUnitsJson: string; scanKeysJson: string }>();
  private readonly compatibility = new Map<number, string>();
  private readonly texts = new Map<string, string>();
  readonly settingsJsonHash: string;
  readonly domainPlannerNames: string;
  readonly dfSettings: string;
  readonly functionRegistry: string;
  readonly udfSnapshot: string;

  constructor(private readonly session: SampleSession) {
    // plan_details hashes are JSON SHA-256s (§5.1), unlike the msgpack settings_hash of the fingerprint.
    this.settingsJsonHash = jsonSha256(toValue(session.dfSettings));
    this.domainPlannerNames = json(session.domainPlannerNames);
    this.dfSettings = json(session.dfSettings);
    this.functionRegistry = json(session.functionRegistry);
    this.udfSnapshot = json(session.udfSnapshot);
  }

  units(scanUnits: readonly SampleScanUnit[]): { pins: DeltaPinStruct[]; pinsJson: string; deltaInputsHash: string; scanUnitsHash: string; scanUnitsJson: string; scanKeysJson: string } {
    const key = scanUnits.map((u) => u.key).join('|');
    let cached = this.byUnits.get(key);
    if (cached === undefined) {
      const pins: DeltaPinStruct[] = scanUnits
        .map((u) => ({ dataset_name: u.dataset_name, version: u.delta_version, timestamp: null }))
        .sort((a, b) => (a.dataset_name < b.dataset_name ? -1 : 1));
      const byKey = [...scanUnits].sort((x, y) => (x.key < y.key ? -1 : 1));
      cached = {
        pins,
        pinsJson: json(pins as unknown as Plain),
        deltaInputsHash: jsonSha256(toValue(pins as unknown as Plain)),
        scanUnitsHash: jsonSha256(toValue(scanUnits.map(scanUnitJson))),
        scanUnitsJson: json(byKey.map(scanUnitJson)),
        scanKeysJson: json(byKey.map((u) => u.key)),
      };
      this.byUnits.set(key, cached);
    }
    return cached;
  }

  /** The JSON of a short list of names (UDFs, rewrite tags): a handful of distinct lists in any plan. */
  names(items: readonly string[]): string {
    const key = items.join('\n');
    let cached = this.texts.get(key);
    if (cached === undefined) {
      cached = json(items);
      this.texts.set(key, cached);
    }
    return cached;
  }

  compatibilityDetail(requiredUdfCount: number): string {
    let cached = this.compatibility.get(requiredUdfCount);
    if (cached === undefined) {
      cached = json({
        planned_snapshot_hash: this.session.udfSnapshotHash,
        execution_snapshot_hash: this.session.udfSnapshotHash,
        snapshot_match: true,
        required_udf_count: requiredUdfCount,
        snapshot_udf_count: (this.session.udfSnapshot as { custom_udfs: readonly string[] }).custom_udfs.length,
        missing_udfs: [],
      });
      this.compatibility.set(requiredUdfCount, cached);
    }
    return cached;
  }
}

/** Plan bundles view by view, with the caches that many views share. */
export class PlanBundler {
  private readonly cache: BundleCache;

  constructor(private readonly session: SampleSession) {
    this.cache = new BundleCache(session);
  }

  bundle(view: SampleView): BundledView {
    const { session, cache } = this;
    const scanUnits = view.inputs.flatMap((x) => (x.scan === undefined ? [] : [x.scan]));
    const units = cache.units(scanUnits);
    const { logical, optimized } = planDisplays(view);
    const substraitBytes = new TextEncoder().encode(optimized);
    const fingerprint = planFingerprint(
      {
        substraitHash: substraitHash(substraitBytes),
        settingsHash: session.settingsHash,
        udfSnapshotHash: session.udfSnapshotHash,
        requiredUdfs: view.requiredUdfs,
        requiredRewriteTags: view.requiredRewriteTags,
        deltaInputs: units.pins,
      },
      'A',
    );
    const graphviz = graphvizOf(view);
    const planIdentityHash = jsonSha256(v.dict([['plan_fingerprint', v.str(fingerprint)], ['profile_name', v.str(session.profileName)], ['runtime_hash', v.str(session.runtimeHash)]]));
    // plan_details (§5.1), keys in sorted order as in lineageOf.
    const planDetails = v.dict([
      ['delta_inputs_hash', v.str(units.deltaInputsHash)],
      ['df_settings_hash', v.str(cache.settingsJsonHash)],
      ['graphviz', v.str(graphviz)],
      ['logical_plan', v.str(logical)],
      ['optimized_plan', v.str(optimized)],
      ['optimized_plan_pgjson', v.nil],
      ['partition_count', v.int(8)],
      ['physical_plan', v.nil],
      ['plan_identity_hash', v.str(planIdentityHash)],
      ['scan_units_hash', v.str(units.scanUnitsHash)],
      ['schema_names', v.strs(view.columns.map((c) => c.name))],
    ]);
    const row: Record<string, Cell> = {
      profile_name: session.profileName,
      event_kind: 'plan',
      view_name: view.name,
      plan_fingerprint: fingerprint,
      plan_identity_hash: planIdentityHash,
      udf_snapshot_hash: session.udfSnapshotHash,
      function_registry_hash: session.functionRegistryHash,
      required_udfs_json: cache.names(view.requiredUdfs),
      required_rewrite_tags_json: cache.names(view.requiredRewriteTags),
      domain_planner_names_json: cache.domainPlannerNames,
      delta_inputs_json: units.pinsJson,
      df_settings_json: cache.dfSettings,
      substrait_b64: encodeBase64(substraitBytes),
      logical_plan_display: logical,
      optimized_plan_display: optimized,
      optimized_plan_pgjson: null,
      optimized_plan_graphviz: graphviz,
      execution_plan_display: null,
      lineage_json: encodeMsgspecJson(lineageOf(view)),
      scan_units_json: units.scanUnitsJson,
      scan_keys_json: units.scanKeysJson,
      plan_details_json: encodeMsgspecJson(planDetails),
      function_registry_snapshot_json: cache.functionRegistry,
      udf_snapshot_json: cache.udfSnapshot,
      udf_compatibility_ok: true,
      udf_compatibility_detail_json: cache.compatibilityDetail(view.requiredUdfs.length),
      execution_duration_ms: null,
      execution_status: null,
      execution_error: null,
    };
    const rowTail = TAIL_COLUMNS.map((name) => row[name]);
    return { bundle: { view, scanUnits, pins: units.pins, planFingerprint: fingerprint }, rowTail };
  }
}

export function scanUnitJson(u: SampleScanUnit): Plain {
  return {
    key: u.key,
    dataset_name: u.dataset_name,
    delta_version: u.delta_version,
    candidate_files: u.candidate_files,
    pushed_filters: u.pushed_filters,
    projected_columns: u.projected_columns,
  };
}

function planDisplays(view: SampleView): { logical: string; optimized: string } {
  const projection = `Projection: ${view.columns.map((c) => `${view.name}.${c.name}`).join(', ')}`;
  const scans = view.inputs.map((x) => {
    const cols = x.columns.map((c) => c.name).join(', ');
    const filters = x.scan !== undefined && x.scan.pushed_filters.length > 0 ? `, partial_filters=[${x.scan.pushed_filters.join(', ')}]` : '';
    return `TableScan: ${x.name} projection=[${cols}]${filters}`;
  });
  const joined = (indent: string): string[] => {
    if (scans.length === 1) return [indent + scans[0]];
    const key = view.inputs[0].columns[0]?.name ?? 'file_id';
    const lines = [`${indent}Inner Join: ${view.inputs[0].name}.${key} = ${view.inputs[1].name}.${key}`];
    scans.forEach((s) => lines.push(`${indent}  ${s}`));
    return lines;
  };
  const udfLine = view.requiredUdfs.length > 0 ? [`  Projection: ${view.requiredUdfs.map((u) => `${u}(${view.inputs[0].columns[0]?.name ?? 'file_id'})`).join(', ')}`] : [];
  const logical = [projection, ...udfLine, `  SubqueryAlias: ${view.name}`, ...joined('    ')].join('\n');
  const optimized = [projection, ...udfLine, ...joined('  ')].join('\n');
  return { logical, optimized };
}

function graphvizOf(view: SampleView): string {
  const lines = ['digraph {', `  0 [label="Projection: ${view.name}"]`];
  view.inputs.forEach((x, i) => {
    lines.push(`  ${i + 1} [label="TableScan: ${x.name}"]`);
    lines.push(`  0 -> ${i + 1}`);
  });
  lines.push('}');
  return lines.join('\n');
}

/**
 * `lineage_json` (§5.1) as a `Value` with its keys in sorted order, as msgspec writes them: building it
 * as plain data and converting it made about a third of a 100k-view sample's garbage.
 */
function lineageOf(view: SampleView): Value {
  const first = view.inputs[0].columns[0]?.name ?? 'file_id';
  const required = view.inputs.flatMap((x) => x.columns.map((c) => [x.name, c.name]));
  const allRequired = required.map((pair) => v.strs(pair));
  const firstPair = required[0] ?? [view.name, 'file_id'];
  const firstRequired = v.strs(firstPair);
  const firstRequiredText = firstPair.join('.');
  const joins = view.inputs.length > 1 ? [v.dict([['join_type', v.str('Inner')], ['left_keys', v.strs([first])], ['right_keys', v.strs([first])]])] : [];
  const udfs = v.strs(view.requiredUdfs);
  return v.dict([
    ['aggregations', v.array([])],
    ['all_required_columns', v.array(allRequired)],
    ['exprs', v.array(view.requiredUdfs.map((u) => v.dict([['kind', v.str('ScalarFunction')], ['referenced_columns', v.array([firstRequired])], ['referenced_udfs', v.strs([u])], ['text', v.str(`${u}(${firstRequiredText})`)]])))],
    ['filters', v.strs(view.inputs.flatMap((x) => x.scan?.pushed_filters ?? []))],
    ['joins', v.array(joins)],
    ['referenced_tables', v.strs(view.inputs.map((x) => x.name))],
    ['referenced_udfs', udfs],
    // A dict keyed by input name: the inputs are distinct, so every one is kept (as Object.fromEntries did).
    ['required_columns_by_dataset', v.dict(view.inputs.map((x) => [x.name, v.strs(x.columns.map((c) => c.name))] as const))],
    ['required_rewrite_tags', v.strs(view.requiredRewriteTags)],
    ['required_udfs', udfs],
    ['scans', v.array(view.inputs.map((x) => v.dict([['dataset_name', v.str(x.name)], ['projected_columns', v.strs(x.columns.map((c) => c.name))], ['pushed_filters', v.strs(x.scan?.pushed_filters ?? [])]])))],
    ['subqueries', v.array([])],
    ['window_functions', v.array([])],
  ]);
}

/** `datafusion_plan_artifacts_v1` columns (§5.2), in the table's order. */
export const PLAN_ARTIFACT_COLUMNS: readonly DeltaColumn[] = [
  ['event_time_unix_ms', 'long', false],
  ['profile_name', 'string', true],
  ['event_kind', 'string', false],
  ['view_name', 'string', false],
  ['plan_fingerprint', 'string', false],
  ['plan_identity_hash', 'string', false],
  ['udf_snapshot_hash', 'string', false],
  ['function_registry_hash', 'string', false],
  ['required_udfs_json', 'string', false],
  ['required_rewrite_tags_json', 'string', false],
  ['domain_planner_names_json', 'string', false],
  ['delta_inputs_json', 'string', false],
  ['df_settings_json', 'string', false],
  ['substrait_b64', 'string', true],
  ['logical_plan_display', 'string', true],
  ['optimized_plan_display', 'string', true],
  ['optimized_plan_pgjson', 'string', true],
  ['optimized_plan_graphviz', 'string', true],
  ['execution_plan_display', 'string', true],
  ['lineage_json', 'string', false],
  ['scan_units_json', 'string', false],
  ['scan_keys_json', 'string', false],
  ['plan_details_json', 'string', false],
  ['function_registry_snapshot_json', 'string', false],
  ['udf_snapshot_json', 'string', false],
  ['udf_compatibility_ok', 'boolean', false],
  ['udf_compatibility_detail_json', 'string', false],
  ['execution_duration_ms', 'double', true],
  ['execution_status', 'string', true],
  ['execution_error', 'string', true],
].map(([name, type, nullable]) => ({ name, type, nullable }) as DeltaColumn);

const json = (x: Plain): string => encodeMsgspecJson(toValue(x));

/** The columns after `event_time_unix_ms`, in table order: a row's `rowTail`. */
const TAIL_COLUMNS = PLAN_ARTIFACT_COLUMNS.slice(1).map((c) => c.name);

/** One `event_kind="plan"` row per view, as the plan-artifact store appends them at planning time. */
export function planArtifactRow(b: BundledView, eventTimeMs: number): Cell[] {
  return [eventTimeMs, ...b.rowTail];
}

/** A stand-in for the pipeline's Arrow-IPC signatures: opaque ids, recorded and compared, never recomputed. */
export function opaqueSignature(label: string, parts: readonly string[], sha256?: Sha256Factory): string {
  if (sha256 === undefined) return toHex(sha256Joined([label, ...parts], '\n'));
  // The UTF-8 of label + '\n' + parts joined by '\n', handed over 1 MB at a time.
  const hasher = sha256();
  const buffer = new Uint8Array(1 << 20);
  const encoder = new TextEncoder();
  let used = 0;
  const add = (text: string): void => {
    for (let from = 0; from < text.length; ) {
      // encodeInto stops before a character that does not fit (at most 3 bytes per UTF-16 unit).
      if (buffer.length - used < 4) {
        hasher.update(buffer.subarray(0, used));
        used = 0;
      }
      const { read, written } = encoder.encodeInto(from === 0 ? text : text.slice(from), buffer.subarray(used));
      used += written;
      from += read;
    }
  };
  add(label);
  for (const part of parts) {
    add('\n');
    add(part);
  }
  hasher.update(buffer.subarray(0, used));
  return hasher.digestHex();
}
