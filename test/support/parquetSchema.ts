/**
 * Parquet schemas for generated checkpoints and tables (tests and benchmarks), written as a tree: each
 * builder returns the flattened schema elements of one field, so a struct counts its fields itself.
 */

import type { SchemaElement } from 'hyparquet';

type Field = SchemaElement[];

const leaf = (name: string, type: SchemaElement['type'], extra: Partial<SchemaElement> = {}): Field => [{ name, type, repetition_type: 'OPTIONAL', ...extra }];
export const utf8 = (name: string): Field => leaf(name, 'BYTE_ARRAY', { converted_type: 'UTF8' });
export const int32 = (name: string): Field => leaf(name, 'INT32');
export const int64 = (name: string): Field => leaf(name, 'INT64');
export const bool = (name: string): Field => leaf(name, 'BOOLEAN');

export function struct(name: string, ...fields: Field[]): Field {
  return [{ name, repetition_type: 'OPTIONAL', num_children: fields.length }, ...fields.flat()];
}

/** The root of a file's schema. */
export function root(...fields: Field[]): SchemaElement[] {
  return [{ name: 'spark_schema', num_children: fields.length }, ...fields.flat()];
}

/** map<string, string> as Spark writes it. */
export function stringMap(name: string): Field {
  return [
    { name, repetition_type: 'OPTIONAL', converted_type: 'MAP', num_children: 1 },
    { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
    { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    { name: 'value', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  ];
}

/** list<string>. */
export function stringList(name: string): Field {
  return [
    { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  ];
}

/** A Delta deletion vector descriptor. */
export function deletionVector(): Field {
  return struct('deletionVector', utf8('storageType'), utf8('pathOrInlineDv'), int32('offset'), int32('sizeInBytes'), int64('cardinality'));
}
