import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readArtifactBytes, type ReadArtifact } from '../../../src/core/artifacts/readArtifact';

/** JSON text with keys sorted at every level: equal values give equal text whatever the key order. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]])) : x));
}

export function readText(text: string, file: string): ReadArtifact {
  return readArtifactBytes(new TextEncoder().encode(text), file);
}

export function readGolden(dir: string, name: string): ReadArtifact {
  return readArtifactBytes(readFileSync(path.join(dir, name)), name);
}
