/**
 * Glob patterns over POSIX relative paths, matched by picomatch: `**`, `*`, `?`, `{a,b}` alternatives,
 * character classes (`[a-z]`, negated `[^x]`) and `\` escapes. Its POSIX build detects no OS, so a
 * pattern means the same in every host. Dot files and dot folders match like any name: the pipeline
 * writes under `.artifacts/`. Compiled once per set; matching is O(path length) per pattern.
 */

import picomatch from 'picomatch/posix';

export class GlobSet {
  private readonly test: (path: string) => boolean;

  constructor(readonly patterns: readonly string[]) {
    this.test = patterns.length === 0 ? () => false : picomatch([...patterns], { dot: true });
  }

  matches(relativePath: string): boolean {
    return this.test(relativePath);
  }
}
