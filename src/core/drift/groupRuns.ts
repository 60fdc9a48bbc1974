/**
 * Groups run-time artifacts into runs. Records are first grouped by `run_id`; then, because the Hamilton
 * hooks see Hamilton's own run id while manifests and run bundles use the pipeline's (§8.2), a group
 * without a manifest is joined to the one manifest group with the same `plan_signature`. When several
 * manifests share the signature the join would be a guess, so the groups stay apart and an info issue
 * says why. O(records).
 */

import { issue, type PlanIssue } from '../issues';
import type { CacheLineage, ExpectedTasks, PlanDrift, PlanEventCounts, PlanRun, RunEvent, RunManifest } from '../model/planModel';
import { compareCodePoints } from '../text/compareCodePoints';

export type RunRecord =
  | { readonly kind: 'manifest'; readonly value: RunManifest; readonly file: string }
  | { readonly kind: 'event'; readonly value: RunEvent; readonly file: string }
  | { readonly kind: 'drift'; readonly value: PlanDrift; readonly file: string }
  | { readonly kind: 'expected'; readonly value: ExpectedTasks; readonly file: string }
  | { readonly kind: 'eventCounts'; readonly value: PlanEventCounts; readonly file: string }
  | { readonly kind: 'cacheLineage'; readonly value: CacheLineage; readonly file: string };

interface Group {
  runIds: string[];
  planSignature?: string;
  reducedPlanSignature?: string;
  manifest?: RunManifest;
  events: RunEvent[];
  expectedTasks?: ExpectedTasks;
  eventCounts?: PlanEventCounts;
  recordedDrift?: PlanDrift;
  cacheLineage: CacheLineage[];
  files: Set<string>;
}

function runIdOf(r: RunRecord): string {
  const id = r.value.runId;
  return id === null || id === undefined ? '' : id;
}

function signatureOf(r: RunRecord): { plan?: string; reduced?: string } {
  const v = r.value as { planSignature?: string | null; reducedPlanSignature?: string };
  return { plan: v.planSignature ?? undefined, reduced: v.reducedPlanSignature || undefined };
}

export function groupRuns(records: readonly RunRecord[]): { runs: PlanRun[]; issues: PlanIssue[] } {
  const issues: PlanIssue[] = [];
  const groups = new Map<string, Group>();
  for (const r of records) {
    const id = runIdOf(r);
    let g = groups.get(id);
    if (g === undefined) {
      g = { runIds: [id], events: [], cacheLineage: [], files: new Set() };
      groups.set(id, g);
    }
    g.files.add(r.file);
    const sig = signatureOf(r);
    if (sig.plan !== undefined && sig.plan !== '') {
      if (g.planSignature !== undefined && g.planSignature !== sig.plan)
        issues.push(issue('warning', 'run-signature-conflict', `run "${id}" has records for two plan signatures ("${g.planSignature}" and "${sig.plan}")`, { file: r.file }));
      g.planSignature ??= sig.plan;
    }
    if (sig.reduced !== undefined) g.reducedPlanSignature ??= sig.reduced;
    switch (r.kind) {
      case 'manifest':
        if (g.manifest !== undefined) issues.push(issue('warning', 'duplicate-record', `run "${id}" has two run manifests; the later one is used`, { file: r.file }));
        g.manifest = r.value;
        break;
      case 'event':
        g.events.push(r.value);
        break;
      case 'drift':
        g.recordedDrift = r.value;
        break;
      case 'expected':
        g.expectedTasks = r.value;
        break;
      case 'eventCounts':
        g.eventCounts = r.value;
        break;
      case 'cacheLineage':
        g.cacheLineage.push(r.value);
        break;
    }
  }
  // Join hook groups to the manifest group of the same plan signature.
  const manifestsBySignature = new Map<string, Group[]>();
  for (const g of groups.values()) {
    if (g.manifest !== undefined && g.planSignature !== undefined) manifestsBySignature.set(g.planSignature, [...(manifestsBySignature.get(g.planSignature) ?? []), g]);
  }
  const result: Group[] = [];
  for (const g of groups.values()) {
    if (g.manifest !== undefined || g.planSignature === undefined) {
      result.push(g);
      continue;
    }
    const targets = manifestsBySignature.get(g.planSignature) ?? [];
    if (targets.length !== 1) {
      if (targets.length > 1)
        issues.push(issue('info', 'run-join-ambiguous', `run "${g.runIds[0]}" shares plan signature "${g.planSignature}" with ${targets.length} manifests; kept as its own run`, { file: [...g.files][0] }));
      result.push(g);
      continue;
    }
    const t = targets[0];
    t.runIds.push(...g.runIds);
    t.events.push(...g.events);
    t.cacheLineage.push(...g.cacheLineage);
    t.expectedTasks ??= g.expectedTasks;
    t.eventCounts ??= g.eventCounts;
    t.recordedDrift ??= g.recordedDrift;
    t.reducedPlanSignature ??= g.reducedPlanSignature;
    for (const f of g.files) t.files.add(f);
  }
  const runs = result.map(
    (g): PlanRun => ({
      runId: g.manifest?.runId ?? g.runIds[0],
      aliasRunIds: g.runIds.filter((id) => id !== (g.manifest?.runId ?? g.runIds[0])),
      ...(g.planSignature !== undefined ? { planSignature: g.planSignature } : {}),
      ...(g.reducedPlanSignature !== undefined ? { reducedPlanSignature: g.reducedPlanSignature } : {}),
      ...(g.manifest !== undefined ? { manifest: g.manifest } : {}),
      events: g.events,
      ...(g.expectedTasks !== undefined ? { expectedTasks: g.expectedTasks } : {}),
      ...(g.eventCounts !== undefined ? { eventCounts: g.eventCounts } : {}),
      ...(g.recordedDrift !== undefined ? { recordedDrift: g.recordedDrift } : {}),
      cacheLineage: g.cacheLineage,
      files: [...g.files].sort(compareCodePoints),
    }),
  );
  runs.sort((a, b) => compareCodePoints(a.runId, b.runId));
  return { runs, issues };
}
