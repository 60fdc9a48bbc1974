/**
 * The add and remove actions of a Parquet checkpoint, read column by column: only the leaf columns the
 * table state uses are decoded (not `stats_parsed`, `clusteringProvider` or other writer extras), from
 * their Dremel levels (tables/parquetLeaves.ts), with no row, list or struct assembly. A 100k-file
 * checkpoint is almost all adds, and hyparquet's row assembly cost several times the decoding.
 *
 * Contract: the actions are exactly those `toAction` gives for the checkpoint's rows, or the answer is
 * `undefined` and the caller reads the rows the general way, which reports what is wrong. It answers
 * `undefined` on anything unusual: a row with two actions, an add or remove without a path or (add) a
 * size, a schema where `add` or `remove` is not an optional struct, an unreadable file. Tested against the
 * row path on every corpus checkpoint and on synthetic ones with partitions, tags, deletion vectors and
 * tombstones.
 */

import type { FileMetaData } from 'hyparquet';
import { readLeafColumns, type LeafColumn } from '../columnar/parquetLeaves';
import { num, type AddFile, type DeletionVectorRef, type DeltaAction, type RemoveFile } from './actions';

type Kind = 'add' | 'remove';
const DV_FIELDS = ['storageType', 'pathOrInlineDv', 'offset', 'sizeInBytes', 'cardinality'] as const;
type DvField = (typeof DV_FIELDS)[number];

/** The leaves read, by dotted path. A map's keys and values are the leaves of `<map>.key_value`. */
export const CHECKPOINT_LEAVES: ReadonlySet<string> = new Set<string>([
  ...['path', 'size', 'modificationTime', 'dataChange', 'stats', 'baseRowId', 'defaultRowCommitVersion'].map((f) => `add.${f}`),
  ...['partitionValues', 'tags'].flatMap((m) => [`add.${m}.key_value.key`, `add.${m}.key_value.value`]),
  ...['path', 'deletionTimestamp', 'dataChange', 'size'].map((f) => `remove.${f}`),
  ...(['add', 'remove'] as const).flatMap((k) => DV_FIELDS.map((f) => `${k}.deletionVector.${f}`)),
]);

/** The leaves without the add statistics: most of a checkpoint's bytes, and no pin needs them. */
export const CHECKPOINT_LEAVES_WITHOUT_STATS: ReadonlySet<string> = new Set([...CHECKPOINT_LEAVES].filter((leaf) => leaf !== 'add.stats'));

/** Thrown to give the file to the row path; never escapes this module. */
class GiveUp {}
const GIVE_UP = new GiveUp();

/**
 * The add or remove action of each row (undefined where a row has neither), or undefined when the row
 * path must read the file. Rows of the other kinds are the caller's: it reads those few columns as rows.
 */
export function readAddRemoveColumns(buffer: ArrayBuffer, metadata: FileMetaData, leaves: ReadonlySet<string> = CHECKPOINT_LEAVES): Array<DeltaAction | undefined> | undefined {
  try {
    const rows = Number(metadata.num_rows);
    if (!Number.isSafeInteger(rows) || rows < 0) return undefined;
    return new ColumnActions(readLeafColumns(buffer, metadata, (path) => leaves.has(path)), rows).all();
  } catch {
    return undefined;
  }
}

/** A non-repeated leaf, one cell per row: where its struct ancestors are present and its value if any. */
interface RowCells {
  /** Definition level per row. */
  readonly levels: readonly number[];
  /** The value per row; undefined where the leaf is null or an ancestor is missing. */
  readonly values: readonly unknown[];
}

class ColumnActions {
  private readonly cells = new Map<string, RowCells>();

  constructor(
    private readonly leaves: ReadonlyMap<string, LeafColumn>,
    private readonly rows: number,
  ) {
    for (const [path, leaf] of leaves) {
      if (leaf.maxRepetition > 0) continue;
      if (leaf.definitionLevels.length !== rows) throw GIVE_UP;
      const values = new Array<unknown>(rows);
      let next = 0;
      for (let r = 0; r < rows; r++) values[r] = leaf.definitionLevels[r] === leaf.maxDefinition ? leaf.values[next++] : undefined;
      this.cells.set(path, { levels: leaf.definitionLevels, values });
    }
  }

  all(): Array<DeltaAction | undefined> {
    const add = this.presence('add');
    const remove = this.presence('remove');
    const partitions = this.maps('add.partitionValues');
    const tags = this.maps('add.tags');
    const out = new Array<DeltaAction | undefined>(this.rows).fill(undefined);
    for (let r = 0; r < this.rows; r++) {
      if (add[r] && remove[r]) throw GIVE_UP;
      if (add[r]) out[r] = { kind: 'add', add: this.add(r, partitions[r], tags[r]) };
      else if (remove[r]) out[r] = { kind: 'remove', remove: this.remove(r) };
    }
    return out;
  }

