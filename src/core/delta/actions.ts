/**
 * Delta log actions (protocol spec "Actions"): the typed form of one line of a JSON commit or one row of
 * a Parquet checkpoint. `toAction` validates a decoded value field by field and never throws; checkpoint
 * rows carry int64 values as bigint, JSON lines as numbers, and both end up as numbers here.
 * O(size of the action).
 */

import type { JsonObject, JsonValue } from '../json/parseJson';
import { toJsonSafe } from '../columnar/jsonSafe';

export interface DeletionVectorRef {
  readonly storageType: string;
  readonly pathOrInlineDv: string;
  readonly offset?: number;
  readonly sizeInBytes: number;
  readonly cardinality: number;
}

export interface AddFile {
  /** The path as written in the log (a relative or absolute URI, percent-encoded). */
  readonly path: string;
  readonly partitionValues: Readonly<Record<string, string | null>>;
  readonly size: number;
  readonly modificationTime: number;
  readonly dataChange: boolean;
  /** JSON text of the file statistics, kept unparsed: parsing 100k of them costs more than the replay. */
  readonly stats?: string;
  readonly tags?: Readonly<Record<string, string | null>>;
  readonly deletionVector?: DeletionVectorRef;
  readonly baseRowId?: number;
  readonly defaultRowCommitVersion?: number;
}

export interface RemoveFile {
  readonly path: string;
  readonly deletionTimestamp?: number;
  readonly dataChange: boolean;
  readonly size?: number;
  readonly deletionVector?: DeletionVectorRef;
}

export interface Protocol {
  readonly minReaderVersion: number;
  readonly minWriterVersion: number;
  readonly readerFeatures?: readonly string[];
  readonly writerFeatures?: readonly string[];
}

export interface Metadata {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly format: { readonly provider: string; readonly options: Readonly<Record<string, string | null>> };
  readonly schemaString: string;
  readonly partitionColumns: readonly string[];
  readonly configuration: Readonly<Record<string, string | null>>;
  readonly createdTime?: number;
}

export interface Txn {
  readonly appId: string;
  readonly version: number;
  readonly lastUpdated?: number;
}

export interface DomainMetadata {
  readonly domain: string;
  readonly configuration: string;
  readonly removed: boolean;
}

export interface Sidecar {
  readonly path: string;
  readonly sizeInBytes?: number;
}

export type DeltaAction =
  | { readonly kind: 'add'; readonly add: AddFile }
  | { readonly kind: 'remove'; readonly remove: RemoveFile }
  | { readonly kind: 'protocol'; readonly protocol: Protocol }
  | { readonly kind: 'metaData'; readonly metaData: Metadata }
  | { readonly kind: 'txn'; readonly txn: Txn }
  | { readonly kind: 'commitInfo'; readonly commitInfo: JsonObject }
  | { readonly kind: 'domainMetadata'; readonly domainMetadata: DomainMetadata }
  | { readonly kind: 'sidecar'; readonly sidecar: Sidecar }
  | { readonly kind: 'checkpointMetadata'; readonly checkpointMetadata: JsonObject }
  | { readonly kind: 'cdc' };

export type ActionResult = { readonly action: DeltaAction } | { readonly error: string } | { readonly unknown: string } | { readonly skip: true };

type Fields = Record<string, unknown>;

