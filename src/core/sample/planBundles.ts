/**
 * Per-view DataFusion plan bundle data (artifact-formats.md §4.2, §5.1, §5.2): plan displays, lineage,
 * scan units, Delta pins, and the variant-A `plan_fingerprint` computed from them, plus the rows of the
 * `datafusion_plan_artifacts_v1` Delta table. O(views * inputs).
 *
 * The sample runs no DataFusion, so the Substrait bytes are a stand-in (the UTF-8 of the optimized plan
 * display); every hash is still computed from exactly the bytes and values recorded in the row.
 */

import { planFingerprint, substraitHash, type DeltaPin } from '../identity/fingerprints';
import { jsonSha256, sha256Utf8 } from '../identity/hash';
import { encodeBase64 } from '../text/base64';
import { encodeMsgspecJson } from '../identity/msgspecJson';
import { toValue, type Plain } from '../identity/value';
import type { Cell, DeltaColumn } from './deltaTable';
import type { SamplePlan, SampleScanUnit, SampleView } from './planModel';
import type { SampleSession } from './session';

export interface ViewBundle {
  readonly view: SampleView;
  readonly scanUnits: readonly SampleScanUnit[];
  readonly pins: readonly DeltaPin[];
  readonly substraitBytes: Uint8Array;
  readonly logicalPlan: string;
  readonly optimizedPlan: string;
  readonly graphviz: string;
  readonly lineage: Plain;
  readonly planDetails: Plain;
  readonly planFingerprint: string;
  readonly planIdentityHash: string;
}

export function buildBundles(plan: SamplePlan, session: SampleSession): ViewBundle[] {
  return plan.views.map((view) => {
    const scanUnits = view.inputs.flatMap((x) => (x.scan === undefined ? [] : [x.scan]));
    const pins: DeltaPin[] = scanUnits
      .map((u) => ({ dataset_name: u.dataset_name, version: u.delta_version, timestamp: null }))
      .sort((a, b) => (a.dataset_name < b.dataset_name ? -1 : 1));
    const { logical, optimized } = planDisplays(view);
    const substraitBytes = new TextEncoder().encode(optimized);
    const fingerprint = planFingerprint(
      {
        substraitHash: substraitHash(substraitBytes),
        settingsHash: session.settingsHash,
        udfSnapshotHash: session.udfSnapshotHash,
        requiredUdfs: view.requiredUdfs,
        requiredRewriteTags: view.requiredRewriteTags,
        deltaInputs: pins,
      },
      'A',
    );
    const lineage = lineageOf(view);
    const graphviz = graphvizOf(view);
    const planIdentityHash = jsonSha256(toValue({ plan_fingerprint: fingerprint, profile_name: session.profileName, runtime_hash: session.runtimeHash }));
    const planDetails: Plain = {
      logical_plan: logical,
      optimized_plan: optimized,
      physical_plan: null,
      graphviz,
      optimized_plan_pgjson: null,
      partition_count: 8,
      schema_names: view.columns.map((c) => c.name),
      delta_inputs_hash: jsonSha256(toValue(pins as unknown as Plain)),
      scan_units_hash: jsonSha256(toValue(scanUnits.map(scanUnitJson))),
      // plan_details hashes are JSON SHA-256s (§5.1), unlike the msgpack settings_hash of the fingerprint.
      df_settings_hash: jsonSha256(toValue(session.dfSettings)),
      plan_identity_hash: planIdentityHash,
    };
    return { view, scanUnits, pins, substraitBytes, logicalPlan: logical, optimizedPlan: optimized, graphviz, lineage, planDetails, planFingerprint: fingerprint, planIdentityHash };
  });
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

function lineageOf(view: SampleView): Plain {
  const requiredByDataset = Object.fromEntries(view.inputs.map((x) => [x.name, x.columns.map((c) => c.name)]));
  const allRequired = view.inputs.flatMap((x) => x.columns.map((c) => [x.name, c.name]));
  const joins =
    view.inputs.length > 1
      ? [{ join_type: 'Inner', left_keys: [view.inputs[0].columns[0]?.name ?? 'file_id'], right_keys: [view.inputs[0].columns[0]?.name ?? 'file_id'] }]
      : [];
  const filters = view.inputs.flatMap((x) => x.scan?.pushed_filters ?? []);
  return {
    scans: view.inputs.map((x) => ({ dataset_name: x.name, projected_columns: x.columns.map((c) => c.name), pushed_filters: x.scan?.pushed_filters ?? [] })),
    joins,
    exprs: view.requiredUdfs.map((u) => ({ kind: 'ScalarFunction', referenced_columns: [allRequired[0] ?? [view.name, 'file_id']], referenced_udfs: [u], text: `${u}(${(allRequired[0] ?? [view.name, 'file_id']).join('.')})` })),
    required_udfs: view.requiredUdfs,
    required_rewrite_tags: view.requiredRewriteTags,
    required_columns_by_dataset: requiredByDataset,
    filters,
    aggregations: [],
    window_functions: [],
    subqueries: [],
    referenced_udfs: view.requiredUdfs,
    referenced_tables: view.inputs.map((x) => x.name),
    all_required_columns: allRequired,
  };
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

/** One `event_kind="plan"` row per view, as the plan-artifact store appends them at planning time. */
export function planArtifactRow(b: ViewBundle, session: SampleSession, eventTimeMs: number): Cell[] {
  const units = [...b.scanUnits].sort((x, y) => (x.key < y.key ? -1 : 1));
  const row: Record<string, Cell> = {
    event_time_unix_ms: eventTimeMs,
    profile_name: session.profileName,
    event_kind: 'plan',
    view_name: b.view.name,
    plan_fingerprint: b.planFingerprint,
    plan_identity_hash: b.planIdentityHash,
    udf_snapshot_hash: session.udfSnapshotHash,
    function_registry_hash: session.functionRegistryHash,
    required_udfs_json: json(b.view.requiredUdfs),
    required_rewrite_tags_json: json(b.view.requiredRewriteTags),
    domain_planner_names_json: json(session.domainPlannerNames),
    delta_inputs_json: json(b.pins as unknown as Plain),
    df_settings_json: json(session.dfSettings),
    substrait_b64: encodeBase64(b.substraitBytes),
    logical_plan_display: b.logicalPlan,
    optimized_plan_display: b.optimizedPlan,
    optimized_plan_pgjson: null,
    optimized_plan_graphviz: b.graphviz,
    execution_plan_display: null,
    lineage_json: json(b.lineage),
    scan_units_json: json(units.map(scanUnitJson)),
    scan_keys_json: json(units.map((u) => u.key)),
    plan_details_json: json(b.planDetails),
    function_registry_snapshot_json: json(session.functionRegistry),
    udf_snapshot_json: json(session.udfSnapshot),
    udf_compatibility_ok: true,
    udf_compatibility_detail_json: json({
      planned_snapshot_hash: session.udfSnapshotHash,
      execution_snapshot_hash: session.udfSnapshotHash,
      snapshot_match: true,
      required_udf_count: b.view.requiredUdfs.length,
      snapshot_udf_count: (session.udfSnapshot as { custom_udfs: readonly string[] }).custom_udfs.length,
      missing_udfs: [],
    }),
    execution_duration_ms: null,
    execution_status: null,
    execution_error: null,
  };
  return PLAN_ARTIFACT_COLUMNS.map((c) => row[c.name]);
}

/** A stand-in for the pipeline's Arrow-IPC signatures: opaque ids, recorded and compared, never recomputed. */
export function opaqueSignature(label: string, parts: readonly string[]): string {
  return sha256Utf8(`${label}\n${parts.join('\n')}`);
}
