/**
 * Leaf columns of a Parquet file as Dremel levels and values, with no assembly into rows, lists or
 * structs: for readers that need a few leaves of a wide nested schema over many rows (a Delta checkpoint:
 * 100k adds, of which the table state needs a handful of fields). Pages are decoded by hyparquet's own
 * functions; only the walk over a column chunk's pages is here. hyparquet's row reading assembles every
 * leaf into nested arrays and then into objects, which at 100k rows costs several times the decoding.
 *
 * The caller must have checked the file with `openParquet` (page bounds) first.
 *
 * hyparquet's public API has no page-level access (headers, page decoders), so its internal modules
 * (`hyparquet/src/*.js`) are imported. Their signatures may change in any release: package.json pins
 * hyparquet's exact version, and test/unit/tables/hyparquetPin.test.ts fails on any other.
 */

import type { FileMetaData, SchemaTree } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { convert, convertWithDictionary, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { parquetSchema } from 'hyparquet';
import { readPlain } from 'hyparquet/src/plain.js';
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getTreePath } from 'hyparquet/src/schema.js';

/** hyparquet's page decoders take this; its type is not exported by name. */
type ColumnDecoder = Parameters<typeof readDataPage>[2];
type DecodedArray = ReturnType<typeof readDataPage>['dataPage'];

export interface LeafColumn {
  /** The schema elements from the root's child down to the leaf. */
  readonly schemaPath: readonly SchemaTree[];
  readonly maxDefinition: number;
  readonly maxRepetition: number;
  /** One entry per level triple (a row, or an item of a repeated field), across all row groups. */
  readonly definitionLevels: number[];
  readonly repetitionLevels: number[];
  /** The non-null values only, in order. */
  readonly values: unknown[];
}

/** The leaves whose dotted path `wanted` accepts, keyed by that path. */
export function readLeafColumns(buffer: ArrayBuffer, metadata: FileMetaData, wanted: (path: string) => boolean): Map<string, LeafColumn> {
  const tree = parquetSchema(metadata);
  const leaves = new Map<string, LeafColumn>();
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (meta === undefined) continue;
      const path = meta.path_in_schema.join('.');
      if (!wanted(path)) continue;
      const schemaPath = getTreePath(tree, meta.path_in_schema);
      let leaf = leaves.get(path);
      if (leaf === undefined) {
        leaf = { schemaPath: schemaPath.slice(1), maxDefinition: getMaxDefinitionLevel(schemaPath), maxRepetition: getMaxRepetitionLevel(schemaPath), definitionLevels: [], repetitionLevels: [], values: [] };
        leaves.set(path, leaf);
      }
      const decoder: ColumnDecoder = { pathInSchema: meta.path_in_schema, type: meta.type, element: schemaPath[schemaPath.length - 1].element, schemaPath, codec: meta.codec, parsers: DEFAULT_PARSERS };
      const dictionaryAt = meta.dictionary_page_offset === undefined ? undefined : Number(meta.dictionary_page_offset);
      const dataAt = Number(meta.data_page_offset);
      const start = dictionaryAt !== undefined && dictionaryAt > 0 && dictionaryAt < dataAt ? dictionaryAt : dataAt;
      readChunk(new DataView(buffer, start, Number(meta.total_compressed_size)), Number(meta.num_values), decoder, leaf);
    }
  }
  return leaves;
}

function readChunk(view: DataView, valueCount: number, decoder: ColumnDecoder, leaf: LeafColumn): void {
  const reader = { view, offset: 0 };
  let dictionary: DecodedArray | undefined;
  let seen = 0;
  while (seen < valueCount && reader.offset < view.byteLength) {
    const header = parquetHeader(reader);
    const compressed = new Uint8Array(view.buffer, view.byteOffset + reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    if (header.type === 'DICTIONARY_PAGE') {
      const diph = header.dictionary_page_header;
      if (diph === undefined) throw new Error('dictionary page without its header');
      const page = decompressPage(compressed, Number(header.uncompressed_page_size), decoder.codec, decoder.compressors);
      dictionary = convert(readPlain({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }, decoder.type, diph.num_values, decoder.element.type_length), decoder);
      continue;
    }
    let levels: { definitionLevels: number[] | undefined; repetitionLevels: number[]; dataPage: DecodedArray };
    let encoding;
    let pageValues: number;
    if (header.type === 'DATA_PAGE') {
      const daph = header.data_page_header;
      if (daph === undefined) throw new Error('data page without its header');
      levels = readDataPage(decompressPage(compressed, Number(header.uncompressed_page_size), decoder.codec, decoder.compressors), daph, decoder);
      encoding = daph.encoding;
      pageValues = daph.num_values;
    } else if (header.type === 'DATA_PAGE_V2') {
      const daph2 = header.data_page_header_v2;
      if (daph2 === undefined) throw new Error('data page v2 without its header');
      levels = readDataPageV2(compressed, header, decoder);
      encoding = daph2.encoding;
      pageValues = daph2.num_values;
    } else {
      // Index pages carry no values.
      continue;
    }
    seen += pageValues;
    const values = convertWithDictionary(levels.dataPage, dictionary, encoding, decoder);
    // hyparquet drops a page's definition levels when none is below the maximum (no nulls).
    const definitions = levels.definitionLevels !== undefined && levels.definitionLevels.length > 0 ? levels.definitionLevels : undefined;
    for (let i = 0; i < pageValues; i++) {
      leaf.definitionLevels.push(definitions === undefined ? leaf.maxDefinition : definitions[i]);
      leaf.repetitionLevels.push(levels.repetitionLevels[i] ?? 0);
    }
    for (let i = 0; i < values.length; i++) leaf.values.push(values[i]);
  }
}
