/**
 * What the sample workspace's own files record of each run, read straight from them (plain JSON, no Plan
 * Lens reader): the oracle the trees' answers are checked against. The sample is regenerated as the
 * generator grows (issue 10 makes run 2's plan differ from run 1's), so tests compare with the files
 * rather than with numbers copied from them.
 */

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/corpus';

export const sampleWorkspace = path.join(repoRoot, 'examples', 'workspace');
export const sampleRuns = ['019bfeb2-a0d4-7091-bd2a-d070b6061cb0', '019c03dd-7755-774b-95f8-ecf61ecd55af'] as const;

export interface SampleRunFacts {
  readonly planSignature: string;
  readonly criticalPath: { readonly length: number; readonly tasks: readonly string[] };
  readonly status: string;
  readonly coverage: number;
  readonly missing: readonly string[];
  readonly unexpected: readonly string[];
  readonly cache: { readonly hits: number; readonly misses: number };
}

interface Envelope<T> {
  readonly payload: T;
}

const json = <T>(...parts: string[]): T => JSON.parse(readFileSync(path.join(sampleWorkspace, ...parts), 'utf8')) as T;

export function sampleRunFacts(runId: string): SampleRunFacts {
  const schedule = json<Envelope<{ plan_signature: string; critical_path_length_weighted: number; critical_path_tasks: string[] }>>('.artifacts', 'diagnostics', runId, 'plan_schedule_v1.json').payload;
  const manifest = json<Envelope<{ status: string }>>('build', 'run_bundle', runId, 'run_manifest.json').payload;
  const drift = json<{ admitted_task_coverage_ratio: number; missing_admitted_tasks: string[]; unexpected_admitted_tasks: string[] }>('.artifacts', 'diagnostics', runId, 'hamilton_plan_drift_v1.json');
  const rows = readFileSync(path.join(sampleWorkspace, 'build', 'hamilton_cache', 'lineage', `${runId}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { event_types: string[] });
  return {
    planSignature: schedule.plan_signature,
    criticalPath: { length: schedule.critical_path_length_weighted, tasks: schedule.critical_path_tasks },
    status: manifest.status,
    coverage: drift.admitted_task_coverage_ratio,
    missing: drift.missing_admitted_tasks,
    unexpected: drift.unexpected_admitted_tasks,
    cache: { hits: rows.filter((r) => r.event_types.includes('get_result') && !r.event_types.includes('execute_node')).length, misses: rows.filter((r) => r.event_types.includes('execute_node')).length },
  };
}
