/**
 * What the cache log says about one node in one run, folded event by event, and the node's status
 * that follows from it.
 */

import type { CacheLogEvent } from './cacheLog';
import type { CachingBehavior, NodeRunStatus } from './model';

/** Everything the log says about one node in one run. */
export interface NodeEvents {
  readonly nodeName: string;
  loggedBehavior: CachingBehavior | null;
  isInput: boolean;
  inputVersion: string | null;
  isFinalVar: boolean;
  executed: boolean;
  retrieved: boolean;
  storeLookup: boolean;
  resultWritten: boolean;
  failed: boolean;
  resultMissing: boolean;
  cacheKey: string | null;
  adapterDataVersion: string | null;
  resultDataVersion: string | null;
  storeDataVersion: string | null;
}

export function emptyNodeEvents(nodeName: string): NodeEvents {
  return {
    nodeName,
    loggedBehavior: null,
    isInput: false,
    inputVersion: null,
    isFinalVar: false,
    executed: false,
    retrieved: false,
    storeLookup: false,
    resultWritten: false,
    failed: false,
    resultMissing: false,
    cacheKey: null,
    adapterDataVersion: null,
    resultDataVersion: null,
    storeDataVersion: null,
  };
}

const BEHAVIORS: readonly CachingBehavior[] = ['DEFAULT', 'RECOMPUTE', 'DISABLE', 'IGNORE'];

function parseBehavior(value: string | null): CachingBehavior | null {
  const name = value?.replace(/^CachingBehavior\./, '').toUpperCase();
  return BEHAVIORS.find((b) => b === name) ?? null;
}

export function applyEvent(n: NodeEvents, e: CacheLogEvent): void {
  switch (`${e.actor}/${e.eventType}`) {
    case 'adapter/resolve_behavior':
      n.loggedBehavior = parseBehavior(e.value);
      break;
    case 'adapter/is_input':
      n.isInput = true;
      n.inputVersion = e.value;
      break;
    case 'adapter/is_final_var':
      n.isFinalVar = true;
      break;
    case 'adapter/execute_node':
      n.executed = true;
      break;
    case 'adapter/failed_execution':
      n.failed = true;
      break;
    case 'adapter/set_cache_key':
      if (e.value !== null) n.cacheKey = e.value;
      break;
    case 'adapter/get_cache_key':
      if (e.value !== null && n.cacheKey === null) n.cacheKey = e.value;
      break;
    case 'adapter/set_data_version':
      if (e.value !== null) n.adapterDataVersion = e.value;
      break;
    case 'metadata_store/get_data_version':
      n.storeLookup = true;
      break;
    case 'metadata_store/set_data_version':
      if (e.value !== null) n.storeDataVersion = e.value;
      break;
    case 'result_store/get_result':
      n.retrieved = true;
      if (e.value !== null) n.resultDataVersion = e.value;
      break;
    case 'result_store/set_result':
      n.resultWritten = true;
      if (e.value !== null) n.resultDataVersion = e.value;
      break;
    default:
      if (e.eventType === 'missing_result' || e.eventType === 'failed_retrieval') n.resultMissing = true;
  }
}

export function statusOf(ev: NodeEvents, behavior: CachingBehavior | null): NodeRunStatus {
  if (ev.isInput) return 'input';
  if (ev.failed) return 'failed';
  if (ev.executed) {
    switch (behavior) {
      case 'IGNORE':
        return 'ignored';
      case 'DISABLE':
        return 'disabled';
      case 'RECOMPUTE':
        return 'recomputed';
      default:
        return 'executed';
    }
  }
  return ev.retrieved ? 'hit' : 'not-executed';
}
