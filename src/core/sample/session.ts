/**
 * The DataFusion session the sample plans in: settings, UDF snapshot, function registry and their hashes
 * (artifact-formats.md §4.1, §5.1). The Arrow-IPC `session_runtime_hash` cannot be computed outside
 * pyarrow, so the sample records an opaque stand-in id for it, as the pipeline's value is opaque anyway.
 */

import { settingsHash } from '../identity/fingerprints';
import { msgpackSha256, sha256Utf8 } from '../identity/hash';
import { sortedStrings, toValue } from '../identity/value';
import type { Plain } from '../json/decodedValue';
import { DF_SETTINGS, DOMAIN_PLANNERS, UDFS } from './vocabulary';

export interface SampleSession {
  readonly dfSettings: Readonly<Record<string, string>>;
  readonly settingsHash: string;
  readonly udfSnapshot: Plain;
  readonly udfSnapshotHash: string;
  readonly functionRegistry: Plain;
  readonly functionRegistryHash: string;
  /** Every rewrite tag of the UDF snapshot (SessionRuntime-wide). */
  readonly rewriteTags: readonly string[];
  readonly domainPlannerNames: readonly string[];
  readonly runtimeHash: string;
  readonly profileName: string;
}

export function buildSession(seed: number): SampleSession {
  const names = (kind: string): string[] => sortedStrings(UDFS.filter((u) => u.kind === kind).map((u) => u.name));
  const perUdf = <T extends Plain>(f: (u: (typeof UDFS)[number]) => T): Record<string, T> => Object.fromEntries(UDFS.map((u) => [u.name, f(u)]));
  const udfSnapshot: Plain = {
    scalar: names('scalar'),
    aggregate: names('aggregate'),
    window: names('window'),
    table: names('table'),
    aliases: {},
    parameter_names: perUdf((u) => (u.kind === 'table' ? ['start', 'stop'] : ['value'])),
    volatility: perUdf(() => 'immutable'),
    rewrite_tags: perUdf((u) => sortedStrings(u.tags)),
    signature_inputs: perUdf((u) => [[u.kind === 'table' ? 'int64' : 'string']]),
    return_types: perUdf((u) => [u.returns]),
    custom_udfs: sortedStrings(UDFS.map((u) => u.name)),
    pycapsule_udfs: [],
  };
  const functionRegistry: Plain = {
    functions: UDFS.map((u) => ({ function_name: u.name, function_type: u.kind, return_type: u.returns, volatility: 'immutable' })),
  };
  return {
    dfSettings: DF_SETTINGS,
    settingsHash: settingsHash(DF_SETTINGS),
    udfSnapshot,
    udfSnapshotHash: msgpackSha256(toValue(udfSnapshot)),
    functionRegistry,
    functionRegistryHash: msgpackSha256(toValue(functionRegistry)),
    rewriteTags: sortedStrings([...new Set(UDFS.flatMap((u) => u.tags))]),
    domainPlannerNames: sortedStrings(DOMAIN_PLANNERS),
    runtimeHash: sha256Utf8(`plan-lens sample session runtime ${seed}`),
    profileName: 'default',
  };
}