  /** Rows where the action struct is present, told by its `path` leaf: definition level 1 or more. */
  private presence(kind: Kind): boolean[] {
    const path = this.leaves.get(`${kind}.path`);
    const cells = this.cells.get(`${kind}.path`);
    if (path === undefined || cells === undefined) return new Array<boolean>(this.rows).fill(false);
    // The level test below is right only when the action is an optional struct at the top.
    if (path.schemaPath[0].element.repetition_type !== 'OPTIONAL') throw GIVE_UP;
    return cells.levels.map((level) => level >= 1);
  }

  private value(path: string, r: number): unknown {
    return this.cells.get(path)?.values[r];
  }

  /**
   * One map<string, string> per row, as `stringMap` reads the row form: undefined where the map (or the
   * action) is null. The map's definition levels: the action (1), the map (2), an entry (3), a value (4).
   */
  private maps(prefix: string): Array<Record<string, string | null> | undefined> {
    const out = new Array<Record<string, string | null> | undefined>(this.rows);
    const keys = this.leaves.get(`${prefix}.key_value.key`);
    const values = this.leaves.get(`${prefix}.key_value.value`);
    if (keys === undefined) return out;
    // The levels below hold for the layout Delta writers use: optional action, optional map, repeated
    // key_value, required key.
    if (keys.maxRepetition !== 1 || keys.maxDefinition !== 3 || keys.schemaPath.slice(0, 3).some((s) => s.element.repetition_type === 'REQUIRED')) throw GIVE_UP;
    if (values !== undefined && values.definitionLevels.length !== keys.definitionLevels.length) throw GIVE_UP;
    let row = -1;
    let nextKey = 0;
    let nextValue = 0;
    for (let i = 0; i < keys.definitionLevels.length; i++) {
      if (keys.repetitionLevels[i] === 0) row++;
      const level = keys.definitionLevels[i];
      if (level < 2) continue;
      const map = (out[row] ??= {});
      if (level < 3) continue;
      const key = keys.values[nextKey++];
      let value: unknown = null;
      if (values !== undefined && values.definitionLevels[i] === values.maxDefinition) value = values.values[nextValue++];
      if (typeof key === 'string') map[key] = value === null || value === undefined ? null : String(value);
    }
    if (row !== this.rows - 1) throw GIVE_UP;
    return out;
  }

  /** The deletion vector struct sits one level below the action: present at definition level 2 or more. */
  private deletionVector(kind: Kind, r: number): DeletionVectorRef | undefined {
    const field = (name: DvField): unknown => this.value(`${kind}.deletionVector.${name}`, r);
    const dv = this.cells.get(`${kind}.deletionVector.storageType`);
    if (dv === undefined || dv.levels[r] < 2) return undefined;
    const layout = this.leaves.get(`${kind}.deletionVector.storageType`)?.schemaPath;
    if (layout?.[0].element.repetition_type !== 'OPTIONAL' || layout[1].element.repetition_type !== 'OPTIONAL') throw GIVE_UP;
    const storageType = field('storageType');
    const pathOrInlineDv = field('pathOrInlineDv');
    if (typeof storageType !== 'string' || typeof pathOrInlineDv !== 'string') return undefined;
    return { storageType, pathOrInlineDv, offset: num(field('offset')), sizeInBytes: num(field('sizeInBytes')) ?? 0, cardinality: num(field('cardinality')) ?? 0 };
  }

  private add(r: number, partitionValues: Record<string, string | null> | undefined, tags: Record<string, string | null> | undefined): AddFile {
    const path = this.value('add.path', r);
    const size = num(this.value('add.size', r));
    if (typeof path !== 'string' || path === '' || size === undefined) throw GIVE_UP;
    const stats = this.value('add.stats', r);
    return {
      path,
      partitionValues: partitionValues ?? {},
      size,
      modificationTime: num(this.value('add.modificationTime', r)) ?? 0,
      dataChange: this.value('add.dataChange', r) !== false,
      stats: typeof stats === 'string' ? stats : undefined,
      tags,
      deletionVector: this.deletionVector('add', r),
      baseRowId: num(this.value('add.baseRowId', r)),
      defaultRowCommitVersion: num(this.value('add.defaultRowCommitVersion', r)),
    };
  }

  private remove(r: number): RemoveFile {
    const path = this.value('remove.path', r);
    if (typeof path !== 'string' || path === '') throw GIVE_UP;
    return {
      path,
      deletionTimestamp: num(this.value('remove.deletionTimestamp', r)),
      dataChange: this.value('remove.dataChange', r) !== false,
      size: num(this.value('remove.size', r)),
      deletionVector: this.deletionVector('remove', r),
    };
  }
}
