/**
 * Artifact reading at plan scale: a plan_schedule_v1 envelope of N tasks as JSON and as msgpack, read by
 * Plan Lens (decode + checks + typed model) against the bare decoders on the same bytes (JSON.parse,
 * @msgpack/msgpack decode), and a whole generated sample workspace joined into the model.
 */

import { decode, encode } from '@msgpack/msgpack';
import { readArtifactBytes } from '../../src/core/artifacts/readArtifact';
import { loadPlanInput } from '../../src/core/load/loadPlanInput';
import { generateSample } from '../../src/core/sample/generateSample';
import type { DirectoryEntry, FileStat, FileSystem } from '../../src/core/fs/fileSystem';
import { formatMs, medianMs, type BenchSuite, type BenchTable } from '../harness';

function schedulePayload(n: number): Record<string, unknown> {
  const names = Array.from({ length: n }, (_, i) => `task_${String(i).padStart(6, '0')}_v1`);
  const gens: string[][] = [];
  for (let i = 0; i < n; i += 100) gens.push(names.slice(i, i + 100));
  const costs = Object.fromEntries(names.map((t, i) => [t, 1 + (i % 7) * 0.5]));
  return { kind: 'plan_schedule', payload: { run_id: 'r', plan_signature: 'p', reduced_plan_signature: 'rp', task_count: n, ordered_tasks: names, generations: gens, critical_path_tasks: names.slice(0, 50), critical_path_length_weighted: 123.5, task_costs: costs, bottom_level_costs: costs, slack_by_task: costs } };
}

function memoryFs(files: Map<string, Uint8Array>): FileSystem {
  return {
    readFile: async (p) => files.get(p) as Uint8Array,
    stat: async (p): Promise<FileStat | undefined> => {
      const b = files.get(p);
      if (b !== undefined) return { type: 'file', size: b.byteLength, mtime: 0 };
      const prefix = p + '/';
      for (const k of files.keys()) if (k.startsWith(prefix)) return { type: 'directory', size: 0, mtime: 0 };
      return undefined;
    },
    readDirectory: async (p): Promise<readonly DirectoryEntry[]> => {
      const prefix = p + '/';
      const out = new Map<string, DirectoryEntry['type']>();
      for (const k of files.keys()) {
        if (!k.startsWith(prefix)) continue;
        const rest = k.slice(prefix.length);
        const i = rest.indexOf('/');
        out.set(i < 0 ? rest : rest.slice(0, i), i < 0 ? 'file' : 'directory');
      }
      return [...out].map(([name, type]) => ({ name, type }));
    },
  };
}

export const suite: BenchSuite = {
  name: 'artifacts',
  async run({ quick }) {
    const runs = quick ? 3 : 7;
    const rows = [];
    for (const n of quick ? [10_000] : [10_000, 100_000]) {
      const value = schedulePayload(n);
      const json = new TextEncoder().encode(JSON.stringify(value));
      const mp = encode(value);
      const jsonBase = await medianMs(runs, () => JSON.parse(new TextDecoder().decode(json)));
      const jsonOurs = await medianMs(runs, () => readArtifactBytes(json, 'plan_schedule_v1.json'));
      const mpBase = await medianMs(runs, () => decode(mp));
      const mpOurs = await medianMs(runs, () => readArtifactBytes(mp, 'plan_schedule_v1.msgpack'));
      rows.push({ tasks: n, 'JSON MB': (json.byteLength / 1e6).toFixed(1), 'JSON.parse': formatMs(jsonBase), 'Plan Lens JSON': formatMs(jsonOurs), 'JSON ratio': (jsonOurs / jsonBase).toFixed(1), 'msgpack decode': formatMs(mpBase), 'Plan Lens msgpack': formatMs(mpOurs), 'msgpack ratio': (mpOurs / mpBase).toFixed(1) });
    }
    const schedule: BenchTable = {
      title: 'plan_schedule_v1 envelope: Plan Lens reader vs the bare decoder on the same bytes',
      columns: ['tasks', 'JSON MB', 'JSON.parse', 'Plan Lens JSON', 'JSON ratio', 'msgpack decode', 'Plan Lens msgpack', 'msgpack ratio'],
      rows,
      notes: ['Plan Lens adds the duplicate-key/depth scan, typed field checks, null-prototype maps and schedule metadata.'],
    };
    const files = new Map<string, Uint8Array>();
    const tasks = quick ? 200 : 1000;
    for (const f of generateSample({ tasks, runs: 2, seed: 1 })) files.set(`/ws/${f.path}`, f.bytes);
    const fs = memoryFs(files);
    const total = [...files.values()].reduce((s, b) => s + b.byteLength, 0);
    const load = await medianMs(quick ? 1 : 3, () => loadPlanInput(fs, '/ws'));
    const workspace: BenchTable = {
      title: 'A generated workspace (node-link, schedule, validation, Delta tables, runs) joined into the model',
      columns: ['tasks', 'files', 'MB', 'loadPlanInput'],
      rows: [{ tasks, files: files.size, MB: (total / 1e6).toFixed(1), loadPlanInput: formatMs(load) }],
    };
    return [schedule, workspace];
  },
};
