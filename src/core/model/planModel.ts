/**
 * The plan model: one plan (tasks, evidence, edges, schedule, per-view DataFusion plan data, runtime
 * identity) and its runs, joined from the pipeline's scattered artifacts. Field names follow the pipeline
 * (snake_case in the artifacts becomes camelCase here); values are kept as recorded, never recomputed.
 * Maps keyed by task or dataset names are null-prototype objects (see `dict`), so a task called
 * `__proto__` is an ordinary key.
 */

import type { JsonValue } from '../json/parseJson';
import type { RequiredMetadata, RequiredType } from '../readers/nodeLinkGraph';

/** Version of the model as written in a `*.planlens.json` bundle; bump on an incompatible change. */
export const PLAN_MODEL_VERSION = 1;

export type Dict<T> = Record<string, T>;

/** A map with no prototype: any key, `__proto__` and `constructor` included, is just a key. */
export function dict<T>(entries: Iterable<readonly [string, T]> = []): Dict<T> {
  const out = Object.create(null) as Dict<T>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** `view` (default), `scan` (a scan unit), `extract`; other strings are kept as recorded. */
export type TaskKind = string;

export interface TaskScheduleMetadata {
  readonly scheduleIndex: number;
  readonly generationIndex: number;
  readonly generationOrder: number;
  readonly generationSize: number;
}

export interface PlanTask {
  readonly name: string;
  readonly kind: TaskKind;
  /** Evidence the task produces (its own name in practice). */
  readonly output: string;
  /** Tables referenced by the optimized plan (lineage). */
  readonly inputs: readonly string[];
  /** `inputs` followed by the task's scan-unit task names. */
  readonly sources: readonly string[];
  readonly priority?: number;
  readonly planFingerprint?: string;
  readonly planTaskSignature?: string;
}

export interface EvidenceDataset {
  readonly name: string;
  readonly scanUnitKey?: string;
  readonly scanDatasetName?: string;
  readonly scanDeltaVersion?: number;
  readonly scanCandidateFileCount?: number;
}

/** A bipartite edge: evidence -requires-> task, or task -produces-> evidence. */
export interface DependencyEdge {
  readonly kind: 'requires' | 'produces';
  readonly task: string;
  readonly evidence: string;
  readonly requiredColumns: readonly string[];
  readonly requiredTypes: readonly RequiredType[];
  readonly requiredMetadata: readonly RequiredMetadata[];
  readonly inferred?: boolean;
  readonly planFingerprint?: string;
}

/** A task-to-task dependency with the evidence that justifies it (empty when the source did not say). */
export interface TaskDependency {
  readonly from: string;
  readonly to: string;
  readonly evidence: readonly string[];
}

export interface Schedule {
  readonly runId?: string;
  readonly planSignature?: string;
  readonly reducedPlanSignature?: string;
  readonly taskCount?: number;
  readonly orderedTasks: readonly string[];
  readonly generations: readonly (readonly string[])[];
  readonly criticalPathTasks: readonly string[];
  readonly criticalPathLengthWeighted: number | null;
  readonly taskCosts: Dict<number>;
  readonly bottomLevelCosts: Dict<number>;
  readonly slackByTask: Dict<number> | null;
  readonly taskCentrality: Dict<number> | null;
  readonly taskDominators: Dict<string | null> | null;
  readonly bridgeEdges: readonly (readonly [string, string])[];
  readonly articulationTasks: readonly string[];
  /** Per task, derived from `orderedTasks` and `generations` when not recorded. */
  readonly metadata: Dict<TaskScheduleMetadata>;
}

export interface MissingType {
  readonly column: string;
  readonly dtype: string;
}

export interface EdgeValidation {
  readonly sourceName: string;
  readonly targetTask: string;
  readonly isValid: boolean;
  readonly missingColumns: readonly string[];
  readonly missingTypes: readonly MissingType[];
  readonly missingMetadata: readonly { readonly keyHex: string; readonly valueHex: string }[];
  readonly contractViolations: readonly string[];
  readonly availableColumns: readonly string[];
  readonly availableTypes: readonly JsonValue[];
  readonly availableMetadata: readonly JsonValue[];
}

export interface TaskValidation {
  readonly taskName: string;
  readonly isValid: boolean;
  readonly unsatisfiedEdges: readonly string[];
  readonly contractViolations: readonly string[];
  readonly edgeResults: readonly EdgeValidation[];
}

export interface Validation {
  readonly runId?: string;
  readonly planSignature?: string;
  readonly reducedPlanSignature?: string;
  readonly totalTasks: number;
  readonly validTasks: number;
  readonly invalidTasks: number;
  readonly totalEdges: number;
  readonly validEdges: number;
  readonly invalidEdges: number;
  readonly taskResults: readonly TaskValidation[];
}

export interface DeltaPin {
  readonly datasetName: string;
  readonly version: number | null;
  readonly timestamp: string | null;
  /** Later-variant fields (feature gate, protocol, scan config, ...), as recorded. */
  readonly extra?: Dict<JsonValue>;
}

export interface ScanUnit {
  readonly key: string;
  readonly datasetName: string;
  readonly deltaVersion: number | null;
  readonly deltaTimestamp?: string | null;
  readonly candidateFiles: readonly string[];
  readonly projectedColumns: readonly string[];
  readonly pushedFilters: readonly string[];
  readonly totalFiles?: number;
  readonly candidateFileCount?: number;
  readonly prunedFileCount?: number;
  readonly extra?: Dict<JsonValue>;
}

export interface LineageScan {
  readonly datasetName: string;
  readonly projectedColumns: readonly string[];
  readonly pushedFilters: readonly string[];
}

export interface LineageJoin {
  readonly joinType: string;
  readonly leftKeys: readonly string[];
  readonly rightKeys: readonly string[];
}

export interface Lineage {
  readonly scans: readonly LineageScan[];
  readonly joins: readonly LineageJoin[];
  readonly filters: readonly string[];
  readonly projections: readonly JsonValue[];
  readonly requiredColumnsByDataset: Dict<readonly string[]>;
  readonly requiredUdfs: readonly string[];
  readonly requiredRewriteTags: readonly string[];
  readonly referencedTables: readonly string[];
  /** The decoded payload, for keys the model does not name (exprs, aggregations, ...). */
  readonly raw: JsonValue;
}

/** Per view: the DataFusion plan bundle as persisted in a plan-artifacts row. */
export interface ViewPlan {
  readonly viewName: string;
  readonly eventKind: string;
  readonly eventTimeUnixMs?: number;
  readonly profileName?: string | null;
  readonly planFingerprint: string;
  readonly planIdentityHash?: string;
  readonly udfSnapshotHash?: string;
  readonly functionRegistryHash?: string;
  readonly dfSettings: Dict<string>;
  readonly rewriteTags: readonly string[];
  readonly domainPlannerNames: readonly string[];
  readonly requiredUdfs: readonly string[];
  readonly requiredRewriteTags: readonly string[];
  readonly deltaInputs: readonly DeltaPin[];
  readonly scanKeys: readonly string[];
  readonly scanUnits: readonly ScanUnit[];
  readonly lineage?: Lineage;
  readonly planDetails?: JsonValue;
  readonly displays: {
    readonly logicalPlan?: string;
    readonly optimizedPlan?: string;
    readonly graphviz?: string;
    readonly pgjson?: string;
    readonly executionPlan?: string;
  };
  readonly hashes: Dict<string>;
  readonly udfCompatibilityOk?: boolean;
  /** Other decoded columns (udf snapshot, planning env, plan signals, ...), keyed by column name. */
  readonly other: Dict<JsonValue>;
}

export interface RuntimeIdentity {
  readonly sessionRuntimeHash?: string;
  readonly runtimeProfileName?: string;
  readonly runtimeProfileHash?: string;
  readonly udfSnapshotHash?: string;
  readonly rewriteTags: readonly string[];
  readonly domainPlannerNames: readonly string[];
  readonly settings: Dict<string>;
}

export interface TaskFact {
  readonly taskName: string;
  readonly bottomLevelCost: number;
  readonly onCriticalPath: boolean;
  readonly generationIndex: number | null;
  readonly scheduleIndex: number | null;
  readonly extra?: Dict<JsonValue>;
}

export interface SubmissionEvent {
  readonly name: 'hamilton_task_submission_v1';
  readonly runId: string;
  readonly taskId: string;
  readonly purpose: string;
  readonly planSignature: string;
  readonly reducedPlanSignature: string;
  readonly planTaskCount: number;
  readonly executionTaskNames: readonly string[];
  readonly admittedTasks: readonly string[];
  readonly rejectedTasks: readonly string[];
  readonly unknownTasks: readonly string[];
  readonly criticalPathTasks: readonly string[];
  readonly taskFacts: readonly TaskFact[];
  readonly reductionEdgeCount: number;
  readonly reductionRemovedEdgeCount: number;
}

export interface GroupingEvent {
  readonly name: 'hamilton_task_grouping_v1';
  readonly runId: string;
  readonly planSignature: string;
  readonly reducedPlanSignature: string;
  readonly taskIds: readonly string[];
  readonly taskCount: number;
}

export interface ExpansionEvent {
  readonly name: 'hamilton_task_expansion_v1';
  readonly runId: string;
  readonly planSignature: string;
  readonly taskId: string;
  readonly parameterKeys: readonly string[];
  readonly parameterCount: number;
}

export interface RoutingEvent {
  readonly name: 'hamilton_task_routing_v1';
  readonly runId: string | null;
  readonly taskId: string | null;
  readonly taskName: string | null;
  readonly taskKind: string | null;
  readonly taskCost: number | null;
  readonly costThreshold: number | null;
  readonly executor: string;
  readonly eventTimeUnixMs: number | null;
}

export type RunEvent = SubmissionEvent | GroupingEvent | ExpansionEvent | RoutingEvent;

/** `hamilton_plan_drift_v1`, recorded by the pipeline or computed by Plan Lens from the events. */
export interface PlanDrift {
  readonly runId: string;
  readonly planSignature: string;
  readonly reducedPlanSignature: string;
  readonly planTaskCount: number;
  readonly admittedTaskCount: number;
  readonly admittedTaskCoverageRatio: number;
  readonly missingAdmittedTasks: readonly string[];
  readonly unexpectedAdmittedTasks: readonly string[];
  readonly planGenerationCount: number;
  readonly planGenerations: readonly number[];
  readonly admittedGenerationCount: number;
  readonly admittedGenerations: readonly number[];
  readonly missingGenerations: readonly number[];
  readonly submissionEventCount: number;
  readonly groupingEventCount: number;
  readonly expansionEventCount: number;
}

export interface ExpectedTasks {
  readonly runId: string;
  readonly planSignature: string;
  readonly taskCount: number;
  readonly tasks: readonly string[];
}

export interface PlanEventCounts {
  readonly runId: string;
  readonly planSignature: string;
  readonly reducedTaskDependencySignature: string;
  readonly eventCounts: Dict<number>;
}

export interface CacheLineageRow {
  readonly runId?: string;
  readonly planSignature?: string;
  readonly nodeName: string;
  readonly semanticId?: string | null;
  readonly taskId: string | null;
  readonly source: string;
  readonly cacheKey: string | null;
  readonly dataVersion: string | null;
  readonly codeVersion: string | null;
  readonly dependenciesDataVersions: Dict<string>;
  readonly eventTypes: readonly string[];
  readonly eventCount: number;
  readonly error: string | null;
}

export interface CacheLineage {
  readonly runId?: string;
  readonly planSignature?: string;
  readonly path?: string;
  readonly recordCount: number;
  readonly errorCount: number;
  readonly logCount: number;
  readonly metadataCount: number;
  readonly rows: readonly CacheLineageRow[];
}

export interface RunOutput {
  readonly name: string;
  readonly path?: string;
  readonly deltaVersion: number | null;
  readonly rows: number | null;
}

export interface RunManifest {
  readonly runId: string;
  readonly status: string;
  readonly eventTimeUnixMs: number | null;
  readonly planSignature: string | null;
  readonly planFingerprints: Dict<string>;
  readonly deltaInputs: readonly DeltaPin[];
  readonly outputs: readonly RunOutput[];
  readonly artifactIds: Dict<string>;
  readonly runtimeProfileName: string | null;
  readonly runtimeProfileHash: string | null;
  readonly determinismTier: string | null;
  readonly outputDir: string | null;
  readonly cachePath: string | null;
  readonly cacheLogGlob: string | null;
  readonly cachePolicyProfile: string | null;
  readonly cacheLogEnabled: boolean | null;
  readonly materializedOutputs: readonly JsonValue[];
}

export interface GenerationGrouping {
  readonly generationIndex: number;
  /** The Hamilton task id that should carry it (`generation_<i>`). */
  readonly taskId: string;
  readonly planTasks: readonly string[];
  /** Tasks the submissions of that id executed; `null` when no submission carried the id. */
  readonly submittedTasks: readonly string[] | null;
  readonly missingTasks: readonly string[];
  readonly extraTasks: readonly string[];
}

export interface DriftDisagreement {
  readonly field: keyof PlanDrift;
  readonly recorded: JsonValue;
  readonly computed: JsonValue;
}

/** Drift computed by Plan Lens from the run's events, and how it compares with the recorded one. */
export interface RunDrift {
  readonly computed: PlanDrift;
  readonly groupings: readonly GenerationGrouping[];
  /** Empty when the recorded drift agrees, or when none was recorded. */
  readonly disagreements: readonly DriftDisagreement[];
}

export interface PlanRun {
  /** The run id the group is known by (the manifest's when there is one). */
  readonly runId: string;
  /** Other run ids joined into this run through the plan signature (hook vs pipeline run ids). */
  readonly aliasRunIds: readonly string[];
  readonly planSignature?: string;
  readonly reducedPlanSignature?: string;
  readonly manifest?: RunManifest;
  readonly events: readonly RunEvent[];
  readonly expectedTasks?: ExpectedTasks;
  readonly eventCounts?: PlanEventCounts;
  readonly recordedDrift?: PlanDrift;
  readonly drift?: RunDrift;
  readonly cacheLineage: readonly CacheLineage[];
  /** The artifacts this run was assembled from. */
  readonly files: readonly string[];
}

/** Where each part of the model came from. */
export interface SourceArtifact {
  readonly file: string;
  readonly kind: string;
  readonly format: 'json' | 'msgpack' | 'jsonl' | 'dot' | 'delta';
}

export interface PlanModel {
  readonly planSignature?: string;
  readonly reducedPlanSignature?: string;
  readonly taskDependencySignature?: string;
  readonly tasks: readonly PlanTask[];
  readonly evidence: readonly EvidenceDataset[];
  readonly edges: readonly DependencyEdge[];
  readonly dependencies: readonly TaskDependency[];
  readonly schedule?: Schedule;
  readonly validation?: Validation;
  readonly views: readonly ViewPlan[];
  readonly runtime?: RuntimeIdentity;
  readonly runs: readonly PlanRun[];
  /** DOT text of the reduced graph, as recorded. */
  readonly dot?: string;
  readonly sources: readonly SourceArtifact[];
}

export function emptyModel(): PlanModel {
  return { tasks: [], evidence: [], edges: [], dependencies: [], views: [], runs: [], sources: [] };
}
