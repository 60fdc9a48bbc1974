/**
 * Synthetic pipeline-shaped plans in the pipeline's node-link form (artifact-formats.md §2.3), for property
 * tests, oracle tests and the benchmark. The shape follows perf-anchors.md: about 12 % scan tasks in the
 * first layer, views in 8-40 layers, fan-in 1-4 mostly from the previous layer, some long skips, and about
 * 35 % of views with a redundant shortcut from an ancestor 2-5 hops up, so the reduction has work to do.
 */

export interface RandomPlanOptions {
  readonly tasks: number;
  readonly seed: number;
  /** Number of view layers; chosen from 8-40 by the seed when absent. */
  readonly layers?: number;
  /** Give some tasks priorities other than the pipeline's 10/100, to vary the weights. */
  readonly variedPriorities?: boolean;
  /**
   * Fill the link fields a real pipeline fills (a plan fingerprint per link; required columns and their
   * types on requires links) instead of leaving them empty: about 1.5x the bytes.
   */
  readonly filledLinks?: boolean;
}

/** mulberry32: a seedable generator, so every plan is reproducible from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface PlanTask {
  name: string;
  kind: 'scan' | 'view';
  priority: number;
  sources: number[];
}

/** Python's json.dumps of a list of strings, with its default ", " separator and ASCII escaping. */
export function pyList(items: readonly string[]): string {
  return '[' + items.map((s) => JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))).join(', ') + ']';
}

