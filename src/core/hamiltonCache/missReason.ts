/**
 * Why a node missed the cache: its key against its key in the previous run that had one (code version,
 * changed or disabled dependencies).
 */

import type { CacheNodeRun, CacheReason, DependencyChange } from './model';

/** A node's key in its previous run: what a miss is explained against. */
export interface PriorKey {
  readonly cacheKey: string;
  readonly codeVersion: string;
  readonly dependencies: Readonly<Record<string, string>>;
}

export function priorOf(node: CacheNodeRun): PriorKey | undefined {
  if (node.cacheKey === null || node.codeVersion === null || node.dependencies === null) return undefined;
  return { cacheKey: node.cacheKey, codeVersion: node.codeVersion, dependencies: node.dependencies };
}

/** Why a node missed the cache, from its previous key (none: a cold cache). */
export function missReason(prior: PriorKey | undefined, codeVersion: string | null, deps: Readonly<Record<string, string>> | null): CacheReason {
  if (prior === undefined || codeVersion === null || deps === null) return { kind: 'no-prior-entry' };
  const changed = diffDependencies(prior.dependencies, deps);
  if (prior.codeVersion !== codeVersion) return { kind: 'code-version-changed', previousCodeVersion: prior.codeVersion, changedDependencies: changed };
  const disabled = changed.filter((c) => c.after?.startsWith('<disable>_') === true).map((c) => c.name);
  if (disabled.length > 0) return { kind: 'disabled-dependency', dependencies: disabled, changedDependencies: changed };
  if (changed.length > 0) return { kind: 'dependency-changed', changedDependencies: changed };
  return { kind: 'unexplained-miss' };
}

export function diffDependencies(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): DependencyChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: DependencyChange[] = [];
  for (const name of names) {
    const b = Object.hasOwn(before, name) ? before[name] : null;
    const a = Object.hasOwn(after, name) ? after[name] : null;
    if (a !== b) out.push({ name, before: b, after: a });
  }
  return out;
}

export function disabledOf(deps: Readonly<Record<string, string>> | null): string[] {
  return deps === null ? [] : Object.keys(deps).filter((k) => deps[k].startsWith('<disable>_'));
}
