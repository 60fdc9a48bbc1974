/**
 * Benchmark plumbing shared by every suite: wall-clock medians and a plain-text table. Each suite measures
 * its own baseline in the same run (machines here are shared and noisy, so only side-by-side ratios mean
 * anything); nothing here asserts a time.
 */

export interface BenchRow {
  readonly [column: string]: string | number;
}

export interface BenchTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly BenchRow[];
  readonly notes?: readonly string[];
}

export interface BenchSuite {
  readonly name: string;
  run(options: { readonly quick: boolean }): Promise<readonly BenchTable[]>;
}

/** Median wall time in milliseconds of `runs` calls, after one warm-up call. */
export async function medianMs(runs: number, fn: () => unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

export function renderTable(t: BenchTable): string {
  const cells = t.rows.map((r) => t.columns.map((c) => String(r[c] ?? '')));
  const widths = t.columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (vals: readonly string[]): string => '| ' + vals.map((v, i) => v.padEnd(widths[i])).join(' | ') + ' |';
  return [
    `### ${t.title}`,
    '',
    line(t.columns),
    '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|',
    ...cells.map(line),
    ...(t.notes ?? []).map((n) => `- ${n}`),
  ].join('\n');
}
