/**
 * The table schema from `metaData.schemaString` (protocol spec "Schema Serialization Format"), flattened
 * to top-level fields with a readable type. O(schema size).
 */

import { issue, type PlanIssue } from '../issues';
import { isJsonObject, parseJsonText, type JsonValue } from '../json/parseJson';

export interface SchemaField {
  readonly name: string;
  /** Primitive name (`long`, `string`, `decimal(10,2)`), or `struct<…>`, `array<…>`, `map<…,…>`. */
  readonly type: string;
  readonly nullable: boolean;
}

export function typeName(t: JsonValue | undefined): string {
  if (typeof t === 'string') return t;
  if (!isJsonObject(t)) return 'unknown';
  switch (t.type) {
    case 'struct':
      return `struct<${(Array.isArray(t.fields) ? t.fields : []).map((f) => (isJsonObject(f) ? `${String(f.name)}: ${typeName(f.type)}` : '?')).join(', ')}>`;
    case 'array':
      return `array<${typeName(t.elementType)}>`;
    case 'map':
      return `map<${typeName(t.keyType)}, ${typeName(t.valueType)}>`;
    default:
      return typeof t.type === 'string' ? t.type : 'unknown';
  }
}

export function parseDeltaSchema(schemaString: string, file: string): { fields: SchemaField[]; issues: PlanIssue[] } {
  const parsed = parseJsonText(schemaString, file, { checkDuplicates: false });
  const v = parsed.value;
  if (!isJsonObject(v) || !Array.isArray(v.fields)) {
    return { fields: [], issues: [issue('error', 'delta-schema-invalid', 'metaData.schemaString is not a struct schema', { file })] };
  }
  const fields = v.fields.filter(isJsonObject).map((f) => ({ name: String(f.name), type: typeName(f.type), nullable: f.nullable !== false }));
  return { fields, issues: [] };
}
