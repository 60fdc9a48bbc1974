/**
 * A Parquet file read by byte ranges: its footer first, then only the column chunks a reader asks for,
 * with neighbouring chunks fetched in one request. Over object storage a Delta checkpoint is mostly add
 * statistics (`add.stats`, `stats_parsed`) the table state never reads, so this fetches a fraction of it.
 * The fetched ranges are laid into one buffer of the file's length at their offsets (the rest stays zero
 * and is never read), so the buffer-based readers (parquet.ts, parquetLeaves.ts) and the page guard work
 * unchanged; each chunk is guarded before anything decodes it. Small files are fetched whole: one request
 * costs more than the bytes saved.
 */

import { parquetMetadata, parquetSchema, type FileMetaData } from 'hyparquet';
import { issue, type PlanIssue } from '../issues';
import type { OpenedParquet } from './parquet';
import { checkParquetPages } from './parquetGuard';

/** Where the bytes come from: a local file or an object in a bucket. */
export interface RangeSource {
  readonly byteLength: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Files up to this size are read in one request. */
export const WHOLE_FILE_BYTES = 1024 * 1024;
/** The tail read first: the footer of a 100k-file checkpoint is a few kB. */
const TAIL_BYTES = 64 * 1024;
/** Two wanted chunks closer than this are fetched as one range. */
const MERGE_GAP_BYTES = 64 * 1024;
/** Ranges fetched at once. */
const PARALLEL_RANGES = 4;

type ColumnFilter = (pathInSchema: readonly string[]) => boolean;

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class RangedParquet {
  private readonly fetched: Array<[number, number]> = [];

  private constructor(
    private readonly source: RangeSource,
    private readonly file: string,
    readonly opened: OpenedParquet,
  ) {}

  /** The footer read and parsed, or issues saying why the file is not readable Parquet. */
  static async open(source: RangeSource, file: string): Promise<RangedParquet | { readonly issues: PlanIssue[] }> {
    const size = source.byteLength;
    const invalid = (why: string): { issues: PlanIssue[] } => ({ issues: [issue('error', 'parquet-invalid', why, { file })] });
    if (size < 12) return invalid('not a Parquet file (too short)');
    const buffer = new ArrayBuffer(size);
    const bytes = new Uint8Array(buffer);
    const whole = size <= WHOLE_FILE_BYTES;
    let tailStart = whole ? 0 : size - TAIL_BYTES;
    bytes.set(await source.read(tailStart, size - tailStart), tailStart);
    const magic = (at: number): boolean => bytes[at] === 0x50 && bytes[at + 1] === 0x41 && bytes[at + 2] === 0x52 && bytes[at + 3] === 0x31;
    if (!magic(size - 4) || (whole && !magic(0))) return invalid('not a Parquet file (no PAR1 magic at both ends)');
    const footerLength = new DataView(buffer).getUint32(size - 8, true);
    if (footerLength + 8 > size - 4) return invalid(`unreadable Parquet footer: it claims ${footerLength} bytes in a ${size}-byte file`);
    const footerStart = size - 8 - footerLength;
    if (footerStart < tailStart) {
      bytes.set(await source.read(footerStart, tailStart - footerStart), footerStart);
      tailStart = footerStart;
    }
    let metadata: FileMetaData;
    let columns: string[];
    try {
      metadata = parquetMetadata(buffer);
      columns = parquetSchema(metadata).children.map((c) => c.element.name);
    } catch (e) {
      return invalid(`unreadable Parquet footer: ${reason(e)}`);
    }
    const ranged = new RangedParquet(source, file, { buffer, metadata, columns });
    ranged.fetched.push([tailStart, size]);
    return ranged;
  }

  /**
   * Fetches the column chunks `include` accepts that are not here yet and checks their pages. Undefined
   * when they can be decoded, else an issue saying why not.
   */
  async load(include: ColumnFilter): Promise<PlanIssue | undefined> {
    const { buffer, metadata } = this.opened;
    const size = buffer.byteLength;
    const wanted: Array<[number, number]> = [];
    for (const group of metadata.row_groups) {
      for (const chunk of group.columns) {
        const meta = chunk.meta_data;
        if (meta === undefined || !include(meta.path_in_schema)) continue;
        const dict = meta.dictionary_page_offset === undefined ? undefined : Number(meta.dictionary_page_offset);
        const data = Number(meta.data_page_offset);
        const start = dict !== undefined && dict > 0 && dict < data ? dict : data;
        const end = start + Number(meta.total_compressed_size);
        if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end && end <= size)) {
          return issue('error', 'parquet-invalid', `refusing to decode: column ${meta.path_in_schema.join('.')} lies outside the file`, { file: this.file });
        }
        if (!this.fetched.some(([a, b]) => a <= start && end <= b)) wanted.push([start, end]);
      }
    }
    const ranges = mergeRanges(wanted);
    const bytes = new Uint8Array(buffer);
    for (let i = 0; i < ranges.length; i += PARALLEL_RANGES) {
      const batch = ranges.slice(i, i + PARALLEL_RANGES);
      const parts = await Promise.all(batch.map(([a, b]) => this.source.read(a, b - a)));
      for (const [j, [a, b]] of batch.entries()) {
        // The file changed or the store cut the answer short: decoding a partial chunk would mislead.
        if (parts[j].byteLength !== b - a) return issue('error', 'parquet-invalid', `asked for ${b - a} bytes at offset ${a}, got ${parts[j].byteLength}`, { file: this.file });
        bytes.set(parts[j], a);
        this.fetched.push([a, b]);
      }
    }
    const unsafe = checkParquetPages(buffer, metadata, include);
    return unsafe === undefined ? undefined : issue('error', 'parquet-invalid', `refusing to decode: ${unsafe}`, { file: this.file });
  }
}

/** Sorted, with ranges closer than MERGE_GAP_BYTES joined. */
export function mergeRanges(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && a - last[1] <= MERGE_GAP_BYTES) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
