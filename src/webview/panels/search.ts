/**
 * Search over the plan's tasks by name, kind and Delta dataset. Pure (no DOM). The lowercase names and the
 * order results come in are computed once per payload (`searchIndexOf`), so a query over 100k tasks is a
 * single pass of `includes` over precomputed strings, a few milliseconds.
 *
 * Query language, case-insensitive, terms separated by white space, every term must match (AND):
 *   - `word`         the name or the dataset contains it, or a kind is exactly it (`scan`, `view`);
 *   - `name:word`    the name contains it;
 *   - `kind:word`    the kind is it; a prefix while it is incomplete (`kind:sc`) matches the kinds it starts;
 *   - `dataset:word` (or `ds:word`) the task scans a dataset whose name contains it.
 *
 * Order of results: by generation, then by name (code point order), then by index. That is the order of
 * the drawing (generations are columns left to right), so "next match" sweeps across the graph instead of
 * jumping about, and it does not depend on positions that ELK refinement changes. The critical path is not
 * put first: it would make next/previous jump back and forth; instead `bestMatch` picks where to start
 * (an exact name first), so typing a task's full name lands on that task whatever its place in the sweep.
 */

import type { GraphArrays, GraphMeta } from '../../protocol/graphPayload';
import { compareCodePoints } from '../../core/text/compareCodePoints';

export interface SearchIndex {
  readonly taskCount: number;
  /** Lowercase name of each task. */
  readonly names: readonly string[];
  readonly kinds: readonly string[];
  readonly datasets: readonly string[];
  readonly kind: Uint8Array;
  readonly dataset: Int32Array;
  /** Every task in result order (generation, name, index); sorted on first use. */
  readonly order: Uint32Array;
}

/**
 * The index for one payload. Cheap to make (lowercasing 100k names is a few ms); the result order is a
 * sort of every task (~100 ms at 100k) and is made on the first search, not while the graph first paints.
 */
export function searchIndexOf(meta: Pick<GraphMeta, 'kinds' | 'datasets'>, arrays: Pick<GraphArrays, 'names' | 'generation' | 'kind' | 'dataset'>): SearchIndex {
  const original = arrays.names;
  const g = arrays.generation;
  let order: Uint32Array | undefined;
  return {
    taskCount: original.length,
    names: original.map((s) => s.toLowerCase()),
    kinds: meta.kinds.map((k) => k.toLowerCase()),
    datasets: meta.datasets.map((d) => d.toLowerCase()),
    kind: arrays.kind,
    dataset: arrays.dataset,
    get order(): Uint32Array {
      if (order === undefined) {
        // Sort a plain index array (typed-array sort with a comparator is no faster), compare names as the
        // rest of Plan Lens orders them: by code point.
        const sorted = Array.from({ length: original.length }, (_, i) => i).sort((a, b) => g[a] - g[b] || compareCodePoints(original[a], original[b]) || a - b);
        order = Uint32Array.from(sorted);
      }
      return order;
    },
  };
}

type Field = 'any' | 'name' | 'kind' | 'dataset';

interface Term {
  readonly field: Field;
  readonly text: string;
}

const prefixes: Readonly<Record<string, Field>> = { 'name:': 'name', 'kind:': 'kind', 'dataset:': 'dataset', 'ds:': 'dataset' };

/** The query's terms; a bare qualifier with nothing after it (`kind:` while typing) is left out. */
export function parseQuery(query: string): Term[] {
  const terms: Term[] = [];
  for (const raw of query.toLowerCase().split(/\s+/)) {
    if (raw === '') continue;
    const colon = raw.indexOf(':');
    const field = colon > 0 ? prefixes[raw.slice(0, colon + 1)] : undefined;
    if (field === undefined) terms.push({ field: 'any', text: raw });
    else if (raw.length > colon + 1) terms.push({ field, text: raw.slice(colon + 1) });
  }
  return terms;
}

/** Which kinds a term matches: exactly equal; for `kind:` with no exact kind, those it is a prefix of. */
function kindMask(index: SearchIndex, term: Term): Uint8Array {
  const mask = new Uint8Array(Math.max(index.kinds.length, 1));
  if (term.field !== 'any' && term.field !== 'kind') return mask;
  let exact = false;
  index.kinds.forEach((k, i) => {
    if (k === term.text) {
      mask[i] = 1;
      exact = true;
    }
  });
  if (!exact && term.field === 'kind') index.kinds.forEach((k, i) => (mask[i] = k.startsWith(term.text) ? 1 : 0));
  return mask;
}

function datasetMask(index: SearchIndex, term: Term): Uint8Array {
  const mask = new Uint8Array(Math.max(index.datasets.length, 1));
  if (term.field === 'any' || term.field === 'dataset') index.datasets.forEach((d, i) => (mask[i] = d.includes(term.text) ? 1 : 0));
  return mask;
}

/**
 * The tasks that match every term of `query`, in result order (see the module comment); empty for an
 * empty query. Kinds and datasets are matched once per distinct value, names once per task.
 */
export function searchTasks(index: SearchIndex, query: string): Uint32Array {
  const terms = parseQuery(query);
  if (terms.length === 0) return new Uint32Array(0);
  const compiled = terms.map((term) => ({ term, kinds: kindMask(index, term), datasets: datasetMask(index, term), byName: term.field === 'any' || term.field === 'name' }));
  const out: number[] = [];
  const { order, names, kind, dataset } = index;
  for (let i = 0; i < order.length; i++) {
    const v = order[i];
    let all = true;
    for (const c of compiled) {
      const d = dataset[v];
      if (c.kinds[kind[v]] === 1 || (d >= 0 && c.datasets[d] === 1) || (c.byName && names[v].includes(c.term.text))) continue;
      all = false;
      break;
    }
    if (all) out.push(v);
  }
  return Uint32Array.from(out);
}

/**
 * Where in `matches` to start: the first task whose whole name is the query, else the first whose name
 * starts with it, else the first match (0; -1 when there are none). Only for a one-word, unqualified
 * query: with qualifiers the user is filtering, not naming a task.
 */
export function bestMatch(index: SearchIndex, matches: Uint32Array, query: string): number {
  if (matches.length === 0) return -1;
  const terms = parseQuery(query);
  if (terms.length !== 1 || terms[0].field === 'kind' || terms[0].field === 'dataset') return 0;
  const text = terms[0].text;
  let prefix = -1;
  for (let i = 0; i < matches.length; i++) {
    const name = index.names[matches[i]];
    if (name === text) return i;
    if (prefix < 0 && name.startsWith(text)) prefix = i;
  }
  return prefix < 0 ? 0 : prefix;
}
