/**
 * A string table of the graph payload (task kinds, scan datasets, cache statuses): the same value gets
 * the same index. The per-task arrays that point into the kind and cache tables are bytes, so a table has
 * a capacity; past it, further values share the last slot (no plan the pipeline writes comes near it).
 */
export class StringTable {
  readonly values: string[] = [];
  private readonly indexOf = new Map<string, number>();

  constructor(private readonly capacity = Number.MAX_SAFE_INTEGER) {}

  slot(value: string): number {
    let i = this.indexOf.get(value);
    if (i !== undefined) return i;
    if (this.values.length >= this.capacity) return this.capacity - 1;
    i = this.values.push(value) - 1;
    this.indexOf.set(value, i);
    return i;
  }
}
