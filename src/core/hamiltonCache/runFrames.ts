/**
 * The runs of a cache, in order: the metadata store's runs joined with the runs the log names, ordered
 * by their recorded times (the store's `get_run` has no order of its own).
 */

import type { CacheLogEvent } from './cacheLog';
import type { MetadataStore } from './metadataStore';
import { applyEvent, emptyNodeEvents, type NodeEvents } from './nodeEvents';

interface RunFrame {
  readonly runId: string;
  readonly storeId: number | null;
  readonly createdAt: string | null;
  readonly startedAt: number | null;
  readonly nodes: Map<string, NodeEvents>;
}

/**
 * Run order: `run_ids.id` (the store's AUTOINCREMENT) for the runs it knows; runs only the log or only
 * `history` knows are merged in by time, keeping the store's order intact.
 */
export function orderRuns(store: MetadataStore | undefined, events: readonly CacheLogEvent[]): RunFrame[] {
  const byRun = new Map<string, { startedAt: number; nodes: Map<string, NodeEvents> }>();
  for (const e of events) {
    let run = byRun.get(e.runId);
    if (run === undefined) byRun.set(e.runId, (run = { startedAt: e.timestamp, nodes: new Map() }));
    run.startedAt = Math.min(run.startedAt, e.timestamp);
    let node = run.nodes.get(e.nodeName);
    if (node === undefined) run.nodes.set(e.nodeName, (node = emptyNodeEvents(e.nodeName)));
    applyEvent(node, e);
  }
  const frame = (runId: string, storeId: number | null, createdAt: string | null): RunFrame => {
    const logged = byRun.get(runId);
    return { runId, storeId, createdAt, startedAt: logged?.startedAt ?? null, nodes: logged?.nodes ?? new Map() };
  };
  const seen = new Set<string>();
  const stored: RunFrame[] = [];
  for (const r of store?.runIds ?? []) {
    if (seen.has(r.runId)) continue;
    seen.add(r.runId);
    stored.push(frame(r.runId, r.id, r.createdAt));
  }
  const others: RunFrame[] = [];
  for (const h of store?.history ?? []) {
    if (h.runId === null || seen.has(h.runId)) continue;
    seen.add(h.runId);
    others.push(frame(h.runId, null, h.createdAt));
  }
  for (const runId of byRun.keys()) {
    if (seen.has(runId)) continue;
    seen.add(runId);
    others.push(frame(runId, null, null));
  }
  others.sort((a, b) => timeOf(a) - timeOf(b));
  const out: RunFrame[] = [];
  let j = 0;
  for (const s of stored) {
    while (j < others.length && timeOf(others[j]) < timeOf(s)) out.push(others[j++]);
    out.push(s);
  }
  while (j < others.length) out.push(others[j++]);
  return out;
}

function timeOf(f: RunFrame): number {
  if (f.startedAt !== null) return f.startedAt;
  if (f.createdAt !== null) {
    // SQLite CURRENT_TIMESTAMP: 'YYYY-MM-DD HH:MM:SS' in UTC.
    const t = Date.parse(`${f.createdAt.replace(' ', 'T')}Z`);
    if (Number.isFinite(t)) return t / 1000;
  }
  return Number.POSITIVE_INFINITY;
}
