/**
 * The keys the node-link fast path knows, and the hash table that finds one while the tokenizer scans it,
 * so reading a key allocates nothing.
 */

// Every key the fast path knows, in one table: the tokenizer finds a key by a hash computed while it
// scans, then compares it in place, so reading a key allocates nothing.
export const KEYS = [
  'directed', 'multigraph', 'attrs', 'nodes', 'links',
  'id', 'data', 'source', 'target',
  'kind', 'name', 'output', 'task_kind', 'priority', 'inputs', 'sources',
  'scan_unit_key', 'scan_dataset_name', 'scan_delta_version', 'scan_candidate_file_count',
  'inferred', 'plan_fingerprint', 'required_columns', 'required_types', 'required_metadata',
] as const;
export type Key = (typeof KEYS)[number];
export const K = Object.fromEntries(KEYS.map((k, i) => [k, i])) as Record<Key, number>;
export const UNKNOWN_KEY = -1;

/** The hash the key scanner computes as it goes; KEY_TABLE maps it (mod its size) to a key index + 1. */
export function keyHash(hash: number, c: number): number {
  return (Math.imul(hash, 31) + c) | 0;
}
export const KEY_TABLE_BITS = 10;
export const KEY_TABLE = new Int8Array(1 << KEY_TABLE_BITS);
for (const [index, key] of KEYS.entries()) {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = keyHash(h, key.charCodeAt(i));
  const slot = h & ((1 << KEY_TABLE_BITS) - 1);
  // Checked once at load: the table is sized so that the known keys never share a slot.
  if (KEY_TABLE[slot] !== 0) throw new Error(`node-link key table: "${key}" collides`);
  KEY_TABLE[slot] = index + 1;
}
