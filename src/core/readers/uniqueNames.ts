/**
 * Duplicate detection for names. rustworkx writes nodes sorted by name, so while each name is greater
 * than the one before no name can repeat and one comparison suffices; the first name out of order
 * switches to a set of every name so far.
 */
export class UniqueNames {
  private last: string | undefined;
  private readonly seen: string[] = [];
  private set: Set<string> | undefined;

  /** False when the name was added before. */
  add(name: string): boolean {
    if (this.set === undefined) {
      if (this.last === undefined || this.last < name) {
        this.last = name;
        this.seen.push(name);
        return true;
      }
      this.set = new Set(this.seen);
    }
    if (this.set.has(name)) return false;
    this.set.add(name);
    return true;
  }
}
