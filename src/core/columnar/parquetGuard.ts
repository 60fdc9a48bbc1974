/**
 * Bounds check of a Parquet file's pages before hyparquet decodes them. hyparquet trusts page headers:
 * a hostile `num_values` or page size makes it grow arrays until V8 aborts the whole process (a fatal
 * error, not an exception), as several fuzzer-found files of the corpus do. Walking the page headers of
 * every column chunk costs O(pages) and reads no values; a file passes only if each chunk lies inside the
 * file, its pages tile the chunk, page value counts add up to no more than the chunk's, and no chunk or page
 * exceeds the limits below.
 *
 * hyparquet's public API has no page-level access (headers, page decoders), so its internal modules
 * (`hyparquet/src/*.js`) are imported. Their signatures may change in any release: package.json pins
 * hyparquet's exact version, and test/unit/tables/hyparquetPin.test.ts fails on any other.
 */

import type { FileMetaData } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';

/** Values in one column chunk: far above any diagnostics table, far below what would exhaust memory. */
export const MAX_CHUNK_VALUES = 1 << 25;
/** Bytes of one decompressed page. */
export const MAX_PAGE_BYTES = 256 * 1024 * 1024;

/**
 * Undefined when the pages are within bounds, else the reason. `include` limits the walk to the column
 * chunks that will be decoded (by path in the schema): a file read by ranges holds only those.
 */
export function checkParquetPages(buffer: ArrayBuffer, metadata: FileMetaData, include: (pathInSchema: readonly string[]) => boolean = () => true): string | undefined {
  try {
    return walkPages(buffer, metadata, include);
  } catch (e) {
    // Hostile metadata can hold bigints where numbers belong, or the reverse.
    return `malformed metadata (${e instanceof Error ? e.message : String(e)})`;
  }
}

function walkPages(buffer: ArrayBuffer, metadata: FileMetaData, include: (pathInSchema: readonly string[]) => boolean): string | undefined {
  const view = new DataView(buffer);
  const fileEnd = buffer.byteLength;
  for (const [g, group] of metadata.row_groups.entries()) {
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (meta === undefined || !include(meta.path_in_schema)) continue;
      const where = `row group ${g}, column ${meta.path_in_schema.join('.')}`;
      const chunkValues = Number(meta.num_values);
      if (!(chunkValues >= 0 && chunkValues <= MAX_CHUNK_VALUES)) return `${where}: ${meta.num_values} values is over the limit of ${MAX_CHUNK_VALUES}`;
      const dict = meta.dictionary_page_offset === undefined ? undefined : Number(meta.dictionary_page_offset);
      const data = Number(meta.data_page_offset);
      const start = dict !== undefined && dict > 0 && dict < data ? dict : data;
      const end = start + Number(meta.total_compressed_size);
      if (!(start >= 0 && end <= fileEnd && start <= end)) return `${where}: the chunk lies outside the file`;
      let offset = start;
      let values = 0;
      while (offset < end) {
        const reader = { view, offset };
        let header;
        try {
          header = parquetHeader(reader);
        } catch (e) {
          return `${where}: unreadable page header (${e instanceof Error ? e.message : String(e)})`;
        }
        const size = Number(header.compressed_page_size);
        const next = reader.offset + size;
        if (!(size >= 0 && next <= end)) return `${where}: a page runs past the end of its chunk`;
        if (!(Number(header.uncompressed_page_size) >= 0 && Number(header.uncompressed_page_size) <= MAX_PAGE_BYTES)) return `${where}: a page claims ${header.uncompressed_page_size} bytes uncompressed`;
        const pageValues = Number(header.data_page_header?.num_values ?? header.data_page_header_v2?.num_values ?? 0);
        const dictValues = Number(header.dictionary_page_header?.num_values ?? 0);
        if (!(pageValues >= 0 && dictValues >= 0 && dictValues <= MAX_CHUNK_VALUES)) return `${where}: a page has an invalid value count`;
        values += pageValues;
        if (values > chunkValues) return `${where}: pages hold more values (${values}) than the chunk declares (${chunkValues})`;
        offset = next;
      }
    }
  }
  return undefined;
}
