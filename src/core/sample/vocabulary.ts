/**
 * Names and shapes the sample pipeline draws from: CodeAnatomy-like extract datasets, view names, column
 * types, DataFusion settings and a UDF catalog. Plain data; the generator picks from it with its PRNG.
 */

export interface Column {
  readonly name: string;
  /** `str(pyarrow type)`, as in the graph's `required_types`. */
  readonly type: string;
}

const col = (name: string, type: string): Column => ({ name, type });

/** Raw extract datasets (Delta tables the plan pins), with their Arrow schemas. */
export const RAW_DATASETS: readonly { readonly name: string; readonly columns: readonly Column[] }[] = [
  { name: 'repo_files_v1', columns: [col('file_id', 'string'), col('path', 'string'), col('size_bytes', 'int64'), col('file_sha256', 'string'), col('repo', 'string')] },
  { name: 'ast_files_v1', columns: [col('file_id', 'string'), col('path', 'string'), col('node_count', 'int64'), col('parse_ok', 'bool'), col('ast_blob', 'string')] },
  { name: 'libcst_files_v1', columns: [col('file_id', 'string'), col('path', 'string'), col('cst_blob', 'string'), col('line_count', 'int64')] },
  { name: 'symtable_files_v1', columns: [col('file_id', 'string'), col('scope_id', 'string'), col('symbol', 'string'), col('scope_kind', 'string'), col('lineno', 'int64')] },
  { name: 'bytecode_files_v1', columns: [col('file_id', 'string'), col('code_id', 'string'), col('opname', 'string'), col('offset', 'int64'), col('lineno', 'int64')] },
  { name: 'tree_sitter_files_v1', columns: [col('file_id', 'string'), col('node_kind', 'string'), col('bstart', 'int64'), col('bend', 'int64')] },
  { name: 'scip_index_v1', columns: [col('document', 'string'), col('symbol', 'string'), col('role', 'int64'), col('range_start', 'int64'), col('range_end', 'int64')] },
  { name: 'git_history_v1', columns: [col('file_id', 'string'), col('commit_sha', 'string'), col('author', 'string'), col('committed_at', 'int64')] },
];

export const VIEW_SOURCES: readonly string[] = ['ast', 'cst', 'symtable', 'bytecode', 'ts', 'scip', 'git', 'file'];
export const VIEW_THINGS: readonly string[] = ['defs', 'refs', 'calls', 'imports', 'spans', 'scopes', 'params', 'attrs', 'docstrings', 'literals', 'blocks', 'edges'];
export const REL_THINGS: readonly string[] = ['callsite', 'def_use', 'import_graph', 'scope_tree', 'symbol_xref', 'type_hint', 'span_map', 'blame', 'module_deps', 'class_tree', 'flow', 'name_res'];
export const CPG_THINGS: readonly string[] = ['nodes', 'edges', 'props', 'spans', 'symbols', 'files', 'metrics', 'index'];

/** Columns that views derive; each view keeps a few input columns and adds some of these. */
export const DERIVED_COLUMNS: readonly Column[] = [
  col('node_id', 'string'), col('edge_id', 'string'), col('span_start', 'int64'), col('span_end', 'int64'), col('symbol_id', 'string'),
  col('qualname', 'string'), col('kind', 'string'), col('src_node_id', 'string'), col('dst_node_id', 'string'), col('confidence', 'double'),
  col('is_exported', 'bool'), col('module', 'string'), col('line', 'int64'), col('col', 'int64'), col('score', 'double'),
];

export const DF_SETTINGS: Readonly<Record<string, string>> = {
  'datafusion.catalog.information_schema': 'true',
  'datafusion.execution.batch_size': '8192',
  'datafusion.execution.collect_statistics': 'true',
  'datafusion.execution.parquet.pushdown_filters': 'true',
  'datafusion.execution.target_partitions': '8',
  'datafusion.optimizer.max_passes': '3',
  'datafusion.optimizer.repartition_joins': 'true',
  'datafusion.sql_parser.enable_ident_normalization': 'false',
};

/** The UDF catalog: name, kind, rewrite tags, return type. */
export const UDFS: readonly { readonly name: string; readonly kind: 'scalar' | 'aggregate' | 'window' | 'table'; readonly tags: readonly string[]; readonly returns: string }[] = [
  { name: 'stable_hash64', kind: 'scalar', tags: ['hash'], returns: 'int64' },
  { name: 'stable_id', kind: 'scalar', tags: ['hash', 'id'], returns: 'string' },
  { name: 'prefixed_hash64', kind: 'scalar', tags: ['hash'], returns: 'string' },
  { name: 'span_make', kind: 'scalar', tags: ['span'], returns: 'struct<bstart: int64, bend: int64>' },
  { name: 'col_to_byte', kind: 'scalar', tags: ['position'], returns: 'int64' },
  { name: 'utf8_normalize', kind: 'scalar', tags: ['string'], returns: 'string' },
  { name: 'list_unique', kind: 'aggregate', tags: ['list'], returns: 'list<item: string>' },
  { name: 'first_value_agg', kind: 'aggregate', tags: [], returns: 'string' },
  { name: 'row_index', kind: 'window', tags: [], returns: 'int64' },
  { name: 'range_table', kind: 'table', tags: [], returns: 'table' },
];

export const DOMAIN_PLANNERS: readonly string[] = ['codeanatomy_domain_planner'];
