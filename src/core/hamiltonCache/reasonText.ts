/** One readable sentence per cache reason, for the CLI summary, tooltips and the JSON output. */

import type { CacheReason, DependencyChange } from './model';

function changes(list: readonly DependencyChange[]): string {
  return list
    .map((c) => (c.before === null ? `dependency '${c.name}' added` : c.after === null ? `dependency '${c.name}' removed` : `data_version of dependency '${c.name}' changed`))
    .join('; ');
}

export function reasonText(r: CacheReason): string {
  switch (r.kind) {
    case 'cache-hit':
      return `cache hit: identical cache_key already in the metadata store${r.writtenByRunIndex === null ? '' : ` (written by run ${r.writtenByRunIndex})`}`;
    case 'no-prior-entry':
      return 'cache miss: no earlier entry for this node (cold cache)';
    case 'code-version-changed':
      return `cache miss: code_version changed${r.changedDependencies.length > 0 ? `; ${changes(r.changedDependencies)}` : ''}`;
    case 'dependency-changed':
      return `cache miss: ${changes(r.changedDependencies)}`;
    case 'disabled-dependency':
      return `cache miss: ${r.dependencies.map((d) => `dependency '${d}' is DISABLE (a fresh '<disable>_<uuid>' in the key every run)`).join('; ')}`;
    case 'result-missing':
      return 'cache miss: the key was known but its result could not be retrieved';
    case 'unexplained-miss':
      return 'cache miss: same code_version and dependency data_versions as the previous run';
    case 'recompute-policy':
      return 'behavior RECOMPUTE: executed on every run by policy (e.g. loaders with default_loader_behavior="recompute"); result versioned and stored';
    case 'ignore-policy':
      return "behavior IGNORE: always executed; consumers' keys see '<ignore>'; stored under a NULL cache_key (absent from get_run)";
    case 'disable-policy':
      return 'behavior DISABLE: executed without caching; no cache_key, nothing stored';
    case 'execution-failed':
      return 'execution failed';
    case 'driver-input':
      return 'driver input: versioned by hashing its value; not stored in the metadata store';
    case 'not-executed':
      return 'not executed in this run (e.g. an optional input left at its default, versioned inline in consumers\' keys)';
    case 'store-only':
      return `written to the metadata store in this run (no cache log for it: behavior and hits unknown); ${
        r.previous === 'no-prior-entry'
          ? 'no earlier entry for this node'
          : r.previous === 'same-key'
            ? 'same key as its previous entry'
            : r.previous === 'code-version-changed'
              ? 'code_version changed since its previous entry'
              : 'a dependency data_version changed since its previous entry'
      }`;
  }
}