function isRecord(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** A number from a JSON number, a checkpoint's bigint or decimal text; undefined otherwise. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Parquet checkpoints hold maps either as objects or as arrays of {key, value}. */
function stringMap(v: unknown): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const put = (k: unknown, val: unknown): void => {
    if (typeof k === 'string') out[k] = val === null || val === undefined ? null : String(val);
  };
  if (v instanceof Map) {
    for (const [k, val] of v) put(k, val);
  } else if (Array.isArray(v)) {
    for (const e of v) if (isRecord(e)) put(e.key, e.value);
  } else if (isRecord(v)) {
    for (const [k, val] of Object.entries(v)) put(k, val);
  }
  return out;
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

function deletionVector(v: unknown): DeletionVectorRef | undefined {
  if (!isRecord(v)) return undefined;
  const storageType = str(v.storageType);
  const pathOrInlineDv = str(v.pathOrInlineDv);
  if (storageType === undefined || pathOrInlineDv === undefined) return undefined;
  return { storageType, pathOrInlineDv, offset: num(v.offset), sizeInBytes: num(v.sizeInBytes) ?? 0, cardinality: num(v.cardinality) ?? 0 };
}

/** The protocol's `uniqueId` of a deletion vector; with the path it identifies a logical file. */
export function deletionVectorId(dv: DeletionVectorRef | undefined): string {
  if (dv === undefined) return '';
  return dv.offset === undefined ? dv.storageType + dv.pathOrInlineDv : `${dv.storageType}${dv.pathOrInlineDv}@${dv.offset}`;
}

/** Reconciliation key: a remove cancels the add with the same path and deletion vector. */
export function fileKey(path: string, dv: DeletionVectorRef | undefined): string {
  return `${decodeLogPath(path)}\u0000${deletionVectorId(dv)}`;
}

/** Log paths are percent-encoded URIs; a malformed escape is kept as written rather than rejected. */
export function decodeLogPath(path: string): string {
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function add(v: Fields): AddFile | string {
  const path = str(v.path);
  if (path === undefined || path === '') return 'add without a path';
  const size = num(v.size);
  if (size === undefined) return `add of ${path} without a numeric size`;
  const stats = v.stats === null || v.stats === undefined ? undefined : str(v.stats);
  return {
    path,
    partitionValues: stringMap(v.partitionValues),
    size,
    modificationTime: num(v.modificationTime) ?? 0,
    dataChange: v.dataChange !== false,
    stats,
    tags: v.tags === null || v.tags === undefined ? undefined : stringMap(v.tags),
    deletionVector: deletionVector(v.deletionVector),
    baseRowId: num(v.baseRowId),
    defaultRowCommitVersion: num(v.defaultRowCommitVersion),
  };
}

function remove(v: Fields): RemoveFile | string {
  const path = str(v.path);
  if (path === undefined || path === '') return 'remove without a path';
  return { path, deletionTimestamp: num(v.deletionTimestamp), dataChange: v.dataChange !== false, size: num(v.size), deletionVector: deletionVector(v.deletionVector) };
}

function protocol(v: Fields): Protocol | string {
  const minReaderVersion = num(v.minReaderVersion);
  const minWriterVersion = num(v.minWriterVersion);
  if (minReaderVersion === undefined || minWriterVersion === undefined) return 'protocol without minReaderVersion/minWriterVersion';
  return { minReaderVersion, minWriterVersion, readerFeatures: stringList(v.readerFeatures), writerFeatures: stringList(v.writerFeatures) };
}

function metaData(v: Fields): Metadata | string {
  const id = str(v.id);
  const schemaString = str(v.schemaString);
  if (id === undefined || schemaString === undefined) return 'metaData without id or schemaString';
  const format = isRecord(v.format) ? v.format : {};
  return {
    id,
    name: str(v.name),
    description: str(v.description),
    format: { provider: str(format.provider) ?? 'parquet', options: stringMap(format.options) },
    schemaString,
    partitionColumns: stringList(v.partitionColumns) ?? [],
    configuration: stringMap(v.configuration),
    createdTime: num(v.createdTime),
  };
}

function asJsonObject(v: Fields): JsonObject {
  const out = toJsonSafe(v);
  return out !== null && typeof out === 'object' && !Array.isArray(out) ? out : {};
}

/** One action from a decoded log line or checkpoint row: `{ "<kind>": { ... } }`. */
export function toAction(raw: JsonValue | Fields): ActionResult {
  if (!isRecord(raw)) return { error: 'an action must be a JSON object' };
  // Checkpoint rows have one column per action kind; all but one are null.
  const keys = Object.keys(raw).filter((k) => raw[k] !== null && raw[k] !== undefined);
  if (keys.length === 0) return { skip: true };
  if (keys.length > 1) return { error: `one action per line expected, found ${keys.join(', ')}` };
  const kind = keys[0];
  const body = raw[kind];
  if (!isRecord(body)) return { error: `action "${kind}" must be an object` };
  const wrap = <T>(r: T | string, make: (x: T) => DeltaAction): ActionResult => (typeof r === 'string' ? { error: r } : { action: make(r) });
  switch (kind) {
    case 'add':
      return wrap(add(body), (a) => ({ kind: 'add', add: a }));
    case 'remove':
      return wrap(remove(body), (r) => ({ kind: 'remove', remove: r }));
    case 'protocol':
      return wrap(protocol(body), (p) => ({ kind: 'protocol', protocol: p }));
    case 'metaData':
      return wrap(metaData(body), (m) => ({ kind: 'metaData', metaData: m }));
    case 'txn': {
      const appId = str(body.appId);
      const version = num(body.version);
      if (appId === undefined || version === undefined) return { error: 'txn without appId or version' };
      return { action: { kind: 'txn', txn: { appId, version, lastUpdated: num(body.lastUpdated) } } };
    }
    case 'commitInfo':
      return { action: { kind: 'commitInfo', commitInfo: asJsonObject(body) } };
    case 'domainMetadata': {
      const domain = str(body.domain);
      if (domain === undefined) return { error: 'domainMetadata without a domain' };
      return { action: { kind: 'domainMetadata', domainMetadata: { domain, configuration: str(body.configuration) ?? '', removed: body.removed === true } } };
    }
    case 'sidecar': {
      const path = str(body.path);
      if (path === undefined) return { error: 'sidecar without a path' };
      return { action: { kind: 'sidecar', sidecar: { path, sizeInBytes: num(body.sizeInBytes) } } };
    }
    case 'checkpointMetadata':
      return { action: { kind: 'checkpointMetadata', checkpointMetadata: asJsonObject(body) } };
    case 'cdc':
      return { action: { kind: 'cdc' } };
    default:
      // The protocol lets newer writers add action kinds; older readers skip them.
      return { unknown: kind };
  }
}
