/**
 * Which files are plan files: the one definition that the manifest's `planlens-json` language
 * (`filenamePatterns`, kept equal by test/unit/manifest/manifest.test.ts), the extension's file searches
 * and the default discovery globs (workspace.ts) are built from. Patterns match a file's base name,
 * ignoring case, as the editor matches `filenamePatterns`.
 */

import picomatch from 'picomatch/posix';
import { baseName } from '../fs/fileSystem';

/** The pipeline's rustworkx node-link task graphs: the input of the analysis. */
export const TASK_GRAPH_PATTERNS = ['*task_graph*.json', '*node_link*.json'] as const;

/** The pipeline's schedule and validation envelopes, and Plan Lens bundles. */
export const PLAN_FILE_PATTERNS = [...TASK_GRAPH_PATTERNS, '*plan_schedule*.json', '*plan_validation*.json', '*.planlens.json'] as const;

/** What a run recorded next to its task graph, in the pipeline's JSON or msgpack form. */
const RUN_SIBLING_PATTERNS = {
  schedule: ['*plan_schedule*.{json,msgpack}'],
  drift: ['*plan_drift*.{json,msgpack}'],
  cacheLineage: ['*cache_lineage*.{json,msgpack}'],
} as const;

export type RunSiblingKind = keyof typeof RUN_SIBLING_PATTERNS;

const byName = (patterns: readonly string[]): ((path: string) => boolean) => {
  const test = picomatch([...patterns], { nocase: true, dot: true });
  return (path) => test(baseName(path));
};

export const isPlanFile = byName(PLAN_FILE_PATTERNS);
export const isTaskGraphFile = byName(TASK_GRAPH_PATTERNS);
const siblingTests = Object.entries(RUN_SIBLING_PATTERNS).map(([kind, patterns]) => [kind as RunSiblingKind, byName(patterns)] as const);

/** Which of a run's recorded artifacts the file is, by its name. */
export function runSiblingKind(path: string): RunSiblingKind | undefined {
  return siblingTests.find(([, test]) => test(path))?.[0];
}