export function randomPlanTasks(options: RandomPlanOptions): { tasks: PlanTask[]; rawDatasets: string[] } {
  const random = seededRandom(options.seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const n = Math.max(1, options.tasks);
  const scans = Math.max(1, Math.round(n * 0.12));
  const layers = options.layers ?? int(8, 40);
  const tasks: PlanTask[] = [];
  const layerOf: number[][] = [[]];
  const hex = (): string => Array.from({ length: 16 }, () => '0123456789abcdef'[int(0, 15)]).join('');
  for (let i = 0; i < scans; i++) {
    tasks.push({ name: `scan_unit_${hex()}`, kind: 'scan', priority: 10, sources: [] });
    layerOf[0].push(tasks.length - 1);
  }
  const views = n - scans;
  for (let l = 1; l <= layers; l++) layerOf.push([]);
  for (let i = 0; i < views; i++) {
    const layer = 1 + Math.min(layers - 1, Math.floor((i / Math.max(views, 1)) * layers));
    const index = tasks.length;
    const sources = new Set<number>();
    const fanIn = int(1, 4);
    for (let f = 0; f < fanIn; f++) {
      // Mostly the previous layer; sometimes a long skip to any earlier layer.
      const from = random() < 0.8 || layer === 1 ? layer - 1 : int(0, layer - 1);
      const candidates = layerOf[from].length > 0 ? layerOf[from] : layerOf[0];
      sources.add(candidates[int(0, candidates.length - 1)]);
    }
    if (random() < 0.35) {
      // A redundant shortcut: an ancestor 2-5 hops above one of the sources.
      let a = [...sources][0];
      const hops = int(2, 5);
      for (let h = 1; h < hops && tasks[a].sources.length > 0; h++) a = tasks[a].sources[int(0, tasks[a].sources.length - 1)];
      if (a !== [...sources][0]) sources.add(a);
    }
    const priority = options.variedPriorities ? int(0, 5) * 20 + (random() < 0.1 ? 0 : 1) : 100;
    tasks.push({ name: `view_${layer}_${i}_${hex().slice(0, 6)}`, kind: 'view', priority, sources: [...sources] });
    layerOf[layer].push(index);
  }
  return { tasks, rawDatasets: ['repo_files_v1', 'file_line_index_raw'] };
}

const COLUMNS = ['file_id', 'path', 'line', 'col', 'kind', 'name', 'symbol', 'span_start', 'span_end', 'repo'];
const TYPES = ['string', 'int64', 'int32', 'bool', 'large_string'];

/** What a pipeline fills into a link: a fingerprint per link, columns and types on requires links. */
function filledLinkFields(link: number, kind: 'requires' | 'produces', random: () => number): Record<string, string> {
  const fingerprint = Array.from({ length: 8 }, () => Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0')).join('');
  if (kind === 'produces') return { plan_fingerprint: fingerprint, required_columns: '[]', required_types: '[]' };
  // Links into one dataset mostly ask for the same few columns, as views of one table do.
  const start = link % 3;
  const columns = COLUMNS.slice(start, start + 1 + (link % 4));
  return {
    plan_fingerprint: fingerprint,
    required_columns: pyList(columns),
    required_types: '[' + columns.map((c, i) => `{"name": ${JSON.stringify(c)}, "type": ${JSON.stringify(TYPES[(c.length + i) % TYPES.length])}}`).join(', ') + ']',
  };
}

/** The node-link JSON text the pipeline would write for a random plan (compact, sorted data keys). */
export function randomNodeLinkText(options: RandomPlanOptions): string {
  const fill = options.filledLinks === true ? seededRandom(options.seed ^ 0x5bd1e995) : undefined;
  const { tasks, rawDatasets } = randomPlanTasks(options);
  const evidenceNames = [...new Set([...tasks.map((t) => t.name), ...rawDatasets])].sort();
  const taskNames = tasks.map((t, i) => ({ t, i })).sort((a, b) => (a.t.name < b.t.name ? -1 : a.t.name > b.t.name ? 1 : 0));
  const evidenceId = new Map(evidenceNames.map((name, i) => [name, i]));
  const taskId = new Map(taskNames.map(({ i }, k) => [i, evidenceNames.length + k]));
  const nodes: unknown[] = evidenceNames.map((name, id) => ({ id, data: { kind: 'evidence', name } }));
  const links: unknown[] = [];
  for (const { t, i } of taskNames) {
    const sources = t.sources.map((s) => tasks[s].name);
    if (t.kind === 'view' && rawDatasets.length > 0 && i % 7 === 0) sources.push(rawDatasets[i % rawDatasets.length]);
    sources.sort();
    nodes.push({
      id: taskId.get(i),
      data: { inputs: pyList(sources), kind: 'task', name: t.name, output: t.name, priority: String(t.priority), sources: pyList(sources), task_kind: t.kind },
    });
    for (const s of sources) {
      const filled = fill === undefined ? {} : filledLinkFields(links.length, 'requires', fill);
      links.push({ source: evidenceId.get(s), target: taskId.get(i), id: links.length, data: { inferred: 'true', kind: 'requires', name: s, plan_fingerprint: '', required_columns: '[]', required_metadata: '[]', required_types: '[]', ...filled } });
    }
    const filled = fill === undefined ? {} : filledLinkFields(links.length, 'produces', fill);
    links.push({ source: taskId.get(i), target: evidenceId.get(t.name), id: links.length, data: { inferred: 'true', kind: 'produces', name: t.name, plan_fingerprint: '', required_columns: '[]', required_metadata: '[]', required_types: '[]', ...filled } });
  }
  return JSON.stringify({ directed: true, multigraph: false, attrs: { label: 'relspec' }, nodes, links });
}

/**
 * A hub: one scan whose output `views` views read, and a lone scan nothing reads. A focus on the hub holds
 * every view, so it stands for the hub scans of large plans that feed thousands of tasks.
 */
export function hubNodeLinkText(views: number): string {
  const names = ['hub_scan', ...Array.from({ length: views }, (_, i) => `view_${String(i).padStart(5, '0')}`), 'lone_scan'];
  const nodes: unknown[] = names.map((name, id) => ({ id, data: { kind: 'evidence', name } }));
  const links: unknown[] = [];
  const link = (source: number, target: number, kind: string, name: string): void => {
    links.push({ source, target, id: links.length, data: { inferred: 'true', kind, name, plan_fingerprint: '', required_columns: '[]', required_metadata: '[]', required_types: '[]' } });
  };
  names.forEach((name, i) => {
    const id = names.length + i;
    const scan = name.endsWith('_scan');
    const sources = scan ? [] : ['hub_scan'];
    nodes.push({ id, data: { inputs: pyList(sources), kind: 'task', name, output: name, priority: scan ? '10' : '100', sources: pyList(sources), task_kind: scan ? 'scan' : 'view' } });
    if (!scan) link(0, id, 'requires', 'hub_scan');
    link(id, i, 'produces', name);
  });
  return JSON.stringify({ directed: true, multigraph: false, attrs: { label: 'relspec' }, nodes, links });
}
